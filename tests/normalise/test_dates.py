"""Due cells -> Due(date, kind, start): the shared hand-checked vectors, the traps the
contract names, and properties that must hold for any text at all."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planrecon.normalise.dates import DUE_KINDS, Due, parse_due, parse_embedded_due
from tests.conftest import vector_rows

UNDATED_KINDS = {"recurring", "ongoing", "open", "done", "unparsed", "empty"}



def _iso(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


ROWS = vector_rows("due_dates.csv")
IDS = [f"{i:03d}:{row['raw'][:40]}" for i, row in enumerate(ROWS)]


def test_vectors_present():
    assert len(ROWS) == 260


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_vector(row):
    expected = Due(_iso(row["due_date"]), row["due_kind"], _iso(row["start_date"]))
    # Halton Key Milestone sentences carry their date inside the action text (rule 7).
    if "embedded date" in row["note"]:
        got = parse_embedded_due(row["raw"])
    else:
        got = parse_due(row["raw"], _iso(row["version_date"]))
    assert got == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nov-06", Due(dt.date(2006, 11, 30), "month")),
        ("Q4 06/7", Due(dt.date(2007, 3, 31), "quarter")),
        ("2008 - 09", Due(dt.date(2009, 3, 31), "financial_year")),
        ("31/04/2008", Due(None, "unparsed")),
        ("12/06/2008", Due(dt.date(2008, 6, 12), "day")),
        ("June 14", Due(dt.date(2014, 6, 30), "month")),
        ("Dc 06", Due(dt.date(2006, 12, 31), "month")),
        ("Sept - Feb 08", Due(dt.date(2008, 2, 29), "month", dt.date(2007, 9, 1))),
        ("Q5 2008/09", Due(None, "unparsed")),
        ("Spring 2008", Due(None, "unparsed")),
        ("2008 - 2012", Due(dt.date(2012, 12, 31), "year", dt.date(2008, 1, 1))),
        ("2008-03-31 00:00:00", Due(dt.date(2008, 3, 31), "day")),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_traps(raw, expected):
    assert parse_due(raw) == expected


def test_immediate_is_the_version_date():
    version = dt.date(2009, 7, 2)
    assert parse_due("immediate", version) == Due(version, "day")
    assert parse_due("Immediate", dt.datetime(2009, 7, 2, 10, 30)) == Due(version, "day")


def test_immediate_without_version_date_fixes_no_date():
    assert parse_due("immediate") == Due(None, "open")


def test_no_year_is_never_taken_from_today():
    for raw in ("6th November", "May for early view.", "Q4", "w/c 13th October"):
        assert parse_due(raw) == Due(None, "unparsed")


def test_embedded_takes_the_last_date_not_the_latest():
    sentence = "Deliver the strategy during 2010/11 Dec 2009. (AOF27 & 30)"
    assert parse_embedded_due(sentence) == Due(dt.date(2009, 12, 31), "month")


def test_embedded_without_a_date_is_none():
    assert parse_embedded_due("Monitor and review all HP2 milestones (AOF 31)") is None
    assert parse_embedded_due("") is None


def test_months_used_as_words_are_not_dates():
    assert parse_due("the work may slip").kind == "unparsed"
    assert parse_due("DC to lead and report in June").kind == "unparsed"


def _check_invariants(due: Due) -> None:
    assert due.kind in DUE_KINDS
    assert (due.date is None) == (due.kind in UNDATED_KINDS)
    if due.date is not None and due.start is not None:
        assert due.start <= due.date


@given(st.one_of(st.none(), st.text()), st.one_of(st.none(), st.dates()))
def test_any_text_parses(text, version_date):
    _check_invariants(parse_due(text, version_date))


_PIECES = st.sampled_from([
    "Nov", "Sept", "Dc", "March", "Q3", "Q4", "quarter", "FY", "from", "onwards", "between",
    "and", "to", "-", "–", "/", ".", ",", " ", "06", "7", "08/09", "2008", "1999", "2099",
    "31", "29", "Feb", "00", "ongoing", "tba", "immediate", "mid", "(AOF3)", "\u00a0", "ſ",
    "\u2018", "\u2019", "'", "started", "commenced", "began", "since", "not", "years", "1-2",
])


@given(st.lists(_PIECES, max_size=12).map("".join), st.one_of(st.none(), st.dates()))
def test_date_shaped_text_parses(text, version_date):
    """Text built from the grammar's own pieces reaches the rules, not just the fallbacks."""
    _check_invariants(parse_due(text, version_date))
    embedded = parse_embedded_due(text)
    if embedded is not None:
        _check_invariants(embedded)


@pytest.mark.parametrize("raw", [
    "March \u201825", "March \u201925", "March '25", "March`25", "Mar\u2019 25", "Mar \u2032 25",
    "March \u2018 2025", "\u201cMarch \u201925\u201d", "Mar\u2019\u201925",
])
def test_typographic_quotes_read_as_plain(raw):
    assert parse_due(raw) == Due(dt.date(2025, 3, 31), "month")


@pytest.mark.parametrize("raw", [
    "commenced X", "Commenced: X", "commenced in X", "started X", "Started in X",
    "work started on X", "began X", "Began in X", "work on the strategy began X",
    "commencing X", "ongoing since X", "Since X",
])
@pytest.mark.parametrize(("when", "first"), [
    ("April 2024", dt.date(2024, 4, 1)), ("Sept \u201923", dt.date(2023, 9, 1)),
    ("2021/22", dt.date(2021, 4, 1)), ("Q3 2022/23", dt.date(2022, 10, 1)),
    ("12/06/2023", dt.date(2023, 6, 12)), ("Jan07", dt.date(2007, 1, 1)),
])
def test_a_start_word_makes_the_date_a_start(raw, when, first):
    """Rule 6: `commenced X`, `started X`, `began X` read like `from X`, whatever X is."""
    assert parse_due(raw.replace("X", when)) == Due(None, "ongoing", first)


def test_a_start_and_a_deadline_keep_both():
    assert parse_due("started March \u201824 \u2013 due Dec \u201925") == Due(
        dt.date(2025, 12, 31), "month", dt.date(2024, 3, 1))
    assert parse_due("Start: Jan 2024 End: Dec 2024") == Due(
        dt.date(2024, 12, 31), "month", dt.date(2024, 1, 1))


def test_not_started_is_no_start():
    assert parse_due("Not started Mar 2025") == Due(dt.date(2025, 3, 31), "month")


@pytest.mark.parametrize(("raw", "expected"), [
    ("Dec 2024, March 2025", Due(dt.date(2025, 3, 31), "month")),
    ("March 2025, Dec 2024", Due(dt.date(2025, 3, 31), "month")),
    ("31/03/2025 or 30/06/2025", Due(dt.date(2025, 6, 30), "day")),
    ("June 2025 (was March 2025)", Due(dt.date(2025, 6, 30), "month")),
    ("Q4 2024/25; revised to Q2 2025/26", Due(dt.date(2025, 9, 30), "quarter")),
    ("2024/25 and 2025/26", Due(dt.date(2026, 3, 31), "financial_year")),
    ("first draft Sept \u201924, final Jan \u201925", Due(dt.date(2025, 1, 31), "month")),
])
def test_several_dates_keep_the_latest_deadline(raw, expected):
    """Rule 1, whichever order the dates are written in."""
    assert parse_due(raw) == expected


@pytest.mark.parametrize("raw", [
    "1-2 years", "2 - 3 years", "12 months", "six months", "18 mths", "within 6 months",
    "within six months of appointment", "over the next 2 years", "3 to 5 yrs",
    "once in post", "Once funding is agreed", "when the post is filled",
    "after the election", "following the review", "Upon completion of phase 1",
    "pending Cabinet decision", "subject to funding", "dependent on recruitment",
    "on completion of the audit", "medium term", "Long-term", "short term",
    "by end of year", "End of the financial year", "year end", "next year",
])
def test_a_phrase_with_no_anchor_is_open(raw):
    """No date is guessed for a length of time, an event or a horizon with no year."""
    assert parse_due(raw) == Due(None, "open")
    assert parse_due(raw, dt.date(2024, 6, 30)) == Due(None, "open")
