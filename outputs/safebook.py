"""An xlsxwriter workbook whose every sheet writes text safely, whoever calls it.

Every string and link a sheet writes passes one gate, so no sheet can forget it:
control characters are removed and stray bytes of a file name shown as `\\xNN`
(`safety.printable`: an ESC in a file name once made the workbook's XML invalid);
text a spreadsheet could run as a formula gets Excel's quote prefix (`safety.formula_like`,
the CSVs' rule), so it reads unchanged and stays text even when an officer edits the cell.
Past Excel's limit of links on one sheet, a link's text is written without the link
instead of the cell being left empty (xlsxwriter would warn and write nothing).
"""

from __future__ import annotations

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from .safety import FORMULA_START, formula_like, printable

LINK_LIMIT = 65_530
"""Excel's most hyperlinks on one worksheet."""


class SafeWorksheet(Worksheet):
    book: SafeWorkbook

    def _write_string(self, row, col, string, cell_format=None):
        # Two C-level checks pass almost every cell: printable text that cannot start a
        # formula is what `printable` and `formula_like` would leave as it is.
        if not string.isprintable() or string.startswith(FORMULA_START):
            string = printable(string)
            if formula_like(string):
                cell_format = self.book.quoted(cell_format)
        return super()._write_string(row, col, string, cell_format)

    def put_string(self, row: int, col: int, string: str, cell_format=None):
        """`write_string` for a cell given by numbers: what a sheet of 50,000 rows writes
        a million times, without the decorator that reads 'A1'-style arguments."""
        return self._write_string(row, col, string, cell_format)

    def put_number(self, row: int, col: int, number: float, cell_format=None):
        """`write_number` for a cell given by numbers (see `put_string`)."""
        return self._write_number(row, col, number, cell_format)

    def put_date(self, row: int, col: int, date, cell_format=None):
        """`write_datetime` for a cell given by numbers (see `put_string`)."""
        return self._write_datetime(row, col, date, cell_format)

    def _convert_date_time(self, dt_obj):
        """Each distinct date worked out once: a long sheet repeats a few hundred dates."""
        serials = self.book.serials
        if dt_obj not in serials:
            serials[dt_obj] = super()._convert_date_time(dt_obj)
        return serials[dt_obj]

    def _write_url(self, row, col, url, cell_format=None, string=None, tip=None):
        if self.hlink_count >= LINK_LIMIT:
            return self._write_string(row, col, string or printable(url), cell_format)
        return super()._write_url(row, col, printable(url), cell_format,
                                  None if string is None else printable(string),
                                  None if tip is None else printable(tip))


class SafeWorkbook(xlsxwriter.Workbook):
    """`xlsxwriter.Workbook` with `SafeWorksheet` sheets and strings never converted."""

    worksheet_class = SafeWorksheet

    def __init__(self, path: str):
        self._properties: dict[int, dict] = {}
        self._quoted: dict[int | None, object] = {}
        self.serials: dict = {}
        """Date → Excel serial number, for every sheet (the 1900 or 1904 system is the
        workbook's)."""
        super().__init__(path, {"strings_to_formulas": False, "strings_to_urls": False,
                                "strings_to_numbers": False})

    def add_format(self, properties=None):
        fmt = super().add_format(properties)
        self._properties[id(fmt)] = {k: v for k, v in (properties or {}).items()
                                     if k != "xf_index"}
        return fmt

    def add_worksheet(self, name=None, worksheet_class=None, streamed: bool = False):
        """A new sheet; `streamed`, one written in xlsxwriter's constant_memory mode (each
        row leaves memory when the next is written), set for this sheet alone."""
        self.constant_memory = streamed
        try:
            sheet = super().add_worksheet(name, worksheet_class)
        finally:
            self.constant_memory = False
        sheet.book = self
        return sheet

    def quoted(self, cell_format):
        """`cell_format` with Excel's quote prefix (text, never a formula); made once each."""
        key = None if cell_format is None else id(cell_format)
        if key not in self._quoted:
            base = self._properties.get(key, {}) if key is not None else {}
            self._quoted[key] = self.add_format(base | {"quote_prefix": True})
        return self._quoted[key]
