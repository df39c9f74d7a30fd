"""`reconciliation.xlsx`: the sheets in the contract's order, formats from `styles`.

The Summary is added first (it must be the first tab) but filled last, from
the rows the other sheets were written with. The workbook's creation date is
the newest version date, so the same data gives the same file.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pandas as pd
from xlsxwriter.utility import xl_range

from planrecon.reconcile import Flag

from . import stats
from .cells import Column
from .changes import (
    CHANGE_SHEETS,
    CHANGES,
    COMPLETED,
    MATCH_REVIEW,
    changes_rows,
    newest_first,
    review_rows,
    version_rank,
    write_change_sheet,
)
from .report import Report
from .sheets import HEADER_ROW, Sheet, SheetWriter, SourceLinks
from .styles import PAPER_A3
from .summary import write_summary

ACTION_COLUMNS = [
    Column("plan_id", "Plan"), Column("plan_version", "Latest version"),
    Column("version_date", "As of", "date"), Column("ref", "Ref"), Column("section", "Section"),
    Column("action", "Action"), Column("owners", "Owners"), Column("due_raw", "Due (as printed)"),
    Column("original_due_date", "Original due", "date"),
    Column("due_date", "Current due", "date", compare="original_due_date"),
    Column("times_slipped", "Times slipped", "number"),
    Column("total_slip_days", "Total slip (days)", "number"),
    Column("baseline_version", "First seen in"),
    Column("status", "Status", "status"), Column("rag", "RAG", "rag"),
    Column("progress", "Progress"),
    Column("source_file", "Paper", "source", compare="source_locator"),
    Column("source_locator", "Where"),
]
KPI_COLUMNS = [
    Column("plan_id", "Plan"), Column("old_version", "Old version"),
    Column("new_version", "New version"), Column("new_ref", "Ref"),
    Column("description", "Indicator"), Column("flags", "What changed", "flags"),
    Column("old_result", "Old result"), Column("new_result", "Result", compare="old_result"),
    Column("old_target", "Old target"), Column("new_target", "Target", compare="old_target"),
    Column("old_rag", "Old RAG", "rag"), Column("new_rag", "RAG", "rag"),
    Column("direction", "Direction"), Column("polarity", "Which way is better"),
    Column("new_source_file", "Paper", "source", compare="new_locator"),
    Column("new_locator", "Where"),
]
EPOCH = datetime(2000, 1, 1)
"""Creation date when no version states one."""

OVERDUE = Sheet(
    "Overdue", "Actions of each plan's latest version that were due before that version's "
    "as-of date and are not reported complete, most overdue first. Ask the owner for a revised "
    "date or a completion report.", ACTION_COLUMNS, PAPER_A3, "actions.csv")
ALL_ACTIONS = Sheet(
    "All actions", "The latest appearance of every action, each plan's latest version first: "
    "its original due date (from the version it first appeared in), its current due date "
    "(highlighted when it moved) and how often it slipped. Filter by plan, owner or status.",
    ACTION_COLUMNS, PAPER_A3, "actions.csv")
KPIS_OFF_TRACK = Sheet(
    "KPIs off track", "Performance indicators of each report's latest version that got worse "
    "since the version before (result or RAG) or missed their target, worst first: most "
    "reasons, then red, then furthest off. 'Which way is better' says how worse was read (the "
    "paper's own words); check the figure in the paper before quoting it.", KPI_COLUMNS,
    PAPER_A3, "indicator_changes.csv")
_AS_PRINTED = [Column(key, key.replace("_", " ").capitalize(), "rag" if key == "rag" else "text")
               for key in ("ref", "description", "period", "previous", "target", "result",
                           "variance", "direction", "rag", "benchmark")]
INDICATORS = Sheet(
    "Indicators", "Performance indicators read from KPI/CPI/PI tables, as printed, with each "
    "one's results in the versions of its report before (the trend line where they share a "
    "unit). Filter RAG for red to find those off target, and check a figure against its paper "
    "before quoting it.",
    [Column("plan_id", "Plan"), Column("plan_version", "Version"), *_AS_PRINTED[:6],
     Column("history", "Results by version"), Column("trend", "Trend"), *_AS_PRINTED[6:],
     Column("source_file", "Paper", "source", compare="source_locator"),
     Column("source_locator", "Where")], csv="indicators.csv", streams=False)
DATA_QUALITY = Sheet(
    "Data quality", "Everything the pipeline could not read, or set aside, with where to find "
    "it in the paper. Nothing is dropped without a line here: fix the paper or plans.yaml and "
    "rerun, or accept the gap.",
    [Column("source_file", "Paper", "source", compare="source_locator"),
     Column("source_locator", "Where"), Column("code", "Problem"), Column("column", "Column"),
     Column("value", "Value"), Column("message", "What happened"),
     Column("quarantine", "Set aside?"), Column("stage", "Stage")], csv="quarantine.csv")
SOURCES = Sheet(
    "Sources", "Every paper and table read, what it was read as, which plan series and version "
    "it went to, and why. If a paper went to the wrong series or version, correct it in "
    "plans.yaml.",
    [Column("source_file", "Paper"), Column("table", "Table"), Column("caption", "Caption"),
     Column("kind", "Read as"), Column("reason", "Why"), Column("pages", "Pages read"),
     Column("rows", "Rows", "number"), Column("records", "Records", "number"),
     Column("plan_id", "Plan"), Column("plan_version", "Version"),
     Column("version_date", "As of", "date"), Column("why", "Series and version: why"),
     Column("columns", "Column mapping")], PAPER_A3)


def write_workbook(report: Report, path: Path) -> None:
    """Write the workbook to `path` (the caller makes the move into place atomic)."""
    as_of = report.as_of()
    writer = SheetWriter(path, as_of, SourceLinks(report.inbox, report.out_dir),
                         datetime.combine(as_of, time()) if as_of else EPOCH)
    summary = writer.sheet("Summary")
    changes = changes_rows(report)
    writer.frame(CHANGES, changes)
    sheets = {s.flag: write_change_sheet(writer, s, report) for s in CHANGE_SHEETS}
    sheets[Flag.OVERDUE] = writer.frame(OVERDUE, _overdue_rows(report))
    sheets["actions"] = writer.frame(ALL_ACTIONS, _history_sorted(report, report.history))
    sheets[Flag.COMPLETED] = write_change_sheet(writer, COMPLETED, report)
    writer.frame(MATCH_REVIEW, review_rows(changes))
    sheets["kpis"] = writer.frame(KPIS_OFF_TRACK, stats.kpis_off_track(report))
    _write_indicators(writer, report)
    quality = report.quality_notes()  # filled last, to list every sheet cut short
    quality_sheet = writer.sheet(DATA_QUALITY.name, DATA_QUALITY.streamed(len(quality)))
    writer.frame(SOURCES, report.sources_frame())
    writer.frame(DATA_QUALITY, _quality_rows(quality, writer.notes), quality_sheet)
    write_summary(writer, summary, report, sheets)
    summary.activate()
    writer.close()


def _history_sorted(report: Report, frame: pd.DataFrame) -> pd.DataFrame:
    """Plan, latest version first, then the papers' order: each plan's current actions
    are one block the Summary links to."""
    if not len(frame):
        return frame
    pair = newest_first(frame, version_rank(report), "plan_version")
    return frame.assign(_pair=pair).sort_values(["plan_id", "_pair"], kind="stable")


def _overdue_rows(report: Report) -> pd.DataFrame:
    rows = _history_sorted(report, report.overdue())
    if len(rows):
        rows = rows.sort_values(["plan_id", "_pair", "due_date"], kind="stable")
    return rows


def _write_indicators(writer: SheetWriter, report: Report) -> None:
    history = report.indicator_history()
    written = writer.frame(INDICATORS, history.assign(trend=""))
    columns = [c.key for c in INDICATORS.columns]
    _trend_lines(writer.book.get_worksheet_by_name(INDICATORS.name),
                 history["trend"].tolist()[:len(written.frame)], columns.index("trend"),
                 len(columns))


def _quality_rows(quality: pd.DataFrame, notes: list[dict]) -> pd.DataFrame:
    """The run's data-quality notes, then the workbook's own (a sheet too long for Excel)."""
    return pd.concat([quality, pd.DataFrame(notes, columns=quality.columns)],
                     ignore_index=True) if notes else quality


def _trend_lines(ws, trends: list[list[float]], at: int, first_free: int) -> None:
    """A sparkline in column `at` for each row with a trend, drawn from its numbers
    written in hidden columns right of the table, headed 'Trend data 1', … (sparklines
    read cells, not lists)."""
    longest = max((len(t) for t in trends), default=0)
    if not longest:
        return
    ws.set_column(first_free, first_free + longest - 1, None, None, {"hidden": True})
    for c in range(longest):
        ws.write_string(HEADER_ROW, first_free + c, f"Trend data {c + 1}")
    for n, values in enumerate(trends, start=HEADER_ROW + 1):
        if not values:
            continue
        for c, value in enumerate(values, start=first_free):
            ws.write_number(n, c, value)
        ws.add_sparkline(n, at, {
            "range": f"'Indicators'!{xl_range(n, first_free, n, first_free + len(values) - 1)}",
            "markers": True, "show_hidden": True})

