"""Seed 000: the two Barnet Supporting People action plans of 2006, as spreadsheets.

Part one of the seed is the "Forward Action Plan - October 2006"; part two (from the
first "BARNET SUPPORTING PEOPLE 2006/7 ACTION PLAN" line) is the 2006/7 plan with its
quarter 1 progress column. Both keep the seed's rows in order: the title rows that the
printed paper repeats at each page break, objective rows with only the first cell
filled, sub-actions with blank Topic/KLOE cells, and "When by" dates as real dates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.pagebreak import Break

from .seedtext import plain, read_seed
from .xlsx import (
    FONT,
    as_date,
    fit_row,
    page_setup,
    rich,
    save_workbook,
    set_widths,
    style_cell,
    whole_bold,
)

PART2_TITLE = "BARNET SUPPORTING PEOPLE 2006/7 ACTION PLAN"
AUTHOR = "Supporting People Team, London Borough of Barnet"


def split_seed(lines: list[str]) -> tuple[list[str], list[str]]:
    cut = next(i for i, line in enumerate(lines) if line.strip() == PART2_TITLE)
    return lines[:cut], lines[cut:]


def _write(ws, row: int, col: int, text: str, size: float = 10, **style) -> None:
    cell = ws.cell(row, col)
    value = rich(text, size=size)
    cell.value = value
    bold = style.pop("bold", False) or whole_bold(text)
    style_cell(cell, size=size, bold=bold, **style)


def _when(ws, row: int, col: int, text: str) -> None:
    cell = ws.cell(row, col)
    parsed = as_date(text)
    if parsed:
        cell.value, fmt = parsed
        cell.number_format = fmt
        style_cell(cell)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
    else:
        _write(ws, row, col, text)


def forward_plan(lines: list[str], out: Path) -> dict:
    """The October 2006 forward plan (6 columns)."""
    widths = [7, 16, 48, 20, 14, 48]
    ncol = len(widths)
    wb = Workbook()
    ws = wb.active
    ws.title = "Forward Action Plan"
    set_widths(ws, widths)
    page_setup(ws, title_rows="3:3")
    body = [line for line in lines]
    title = next(line.strip() for line in body if line.strip())
    r = 1
    _write(ws, r, 1, title, size=12, bold=True, wrap=False, border=False)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
    r = 3
    header_seen = False
    pending: list[str] = []  # consecutive lines without tabs form one section cell
    stats = {"rows": 0, "sections": 0, "dates": 0}

    def flush_section():
        nonlocal r, pending
        if not pending:
            return
        text = "\n".join(pending)
        pending = []
        _section(text)

    def _section(text: str):
        nonlocal r
        _write(ws, r, 1, text, fill="DDEBF7")
        for c in range(2, ncol + 1):
            style_cell(ws.cell(r, c), fill="DDEBF7")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
        fit_row(ws, r, widths, spans={1: ncol})
        stats["sections"] += 1
        r += 1

    for line in body:
        if not line.strip():
            flush_section()
            continue
        if "\t" not in line:
            if not header_seen:
                continue  # the title, already written
            pending.append(line.strip())
            continue
        flush_section()
        fields = line.split("\t")
        if not header_seen:
            for c, text in enumerate(fields, 1):
                _write(ws, r, c, text, bold=True, fill="BFBFBF")
            header_seen = True
            ws.freeze_panes = ws.cell(r + 1, 1)
            r += 1
            continue
        if fields[0].strip() and not any(f.strip() for f in fields[1:]):
            _section(fields[0].strip())
            continue
        spans = {}
        if len(fields) == ncol - 1:
            # "11.1 Outcomes\t…": ref and theme share one (merged) cell in the paper
            _write(ws, r, 1, fields[0])
            style_cell(ws.cell(r, 2))
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            spans = {1: 2}
            cells = list(enumerate(fields[1:], 3))
        else:
            cells = list(enumerate(fields, 1))
        for c, text in cells:
            if c == 5:
                _when(ws, r, c, text)
                stats["dates"] += isinstance(ws.cell(r, c).value, dt.datetime)
            else:
                _write(ws, r, c, text)
        fit_row(ws, r, widths, spans=spans)
        stats["rows"] += 1
        r += 1
    flush_section()
    save_workbook(wb, out, dt.datetime(2006, 10, 2, 9, 0), AUTHOR,
                  "Barnet Supporting People Programme - Forward Action Plan - October 2006")
    return stats


def plan_2006_07(lines: list[str], out: Path) -> dict:
    """The 2006/7 action plan with quarter 1 progress (7 columns)."""
    widths = [7, 13, 15, 48, 20, 16, 52]
    ncol = len(widths)
    wb = Workbook()
    ws = wb.active
    ws.title = "Action Plan 2006-07"
    set_widths(ws, widths)
    page_setup(ws)
    r = 1
    header_seen = False
    stats = {"rows": 0, "titles": 0, "dates": 0}
    for line in lines:
        if not line.strip():
            continue
        if "\t" not in line:
            if r > 1:
                ws.row_breaks.append(Break(id=r - 1))
            _write(ws, r, 1, line.strip(), size=12, bold=True, wrap=False, border=False)
            ws.cell(r, 1).alignment = Alignment(horizontal="center", vertical="center")
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
            ws.row_dimensions[r].height = 24
            stats["titles"] += 1
            r += 1
            if not header_seen:
                r += 1  # a blank row between the first title and the header
            continue
        fields = line.split("\t")
        if not header_seen:
            for c, text in enumerate(fields, 1):
                _write(ws, r, c, text, bold=True, fill="CCCCFF")
            ws.freeze_panes = ws.cell(r + 1, 1)
            header_seen = True
            r += 1
            continue
        only_first = fields[0].strip() and not any(f.strip() for f in fields[1:])
        objective = only_first or any(plain(f).startswith("OBJECTIVE") for f in fields[1:4])
        fill = "FFFF99" if objective else None
        for c, text in enumerate(fields, 1):
            if c == 6 and not objective:
                _when(ws, r, c, text)
                stats["dates"] += isinstance(ws.cell(r, c).value, dt.datetime)
            else:
                _write(ws, r, c, text, fill=fill, wrap=not (only_first and c == 1))
            if c == 1:
                ws.cell(r, c).number_format = "@"
        for c in range(len(fields) + 1, ncol + 1):
            style_cell(ws.cell(r, c), fill=fill)
        if only_first:
            ws.cell(r, 1).font = Font(name=FONT, size=10, bold=True)
        fit_row(ws, r, widths)
        stats["rows"] += 1
        r += 1
    save_workbook(wb, out, dt.datetime(2006, 9, 11, 9, 0), AUTHOR,
                  "Barnet Supporting People 2006/7 Action Plan - Quarter 1 progress")
    return stats


def build(seed_dir: Path, out_dir: Path) -> dict:
    part1, part2 = split_seed(read_seed(seed_dir, "000_"))
    folder = out_dir / "barnet-sp"
    return {
        "barnet-sp/forward-action-plan-2006-10.xlsx":
            forward_plan(part1, folder / "forward-action-plan-2006-10.xlsx"),
        "barnet-sp/2006-07-action-plan-q1-progress.xlsx":
            plan_2006_07(part2, folder / "2006-07-action-plan-q1-progress.xlsx"),
    }
