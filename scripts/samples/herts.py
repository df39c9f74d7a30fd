"""Seed 001: Hertfordshire Supporting People action plan 2007, as a spreadsheet.

13 columns: an unlabelled ref column then Actions … Comments. Where the seed has the
ref and the action in one cell ("3.1.1 Profile budgets …", or a header starting
"Actions"), the paper had columns A:B merged, and so does the sheet. Start/End dates
are real dates; the Traffic Light column is coloured, the first half by plain fills
and the second half only by conditional-formatting rules.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.pagebreak import Break

from .seedtext import read_seed
from .xlsx import FONT, as_date, fit_row, page_setup, save_workbook, set_widths, style_cell

WIDTHS = [7, 40, 28, 11, 11, 22, 30, 26, 30, 10, 55, 11, 16]
NCOL = len(WIDTHS)
TRAFFIC_COL = 12  # L
COLOURS = {"GREEN": "00B050", "AMBER": "FFC000", "RED": "FF0000"}
AUTHOR = "Supporting People Team, Hertfordshire County Council"
_SECTION = re.compile(r"^\d+\.\d+ \S")  # "1.1 Review …", not "3.1.2 Monitor …"


def tidy(text: str) -> str:
    """Drop the seed's <ul> markup; each ✓ item starts a new line, as in the paper."""
    text = re.sub(r"<ul[^>]*>", "", text).replace("</ul>", "").strip()
    text = re.sub(r"\s*✓\s*", "\n✓ ", text).strip()
    return text


def layout(fields: list[str]) -> tuple[list[tuple[int, str]], bool]:
    """Column positions for the seed cells, and whether A:B is one merged cell."""
    while len(fields) > NCOL or (len(fields) > NCOL - 1 and fields[-1] == "" and
                                 fields[0] == "Actions"):
        fields = fields[:-1]
    if len(fields) == NCOL - 1 and fields[0].strip():
        return [(1, fields[0])] + [(c, f) for c, f in enumerate(fields[1:], 3)], True
    return list(enumerate(fields, 1)), False


def build(seed_dir: Path, out_dir: Path) -> dict:
    lines = read_seed(seed_dir, "001_")
    wb = Workbook()
    ws = wb.active
    ws.title = "Action Plan 2007"
    set_widths(ws, WIDTHS)
    page_setup(ws)
    # The paper dates itself only in its print header, as such drafts do; the seed's
    # text extraction has no headers, the issue quotes the paper's "DRAFT – 14.12.07".
    ws.oddHeader.left.text = "Hertfordshire Supporting People Action Plan"
    ws.oddHeader.right.text = "DRAFT – 14.12.07"
    ws.oddFooter.center.text = "Page &P of &N"
    r = 1
    traffic: list[tuple[int, str]] = []
    stats = {"rows": 0, "headers": 0, "sections": 0, "dates": 0}
    for line in lines:
        if not line.strip():
            continue
        fields = line.split("\t")
        stripped = [f.strip() for f in fields]
        cells, merged_ab = layout(fields)
        is_header = "Actions" in stripped[:2] and "Traffic Light" in stripped
        filled = [f for f in stripped if f]
        if is_header:
            if stats["headers"]:
                ws.row_breaks.append(Break(id=r - 1))
            for c in range(1, NCOL + 1):
                style_cell(ws.cell(r, c), bold=True, fill="99CCFF")
            for c, text in cells:
                ws.cell(r, c).value = text.strip() or None
            if merged_ab:
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            if not stats["headers"]:
                ws.freeze_panes = ws.cell(r + 1, 1)
            fit_row(ws, r, WIDTHS)
            stats["headers"] += 1
            r += 1
            continue
        if len(filled) == 1 and _SECTION.match(stripped[0]):
            # "1.0 Governance and Partnerships": a section row, first cell only
            top = re.match(r"^\d+\.0\b", stripped[0]) is not None
            for c in range(1, NCOL + 1):
                style_cell(ws.cell(r, c), fill="D9D9D9" if top else "F2F2F2")
            ws.cell(r, 1).value = stripped[0]
            ws.cell(r, 1).font = Font(name=FONT, size=10, bold=True)
            ws.cell(r, 1).alignment = ws.cell(r, 1).alignment.copy(wrap_text=False)
            stats["sections"] += 1
            r += 1
            continue
        for c in range(1, NCOL + 1):
            style_cell(ws.cell(r, c))
        for c, text in cells:
            text = tidy(text)
            if not text:
                continue
            cell = ws.cell(r, c)
            parsed = as_date(text) if c in (4, 5) else None
            if parsed:
                cell.value, cell.number_format = parsed
                stats["dates"] += 1
            else:
                cell.value = text
            if c == TRAFFIC_COL and text.upper() in COLOURS:
                traffic.append((r, text))
            if c == 1:
                cell.number_format = "@"
        if merged_ab:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        if stripped[10:11] == ["Green"] and not stripped[0]:
            # the colour key printed under the table on that page
            ws.cell(r, 11).fill = PatternFill(fill_type="solid", start_color=COLOURS["GREEN"],
                                              end_color=COLOURS["GREEN"])
        fit_row(ws, r, WIDTHS, spans={1: 2} if merged_ab else None)
        stats["rows"] += 1
        r += 1

    half = len(traffic) // 2
    for row, text in traffic[:half]:
        colour = COLOURS[text.upper()]
        ws.cell(row, TRAFFIC_COL).fill = PatternFill(fill_type="solid", start_color=colour,
                                                     end_color=colour)
    first, last = traffic[half][0], r - 1
    col = "L"
    rng = f"{col}{first}:{col}{last}"

    def fill(colour):
        return PatternFill(fill_type="solid", start_color=colour, end_color=colour,
                           bgColor=colour)

    ws.conditional_formatting.add(
        rng, CellIsRule(operator="equal", formula=['"GREEN"'], fill=fill(COLOURS["GREEN"])))
    ws.conditional_formatting.add(
        rng, FormulaRule(formula=[f'${col}{first}="AMBER"'], fill=fill(COLOURS["AMBER"])))
    ws.conditional_formatting.add(
        rng, CellIsRule(operator="equal", formula=['"RED"'], fill=fill(COLOURS["RED"])))
    stats["traffic_plain_fill"] = half
    stats["traffic_conditional"] = len(traffic) - half
    save_workbook(wb, out_dir / "hertfordshire-sp" / "action-plan-2007.xlsx",
                  dt.datetime(2007, 12, 14, 9, 0), AUTHOR,
                  "Hertfordshire Supporting People Action Plan 2007")
    return {"hertfordshire-sp/action-plan-2007.xlsx": stats}
