"""Validation reports bad rows with where to find them; the good rows go on."""

import pandas as pd

from planrecon.ingest import IssueCode
from planrecon.normalise.schema import ACTION_ROW, ActionsSchema, validate_lazy


def _row(**changes) -> dict:
    row = {column: "" for column in ACTION_ROW}
    row.update(source_file="plan.xlsx", source_locator="Plan!A5", action="Do it",
               owners=(), due_kind="empty", status="unknown", rag="none")
    row.update(changes)
    return row


def test_bad_rows_are_reported_not_silently_dropped():
    frame = pd.DataFrame([
        _row(),
        _row(source_locator="Plan!A6", due_kind="someday"),
        _row(source_locator="Plan!A7", action=""),
        _row(source_locator="Plan!A8", due_date="2007-02-30", due_kind="day"),
        _row(source_locator="Plan!A9", due_date="2007-03-31", due_kind="month"),
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
    frame = pd.DataFrame([_row(due_kind="month", due_date="")])
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
