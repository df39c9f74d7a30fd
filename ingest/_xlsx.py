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
from openpyxl.utils import get_column_letter

from .errors import FormatError
from .items import bulleted_lines
from .model import Cell, Extract, Issue, IssueCode, Table
from .numfmt import display_text
from .safezip import DAMAGED_ZIP, check_archive, check_no_dtd
from .xlsx_colours import cell_fill_hex, conditional_fills

DAMAGED = DAMAGED_ZIP + (KeyError, TypeError, AttributeError, IndexError, ParseError,
                        XMLSyntaxError)
"""What openpyxl lets out on a damaged workbook: a missing part (KeyError), XML that does
not parse, or parts whose values have the wrong type (its descriptors raise TypeError)."""


def read(path: Path, source_file: str) -> Extract:
    """Every non-blank sheet as a raw table; the package is checked before openpyxl sees it."""
    check_archive(path)
    check_no_dtd(path)
    try:
        wb = load_workbook(path, data_only=True)
    except DAMAGED as exc:
        raise FormatError(f"the Excel workbook is damaged ({type(exc).__name__}: {exc})") from exc
    tables, issues = [], []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            issues.append(Issue(
                IssueCode.HIDDEN, "ingest", source_file, ws.title,
                f"sheet '{ws.title}' is hidden in the workbook, so it was not read (the "
                "committee did not see it; unhide it in Excel if it belongs to the plan)"))
            continue
        table = _sheet_table(ws, source_file, len(tables) + 1, issues)
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


def _sheet_table(ws, source_file: str, index: int, issues: list[Issue]) -> Table | None:
    """The sheet's used range as one raw table, or None when the sheet is blank.

    Rows and columns hidden in Excel are what officers do not see (old actions,
    working figures): they are left out, and each one with text is reported, so
    nothing goes unsaid."""
    cf_fills = conditional_fills(ws)
    merged = {}
    for rng in ws.merged_cells.ranges:
        origin = (rng.min_row, rng.min_col)
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                if (row, col) != origin:
                    merged[(row, col)] = origin
    rows: list[list[Cell]] = []
    locators: list[str] = []
    width = 0
    first_col = ws.min_column
    hidden_rows = {r for r, dim in ws.row_dimensions.items() if dim.hidden}
    hidden_cols = _hidden_columns(ws)
    for xl_row in ws.iter_rows(min_row=ws.min_row, max_row=ws.max_row, min_col=first_col):
        if xl_row[0].row in hidden_rows:
            _report_hidden(ws, xl_row, f"{get_column_letter(first_col)}{xl_row[0].row}", "row",
                           source_file, issues)
            continue
        cells = []
        for xl_cell in (c for c in xl_row if c.column not in hidden_cols):
            pos = (xl_cell.row, xl_cell.column)
            origin = merged.get(pos)
            source = ws.cell(*origin) if origin else xl_cell
            text = bulleted_lines(_shown(source))
            fill = cf_fills.get(origin or pos) or cell_fill_hex(source.fill)
            locator = f"{ws.title}!{xl_cell.coordinate}"
            value = source.value if not isinstance(source.value, str) else None
            cells.append(Cell(text, locator, fill, value, spanned=origin is not None))
            if text:
                width = max(width, len(cells))
        rows.append(cells)
        locators.append(f"{ws.title}!{get_column_letter(first_col)}{xl_row[0].row}")
    for col in sorted(hidden_cols):
        column = next(ws.iter_cols(min_col=col, max_col=col, min_row=ws.min_row,
                                   max_row=ws.max_row), ())
        letter = get_column_letter(col)
        _report_hidden(ws, column, f"{letter}:{letter}", "column", source_file, issues)
    while rows and not any(c.text for c in rows[-1]):
        rows.pop()
        locators.pop()
    if not rows or width == 0:
        return None
    grid = [r[:width] for r in rows]
    return Table(source_file, ws.title, index, "", grid, locators[: len(grid)])


def _shown(cell) -> str:
    """The cell's text as Excel displays it."""
    return display_text(cell.value, cell.number_format).strip()


def _hidden_columns(ws) -> set[int]:
    """Column numbers hidden in Excel; one column dimension may cover a run (B:E)."""
    return {col for dim in ws.column_dimensions.values() if dim.hidden
            for col in range(dim.min or 0, (dim.max or dim.min or 0) + 1) if col}


def _report_hidden(ws, cells, where: str, what: str, source_file: str,
                   issues: list[Issue]) -> None:
    texts = [text for text in map(_shown, cells) if text]
    if texts:
        issues.append(Issue(
            IssueCode.HIDDEN, "ingest", source_file, f"{ws.title}!{where}",
            f"{what} hidden in the workbook, so it was not read (unhide it in Excel if it "
            "belongs to the plan)", value=" | ".join(texts)[:300]))
