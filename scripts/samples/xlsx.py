"""openpyxl helpers for the spreadsheet samples: dates as printed, rich text, row heights."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .package import normalise_package
from .seedtext import runs

MONTHS = {m: i for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)}
_MON_YY = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d\d)$")
_DD_MON_YY = re.compile(r"^(\d{1,2})-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d\d)$")

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = "Arial"


def as_date(text: str) -> tuple[dt.datetime, str] | None:
    """'Nov-06' -> (2006-11-01, 'mmm-yy'); '30-Nov-07' -> (2007-11-30, 'dd-mmm-yy')."""
    t = text.strip()
    m = _MON_YY.match(t)
    if m:
        return dt.datetime(2000 + int(m.group(2)), MONTHS[m.group(1)], 1), "mmm-yy"
    m = _DD_MON_YY.match(t)
    if m:
        return (dt.datetime(2000 + int(m.group(3)), MONTHS[m.group(2)], int(m.group(1))),
                "dd-mmm-yy")
    return None


def rich(text: str, size: float = 10, base_bold: bool = False):
    """A plain string, or CellRichText when the seed marks part of the cell bold/italic."""
    items = runs(text)
    if not items:
        return None
    flags = {(r.bold, r.italic, r.underline) for r in items}
    if len(flags) == 1:
        return "".join(r.text for r in items)
    parts = []
    for r in items:
        font = InlineFont(rFont=FONT, sz=size, b=r.bold or base_bold or None,
                          i=r.italic or None, u="single" if r.underline else None)
        parts.append(TextBlock(font, r.text))
    return CellRichText(parts)


def whole_bold(text: str) -> bool:
    items = runs(text)
    return bool(items) and all(r.bold for r in items)


def style_cell(cell, size: float = 10, bold: bool = False, wrap: bool = True,
               fill: str | None = None, border: bool = True, italic: bool = False) -> None:
    cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
    cell.alignment = Alignment(wrap_text=wrap, vertical="top")
    if border:
        cell.border = BORDER
    if fill:
        cell.fill = PatternFill(fill_type="solid", start_color=fill, end_color=fill)


def set_widths(ws, widths: list[float]) -> None:
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def text_lines(text: str, width: float) -> int:
    per_line = max(4, int(width * 1.1))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def fit_row(ws, row: int, widths: list[float], spans: dict[int, int] | None = None,
            size: float = 10) -> None:
    """Estimate the height a wrapped row needs (Excel does not autofit on open)."""
    spans = spans or {}
    lines = 1
    for c in range(1, len(widths) + 1):
        v = ws.cell(row, c).value
        if v is None or not ws.cell(row, c).alignment.wrap_text:
            continue
        width = sum(widths[c - 1 : c - 1 + spans.get(c, 1)])
        lines = max(lines, text_lines(str(v), width))
    if lines > 1:
        ws.row_dimensions[row].height = round(lines * size * 1.28 + 3, 1)


def page_setup(ws, title_rows: str | None = None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    if title_rows:
        ws.print_title_rows = title_rows


def save_workbook(wb, path: Path, when: dt.datetime, author: str, title: str) -> None:
    wb.properties.creator = author
    wb.properties.lastModifiedBy = author
    wb.properties.title = title
    wb.properties.created = when
    wb.properties.modified = when
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    normalise_package(path, when)
