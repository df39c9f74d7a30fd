"""The shared helpers every reader reads text and colours with: white space folded one way,
one bullet grammar, one way a cell's lines become its text, one colour form."""

from __future__ import annotations

import pytest
from openpyxl.styles import Color, PatternFill

from planrecon.ingest.colours import colour_hex, fill_hex
from planrecon.ingest.items import bulleted_lines, cell_text
from planrecon.ingest.text import clean_lines, clean_text, folded, is_lone_bullet, list_item
from planrecon.ingest.xlsx_colours import cell_fill_hex, rule_fill_hex


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


def test_folded_compares_two_printings_whatever_their_spaces_and_case():
    assert folded("Review  Rents\u00a0and\nService charges ") == "review rents and service charges"
    assert folded(None) == ""


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


@pytest.mark.parametrize(("colour", "hexed"), [
    ("FF00B050", "00B050"),  # openpyxl ARGB: the alpha byte is not shown
    ("00B050", "00B050"),
    ("#00b050", "00B050"),  # OpenDocument
    (" ffc000 ", "FFC000"),
    ("FFFFFF", "FFFFFF"),
    ("auto", None), ("nil", None), ("", None), ("FFF", None), ("GG0000", None), (None, None),
    (0, "000000"), (1, "FFFFFF"), ((0.5,), "80"*3),  # pdfplumber grey
    ((1, 0, 0), "FF0000"), ([0.0, 0.69, 0.31], "00B04F"),  # RGB
    ((0, 1, 1, 0), "FF0000"), ((0, 0, 0, 1), "000000"),  # CMYK
    ((1.2, -0.1, 0), "FF0000"),  # out of range: clamped
    ((1, 0), None), (("a",), None), (object(), None),
])
def test_colour_hex_reads_every_form_a_reader_meets(colour, hexed):
    assert colour_hex(colour) == hexed


def test_fill_hex_drops_white_and_non_colours():
    assert fill_hex("FF00B050") == "00B050"
    assert fill_hex("FFFFFFFF") is None
    assert fill_hex((1, 1, 1)) is None
    assert fill_hex("auto") is None
    assert fill_hex(None) is None


@pytest.mark.parametrize(("color", "hexed"), [
    (Color(rgb="FF00B050"), "00B050"),
    (Color(rgb="00C00000"), "C00000"),
    (Color(indexed=10), "FF0000"),  # Excel's palette
    (Color(indexed=9), None),  # white
    (Color(theme=4, tint=0.4), None),  # theme colours are not resolved
    (Color(auto=True), None),
])
def test_an_excel_fill_is_read_through_the_one_colour_hex(color, hexed):
    assert cell_fill_hex(PatternFill(fill_type="solid", fgColor=color)) == hexed
    assert cell_fill_hex(PatternFill(fill_type=None, fgColor=color)) is None


def test_a_conditional_format_colour_is_its_background_black_and_white_aside():
    assert rule_fill_hex(PatternFill(bgColor=Color(rgb="FFFFC000"))) == "FFC000"
    assert rule_fill_hex(PatternFill(bgColor=Color(rgb="FF000000"))) is None
    assert rule_fill_hex(PatternFill(bgColor=Color(theme=1), fgColor=Color(rgb="FF92D050"))) == (
        "92D050")
    assert rule_fill_hex(None) is None
