"""Excel 97-2003 (.xls) reader: every visible sheet as a raw grid, like .xlsx, through xlrd.

Councils still publish plans saved by Excel 2003. xlrd reads that binary
format directly (no LibreOffice needed); with `formatting_info` it also gives
merged ranges, hidden rows and columns, number formats and fills, which is
what the .xlsx reader takes from openpyxl. The grid is laid out by
`ingest.sheet_grid`, so both Excel readers place, merge and hide alike. Before xlrd lays
a sheet out, its records are measured against the bounds the .xlsx reader keeps
(`limits.check_xls_sheet`): a 7 KB file can place one cell at IV65536.
"""

from __future__ import annotations

import struct
from pathlib import Path

import xlrd
from xlrd.compdoc import CompDocError

from .colours import fill_hex
from .errors import FormatError
from .items import bulleted_lines
from .limits import check_xls_sheet
from .model import Extract, IssueCode
from .numfmt import display_text
from .safezip import DAMAGED_ZIP
from .sheet_grid import Sheet, Shown, hidden_sheet_issue, sheet_table

NAME = "legacy Excel .xls workbook"


def read(path: Path, source_file: str) -> Extract:
    """Every non-blank visible sheet as a raw table."""
    # What xlrd lets out on a damaged file: its own errors, and the struct, index and
    # decoding errors of reading records whose lengths and offsets lie.
    damaged = (xlrd.XLRDError, CompDocError, struct.error, IndexError, KeyError, TypeError,
               AssertionError, UnicodeDecodeError, OverflowError, *DAMAGED_ZIP)
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except damaged as exc:
        if "encrypted" in str(exc).lower():
            raise FormatError(f"the {NAME} is password-protected: ask the sender for an "
                              "unprotected copy", IssueCode.ENCRYPTED) from exc
        raise FormatError(f"the {NAME} is damaged ({type(exc).__name__}: {exc})") from exc
    tables, issues = [], []
    try:
        for i in range(book.nsheets):  # xlrd names no public way to the records it will read
            check_xls_sheet(book.mem, book._sh_abs_posn[i], f"sheet '{book.sheet_names()[i]}'")
            ws = book.sheet_by_index(i)
            if ws.visibility:
                issues.append(hidden_sheet_issue(source_file, ws.name, "Excel"))
                continue
            table = sheet_table(_sheet(book, ws), source_file, len(tables) + 1, issues)
            if table is not None:
                tables.append(table)
            book.unload_sheet(i)
    except damaged as exc:
        raise FormatError(f"the {NAME} is damaged ({type(exc).__name__}: {exc})") from exc
    finally:
        book.release_resources()
    return Extract(tables=tables, issues=issues)


def _sheet(book, ws) -> Sheet:
    """What each cell shows, merged ranges (xlrd's are 0-based, half-open) and hidden lines."""
    cells = {}
    for r in range(ws.nrows):
        for c in range(ws.row_len(r)):
            shown = _shown(book, ws.cell(r, c))
            if shown.text or shown.fill:
                cells[(r + 1, c + 1)] = shown
    merged = [(top + 1, left + 1, bottom, right) for top, bottom, left, right in ws.merged_cells]
    hidden_rows = {r + 1 for r, info in ws.rowinfo_map.items() if info.hidden}
    hidden_cols = {c + 1 for c, info in ws.colinfo_map.items() if info.hidden}
    return Sheet(ws.name, cells, merged, hidden_rows, hidden_cols)


def _shown(book, cell) -> Shown:
    xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
    fmt = book.format_map[xf.format_key].format_str if xf and xf.format_key in book.format_map \
        else None
    value: object = None
    if cell.ctype == xlrd.XL_CELL_TEXT:
        text = cell.value
    elif cell.ctype == xlrd.XL_CELL_DATE:
        try:
            value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            value = cell.value  # a serial outside Excel's calendar: shown as the number
        text = display_text(value, fmt)
    elif cell.ctype == xlrd.XL_CELL_NUMBER:
        value = float(cell.value)
        text = display_text(value, fmt)
    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
        value = bool(cell.value)
        text = display_text(value, fmt)
    elif cell.ctype == xlrd.XL_CELL_ERROR:
        text = xlrd.error_text_from_code.get(cell.value, "#ERROR")
    else:
        text = ""
    return Shown(bulleted_lines(text.strip()), _fill(book, xf), value)


def _fill(book, xf) -> str | None:
    """The cell's pattern colour as RRGGBB when it has a fill pattern (RAG is often a fill)."""
    if xf is None or not xf.background.fill_pattern:
        return None
    rgb = book.colour_map.get(xf.background.pattern_colour_index)
    if not rgb:
        return None
    return fill_hex("".join(f"{part:02X}" for part in rgb))
