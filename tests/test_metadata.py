"""Paper metadata: the as-of date a paper gives itself, and when a file's saved date helps."""

import datetime as dt

import pytest

from planrecon.ingest.metadata import read_metadata

TITLE = ["BARNET SUPPORTING PEOPLE 2006/7 ACTION PLAN"]
HEADERS = ["Ref", "QUARTER 1 - PROGRESS & COMMENTS"]


@pytest.mark.parametrize(("lines", "as_of", "words"), [
    (["Forward Action Plan - October 2006"], "2006-10-31", "October 2006"),
    (["Annual Plan report", "2 July 2009"], "2009-07-02", "2 July 2009"),
    (["DRAFT – 14.12.07"], "2007-12-14", "14.12.07"),
    (["Adults performance report Q2 2014/15"], "2014-09-30", "Q2 2014/15"),
])
def test_a_date_printed_on_the_paper(lines, as_of, words):
    _, date, found = read_metadata(lines, "")
    assert (date.isoformat(), found) == (as_of, words)


def test_a_quarter_alone_gives_the_quarter_end():
    _, date, words = read_metadata(TITLE, "", HEADERS)
    assert (date, words) == (dt.date(2006, 6, 30), "Q1 2006/7")


def test_a_quarterly_report_saved_after_the_quarter_is_as_of_that_day():
    _, date, words = read_metadata(TITLE, "", HEADERS, saved=dt.date(2006, 9, 11))
    assert (date, words) == (dt.date(2006, 9, 11), "Q1 2006/7 (saved 11 Sep 2006)")


@pytest.mark.parametrize("saved", [dt.date(2006, 5, 2), dt.date(2008, 3, 1)])
def test_a_saved_date_outside_the_reporting_months_is_not_used(saved):
    """Saved before the quarter ended, or years later (a re-saved copy): the quarter stands."""
    _, date, _ = read_metadata(TITLE, "", HEADERS, saved=saved)
    assert date == dt.date(2006, 6, 30)


def test_a_printed_date_beats_the_saved_date():
    _, date, _ = read_metadata(["October 2006"], "", saved=dt.date(2006, 11, 20))
    assert date == dt.date(2006, 10, 31)
