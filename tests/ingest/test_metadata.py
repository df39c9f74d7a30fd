"""Paper metadata: the as-of date a paper gives itself, and when a file's saved date helps."""

import datetime as dt

import pytest

from planrecon.ingest.metadata import read_metadata
from tests.conftest import sample_paper

TITLE = ["BARNET SUPPORTING PEOPLE 2006/7 ACTION PLAN"]
HEADERS = ["Ref", "QUARTER 1 - PROGRESS & COMMENTS"]


@pytest.mark.parametrize(("lines", "as_of", "words"), [
    (["Forward Action Plan - October 2006"], "2006-10-31", "October 2006"),
    (["Annual Plan report", "2 July 2009"], "2009-07-02", "2 July 2009"),
    (["DRAFT – 14.12.07"], "2007-12-14", "14.12.07"),
    (["Adults performance report Q2 2014/15"], "2014-09-30", "Q2 2014/15"),
])
def test_a_date_printed_on_the_paper(lines, as_of, words):
    _, date, found, _ = read_metadata(lines, "")
    assert (date.isoformat(), found) == (as_of, words)


def test_a_quarter_alone_gives_the_quarter_end():
    _, date, words, _ = read_metadata(TITLE, "", HEADERS)
    assert (date, words) == (dt.date(2006, 6, 30), "Q1 2006/7")


def test_a_quarterly_report_saved_after_the_quarter_is_as_of_that_day():
    _, date, words, _ = read_metadata(TITLE, "", HEADERS, saved=dt.date(2006, 9, 11))
    assert (date, words) == (dt.date(2006, 9, 11), "Q1 2006/7 (saved 11 Sep 2006)")


@pytest.mark.parametrize("saved", [dt.date(2006, 5, 2), dt.date(2008, 3, 1)])
def test_a_saved_date_outside_the_reporting_months_is_not_used(saved):
    """Saved before the quarter ended, or years later (a re-saved copy): the quarter stands."""
    _, date, _, _ = read_metadata(TITLE, "", HEADERS, saved=saved)
    assert date == dt.date(2006, 6, 30)


def test_a_printed_date_beats_the_saved_date():
    _, date, _, _ = read_metadata(["October 2006"], "", saved=dt.date(2006, 11, 20))
    assert date == dt.date(2006, 10, 31)


@pytest.mark.parametrize(("lines", "text", "as_of"), [
    (["Action log 11.01.11"], "", "2011-01-11"),
    (["Action log", "02 03 11"], "", "2011-03-02"),
    (["Paper (3) 04072012", "Actions report"], "", "2012-07-04"),
    (["Actions report 20120704"], "", "2012-07-04"),
    (["Paper 040712"], "Agreed at the 2012 meeting of the panel.", "2012-07-04"),
    (["ACTIONS REPORT", "4 JULY 2012"], "Actions arising from the last meeting on 1st May 2012.",
     "2012-07-04"),
])
def test_the_papers_own_date_line_in_several_spellings(lines, text, as_of):
    """A short date line heads the paper; a sentence quoting a meeting's date does not."""
    _, date, _, where = read_metadata(lines, text)
    assert (date.isoformat(), where) == (as_of, "title")


@pytest.mark.parametrize(("lines", "text"), [
    (["Actions as of 19 July"], "The 2012 programme of the panel."),
    (["Progress at 19th Jul"], "Plan for 2012"),
])
def test_a_day_and_month_take_the_year_printed_elsewhere(lines, text):
    _, date, words, _ = read_metadata(lines, text)
    assert date == dt.date(2012, 7, 19)
    assert "year 2012" in words


@pytest.mark.parametrize(("name", "as_of"), [
    ("panel/110923 LPDP action report.doc", "2011-09-23"),
    ("panel/Action Report May 2012_10.odt", "2012-05-31"),
    ("panel/Actions Report 4 July 2012 Meeting.doc", "2012-07-04"),
    ("goals/FY2018_Q2_Getting_Payments_Right.pdf", "2018-09-30"),
    ("log-2013-02-28.xlsx", "2013-02-28"),  # ISO, never 13 Feb 2028
    ("log-13.xlsx", None),
])
def test_the_file_name_is_the_last_resort(name, as_of):
    _, date, _, where = read_metadata(["Action report"], "No date in the text.", source_file=name)
    assert (date.isoformat() if date else None, where) == (as_of, "file name" if as_of else "")


def test_a_date_printed_in_the_paper_beats_the_file_name():
    _, date, _, where = read_metadata(["Report", "March 2012"], "", source_file="110923 r.doc")
    assert (date, where) == (dt.date(2012, 3, 31), "title")


def test_the_file_name_wins_when_the_text_also_prints_it():
    """A Q2 update recalling Q1 first: the file name's Q2 is printed too, so two sources agree."""
    text = ("In Q1 FY 2018, the team finalised its metric and its targets.\n"
            "In FY 2018 Q2 the team began to report progress on every strategy.")
    _, date, words, where = read_metadata(["Goal action plan"], text,
                                          source_file="FY2018_Q2_goal.pdf")
    assert (date, where) == (dt.date(2018, 9, 30), "file name")
    assert "also in the text" in words


@pytest.mark.parametrize(("paper", "as_of", "words"), [
    ("halton/service-plan-2008-11.docx", "2008-04-30", "April 2008"),
    ("halton/service-plan-2008-11.pdf", "2008-04-30", "April 2008"),
    ("halton/service-plan-2009-12.pdf", "2009-04-30", "April 2009"),
    ("halton/service-plan-2010-13.pdf", "2010-04-30", "April 2010"),
    ("kent-sp/annual-plan-report-2009-07-02.docx", "2009-07-02", "2 July 2009"),
    ("kent-sp/annual-plan-report-2009-07-02.pdf", "2009-07-02", "2 July 2009"),
    ("barnet-adults/q2-2014-15-performance-report.pdf", "2014-09-30", "Q2 2014/15"),
    ("barnet-adults/q3-2014-15-performance-report.pdf", "2014-12-31", "Q3 2014/15"),
])
def test_the_sample_word_and_pdf_papers_are_dated_as_they_print(paper, as_of, words):
    """As each prints it on its cover (Halton's plan "April 2008 to March 2011" dates from its
    first month); the sample spreadsheets are held in test_xlsx_reader."""
    read = sample_paper(paper)
    assert (read.as_of.isoformat(), read.as_of_text, read.as_of_from) == (as_of, words, "title")
