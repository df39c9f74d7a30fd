"""Validation reports bad rows with where to find them; the good rows go on."""

import datetime as dt

import pandas as pd

from planrecon.ingest import IssueCode, Paper
from planrecon.normalise import PaperReading, combine, paper_facts
from planrecon.normalise.dates import DUE_KINDS
from planrecon.normalise.schema import (
    ACTION_ROW,
    DATES,
    INDICATOR_ROW,
    ActionsSchema,
    IndicatorsSchema,
    validate_lazy,
)
from planrecon.normalise.status import RAGS, STATUSES


def _row(**changes) -> dict:
    row = {column: pd.NaT if column in DATES else "" for column in ACTION_ROW}
    row.update(source_file="plan.xlsx", source_locator="Plan!A5", action="Do it",
               owners=(), due_kind="empty", status="unknown", rag="none")
    row.update(changes)
    return row


def test_bad_rows_are_reported_not_silently_dropped():
    frame = pd.DataFrame([
        _row(),
        _row(source_locator="Plan!A6", due_kind="someday"),
        _row(source_locator="Plan!A7", action=""),
        _row(source_locator="Plan!A8", due_date="2007-02-30", due_kind="day"),  # text, no date
        _row(source_locator="Plan!A9", due_date=dt.date(2007, 3, 31), due_kind="month"),
    ])
    valid, issues = validate_lazy(frame, ActionsSchema)
    assert list(valid["source_locator"]) == ["Plan!A5", "Plan!A9"]
    reported = {(i.source_locator, i.column) for i in issues}
    assert ("Plan!A6", "due_kind") in reported
    assert ("Plan!A7", "action") in reported
    assert ("Plan!A8", "due_date") in reported
    assert all(i.code is IssueCode.SCHEMA and i.source_file == "plan.xlsx" for i in issues)
    assert {i.source_locator for i in issues} | set(valid["source_locator"]) == set(
        frame["source_locator"])


def test_dated_kind_without_a_date_is_caught():
    frame = pd.DataFrame([_row(due_kind="month")])
    valid, issues = validate_lazy(frame, ActionsSchema)
    assert valid.empty
    assert issues and "due date" in issues[0].message


def test_a_failing_row_is_told_in_words_with_what_it_reads():
    """The officer sees what is wrong and the row's own cells, not a check's name."""
    frame = pd.DataFrame([_row(action="", ref="7.1", section="Diversity"),
                          _row(source_locator="Plan!A6", status="maybe")])
    _, issues = validate_lazy(frame, ActionsSchema)
    messages = {i.source_locator: i.message for i in issues}
    assert messages["Plan!A5"] == ("action is empty: the row is listed here instead "
                                   "(it reads ref '7.1'; section 'Diversity')")
    assert messages["Plan!A6"].startswith("status is not one of the contract's values")


def test_rows_carry_exactly_the_declared_columns_in_their_order():
    """strict and ordered: a column out of place or unknown is reported on every row, never
    passed on for a later stage to guess at."""
    frame = pd.DataFrame([_row(), _row(source_locator="Plan!A6")])
    valid, issues = validate_lazy(frame, ActionsSchema)
    assert list(valid.columns) == ACTION_ROW and not issues
    for wrong in (frame[list(reversed(ACTION_ROW))], frame.assign(stray="x"),
                  frame.drop(columns="table_unit")):
        valid, issues = validate_lazy(wrong, ActionsSchema)
        assert valid.empty and {i.source_locator for i in issues} == {"Plan!A5", "Plan!A6"}


def test_dates_and_the_contracts_words_come_out_typed():
    """Later stages compare and sort dates, never text, and see which words there can be."""
    frame = pd.DataFrame([_row(due_date=dt.date(2007, 3, 31), due_kind="month",
                               start_date=dt.date(2007, 3, 1), version_date=dt.date(2006, 10, 31),
                               status="on_track", rag="green"),
                          _row(source_locator="Plan!A6")])
    valid, issues = validate_lazy(frame, ActionsSchema)
    assert not issues
    for column in ("due_date", "start_date", "version_date"):
        assert valid[column].dtype == "datetime64[ns]", column
    assert list(valid["due_date"]) == [pd.Timestamp("2007-03-31"), pd.NaT]
    assert valid["version_date"].isna().tolist() == [False, True]
    for column, words in (("status", STATUSES), ("rag", RAGS), ("due_kind", DUE_KINDS)):
        assert isinstance(valid[column].dtype, pd.CategoricalDtype), column
        assert list(valid[column].cat.categories) == list(words), column
    assert list(valid["status"]) == ["on_track", "unknown"]


def test_a_date_handed_as_text_is_refused_for_its_row_once():
    """Readers hand dates; text in a date column ('31/03/2007') is not guessed at: its row
    is listed, once, and the others go on."""
    frame = pd.DataFrame([_row(due_date="31/03/2007", due_kind="day"),
                          _row(source_locator="Plan!A6", due_date=dt.date(2007, 3, 31),
                               due_kind="day")])
    valid, issues = validate_lazy(frame, ActionsSchema)
    assert list(valid["source_locator"]) == ["Plan!A6"]
    assert valid["due_date"].tolist() == [pd.Timestamp("2007-03-31")]
    assert [(i.source_locator, i.column, i.value) for i in issues] == [
        ("Plan!A5", "due_date", "31/03/2007")]
    assert issues[0].message.startswith("due_date is not a date (YYYY-MM-DD)")


def test_an_empty_frame_comes_out_typed_too():
    """A paper with no actions hands on the same types as one with many."""
    indicators, issues = validate_lazy(pd.DataFrame(columns=INDICATOR_ROW), IndicatorsSchema)
    assert indicators.empty and not issues
    assert indicators["result_period"].dtype == "datetime64[ns]"
    assert list(indicators["rag"].cat.categories) == list(RAGS)
    actions = combine([]).actions
    assert actions.empty and actions["due_date"].dtype == "datetime64[ns]"
    assert list(actions["status"].cat.categories) == list(STATUSES)


def _reading(name: str, rows: list[dict]) -> PaperReading:
    paper = Paper(name, "xlsx", "")
    return PaperReading(paper_facts([paper]), pd.DataFrame(rows, columns=ACTION_ROW),
                        pd.DataFrame(columns=INDICATOR_ROW), [], [])


def test_papers_validated_together_report_their_refused_rows_paper_by_paper():
    """`combine` validates every paper's rows at once; what it refuses is listed as if each
    paper had been validated alone, in the papers' order, and every row is kept or listed."""
    first = _reading("a.xlsx", [_row(source_file="a.xlsx", status="maybe"),
                                _row(source_file="a.xlsx", source_locator="Plan!A6"),
                                _row(source_file="a.xlsx", source_locator="Plan!A7",
                                     action="")])
    second = _reading("b.xlsx", [_row(source_file="b.xlsx", action=""),
                                 _row(source_file="b.xlsx", source_locator="Plan!A6",
                                      status="maybe"),
                                 _row(source_file="b.xlsx", source_locator="Plan!A7")])
    normalised = combine([first, second])
    alone = [issue for reading in (first, second)
             for issue in validate_lazy(reading.actions, ActionsSchema)[1]]
    assert [(i.source_file, i.source_locator, i.message) for i in normalised.issues] == [
        (i.source_file, i.source_locator, i.message) for i in alone]
    assert {(i.source_file, i.source_locator) for i in normalised.issues} == {
        ("a.xlsx", "Plan!A5"), ("a.xlsx", "Plan!A7"), ("b.xlsx", "Plan!A5"),
        ("b.xlsx", "Plan!A6")}
    kept = normalised.actions
    assert list(zip(kept["source_file"], kept["source_locator"], strict=True)) == [
        ("a.xlsx", "Plan!A6"), ("b.xlsx", "Plan!A7")]
    assert kept["status"].dtype == "category"
