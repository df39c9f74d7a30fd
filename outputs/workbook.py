"""`reconciliation.xlsx`: the sheets in the contract's order, formats from `styles`.

The Summary is added first (it must be the first tab) but filled last, from
the rows the other sheets were written with. The workbook's creation date is
the newest version date, so the same data gives the same file.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from xlsxwriter.utility import xl_range

from .changes import (
    CHANGE_SHEETS,
    COMPLETED,
    newest_first,
    version_rank,
    write_change_sheet,
    write_changes,
)
from .report import Report
from .safebook import SafeWorkbook
from .sheets import HEADER_ROW, Column, SourceLinks, Written, write_frame
from .styles import FORMATS, PAPER_A3
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


def write_workbook(report: Report, path: Path) -> None:
    """Write the workbook to `path` (the caller makes the move into place atomic)."""
    wb = SafeWorkbook(str(path))
    as_of = report.as_of()
    wb.set_properties({
        "title": "Action plan reconciliation", "subject": f"Data as of {as_of}",
        "author": "planrecon", "created": datetime.fromisoformat(as_of) if as_of else EPOCH,
    })
    formats = {name: wb.add_format(props) for name, props in FORMATS.items()}
    links = SourceLinks(report.inbox, report.out_dir)
    summary = wb.add_worksheet("Summary")
    changes = write_changes(wb, report, formats, links, as_of)
    sheets = {s.flag: write_change_sheet(wb, s, report, formats, links, as_of)
              for s in CHANGE_SHEETS}
    sheets["overdue"] = _write_overdue(wb, report, formats, links, as_of)
    sheets["actions"] = _write_all_actions(wb, report, formats, links, as_of)
    sheets["completed"] = write_change_sheet(wb, COMPLETED, report, formats, links, as_of)
    _write_match_review(wb, report, changes, formats, links, as_of)
    sheets["kpis"] = _write_kpis_off_track(wb, report, formats, links, as_of)
    _write_indicators(wb, report, formats, links, as_of)
    _write_data_quality(wb, report, formats, links, as_of)
    _write_sources(wb, report, formats, as_of)
    write_summary(summary, wb, report, sheets, formats, as_of)
    summary.activate()
    wb.close()


def _history_sorted(report: Report, frame):
    """Plan, latest version first, then the papers' order: each plan's current actions
    are one block the Summary links to."""
    pair = newest_first(frame, version_rank(report), "plan_version")
    return frame.assign(_pair=pair).sort_values(["plan_id", "_pair"], kind="stable")


def _write_overdue(wb, report, formats, links, as_of) -> Written:
    rows = _history_sorted(report, report.overdue())
    if len(rows):
        rows = rows.sort_values(["plan_id", "_pair", "due_date"], kind="stable")
    return write_frame(wb, "Overdue", "Actions of each plan's latest version that were due "
                       "before that version's as-of date and are not reported complete, most "
                       "overdue first. Ask the owner for a revised date or a completion report.",
                       rows, ACTION_COLUMNS, formats, as_of, links, paper=PAPER_A3)


def _write_all_actions(wb, report, formats, links, as_of) -> Written:
    rows = _history_sorted(report, report.history) if len(report.history) else report.history
    return write_frame(wb, "All actions", "The latest appearance of every action, each plan's "
                       "latest version first: its original due date (from the version it first "
                       "appeared in), its current due date (highlighted when it moved) and how "
                       "often it slipped. Filter by plan, owner or status.",
                       rows, ACTION_COLUMNS, formats, as_of, links, paper=PAPER_A3)


def _write_match_review(wb, report, changes: Written, formats, links, as_of) -> None:
    frame = changes.frame
    review = frame[frame["review"] == True] if len(frame) else frame  # noqa: E712 (pandas mask)
    write_frame(wb, "Match review", "Pairs the matcher was unsure of. Read the old and new "
                "action side by side; add a row to overrides.csv to confirm, reject or force a "
                "pair, and the next run applies it.", review, changes.columns, formats, as_of,
                links, paper=PAPER_A3)


def _write_kpis_off_track(wb, report, formats, links, as_of) -> Written:
    return write_frame(wb, "KPIs off track", "Performance indicators of each report's latest "
                       "version that got worse since the version before (result or RAG) or "
                       "missed their target, worst first: most reasons, then red, then "
                       "furthest off. 'Which way is better' says how worse was read (the "
                       "paper's own words); check the figure in the paper before quoting it.",
                       report.kpis_off_track(), KPI_COLUMNS, formats, as_of, links,
                       paper=PAPER_A3)


def _write_indicators(wb, report, formats, links, as_of) -> None:
    columns = [Column("plan_id", "Plan"), Column("plan_version", "Version")] + [
        Column(key, key.replace("_", " ").capitalize(), "rag" if key == "rag" else "text")
        for key in ("ref", "description", "period", "previous", "target", "result")
    ] + [Column("history", "Results by version"), Column("trend", "Trend")] + [
        Column(key, key.replace("_", " ").capitalize(), "rag" if key == "rag" else "text")
        for key in ("variance", "direction", "rag", "benchmark")
    ] + [Column("source_file", "Paper", "source", compare="source_locator"),
         Column("source_locator", "Where")]
    history = report.indicator_history()
    write_frame(
        wb, "Indicators", "Performance indicators read from KPI/CPI/PI tables, as printed, "
        "with each one's results in the versions of its report before (the trend line where "
        "they share a unit). Filter RAG for red to find those off target, and check a figure "
        "against its paper before quoting it.", history.assign(trend=""), columns, formats,
        as_of, links)
    _trend_lines(wb.get_worksheet_by_name("Indicators"), history["trend"].tolist(),
                 [c.key for c in columns].index("trend"), len(columns))


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


def _write_data_quality(wb, report, formats, links, as_of) -> None:
    columns = [
        Column("source_file", "Paper", "source", compare="source_locator"),
        Column("source_locator", "Where"), Column("code", "Problem"),
        Column("column", "Column"), Column("value", "Value"), Column("message", "What happened"),
        Column("quarantine", "Set aside?"), Column("stage", "Stage"),
    ]
    write_frame(wb, "Data quality", "Everything the pipeline could not read, or set aside, with "
                "where to find it in the paper. Nothing is dropped without a line here: fix the "
                "paper or plans.yaml and rerun, or accept the gap.", report.quality_notes(),
                columns, formats, as_of, links)


def _write_sources(wb, report, formats, as_of) -> None:
    columns = [
        Column("source_file", "Paper"), Column("table", "Table"), Column("caption", "Caption"),
        Column("kind", "Read as"), Column("reason", "Why"), Column("pages", "Pages read"),
        Column("rows", "Rows", "number"),
        Column("records", "Records", "number"), Column("plan_id", "Plan"),
        Column("plan_version", "Version"), Column("version_date", "As of", "date"),
        Column("why", "Series and version: why"), Column("columns", "Column mapping"),
    ]
    write_frame(wb, "Sources", "Every paper and table read, what it was read as, which plan "
                "series and version it went to, and why. If a paper went to the wrong series or "
                "version, correct it in plans.yaml.", report.sources_frame(), columns, formats,
                as_of, paper=PAPER_A3)
