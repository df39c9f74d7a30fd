"""The Summary sheet: one row per plan series, the headline, and two native charts.

Every count is taken from the rows a detail sheet lists (`Written.frame`) and
links to exactly those rows, so a chair who clicks a number sees what it counts.
The charts read small tables written below them on the same sheet; those
tables are the charts' numbers in plain view, for anyone printing in greyscale.
"""

from __future__ import annotations

import pandas as pd

from planrecon.reconcile import Flag

from . import prose, stats
from .prose import uk_date
from .report import Report
from .sheets import SheetWriter, Written
from .styles import SLIP_COLOURS, STATUS_COLOURS, STATUS_LABELS

STATUSES = tuple(STATUS_LABELS)
CHANGE_HEADERS = {
    Flag.SLIPPED: "Slipped", Flag.OWNER_CHANGED: "Owner changed",
    Flag.ROLLED_OVER: "Rolled over", Flag.NEW: "New", Flag.DROPPED: "Dropped",
    Flag.COMPLETED: "Completed", Flag.OVERDUE: "Overdue",
}
CHANGE_COUNTS = {flag: CHANGE_HEADERS[flag] for flag in stats.COUNTED}
"""Flag → its Summary header, in the counts' order: the Summary counts what it counts."""
PLAN_HEADERS = ["Plan", "Latest version", "As of", "Versions", "Actions"]
FIRST_STATUS = len(PLAN_HEADERS)
FIRST_CHANGE = FIRST_STATUS + len(STATUSES)
LAST_COL = FIRST_CHANGE + len(CHANGE_COUNTS) - 1
SERIES_HEADERS = ["Report series", "Latest version", "As of", "Compared", "Improved", "Stable",
                  "Worsened", "Off track", "New", "Dropped"]
"""The report series lines: indicators of the latest version against the version before."""
SERIES_COUNTS = ("compared", "improved", "stable", "worsened", "off_track", "new", "dropped")
GROUP_ROW, HEADER_ROW = 5, 6
TOP_SECTIONS = 12
"""Sections shown on the slips chart: enough to see where slips cluster, few enough to read."""
CHART_ROWS = 22
STATUS_CHART = {"width": 760, "height": 420}
SLIPS_CHART = {"width": 680, "height": 420}
SLIPS_CHART_COL = 9
"""Pixels; side by side they span the plan table's width, so the page prints as one."""
LABEL_COL = 2 + len(STATUSES)
"""Where the status table keeps its chart labels: one text per bar, after the counts."""
LABEL_CHARS = 40
"""Section names are cut to this on the slips chart's axis (in full in its table)."""


def write_summary(writer: SheetWriter, ws, report: Report, sheets: dict[str, Written]) -> None:
    """Fill the (already added, first) Summary sheet. `sheets` maps each counted flag
    (`Flag.OVERDUE` among them) to the sheet listing those rows, 'actions' to All actions
    and 'kpis' to KPIs off track."""
    counts, formats, as_of = report.counts, writer.formats, writer.as_of
    summaries = counts.plans
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 34)
    ws.set_column(2, 2, 11)
    ws.set_column(3, LAST_COL, 10)
    ws.write_string(0, 0, "Action plan reconciliation", formats["title"])
    ws.merge_range(1, 0, 1, LAST_COL, prose.headline(counts), formats["headline"])
    ws.set_row(1, 20)
    ws.merge_range(2, 0, 2, FIRST_STATUS - 1, "", formats["link"])  # a link is not spilled
    ws.write_url(2, 0, "internal:'Data quality'!A1", formats["link"],
                 string=prose.papers_line(counts, len(writer.notes)))
    ws.merge_range(2, FIRST_STATUS, 2, LAST_COL, "", formats["link"])
    ws.write_url(2, FIRST_STATUS, "internal:'Match review'!A1", formats["link"],
                 string=prose.review_line(counts))
    ws.merge_range(3, 0, 3, LAST_COL, "Click a number to see the rows it counts. Status counts "
                   "are the latest version's actions; change counts compare the latest version "
                   f"with the one before it. Data as of {uk_date(as_of) or 'an unstated date'}.",
                   formats["note"])
    ws.set_row(3, 30)
    ws.merge_range(GROUP_ROW, 0, GROUP_ROW, FIRST_STATUS - 1, "Plan series", formats["group"])
    ws.merge_range(GROUP_ROW, FIRST_STATUS, GROUP_ROW, FIRST_CHANGE - 1,
                   "Actions by status in the latest version", formats["group"])
    ws.merge_range(GROUP_ROW, FIRST_CHANGE, GROUP_ROW, LAST_COL,
                   "Changes since the previous version", formats["group"])
    headers = PLAN_HEADERS + [STATUS_LABELS[s] for s in STATUSES] + list(CHANGE_COUNTS.values())
    for c, text in enumerate(headers):
        ws.write_string(HEADER_ROW, c, text, formats["header"])
    ws.set_row(HEADER_ROW, 30)
    row = HEADER_ROW + 1
    for plan in summaries:
        _write_plan(ws, row, plan, sheets, formats)
        row += 1
    _write_totals(ws, row, summaries, formats)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    row = _write_series(ws, row + 2, counts.indicators, sheets.get("kpis"), formats)
    charts_at = row + 2
    data_at = charts_at + CHART_ROWS + 1
    status_table = _write_status_table(ws, data_at, report, formats)
    slips_at = data_at + len(status_table) + 3
    slips = _write_slips_table(ws, slips_at, report, sheets[Flag.SLIPPED].frame, formats)
    status_chart = _status_chart(writer.book, data_at, status_table)
    if status_chart is None:  # Excel refuses a chart with no series: say so instead
        ws.write_string(charts_at, 0, "No actions were read, so there is no status chart "
                        "(see Data quality and Sources for what each paper held).", formats["note"])
    else:
        ws.insert_chart(charts_at, 0, status_chart)
    ws.insert_chart(charts_at, SLIPS_CHART_COL, _slips_chart(writer.book, slips_at, slips))
    writer.print_setup(ws, repeat=None)


def _write_as_of(ws, r: int, as_of: pd.Timestamp, formats: dict) -> None:
    """The as-of column (2): a real date, or a blank cell when the paper gave none (NaT)."""
    if pd.notna(as_of):
        ws.write_datetime(r, 2, as_of.to_pydatetime(), formats["cell_date"])
    else:
        ws.write_string(r, 2, "", formats["cell"])


def _write_plan(ws, r: int, plan: dict, sheets: dict[str, Written], formats: dict) -> None:
    ws.write_string(r, 0, plan["plan_id"], formats["plan"])
    ws.write_string(r, 1, plan["latest_version"], formats["cell"])
    _write_as_of(ws, r, plan["as_of"], formats)
    ws.write_number(r, 3, plan["versions"], formats["count"])
    actions = sheets["actions"]
    block = actions.block((actions.frame["plan_id"] == plan["plan_id"])
                          & (actions.frame["plan_version"] == plan["latest_version"]))
    _count(ws, r, 4, plan["actions"], block, formats)
    for c, status in enumerate(STATUSES, start=FIRST_STATUS):
        _count(ws, r, c, plan["status"].get(status, 0), block, formats)
    for c, flag in enumerate(CHANGE_COUNTS, start=FIRST_CHANGE):
        frame = sheets[flag].frame
        column = "plan_version" if flag is Flag.OVERDUE else "new_version"
        mask = (frame["plan_id"] == plan["plan_id"]) & (frame[column] == plan["latest_version"]) \
            if len(frame) else pd.Series(dtype=bool)
        _count(ws, r, c, plan["flags"].get(flag, 0), sheets[flag].block(mask), formats)


def _write_series(ws, r: int, series: list[dict], kpis: Written | None, formats: dict) -> int:
    """One line per report series with two versions or more: how its indicators moved
    since the version before; worsened and off-track counts link to that series' rows on
    KPIs off track. Returns the last row written (the one before `r` when none)."""
    if not series or kpis is None:
        return r - 2
    ws.merge_range(r, 0, r, len(SERIES_HEADERS) - 1, "Report series: performance indicators "
                   "of the latest version against the version before", formats["group"])
    for c, text in enumerate(SERIES_HEADERS):
        ws.write_string(r + 1, c, text, formats["header"])
    ws.set_row(r + 1, 30)
    for n, one in enumerate(series, start=r + 2):
        ws.write_string(n, 0, one["plan_id"], formats["plan"])
        ws.write_string(n, 1, one["latest_version"], formats["cell"])
        _write_as_of(ws, n, one["as_of"], formats)
        mine = kpis.frame["plan_id"] == one["plan_id"] if len(kpis.frame) else \
            pd.Series(dtype=bool)
        for c, key in enumerate(SERIES_COUNTS, start=3):
            if key in ("worsened", "off_track"):
                _count(ws, n, c, one[key], kpis.block(mine), formats)
            else:
                ws.write_number(n, c, one[key], formats["count_plain" if one[key] else "count"])
    return r + 1 + len(series)


def _count(ws, r: int, c: int, count: int, link: str, formats: dict) -> None:
    """A count that links to the rows it counts; a zero stays grey and unlinked."""
    if count:
        ws.write_url(r, c, link, formats["count_link"], string=str(count),
                     tip="Go to these rows")
        ws.write_number(r, c, count, formats["count_link"])
    else:
        ws.write_number(r, c, 0, formats["count"])


def _write_totals(ws, r: int, summaries: list[dict], formats: dict) -> None:
    ws.write_string(r, 0, "All plans", formats["total_label"])
    for c in (1, 2):
        ws.write_blank(r, c, None, formats["total_label"])
    ws.write_number(r, 3, sum(s["versions"] for s in summaries), formats["total"])
    ws.write_number(r, 4, sum(s["actions"] for s in summaries), formats["total"])
    for c, status in enumerate(STATUSES, start=FIRST_STATUS):
        ws.write_number(r, c, sum(s["status"].get(status, 0) for s in summaries), formats["total"])
    for c, flag in enumerate(CHANGE_COUNTS, start=FIRST_CHANGE):
        ws.write_number(r, c, sum(s["flags"].get(flag, 0) for s in summaries), formats["total"])


def _write_status_table(ws, r: int, report: Report, formats: dict) -> pd.DataFrame:
    """Actions per status in every version: the first chart's data, one row per version."""
    table = stats.status_by_version(report)
    ws.write_string(r - 1, 0, "Actions by status in each version (chart data)",
                    formats["subtitle"])
    ws.write_string(r, 0, "Plan", formats["header"])
    ws.write_string(r, 1, "Version", formats["header"])
    for c, status in enumerate(STATUSES, start=2):
        ws.write_string(r, c, STATUS_LABELS[status], formats["header"])
    ws.write_string(r, LABEL_COL, "Chart label", formats["header"])
    ws.set_row(r, 30)
    for i, version in enumerate(table.to_dict("records"), start=r + 1):
        ws.write_string(i, 0, version["plan_id"], formats["cell"])
        ws.write_string(i, 1, version["plan_version"], formats["cell"])
        for c, status in enumerate(STATUSES, start=2):
            ws.write_number(i, c, int(version.get(status, 0)), formats["count"])
        ws.write_string(i, LABEL_COL, f"{version['plan_id']}, {version['plan_version']}",
                        formats["label"])
    return table


def _write_slips_table(ws, r: int, report: Report, slipped: pd.DataFrame,
                       formats: dict) -> pd.DataFrame:
    """Slipped actions per section, up to and over six months: the second chart's data."""
    table = stats.slips_by_section(slipped, TOP_SECTIONS)
    ws.write_string(r - 1, 0, f"Slipped actions by section, top {TOP_SECTIONS} (chart data)",
                    formats["subtitle"])
    for c, text in enumerate(["Plan", "Section", "Up to 6 months", "More than 6 months",
                              "Chart label"]):
        ws.write_string(r, c, text, formats["header"])
    ws.set_row(r, 30)
    for i, section in enumerate(table.to_dict("records"), start=r + 1):
        ws.write_string(i, 0, section["plan_id"], formats["cell"])
        ws.write_string(i, 1, section["section"], formats["cell"])
        ws.write_number(i, 2, int(section["short"]), formats["count"])
        ws.write_number(i, 3, int(section["long"]), formats["count"])
        ws.write_string(i, 4, _label(section["section"], section["plan_id"]), formats["label"])
        ws.set_row(i, 15 * (1 + len(section["section"]) // 36))
    return table


def _label(section: str, plan_id: str) -> str:
    short = section if len(section) <= LABEL_CHARS else section[:LABEL_CHARS - 1] + "…"
    return f"{short} ({plan_id})"


def _status_chart(wb, r: int, table: pd.DataFrame):
    """Stacked bars of status per version; None when no version has any action."""
    shown = [s for s in STATUSES if s in table and table[s].sum()]
    if not shown:
        return None
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    last = r + max(len(table), 1)
    for c, status in enumerate(STATUSES, start=2):
        if status in shown:
            chart.add_series({
                "name": ["Summary", r, c],
                "categories": ["Summary", r + 1, LABEL_COL, last, LABEL_COL],
                "values": ["Summary", r + 1, c, last, c], "gap": 60,
                "fill": {"color": STATUS_COLOURS[status]}, "border": {"none": True},
            })
    return _laid_out(chart, "Actions by status in each version", STATUS_CHART)


def _slips_chart(wb, r: int, table: pd.DataFrame):
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    last = r + max(len(table), 1)
    for c, colour in zip((2, 3), SLIP_COLOURS, strict=True):
        chart.add_series({
            "name": ["Summary", r, c], "categories": ["Summary", r + 1, 4, last, 4],
            "values": ["Summary", r + 1, c, last, c], "gap": 50, "fill": {"color": colour},
            "border": {"none": True},
        })
    return _laid_out(chart, "Slipped actions by section", SLIPS_CHART)


def _laid_out(chart, title: str, size: dict):
    """The Summary's bar charts alike: one title style, rows read top-down, light grid."""
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_size(size)
    chart.set_y_axis({"reverse": True, "interval_unit": 1, "num_font": {"size": 8}})
    chart.set_x_axis({"name": "Actions", "major_gridlines": {"visible": True,
                                                             "line": {"color": "#D9D9D9"}}})
    chart.set_legend({"position": "bottom"})
    return chart
