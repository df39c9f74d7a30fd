"""The shared helpers every reader reads text and colours with: white space folded one way,
one bullet grammar, one way a cell's lines become its text, one colour form."""

from __future__ import annotations

import pytest

from planrecon.ingest.items import bulleted_lines, cell_text
from planrecon.ingest.text import clean_lines, clean_text, is_lone_bullet, list_item


@pytest.mark.parametrize(("raw", "folded"), [
    ("  Review\u00a0rents  ", "Review rents"),
    ("Review\trents\nand\r\nservice   charges", "Review rents and service charges"),
    ("Mar\u20032009\u202f(AOF35)", "Mar 2009 (AOF35)"),
    ("\u00a0\t\n", ""),
    ("", ""),
    (None, ""),
])
def test_clean_text_folds_every_kind_of_white_space(raw, folded):
    assert clean_text(raw) == folded


def test_clean_lines_keeps_line_breaks_and_drops_blank_lines():
    assert clean_lines([" Agree\u00a0 plan ", "\t", "", "Review\tby  March"]) == [
        "Agree plan", "Review by March"]
    assert clean_lines([]) == []


@pytest.mark.parametrize(("line", "body"), [
    ("• Tender", "Tender"),
    ("•Tender", "Tender"),
    ("  ▪  Extend contract", "Extend contract"),
    ("\uf0b7 Symbol-font bullet", "Symbol-font bullet"),
    ("- Consult providers", "Consult providers"),
    ("– Consult providers", "Consult providers"),
    ("* Consult providers", "Consult providers"),
    ("o Second-level item", "Second-level item"),
    ("► Agree plan", "Agree plan"),
    ("→Agree plan", "Agree plan"),
    ("✓ Service users comments fed into strategy", "✓ Service users comments fed into strategy"),
    ("✗ Not done", "✗ Not done"),
    ("•", ""),
])
def test_a_bullet_starts_an_item_and_only_a_tick_stays(line, body):
    assert list_item(line) == body


@pytest.mark.parametrize("line", [
    "1.5 million", "1.2 Review the policy", "a) Review", "-5% is not a bullet", "-", "- ",
    "►", "→", "other providers", "*", "Sept 06 - see sheet 2", "", "Review rents",
])
def test_numbers_dashes_in_figures_lone_arrows_and_words_are_not_items(line):
    assert list_item(line) is None


@pytest.mark.parametrize(("text", "lone"), [
    ("•", True), (" \uf0a7 ", True), ("✓", True), ("■", True),
    ("► ", False), ("-", False), ("• Tender", False), ("", False), ("o", False),
])
def test_a_lone_bullet_is_one_glyph_or_tick_alone(text, lone):
    assert is_lone_bullet(text) is lone


def test_cell_text_joins_items_with_semicolons_and_prose_with_spaces():
    paragraphs = [(["Options:"], False), (["Tender", "(by March)"], True),
                  (["• Extend contract", "for one year"], False), (["✓ done"], False)]
    assert cell_text(paragraphs) == (
        "Options:; Tender (by March); Extend contract for one year; ✓ done")
    assert cell_text([(["Plain", "wrapped line"], False), (["runs on"], False)]) == (
        "Plain wrapped line runs on")


def test_cell_text_keeps_a_lone_mark_and_reads_a_bullet_on_a_line_of_its_own():
    assert cell_text([(["►"], False)]) == "►"
    assert cell_text([(["✓"], False)]) == "✓"
    assert cell_text([]) == ""
    # a bullet glyph with its text on the next line (once an IndexError)
    assert cell_text([(["•", "Agree plan"], False)]) == "Agree plan"


def test_spreadsheet_lines_split_only_on_a_bullet_after_the_first_line():
    assert bulleted_lines("Review rents\nand service charges") == (
        "Review rents\nand service charges")
    assert bulleted_lines("• Only the first\nline is bulleted") == (
        "• Only the first\nline is bulleted")
    assert bulleted_lines("To include:-\n✓ comments\n✓ easy read\n  version") == (
        "To include:-; ✓ comments; ✓ easy read version")
    assert bulleted_lines("Budget\n1.5 million\n- 5% on last year") == (
        "Budget 1.5 million; 5% on last year")
