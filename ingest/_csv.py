"""Delimited text reader (.csv, .tsv): the file as one sheet-like table.

Locators follow the spreadsheet convention, `tracker!C12`, with the file name
(without its extension) as the sheet name, because that is what an officer sees
when they open the CSV in Excel and what they would look for. Every field is
text as written; dates are read later from that text like any other cell.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path, PurePosixPath

from .delimited import MAX_BYTES, sniff
from .errors import FormatError
from .items import bulleted_lines
from .model import Extract
from .sheet_grid import Sheet, Shown, sheet_table


def read(path: Path, source_file: str) -> Extract:
    """The whole file as one raw table; FormatError when it is not delimited text."""
    if path.stat().st_size > MAX_BYTES:
        raise FormatError(f"the text file is over {MAX_BYTES // (1024 * 1024)} MB, far larger "
                          "than a tracker; it was not read")
    found = sniff(path.read_bytes())
    if found is None:
        raise FormatError("a text file that is not a table: no comma, semicolon, tab or | "
                          "splits its lines into the same columns")
    name = PurePosixPath(source_file).stem or "csv"
    cells = {}
    rows = csv.reader(io.StringIO(found.text), delimiter=found.delimiter)
    try:
        records = list(rows)
    except csv.Error as exc:
        raise FormatError(f"the text file's fields cannot be read ({exc})") from exc
    for r, row in enumerate(records, start=1):
        for c, field in enumerate(row, start=1):
            text = bulleted_lines(field.strip())
            if text:
                cells[(r, c)] = Shown(text)
    table = sheet_table(Sheet(name, cells), source_file, 1, [])
    return Extract(tables=[table] if table else [])
