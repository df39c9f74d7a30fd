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
    (["Performance measure", "Colour", "Was", "Travel"], False,
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
