"""Issue 17 item 5: the workbook at scale.

A sheet with more rows than Excel holds shows as many as it can, and says so twice
(in its note, and as a line on Data quality), naming the CSV and the store that hold
every row: never cut silently. Excel's limit is lowered here (`sheets.MAX_ROWS`)
rather than writing a million rows.
"""

from __future__ import annotations

import re
import warnings

import openpyxl
import pytest

from planrecon.outputs import sheets
from planrecon.outputs.workbook import write_workbook
from planrecon.reconcile import Flag


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl drops the x14 data-bar extension, loudly
        return openpyxl.load_workbook(path)


def _rows(ws) -> list[tuple]:
    return [r for r in ws.iter_rows(min_row=3, max_col=ws.max_column, values_only=True)
            if any(v not in (None, "") for v in r)]


@pytest.fixture(scope="module")
def cut(sample_run, tmp_path_factory):
    """The sample report written with room for a few more rows than Data quality needs:
    Changes, All actions, Indicators and Sources are longer than that."""
    report = sample_run[0].report
    room = len(report.quality_notes()) + 6
    path = tmp_path_factory.mktemp("cut") / "reconciliation.xlsx"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sheets, "MAX_ROWS", sheets.HEADER_ROW + 1 + room)
        write_workbook(report, path)
    return report, room, _load(path)


LONG = {"Changes": "changes.csv", "Dropped": "changes.csv", "All actions": "actions.csv",
        "Indicators": "indicators.csv", "Sources": "the CSV files"}
"""The sample's sheets longer than `cut`'s room, and where each says every row is."""


@pytest.mark.parametrize("sheet, rows", [
    ("Changes", lambda r: r.changes), ("Dropped", lambda r: r.flagged(Flag.DROPPED)),
    ("All actions", lambda r: r.history), ("Indicators", lambda r: r.indicators),
    ("Sources", lambda r: r.sources_frame()),
])
def test_a_sheet_past_the_row_limit_shows_what_fits_and_says_where_the_rest_is(
        cut, sheet, rows):
    report, room, book = cut
    total, csv = len(rows(report)), LONG[sheet]
    assert total > room
    ws = book[sheet]
    assert len(_rows(ws)) == room
    note = ws["A1"].value
    assert f"shows the first {room:,} of {total:,} rows" in note
    assert f"every row is in {csv} beside this workbook, and in planrecon.duckdb" in note
    lines = [r for r in _rows(book["Data quality"]) if r[2] == "sheet_too_long"]
    mine = [r for r in lines if r[1] == f"'{sheet}'!A{sheets.HEADER_ROW + 1 + room}"]
    assert len(mine) == 1 and f"{total:,} rows" == mine[0][4] and csv in mine[0][5]


def test_sheets_that_fit_are_whole_and_the_summary_counts_every_data_quality_line(cut):
    report, room, book = cut
    overdue = _rows(book["Overdue"])
    assert 0 < len(overdue) == len(report.overdue()) <= room
    assert "Excel holds" not in book["Overdue"]["A1"].value
    quality = _rows(book["Data quality"])
    assert len(quality) == len(report.quality_notes()) + len(LONG)
    assert {r[1] for r in quality if r[2] == "sheet_too_long"} == {
        f"'{sheet}'!A{sheets.HEADER_ROW + 1 + room}" for sheet in LONG}
    counted = [re.search(r"(\d+) data-quality notes?", str(c.value))
               for row in book["Summary"].iter_rows(max_row=6) for c in row]
    assert [int(m.group(1)) for m in counted if m] == [len(quality)]


def test_a_long_sheet_is_written_in_constant_memory_and_reads_the_same(sample_run, tmp_path,
                                                                        monkeypatch):
    """Past `STREAM_ROWS` a sheet is streamed: the same cells, heights, links, panes and
    filters, without the Excel table xlsxwriter cannot write in that mode."""
    report = sample_run[0].report
    write_workbook(report, tmp_path / "tables.xlsx")
    monkeypatch.setattr(sheets, "STREAM_ROWS", len(report.indicators) - 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # xlsxwriter warns when a streamed write is dropped
        write_workbook(report, tmp_path / "streamed.xlsx")
    tables, streamed = _load(tmp_path / "tables.xlsx"), _load(tmp_path / "streamed.xlsx")
    assert streamed.sheetnames == tables.sheetnames
    for name in tables.sheetnames:
        one, other = tables[name], streamed[name]
        assert [[c.value for c in r] for r in other.iter_rows()] == \
            [[c.value for c in r] for r in one.iter_rows()], name
        assert {r: d.height for r, d in other.row_dimensions.items()} == \
            {r: d.height for r, d in one.row_dimensions.items()}, name
        assert [c.hyperlink.target for r in other.iter_rows() for c in r if c.hyperlink] == \
            [c.hyperlink.target for r in one.iter_rows() for c in r if c.hyperlink], name
        assert other.freeze_panes == one.freeze_panes
    long = ["Changes", "All actions"]
    for name in long:
        table = next(iter(tables[name].tables.values()))
        assert not streamed[name].tables
        assert streamed[name].auto_filter.ref == table.ref
        assert streamed[name]["A2"].font.b and streamed[name]["A2"].fill.fgColor.rgb.endswith(
            "1F3864")
    assert streamed["Indicators"].tables  # its trend numbers are written after its rows
    assert all(streamed[name].tables for name in ("Overdue", "Sources", "Data quality"))
