"""Progress / RAG cell -> contract status and rag, checked against the shared
hand-checked vectors, plus fill colours as Excel workbooks actually use them."""


import pytest

from planrecon.normalise.status import RAGS, STATUSES, parse_status, rag_from_fill
from tests.conftest import vector_rows

ROWS = vector_rows("statuses.csv")
IDS = [f"{i:03d}:{row['raw_progress'][:30]}|{row['raw_rag']}" for i, row in enumerate(ROWS)]


def test_vectors_present():
    assert len(ROWS) == 100


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_vector(row):
    assert parse_status(row["raw_progress"], row["raw_rag"]) == (row["status"], row["rag"])


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_vector_outputs_are_contract_values(row):
    status, rag = parse_status(row["raw_progress"], row["raw_rag"] or None)
    assert status in STATUSES and rag in RAGS


@pytest.mark.parametrize(
    ("fill", "rag"),
    [
        ("FF0000", "red"),
        ("FFFF0000", "red"),  # openpyxl ARGB
        ("00FF0000", "red"),  # alpha byte ignored
        ("#C00000", "red"),  # Excel "Dark Red"
        ("FFC7CE", "red"),  # Excel "Bad" style
        ("00B050", "green"),  # Excel "Green"
        ("92D050", "green"),  # Excel "Light Green"
        ("00FF00", "green"),
        ("008000", "green"),
        ("C6EFCE", "green"),  # Excel "Good" style
        ("FFC000", "amber"),  # Excel "Orange"/amber
        ("FFFF00", "amber"),  # yellow used as amber
        ("FF9900", "amber"),
        ("ffc000", "amber"),
        ("FFEB9C", "amber"),  # Excel "Neutral" style
    ],
)
def test_rag_fills(fill, rag):
    assert rag_from_fill(fill) == rag


@pytest.mark.parametrize(
    "fill",
    [
        None,
        "",
        "FFFFFF",  # white
        "FFFFFFFF",
        "000000",  # black / openpyxl "no colour"
        "00000000",
        "D9D9D9",  # grey
        "F2F2F2",
        "808080",
        "DCE6F1",  # pale blue header tint
        "4F81BD",  # blue header
        "1F4E78",
        "7030A0",  # purple
        "not a colour",
        "12345",
    ],
)
def test_non_rag_fills(fill):
    assert rag_from_fill(fill) is None


def test_fill_colour_is_used_when_the_cell_has_no_text():
    assert parse_status("Work continuing", None, "FF00B050") == ("on_track", "green")
    assert parse_status("", "", "FFC000") == ("at_risk", "amber")


def test_cell_text_wins_over_its_fill():
    assert parse_status("", "Red", "00B050") == ("off_track", "red")


def test_header_fill_gives_no_rag():
    assert parse_status("Delayed by procurement", None, "DCE6F1") == ("at_risk", "none")


def test_quoted_colour_is_not_a_rating():
    assert parse_status("One identified as 'red' remainder of good standard") == (
        "unknown",
        "none",
    )


@pytest.mark.parametrize(
    ("progress", "expected"),
    [
        ("Completed.", "complete"),
        ("- Done", "complete"),
        ("Recruitment incomplete", "unknown"),
        ("Not yet achieved", "unknown"),
        ("Not started yet", "not_started"),
        ("Delivered without delay", "unknown"),
        ("Carried over to 2010-11", "rolled_over"),
        ("Not on target", "unknown"),
    ],
)
def test_progress_words(progress, expected):
    assert parse_status(progress)[0] == expected


@pytest.mark.parametrize(("cell", "rag"), [("G", "green"), ("A/G", "amber"), ("r", "red")])
def test_rag_letters(cell, rag):
    assert parse_status("", cell)[1] == rag
