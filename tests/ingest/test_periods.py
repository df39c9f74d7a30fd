"""One period grammar (`ingest.periods`): every stage that reads a period gives one answer.

Each case here was once read two ways by two stages (due dates, as-of dates, column
headings, plan periods); the tests ask every stage that can read the text.
"""

import datetime as dt

import pytest

from planrecon.ingest.metadata import find_quarter, read_metadata
from planrecon.ingest.periods import clean, quarter_period, tokens
from planrecon.normalise._column_vocab import fold
from planrecon.normalise.dates import Due, parse_due
from planrecon.normalise.paper_facts import plan_period


def _periods(text: str):
    cleaned = clean(text)
    return [(cleaned[t.begin:t.end], t.period) for t in tokens(cleaned) if t.period]


def test_a_range_of_calendar_years_is_one_period_to_every_stage():
    """`2008-2019`: calendar years 2008 to 2019, a plan period and a due date alike
    (plan_period once took it for a financial year because 9 follows 8)."""
    assert parse_due("Plan 2008-2019") == Due(dt.date(2019, 12, 31), "year", dt.date(2008, 1, 1))
    assert plan_period("Plan 2008-2019") == "2008-2019"
    [(_, period)] = _periods("Plan 2008-2019")
    assert (period.kind, period.ranged) == ("year", True)
    assert fold("Budget 2008-2019").slug == "budget_2008_2019"


@pytest.mark.parametrize("text", ["2008-19", "Plan 2008-19", "2008/12"])
def test_a_year_joined_to_a_part_that_does_not_follow_on_names_no_period(text):
    """`2008-19` could be 2008/09 mistyped or 2008-2019 shortened: no stage guesses.
    The due cell goes to the Data quality sheet; the plan has no period, so its
    versions are told apart by their dates, not by a period the paper may not mean."""
    assert parse_due(text) == Due(None, "unparsed")
    assert plan_period(text) == ""
    assert _periods(text) == []


@pytest.mark.parametrize("text", ["Quarter 3 1999/00", "Q3 1999/00", "Qtr 3 1999/00"])
def test_a_quarter_of_a_financial_year_across_the_century(text):
    """Q3 of 1999/00 is Oct-Dec 1999, as a due date and as a paper's as-of date."""
    assert parse_due(text) == Due(dt.date(1999, 12, 31), "quarter")
    assert find_quarter(text)[0] == dt.date(1999, 12, 31)
    assert plan_period(text) == "1999/00"


@pytest.mark.parametrize(("text", "end"), [
    ("Q1 FY 2018", dt.date(2018, 6, 30)),
    ("FY2018 Q2", dt.date(2018, 9, 30)),
    ("Q4 2008/09", dt.date(2009, 3, 31)),
    ("Q3 2006", dt.date(2006, 9, 30)),  # one calendar year written: a calendar quarter
])
def test_quarters_are_financial_unless_a_calendar_year_is_explicit(text, end):
    assert parse_due(text) == Due(end, "quarter")
    assert read_metadata([f"Progress report {text}"], "").as_of == end


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2008/09", dt.date(2008, 4, 1), dt.date(2009, 3, 31)),
    ("2008 - 09", dt.date(2008, 4, 1), dt.date(2009, 3, 31)),
    ("08/09", dt.date(2008, 4, 1), dt.date(2009, 3, 31)),
    ("2006.7", dt.date(2006, 4, 1), dt.date(2007, 3, 31)),
])
def test_financial_years_read_alike_in_due_cells_headings_and_plan_titles(text, start, end):
    [(_, period)] = _periods(text)
    assert (period.start, period.end, period.kind) == (start, end, "financial_year")
    assert parse_due(text) == Due(end, "financial_year")
    assert plan_period(f"Action Plan {text}") == text.replace(" ", "")
    assert fold(f"Target {text}").slug == f"target_{start.year}_{end.year % 100:02d}"


def test_quarter_period_runs_april_to_march():
    ends = [quarter_period(q, 2008).end for q in (1, 2, 3, 4)]
    assert ends == [dt.date(2008, 6, 30), dt.date(2008, 9, 30), dt.date(2008, 12, 31),
                    dt.date(2009, 3, 31)]
    assert quarter_period(1, 2008, financial=False).end == dt.date(2008, 3, 31)


def test_a_heading_quarter_without_a_year_is_set_aside_from_its_words():
    folded = fold("QUARTER 1 - PROGRESS & COMMENTS")
    assert folded.words == ("progress", "and", "comments")
    assert [p.slug for p in folded.periods] == ["q1"]


def test_a_paper_dates_itself_only_with_a_year_in_full():
    """`Jan 18` in a due cell is January 2018 (rule 2); in a paper's own text it may be
    18 January (a US update's `(Jan 18 - Mar 18)`), so it never dates the paper."""
    assert parse_due("Jan 18") == Due(dt.date(2018, 1, 31), "month")
    text = "Summary of Progress in the Last Quarter (Jan 18 - Mar 18)"
    assert read_metadata(["Action plan"], text).as_of is None
    assert read_metadata(["Action plan"], "Progress to January 2018").as_of == dt.date(2018, 1, 31)
