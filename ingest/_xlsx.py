"""Excel (.xlsx) reader: every sheet as a raw grid of displayed cells with addresses.

Values are rendered through their number formats (`ingest.numfmt`), merged
ranges are expanded so a merged section or objective applies to every cell it
covers, and fills come from the cell or from its conditional format
(`ingest.xlsx_colours`), because officers read the colour, not the rule.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import ParseError

from lxml.etree import XMLSyntaxError
from openpyxl import load_workbook

from .errors import FormatError
from .items import bulleted_lines
from .limits import check_xlsx
from .model import Extract
from .numfmt import display_text
from .safezip import DAMAGED_ZIP, check_archive, check_no_dtd
from .sheet_grid import Sheet, Shown, hidden_sheet_issue, sheet_table
from .symbols import symbol_text
from .xlsx_colours import cell_fill_hex, conditional_fills

DAMAGED = DAMAGED_ZIP + (KeyError, TypeError, AttributeError, IndexError, ParseError,
                        XMLSyntaxError)
"""What openpyxl lets out on a damaged workbook: a missing part (KeyError), XML that does
not parse, or parts whose values have the wrong type (its descriptors raise TypeError)."""


def read(path: Path, source_file: str) -> Extract:
    """Every non-blank sheet as a raw table; the package is checked before openpyxl sees it."""
    check_archive(path)
    check_no_dtd(path)
    check_xlsx(path)
    try:
        wb = load_workbook(path, data_only=True)
    except DAMAGED as exc:
        raise FormatError(f"the Excel workbook is damaged ({type(exc).__name__}: {exc})") from exc
    tables, issues = [], []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            issues.append(hidden_sheet_issue(source_file, ws.title, "Excel"))
            continue
        table = sheet_table(_sheet(ws), source_file, len(tables) + 1, issues)
        if table is not None:
            tables.append(table)
    title = (wb.properties.title or "").strip()
    saved = wb.properties.modified or wb.properties.created
    return Extract(tables=tables, text=_print_headers(wb), title=title, issues=issues,
                   saved=saved.date() if saved else None)


_HEADER_CODE = re.compile(r'&(?:"[^"]*"|\d+|[A-Za-z&+\-])')
"""Excel's header/footer codes: fonts (&"Arial,Bold"), sizes (&10), fields (&P, &D, &F)."""


def _print_headers(wb) -> str:
    """The print header and footer text of each sheet, as lines.

    Councils often date a spreadsheet paper only there ("DRAFT – 14.12.07"), so the
    header is paper text for metadata, the way a Word paper's opening lines are.
    """
    lines = []
    for ws in wb.worksheets:
        for part in (ws.oddHeader, ws.oddFooter, ws.firstHeader):
            for piece in (part.left, part.center, part.right):
                if "&P" in (piece.text or ""):
                    continue  # page numbering: nothing about the paper
                text = _HEADER_CODE.sub(" ", piece.text or "").strip()
                if text and text not in lines:
                    lines.append(text)
    return "\n".join(lines)


def _sheet(ws) -> Sheet:
    """What each cell of the sheet shows, its merged ranges and hidden rows and columns."""
    cf_fills = conditional_fills(ws)
    cells = {}
    for row in ws.iter_rows(min_row=ws.min_row, max_row=ws.max_row, min_col=ws.min_column):
        for cell in row:
            pos = (cell.row, cell.column)
            text = bulleted_lines(_shown(cell))
            fill = cf_fills.get(pos) or cell_fill_hex(cell.fill)
            if text or fill:
                value = cell.value if not isinstance(cell.value, str) else None
                cells[pos] = Shown(text, fill, value)
    merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
    hidden_rows = {r for r, dim in ws.row_dimensions.items() if dim.hidden}
    return Sheet(ws.title, cells, merged, hidden_rows, _hidden_columns(ws))


SYMBOL_CELL = 3
"""Characters: a cell this short may be a mark typed in a symbol font (Wingdings 3 'h'
is ↑), so its font is looked at; longer text is words whatever its font."""


def _shown(cell) -> str:
    """The cell's text as Excel displays it; an arrow typed in a symbol font as the arrow."""
    text = display_text(cell.value, cell.number_format).strip()
    if text and len(text) <= SYMBOL_CELL:
        font = getattr(cell.font, "name", None)
        return symbol_text(text, font) if font else text
    return text


def _hidden_columns(ws) -> set[int]:
    """Column numbers hidden in Excel; one column dimension may cover a run (B:E)."""
    return {col for dim in ws.column_dimensions.values() if dim.hidden
            for col in range(dim.min or 0, (dim.max or dim.min or 0) + 1) if col}
