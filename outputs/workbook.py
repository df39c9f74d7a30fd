"""`reconciliation.xlsx`: one function per contract sheet, formats from `styles`.

Every number on the Summary is counted from the same frames the detail
sheets are written from, and links to the sheet that lists those rows.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import xlsxwriter

from .report import Report
from .sheets import Column, SourceLinks, write_frame
from .styles import FORMATS

CHANGE_SHEETS = {
    "Slipped": ("slipped", "Actions whose due date moved later, largest slip first. "
                "Ask the owner why; agree a realistic date."),
    "Owner changes": ("owner_changed", "Actions whose owners changed between versions. "
                      "Check the new owner has accepted it."),
    "Rolled over": ("rolled_over", "Unfinished actions carried into the next period's plan."),
    "New": ("new", "Actions in the newer version that the older one did not have."),
    "Dropped": ("dropped", "Actions of the older version not found in the newer one. "
                "Confirm each was finished or deliberately removed."),
}
STATUSES = ("complete", "on_track", "at_risk", "off_track", "not_started", "rolled_over",
            "unknown")
SUMMARY_FLAGS = ("slipped", "owner_changed", "rolled_over", "new", "dropped", "completed")


def _change_columns() -> list[Column]:
    return [
        Column("plan_id", "Plan"), Column("old_version", "Old version"),
        Column("new_version", "New version"), Column("flags", "What changed"),
        Column("review", "Check match?"), Column("match_score", "Match score", "score"),
        Column("section", "Section"),
        Column("old_ref", "Old ref"), Column("new_ref", "New ref", compare="old_ref"),
        Column("old_action", "Old action"), Column("new_action", "New action",
                                                   compare="old_action"),
        Column("old_due_date", "Old due"), Column("new_due_date", "New due",
                                                  compare="old_due_date"),
        Column("slip_days", "Slip (days)", "number"),
        Column("old_owners", "Old owners"), Column("new_owners", "New owners",
                                                   compare="old_owners"),
        Column("old_status", "Old status", "status"), Column("new_status", "New status", "status"),
        Column("old_rag", "Old RAG", "rag"), Column("new_rag", "New RAG", "rag"),
        Column("new_progress", "Latest progress"),
        Column("old_source_file", "Old paper", "source", compare="old_locator"),
        Column("new_source_file", "New paper", "source", compare="new_locator"),
    ]


ACTION_COLUMNS = [
    Column("plan_id", "Plan"), Column("plan_version", "Latest version"),
    Column("version_date", "As of"), Column("ref", "Ref"), Column("section", "Section"),
    Column("action", "Action"), Column("owners", "Owners"), Column("due_raw", "Due (as printed)"),
    Column("due_date", "Due date"), Column("due_kind", "Due kind"),
    Column("baseline_version", "First seen in"), Column("original_due_date", "Original due"),
    Column("times_slipped", "Times slipped", "number"),
    Column("total_slip_days", "Total slip (days)", "number"),
    Column("status", "Status", "status"), Column("rag", "RAG", "rag"),
    Column("progress", "Progress"),
    Column("source_file", "Paper", "source", compare="source_locator"),
]


def _flagged(changes: pd.DataFrame, flag: str) -> pd.DataFrame:
    mask = changes["flags"].map(lambda flags: flag in flags.split(";")).astype(bool)
    return changes.loc[mask]


def write_workbook(report: Report, path: Path) -> None:
    """Write the workbook to `path` (the caller makes the move into place atomic)."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    formats = {name: wb.add_format(props) for name, props in FORMATS.items()}
    links = SourceLinks(report.inbox, report.out_dir)
    changes = report.changes.copy()
    history = report.history
    summary = wb.add_worksheet("Summary")
    write_frame(wb, "Changes", "Every action of every version compared with the version "
                "before it. Rows marked 'Check match?' were paired with less certainty: "
                "confirm or correct them in overrides.csv.", changes, _change_columns(),
                formats, links, review_key="review")
    detail = {}
    for sheet, (flag, note) in CHANGE_SHEETS.items():
        rows = _flagged(changes, flag)
        if flag == "slipped":
            rows = rows.assign(_slip=pd.to_numeric(rows["slip_days"])).sort_values(
                "_slip", ascending=False, kind="stable")
        detail[flag] = rows
        write_frame(wb, sheet, note, rows, _change_columns(), formats, links)
    overdue = history[history["overdue"]] if len(history) else history
    detail["overdue"] = overdue
    write_frame(wb, "Overdue", "Latest-version actions due before that version's as-of date "
                "and not complete.", overdue, ACTION_COLUMNS, formats, links)
    write_frame(wb, "All actions", "The latest appearance of every action, with the version "
                "it first appeared in (its baseline), its original due date and its slips.",
                history, ACTION_COLUMNS, formats, links)
    review = changes[changes["review"] == True]  # noqa: E712 (pandas mask)
    write_frame(wb, "Match review", "Pairs the matcher was unsure of. Add a row to "
                "overrides.csv to confirm, reject or force a pair; the next run applies it.",
                review, _change_columns(), formats, links)
    _write_indicators(wb, report, formats, links)
    _write_data_quality(wb, report, formats, links)
    _write_sources(wb, report, formats)
    _write_summary(summary, report, detail, formats)
    wb.close()


def _write_indicators(wb, report, formats, links):
    columns = [Column("plan_id", "Plan"), Column("plan_version", "Version")] + [
        Column(key, key.replace("_", " ").capitalize(), "rag" if key == "rag" else "text")
        for key in ("ref", "description", "period", "previous", "target", "result", "variance",
                    "direction", "rag", "benchmark")
    ] + [Column("source_file", "Paper", "source", compare="source_locator")]
    write_frame(wb, "Indicators", "Performance indicators read from KPI/CPI/PI tables, as "
                "printed.", report.indicators, columns, formats, links)


def _write_data_quality(wb, report, formats, links):
    columns = [
        Column("source_file", "Paper", "source", compare="source_locator"),
        Column("source_locator", "Where"), Column("code", "Problem"),
        Column("column", "Column"), Column("value", "Value"), Column("message", "What to do"),
        Column("quarantine", "Paper or table set aside?"),
    ]
    write_frame(wb, "Data quality", "Everything the pipeline could not read or set aside, "
                "with where to find it in the paper. Nothing is dropped without a line here.",
                report.issue_frame(), columns, formats, links)


def _write_sources(wb, report, formats):
    columns = [
        Column("source_file", "Paper"), Column("table", "Table"), Column("caption", "Caption"),
        Column("kind", "Read as"), Column("reason", "Why"), Column("rows", "Rows", "number"),
        Column("records", "Records", "number"), Column("plan_id", "Plan"),
        Column("plan_version", "Version"), Column("version_date", "As of"),
        Column("why", "Series and version: why"), Column("columns", "Column mapping"),
    ]
    write_frame(wb, "Sources", "Every paper and table read, what it was read as, which plan "
                "series and version it went to, and why.", report.sources_frame(), columns,
                formats)


def _write_summary(ws, report: Report, detail: dict, formats) -> None:
    ws.write_string(0, 0, "Action plan reconciliation", formats["title"])
    ws.write_string(1, 0, report.headline(detail), formats["note"])
    headers = ["Plan", "Latest version", "As of", "Versions", "Actions"] + list(STATUSES) + \
        list(SUMMARY_FLAGS) + ["overdue"]
    for c, text in enumerate(headers):
        ws.write_string(3, c, text, formats["header"])
    sheet_of = {flag: sheet for sheet, (flag, _) in CHANGE_SHEETS.items()}
    sheet_of["overdue"] = "Overdue"
    for r, plan in enumerate(report.plan_summaries(detail), start=4):
        for c, key in enumerate(["plan_id", "latest_version", "as_of", "versions", "actions"]):
            ws.write(r, c, plan[key])
        for c, status in enumerate(STATUSES, start=5):
            ws.write_number(r, c, plan["status"].get(status, 0), formats["count"])
        for c, flag in enumerate(list(SUMMARY_FLAGS) + ["overdue"], start=5 + len(STATUSES)):
            count = plan["flags"].get(flag, 0)
            if flag in sheet_of and count:
                ws.write_url(r, c, f"internal:'{sheet_of[flag]}'!A1", formats["count_link"],
                             string=str(count))
                ws.write_number(r, c, count, formats["count_link"])
            else:
                ws.write_number(r, c, count, formats["count"])
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 30)
    ws.set_column(2, len(headers), 11)
    ws.freeze_panes(4, 1)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
