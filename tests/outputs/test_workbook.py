"""The reconciliation workbook read back as an officer's spreadsheet program would.

Runs on the shared sample run: sheet order, headers, formats, links, charts,
data bars, print setup, and that every number on the Summary is the count of
rows on the sheet it links to. Then a small Report with formula-looking text,
and the same Report written twice.
"""

import dataclasses
import datetime as dt
import re
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import range_boundaries

from planrecon.outputs.workbook import write_workbook
from planrecon.reconcile.figures import comparable, parse_figure
from tests.conftest import output_csv

CONTRACT_ORDER = ["Summary", "Changes", "Slipped", "Owner changes", "Rolled over", "New",
                  "Dropped", "Overdue", "All actions"]
TAIL = ["Indicators", "Data quality", "Sources"]
TABLE_SHEETS = ["Changes", "Slipped", "Owner changes", "Rolled over", "New", "Dropped",
                "Overdue", "All actions", "Completed", "Match review", "KPIs off track",
                "Indicators", "Data quality", "Sources"]
CHANGE_SHEET_OF = {"Slipped": "Slipped", "Owner changed": "Owner changes",
                   "Rolled over": "Rolled over", "New": "New", "Dropped": "Dropped",
                   "Completed": "Completed"}
"""Summary change header → the sheet whose rows it counts (Overdue counted apart)."""
STATUS_HEADERS = ["Complete", "On track", "At risk", "Off track", "Not started", "Rolled over",
                  "Not stated"]
SUMMARY_HEADER_ROW = 7
CHANGED_FILL = "FFE699"


def _load(path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl drops the x14 data-bar extension, loudly
        return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def book(sample_run):
    _, out = sample_run
    return _load(out / "reconciliation.xlsx")


def _rows(ws) -> list[dict]:
    """A table sheet's rows as dicts keyed by header (row 2), with their sheet row."""
    headers = [c.value for c in ws[2]]
    return [{"_row": r[0].row, **{h: c.value for h, c in zip(headers, r, strict=True)}}
            for r in ws.iter_rows(min_row=3) if any(c.value is not None for c in r)]


def _summary(book) -> tuple[list[str], list[dict]]:
    ws = book["Summary"]
    headers = [c.value for c in ws[SUMMARY_HEADER_ROW]]
    plans = []
    for r in range(SUMMARY_HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(r, 1).value == "All plans":
            break
        plans.append({"_row": r, **{f"{c}:{h}": ws.cell(r, c).value
                                    for c, h in enumerate(headers, start=1)}})
    return headers, plans


def _value(plan: dict, header: str, nth: int = 0):
    """A Summary cell by header; 'Rolled over' is both a status and a change column."""
    keys = [k for k in plan if k.partition(":")[2] == header]
    return plan[keys[nth]]


def _col(plan: dict, header: str, nth: int = 0) -> int:
    return int([k for k in plan if k.partition(":")[2] == header][nth].partition(":")[0])


def test_sheet_order_keeps_the_contract(book):
    names = book.sheetnames
    assert names[:len(CONTRACT_ORDER)] == CONTRACT_ORDER
    assert names[-len(TAIL):] == TAIL
    assert "Match review" in names and "Completed" in names


@pytest.mark.parametrize("sheet", TABLE_SHEETS)
def test_every_table_sheet_has_a_note_headers_filters_and_frozen_panes(book, sheet):
    ws = book[sheet]
    assert len(str(ws["A1"].value)) > 40, "a note saying what the sheet holds"
    headers = [c.value for c in ws[2]]
    assert all(headers) and headers[0] in ("Plan", "Paper")
    assert ws.freeze_panes == "A3"
    assert len(ws.tables) == 1 and next(iter(ws.tables.values())).ref.startswith("A2:")
    assert ws["A2"].font.b


@pytest.mark.parametrize("sheet", ["Summary"] + TABLE_SHEETS)
def test_every_sheet_prints_landscape_fit_to_width_with_page_numbers(book, sheet):
    ws = book[sheet]
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToHeight == 0
    assert "&A" in ws.oddHeader.left.text and "&P" in ws.oddFooter.right.text
    if sheet != "Summary":
        assert ws.print_title_rows == "$2:$2"


def test_changed_cells_are_highlighted_and_statuses_coloured(book):
    rows = _rows(book["Changes"])
    headers = [c.value for c in book["Changes"][2]]
    moved = next(r for r in rows if r["Old due"] and r["New due"] and r["Old due"] != r["New due"])
    same = next(r for r in rows if r["Old due"] and r["Old due"] == r["New due"])
    new_due = headers.index("New due") + 1
    assert book["Changes"].cell(moved["_row"], new_due).fill.fgColor.rgb.endswith(CHANGED_FILL)
    assert book["Changes"].cell(same["_row"], new_due).fill.fill_type is None
    on_track = next(r for r in rows if r["New status"] == "On track")
    cell = book["Changes"].cell(on_track["_row"], headers.index("New status") + 1)
    assert cell.fill.fgColor.rgb.endswith("C6EFCE")


def test_owner_lists_read_with_spaces_and_only_a_real_change_is_highlighted(book):
    rows = _rows(book["Changes"])
    headers = [c.value for c in book["Changes"][2]]
    column = headers.index("New owners") + 1
    kept = [r for r in rows if r["New owners"] and ";" in r["New owners"]
            and r["Old owners"] == r["New owners"]]
    assert kept and all("; " in r["New owners"] for r in kept)
    assert all(book["Changes"].cell(r["_row"], column).fill.fill_type is None for r in kept)
    moved = next(r for r in rows if r["Old owners"] and r["New owners"]
                 and r["Old owners"] != r["New owners"])
    assert book["Changes"].cell(moved["_row"], column).fill.fgColor.rgb.endswith(CHANGED_FILL)


def test_slipped_has_a_data_bar_and_the_largest_slip_first(book):
    ws = book["Slipped"]
    rules = [(str(cf.sqref), r.type) for cf in ws.conditional_formatting for r in cf.rules]
    headers = [c.value for c in ws[2]]
    slip_col = openpyxl.utils.get_column_letter(headers.index("Slip (days)") + 1)
    assert any(t == "dataBar" and ref.startswith(slip_col) for ref, t in rules)
    slips = [(r["Plan"], r["Slip (days)"]) for r in _rows(ws)]
    assert slips[0][1] == max(s for _, s in slips)
    for plan in {p for p, _ in slips}:
        mine = [s for p, s in slips if p == plan]
        assert mine == sorted(mine, reverse=True)


def test_source_links_open_the_paper_beside_its_locator(book, sample_run):
    _, out = sample_run
    ws = book["Slipped"]
    headers = [c.value for c in ws[2]]
    paper, where = headers.index("Paper (new)") + 1, headers.index("Where (new)") + 1
    for r in range(3, ws.max_row + 1):
        link = ws.cell(r, paper).hyperlink
        assert link is not None and link.target
        # xlsxwriter writes a relative file link with Windows separators, as Excel does
        assert (out / link.target.replace("\\", "/")).resolve().is_file(), link.target
        assert ws.cell(r, where).value
    xlsx = next(r for r in _rows(book["All actions"]) if r["Paper"].endswith(".xlsx"))
    link = book["All actions"].cell(xlsx["_row"], [c.value for c in book["All actions"][2]]
                                    .index("Paper") + 1).hyperlink
    assert link.location and "!" in link.location


def test_summary_links_select_exactly_the_rows_they_count(book):
    for ws in book.worksheets:
        for link in ws._hyperlinks:
            if link.location and not link.target:
                sheet, _, ref = link.location.rpartition("!")
                assert sheet.strip("'") in book.sheetnames, link.location
    summary = book["Summary"]
    headers, plans = _summary(book)
    checked = 0
    for plan in plans:
        for c, header in enumerate(headers, start=1):
            count = summary.cell(plan["_row"], c).value
            link = summary.cell(plan["_row"], c).hyperlink
            if not isinstance(count, int) or header == "Versions":
                continue
            if count == 0:
                assert link is None
                continue
            sheet, _, ref = link.location.rpartition("!")
            ws = book[sheet.strip("'")]
            _, first, _, last = range_boundaries(ref)
            block = [r for r in _rows(ws) if first <= r["_row"] <= last]
            assert {r["Plan"] for r in block} == {plan["1:Plan"]}
            if header not in STATUS_HEADERS:
                assert len(block) == (count if header != "Actions" else _value(plan, "Actions"))
            checked += 1
    assert checked > 10


def test_every_summary_number_agrees_with_the_detail_sheets(book):
    headers, plans = _summary(book)
    assert len(plans) == 5
    actions = _rows(book["All actions"])
    for plan in plans:
        name, latest = plan["1:Plan"], plan["2:Latest version"]
        current = [r for r in actions if r["Plan"] == name and r["Latest version"] == latest]
        assert _value(plan, "Actions") == len(current)
        for status in STATUS_HEADERS:
            assert _value(plan, status) == sum(r["Status"] == status for r in current), status
        for header, sheet in CHANGE_SHEET_OF.items():
            rows = _rows(book[sheet])
            expected = sum(r["Plan"] == name and r["New version"] == latest for r in rows)
            nth = 1 if header == "Rolled over" else 0
            assert _value(plan, header, nth) == expected, (name, header)
        overdue = _rows(book["Overdue"])
        assert _value(plan, "Overdue") == sum(
            r["Plan"] == name and r["Latest version"] == latest for r in overdue)
    summary = book["Summary"]
    total_row = plans[-1]["_row"] + 1
    assert summary.cell(total_row, 1).value == "All plans"
    for c in range(4, len(headers) + 1):
        assert summary.cell(total_row, c).value == sum(
            summary.cell(p["_row"], c).value for p in plans)
    slipped = summary.cell(total_row, _col(plans[0], "Slipped")).value
    overdue = summary.cell(total_row, _col(plans[0], "Overdue")).value
    headline = summary["A2"].value
    assert headline.startswith(f"{slipped} actions slipped")
    assert f"; {overdue} overdue" in headline
    long = int(re.search(r"(\d+) by more than 6 months", headline).group(1))
    assert long == sum(r["Slip (days)"] > 182 for r in _rows(book["Slipped"]))


def test_summary_has_two_native_charts(book, sample_run):
    _, out = sample_run
    assert len(book["Summary"]._charts) == 2
    with zipfile.ZipFile(out / "reconciliation.xlsx") as z:
        charts = [n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        assert len(charts) == 2
        xml = "".join(z.read(n).decode() for n in charts)
        assert "<c:barChart>" in xml and "Summary!" in xml
        assert not any(n.endswith(".bin") or "vbaProject" in n for n in z.namelist())
    assert (out / "reconciliation.xlsx").stat().st_size < 2_000_000


def _series_lines(book) -> list[dict]:
    """The Summary's report series lines, by header, with their sheet row."""
    ws = book["Summary"]
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Report series")
    headers = [ws.cell(head, c).value for c in range(1, ws.max_column + 1)]
    lines = []
    for r in range(head + 1, ws.max_row + 1):
        if not ws.cell(r, 1).value:
            break
        lines.append({"_row": r, **{h: ws.cell(r, c).value
                                    for c, h in enumerate(headers, start=1) if h}})
    return lines


def test_kpis_off_track_lists_the_latest_indicators_that_worsened_or_missed_worst_first(
        book, sample_run):
    report = sample_run[0].report
    changes = report.indicator_changes
    last = changes.groupby("plan_id")["new_version_date"].transform("max")
    latest = changes[changes["new_version_date"] == last]
    off = {"rag_worsened", "result_worsened", "missed_target"}
    expected = sorted((plan, ref) for plan, ref, flags in zip(
        latest["plan_id"], latest["new_ref"], latest["flags"], strict=True)
        if off & set(flags))
    ws = book["KPIs off track"]
    rows = _rows(ws)
    assert sorted((r["Plan"], r["Ref"]) for r in rows) == expected and len(expected) > 3
    assert {plan for plan, _ in expected} == {"barnet-adults", "halton"}
    reasons = [sum(f.replace(" ", "_") in off for f in r["What changed"].split(", "))
               for r in rows]
    assert reasons == sorted(reasons, reverse=True)  # most reasons first
    headers = [c.value for c in ws[2]]
    for r in rows:
        link = ws.cell(r["_row"], headers.index("Paper") + 1).hyperlink
        assert link.target.replace("\\", "/").endswith(r["Paper"]) and r["Where"]
        if r["Result"] != r["Old result"]:
            cell = ws.cell(r["_row"], headers.index("Result") + 1)
            assert cell.fill.fgColor.rgb.endswith(CHANGED_FILL)


def test_summary_has_a_line_per_report_series_that_agrees_with_the_csv(book, sample_run):
    _, out = sample_run
    csv = output_csv(out / "indicator_changes.csv")
    lines = _series_lines(book)
    assert [line["Report series"] for line in lines] == sorted(set(csv["plan_id"]))
    for line in lines:
        mine = csv[(csv["plan_id"] == line["Report series"])
                   & (csv["new_version"] == line["Latest version"])]
        flags = [set(f.split(";")) for f in mine["flags"]]
        both = [f for f in flags if not {"new", "dropped"} & f]
        worse = [f for f in both if {"rag_worsened", "result_worsened"} & f]
        better = [f for f in both if {"rag_improved", "result_improved"} & f and f not in worse]
        assert (line["Compared"], line["Worsened"], line["Improved"]) == (
            len(both), len(worse), len(better))
        assert line["Stable"] == len(both) - len(worse) - len(better)
        assert line["New"] == sum("new" in f for f in flags)
        link = book["Summary"].cell(line["_row"], 8).hyperlink  # Off track
        sheet, _, ref = link.location.rpartition("!")
        _, first, _, last = range_boundaries(ref)
        block = [r for r in _rows(book[sheet.strip("'")]) if first <= r["_row"] <= last]
        assert len(block) == line["Off track"] and {r["Plan"] for r in block} == {
            line["Report series"]}


def test_indicators_show_their_results_in_each_version_with_a_trend_line(book, sample_run):
    _, out = sample_run
    csv = output_csv(out / "indicator_changes.csv")
    paired = csv[(csv["old_result"] != "") & (csv["new_result"] != "")]
    rows = {(r["Plan"], r["Version"], r["Ref"], " ".join(r["Description"].split())): r
            for r in _rows(book["Indicators"])}
    for change in paired.to_dict("records"):
        row = rows[(change["plan_id"], change["new_version"], change["new_ref"],
                    " ".join(change["description"].split()))]
        assert row["Results by version"].endswith(
            f"{change['old_version']}: {change['old_result']}; "
            f"{change['new_version']}: {change['new_result']}")
    first = set(csv.groupby("plan_id")["old_version"].first().items())
    assert not any(r["Results by version"] for r in rows.values()
                   if (r["Plan"], r["Version"]) in first)
    sheet = book.sheetnames.index("Indicators") + 1
    with zipfile.ZipFile(out / "reconciliation.xlsx") as z:
        xml = z.read(f"xl/worksheets/sheet{sheet}.xml").decode()
    one_unit = sum(comparable(parse_figure(a), parse_figure(b)) for a, b in
                   zip(paired["old_result"], paired["new_result"], strict=True))
    assert xml.count("<x14:sparkline>") == one_unit > 5


def _hostile(report):
    """A few rows of the sample report with text a spreadsheet would run as a formula."""
    evil = '=HYPERLINK("http://example.invalid/x","click")'
    history = report.history.head(5).copy()
    history.loc[history.index[0], "action"] = evil
    history.loc[history.index[1], "owners"] = "@SUM(1+1)"
    history.loc[history.index[2], "progress"] = "+cmd|' /C calc'!A0"
    history.loc[history.index[3], "section"] = "-2+3"
    changes = report.changes.head(5).copy()
    changes.loc[changes.index[0], "new_action"] = evil
    return dataclasses.replace(report, history=history, changes=changes,
                               actions=report.actions.head(5).copy(),
                               indicators=report.indicators.head(2).copy(), issues=[]), evil


def test_formula_looking_text_stays_text(sample_run, tmp_path):
    report, evil = _hostile(sample_run[0].report)
    path = tmp_path / "hostile.xlsx"
    write_workbook(report, path)
    book = _load(path)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value[:1] in "=@+-"]
    texts = {c.value for c in cells}
    assert {evil, "@SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3"} <= texts
    assert all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any("<f>" in z.read(n).decode() for n in sheets)


def _cells(path: Path) -> dict:
    book = _load(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


def test_the_same_report_gives_the_same_workbook(sample_run, tmp_path):
    report = sample_run[0].report
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_workbook(report, first)
    write_workbook(report, second)
    assert _cells(first) == _cells(second)
    assert first.read_bytes() == second.read_bytes()
    created = _load(first).properties.created
    assert created.date() == report.as_of()


def test_a_note_repeated_on_every_page_is_one_data_quality_line(book):
    """Barnet's title reprinted on ten pages is one line naming all ten places (its link
    opens the first), and the Summary counts the lines the sheet shows."""
    ws = book["Data quality"]
    rows = _rows(ws)
    titles = [r for r in rows if r["Problem"] == "title_row"
              and r["Where"].startswith("Action Plan 2006-07!")]
    assert len(titles) == 1
    assert titles[0]["Where"].startswith("Action Plan 2006-07!A17, A27, A36")
    assert titles[0]["Where"].endswith("(10 places)")
    link = ws.cell(titles[0]["_row"], 1).hyperlink
    assert link.location == "'Action Plan 2006-07'!A17"
    counted = [re.search(r"(\d+) data-quality notes?", str(c.value))
               for row in book["Summary"].iter_rows(max_row=6) for c in row]
    assert [int(m.group(1)) for m in counted if m] == [len(rows)]


def test_due_dates_are_real_dates_shown_the_uk_way(book, sample_run):
    """An officer sorts and filters the due columns by date, and reads '31 Mar 2007'."""
    report, _ = sample_run
    ws = book["Changes"]
    headers = [c.value for c in ws[2]]
    column = headers.index("New due") + 1
    dated = [ws.cell(r, column) for r in range(3, ws.max_row + 1)
             if ws.cell(r, column).value not in (None, "")]
    assert dated and all(isinstance(c.value, dt.datetime) for c in dated)
    assert {c.number_format for c in dated} == {"d mmm yyyy"}
    due_dates = {d.date() for d in report.report.changes["new_due_date"].dropna()}
    assert {c.value.date() for c in dated} == due_dates
    summary = book["Summary"]
    as_of = [c for row in summary.iter_rows(min_row=SUMMARY_HEADER_ROW + 1)
             for c in row[2:3] if isinstance(c.value, dt.datetime)]
    assert as_of and {c.number_format for c in as_of} == {"d mmm yyyy"}
    # the newest version: the made Q3 2014/15 of Barnet's Adults & Communities report
    assert "data as of 31 Dec 2014" in summary.oddHeader.right.text
