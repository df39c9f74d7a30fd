"""Indicator tables as councils print them, beyond the seed papers' headings.

Each layout is a small table built here and read through normalise: a summary of RAG
now / RAG before / direction of travel, an indicator | timescale | progress table,
floors and limits as targets, years across the top, and budgets and risk registers
that must be set aside whole with one line, never read as indicators.
"""

from __future__ import annotations

import pytest

from planrecon.ingest import Cell, IssueCode, Paper, Row, RowKind, Table
from planrecon.normalise import NormaliseConfig, normalise

NAMES = [
    "Percentage of calls to the contact centre answered within 20 seconds",
    "Number of households living in temporary accommodation",
    "Percentage of invoices paid within 30 days",
    "Average days to process a new housing benefit claim",
    "Percentage of adults in contact with secondary mental health services in employment",
]


def _paper(headings: list[str], columns: list[list[str]], name: str = "kpi.xlsx",
           text: str = "") -> Paper:
    letters = "ABCDEFGHIJ"
    header = tuple(Cell(h, f"Sheet1!{letters[i]}1") for i, h in enumerate(headings))
    table = Table(name, "Sheet1", 1, "", [], [], header=header)
    table.rows = [
        Row(tuple(Cell(col[n], f"Sheet1!{letters[i]}{n + 2}") for i, col in enumerate(columns)),
            RowKind.DATA, f"Sheet1!A{n + 2}")
        for n in range(len(columns[0]))
    ]
    return Paper(name, "xlsx", "0", text=text, tables=[table])


def _read(paper: Paper):
    result = normalise([paper], NormaliseConfig.load())
    return result, result.indicators.to_dict("records")


RAG_NOW = ["Green", "Red", "Amber", "Green", "Amber"]
RAG_BEFORE = ["Amber", "Red", "Green", "Green", "Red"]


@pytest.mark.parametrize("headings,before_first,direction", [
    (["Measure", "RAG now", "RAG before", "Direction of travel"], False,
     ["↑", "↓", "→", "▲", "▼"]),
    (["KPI", "Previous RAG", "Current RAG", "Trend"], True,
     ["Improving", "Worse", "Same", "improving", "worse"]),
    (["Indicator", "Last quarter", "This quarter", "DoT"], True, ["↑", "↓", "→", "▲", "▼"]),
    (["Performance measure", "Rating", "Was", "Travel"], False,
     ["up", "down", "no change", "up", "down"]),
])
def test_rag_summary_with_direction_of_travel(headings, before_first, direction):
    rag_cols = [RAG_BEFORE, RAG_NOW] if before_first else [RAG_NOW, RAG_BEFORE]
    result, rows = _read(_paper(headings, [NAMES, *rag_cols, direction]))
    assert [r["description"] for r in rows] == NAMES, result.tables.to_dict("records")
    assert [r["rag"] for r in rows] == [x.lower() for x in RAG_NOW]
    assert [r["previous"] for r in rows] == RAG_BEFORE
    assert [r["direction"] for r in rows] == direction


TIMESCALE = ["Quarterly", "Mar 2025", "Q3 2024/25", "Monthly", "2024/25"]
PROGRESS = ["95%", "312", "97.5%", "21 days", "6.2%"]


@pytest.mark.parametrize("headings", [
    ["Indicator", "Timescale", "Progress"],
    ["Key performance indicator", "Reporting period", "Position at quarter end"],
    ["PI", "When", "Performance"],
])
def test_indicator_timescale_progress(headings):
    result, rows = _read(_paper(headings, [NAMES, TIMESCALE, PROGRESS]))
    assert result.actions.empty, result.tables.to_dict("records")
    assert [(r["description"], r["period"], r["result"]) for r in rows] == list(
        zip(NAMES, TIMESCALE, PROGRESS, strict=True))


LATEST = ["96%", "301", "99.1%", "18", "6.0%"]
FLOOR = ["90%", "350", "95%", "25", "5%"]


@pytest.mark.parametrize("word", ["Floor", "Minimum", "Limit", "Threshold", "Standard"])
@pytest.mark.parametrize("first", ["Measure", "Description"])
def test_floors_limits_and_minimums_are_targets(word, first):
    result, rows = _read(_paper([first, "Latest", word], [NAMES, LATEST, FLOOR]))
    assert [(r["description"], r["result"], r["target"]) for r in rows] == list(
        zip(NAMES, LATEST, FLOOR, strict=True)), result.tables.to_dict("records")


Y1 = ["91%", "280", "98%", "22", "5.1%"]
Y2 = ["93%", "295", "98.4%", "20", "5.6%"]


@pytest.mark.parametrize("years", [["2019/20", "2020/21", "2021/22"], ["2021", "2022", "2023"],
                                   ["19/20", "20/21", "21/22"]])
def test_years_across_the_top(years):
    result, rows = _read(_paper(["Indicator", *years], [NAMES, Y1, Y2, LATEST]))
    assert [(r["description"], r["previous"], r["result"]) for r in rows] == list(
        zip(NAMES, Y2, LATEST, strict=True)), result.tables.to_dict("records")
    assert {r["period"] for r in rows} == {years[-1]}


def test_quarters_across_the_top_beside_a_target():
    headings = ["Ref", "Performance indicator", "Target 2024/25", "Q1", "Q2", "Q3", "RAG"]
    refs = ["PI 1", "PI 2", "PI 3", "PI 4", "PI 5"]
    result, rows = _read(_paper(headings, [refs, NAMES, FLOOR, Y1, Y2, LATEST, RAG_NOW]))
    assert [(r["ref"], r["target"], r["previous"], r["result"], r["period"], r["rag"])
            for r in rows] == list(zip(refs, FLOOR, Y2, LATEST, ["Q3"] * 5,
                                       [x.lower() for x in RAG_NOW], strict=True))


def _one_line(result, name="kpi.xlsx"):
    lines = [i for i in result.issues if i.source_file == name
             and i.code in (IssueCode.NOT_ACTION_TABLE, IssueCode.SCHEMA)]
    assert len(lines) == 1, [i.message for i in lines]
    assert lines[0].code is IssueCode.NOT_ACTION_TABLE
    return lines[0]


SERVICES = ["Adult social care", "Children's services", "Housing", "Libraries", "Waste"]


@pytest.mark.parametrize("headings,cells", [
    (["Service", "Budget", "Spend", "Variance £", "Forecast outturn"],
     [["£1,200k", "£3,400k", "£800k", "£250k", "£1,900k"]] * 4),
    (["Description", "Original Budget £000", "Actual £000", "Variance"],
     [["1,200", "3,400", "800", "250", "1,900"]] * 3),
    (["Area", "Target spend", "Actual", "Difference"],
     [["£1,200", "£3,400", "£800", "£250", "£1,900"]] * 3),
])
def test_budget_tables_are_set_aside_with_one_line(headings, cells):
    result, rows = _read(_paper(headings, [SERVICES, *cells]))
    assert rows == [] and result.actions.empty
    assert "budget" in _one_line(result).message


def test_risk_register_is_set_aside_with_one_line():
    headings = ["Risk", "Likelihood", "Impact", "Score", "Mitigation", "Owner"]
    cells = [NAMES, ["3", "2", "4", "1", "2"], ["4", "4", "3", "2", "5"],
             ["12", "8", "12", "2", "10"], ["Monitor monthly"] * 5, ["Head of Service"] * 5]
    result, rows = _read(_paper(headings, cells))
    assert rows == [] and result.actions.empty
    assert "risk register" in _one_line(result).message


BLOCKS = [
    ("Calls answered within 20 seconds", "Latest: 97% Target: 97% Floor: 90% Previous: 97% (Green)",
     {"result": "97%", "target": "97%", "previous": "97%", "rag": "green"}),
    ("Households in temporary accommodation", "Current: 301; Limit: 350; Last year: 312 (Amber)",
     {"result": "301", "target": "350", "previous": "312", "rag": "amber"}),
    ("Invoices paid within 30 days", "Actual: 99.1%\nMinimum: 95%\nBaseline: 98.4%",
     {"result": "99.1%", "target": "95%", "previous": "98.4%", "rag": "none"}),
]


def _expected(block):
    name, _, figures = block
    return {"description": name, **figures}


def _got(row):
    return {k: row[k] for k in ("description", "result", "target", "previous", "rag")}


@pytest.mark.parametrize("joined", [True, False])
def test_indicators_written_in_the_narrative(joined):
    text = "Performance this quarter was broadly stable.\n\n" + "\n".join(
        f"{name}: {body}" if joined else f"{name}\n{body}" for name, body, _ in BLOCKS)
    paper = Paper("report.pdf", "pdf", "0", text=text)
    result, rows = _read(paper)
    assert [_got(r) for r in rows] == [_expected(b) for b in BLOCKS]
    assert all(r["source_locator"].startswith("text line ") for r in rows)


def test_indicators_written_in_a_one_column_table():
    cells = [f"{name}\n{body}" for name, body, _ in BLOCKS]
    result, rows = _read(_paper(["Key performance indicators"], [cells]))
    assert [_got(r) for r in rows] == [_expected(b) for b in BLOCKS]
    assert [r["source_locator"] for r in rows] == ["Sheet1!A2", "Sheet1!A3", "Sheet1!A4"]
    assert not [i for i in result.issues if i.code is IssueCode.NO_ACTION_PLAN]


def test_narrative_without_labelled_figures_gives_no_indicators():
    text = ("Note: the figures below are provisional.\nStatus: the report was agreed by "
            "Cabinet.\nTarget: to be set next year")
    assert _read(Paper("report.pdf", "pdf", "0", text=text))[1] == []


MEETINGS = ["12/01/2024", "12/01/2024", "09/02/2024", "09/02/2024", "08/03/2024"]
ACTIONS = [
    "Circulate the revised terms of reference to all board members",
    "Bring a costed proposal for the winter pressures scheme to the next meeting",
    "Write to the ICB about delays in hospital discharge assessments",
    "Arrange a workshop on the refreshed carers strategy with partners",
    "Report back on the uptake of direct payments among older people",
]
OWNERS = ["Board Secretary", "J. Patel", "Director of Adult Services", "Carers Lead", "AD"]
DEADLINES = ["Feb 2024", "09/02/2024", "March 2024", "Q1 2024/25", "30/04/2024"]
STATUSES = ["Complete", "Complete", "On track", "Not started", "Delayed"]


@pytest.mark.parametrize("headings,columns", [
    (["Meeting date", "Action", "Owner", "Deadline", "Status"],
     [MEETINGS, ACTIONS, OWNERS, DEADLINES, STATUSES]),
    (["Milestone", "Due date", "Status", "Owner"], [ACTIONS, DEADLINES, STATUSES, OWNERS]),
    (["Date raised", "Agreed action", "Who", "By when", "Update"],
     [MEETINGS, ACTIONS, OWNERS, DEADLINES, STATUSES]),
])
def test_action_logs_and_milestone_tables_are_action_plans(headings, columns):
    result, _ = _read(_paper(headings, columns))
    got = result.actions.to_dict("records")
    assert [r["action"] for r in got] == ACTIONS, result.tables.to_dict("records")
    assert [r["owner_raw"] for r in got] == OWNERS
    assert [r["due_raw"] for r in got] == DEADLINES
    assert result.indicators.empty


def test_workbook_of_kpi_layouts_through_ingest(tmp_path):
    """A workbook built here, read by the xlsx reader: a RAG summary whose colours are
    cell fills, and a budget sheet set aside with one line. (Years across the top are
    tested in memory above: ingest's header detection does not yet take a row of bare
    years as headings.)"""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    from planrecon.ingest import read_paper

    fills = {"green": "00B050", "amber": "FFC000", "red": "FF0000"}
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(["Measure", "RAG now", "RAG before", "Direction of travel"])
    for name, now, before, arrow in zip(NAMES, RAG_NOW, RAG_BEFORE, "↑↓→▲▼", strict=True):
        summary.append([name, "", before, arrow])
        summary.cell(summary.max_row, 2).fill = PatternFill("solid", fgColor=fills[now.lower()])
    budget = book.create_sheet("Budget")
    budget.append(["Service", "Budget", "Spend", "Variance £", "Forecast outturn"])
    for service in SERVICES:
        budget.append([service, "£1,200k", "£1,150k", "£50k", "£1,180k"])
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    book.save(inbox / "kpis.xlsx")
    result, rows = _read(read_paper(inbox / "kpis.xlsx", inbox))
    by_sheet = {}
    for r in rows:
        by_sheet.setdefault(r["source_locator"].split("!")[0], []).append(r)
    assert [r["rag"] for r in by_sheet["Summary"]] == [x.lower() for x in RAG_NOW]
    assert [r["previous"] for r in by_sheet["Summary"]] == RAG_BEFORE
    assert [r["direction"] for r in by_sheet["Summary"]] == list("↑↓→▲▼")
    assert "Budget" not in by_sheet
    assert "budget" in _one_line(result, "kpis.xlsx").message
