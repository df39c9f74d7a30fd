"""The sheet writer: the workbook being written and what every sheet shares.

`SheetWriter` holds the workbook, its formats, the links to the papers and the
as-of date, and writes a frame sheet, a note or a row with them. A frame sheet
has a note row saying what it holds and how to act on it, then a table with a
header row, filters, frozen panes, wrapped text and set widths, printing
landscape, fit to width, with the header repeated on every page. Its rows are
written in order, one row at a time, from columns prepared whole (`cells`).
The sheet reports where each block of rows landed, so the Summary can link a
count to exactly the rows it counts.

A sheet longer than `STREAM_ROWS` is written in xlsxwriter's constant_memory mode,
for that sheet alone: each row leaves memory as the next is written, where a table
of a million rows would hold gigabytes. That mode refuses `add_table` (and keeps
no cell once written), so such a sheet is a filtered list with the same header,
widths, panes, links and print setup, but no Excel table; every shorter sheet is
a table as before. The Summary (written out of row order, its charts reading its
cells back) and Indicators (its trend numbers written after its rows) never stream.
Past Excel's `MAX_ROWS` a sheet holds what fits and says where every row is.
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from xlsxwriter.utility import xl_range

from planrecon.normalise.schema import written

from . import styles
from .cells import Column, Prepared, height, prepare, row_height, width
from .prose import uk_date
from .safebook import LINK_LIMIT, SafeWorkbook
from .styles import FORMATS

NOTE_ROW, HEADER_ROW = 0, 1
NOTE_SPAN = 8
"""Columns the note is merged across: wide enough to read, narrow enough to wrap."""
MAX_ROWS = 1_048_576
"""Excel's most rows on one sheet, the note and header rows included."""
STREAM_ROWS = 100_000
"""A sheet with more rows is written in constant memory (about 6 kB a row otherwise)."""
CHUNK = 10_000
"""Rows prepared at a time: a streamed sheet's memory stays this size."""
STORE = "planrecon.duckdb"
log = logging.getLogger("planrecon")


@dataclass(frozen=True)
class Sheet:
    """A frame sheet's layout: its tab, its note, its columns and its paper size."""

    name: str
    note: str
    columns: list[Column]
    paper: int = styles.PAPER_A4
    csv: str = ""
    """The CSV file holding every row, named when a sheet cannot hold them all."""
    streams: bool = True
    """Whether a long sheet may be written in constant memory (rows in order only)."""

    def streamed(self, rows: int) -> bool:
        return self.streams and rows > STREAM_ROWS


@dataclass(frozen=True)
class SourceLinks:
    """How to link a row to its paper: the inbox as seen from the output folder."""

    inbox: Path
    out_dir: Path

    def url(self, source_file: str, locator: str) -> str:
        rel = _relative(self.inbox, source_file, self.out_dir)
        sheet, _, cell = locator.partition("!") if "!" in locator else ("", "", "")
        cell = cell.split(",")[0].strip()  # a note on several places opens at the first
        return f"external:{rel}" + (f"#'{sheet}'!{cell}" if sheet else "")


@dataclass(frozen=True)
class Written:
    """A sheet as written: its name, its rows in sheet order and its width."""

    name: str
    frame: pd.DataFrame
    columns: list[Column]

    def block(self, mask: pd.Series) -> str:
        """`internal:` link selecting the rows where `mask` holds (they are contiguous,
        because every sheet is sorted by plan first); the sheet's top when none do."""
        rows = [i for i, hit in enumerate(mask.tolist()) if hit]
        if not rows:
            return f"internal:'{self.name}'!A1"
        first, last = HEADER_ROW + 1 + rows[0], HEADER_ROW + 1 + rows[-1]
        return f"internal:'{self.name}'!{xl_range(first, 0, last, len(self.columns) - 1)}"


@dataclass
class SheetWriter:
    """`reconciliation.xlsx` being written: the workbook, its formats, the links to the
    papers and the date the data speak as of, shared by every sheet."""

    path: Path
    as_of: date | None
    links: SourceLinks
    created: datetime
    book: SafeWorkbook = field(init=False)
    formats: dict = field(init=False)
    notes: list[dict] = field(init=False, default_factory=list)
    """Data quality lines the workbook adds itself: a sheet too long for Excel."""

    def __post_init__(self):
        self.book = SafeWorkbook(str(self.path))
        self.book.set_properties({
            "title": "Action plan reconciliation",
            "subject": f"Data as of {written(self.as_of) or ''}",
            "author": "planrecon", "created": self.created,
        })
        self.formats = {name: self.book.add_format(props) for name, props in FORMATS.items()}

    def sheet(self, name: str, streamed: bool = False):
        """A new sheet (see the module's note on `streamed`)."""
        return self.book.add_worksheet(name, streamed=streamed)

    def frame(self, sheet: Sheet, rows: pd.DataFrame, ws=None) -> Written:
        """Write `rows` as `sheet`, in the order given (as many as Excel holds, said in the
        note and on Data quality when that is not all of them); `ws`, the sheet when it
        was added earlier to keep its place among the tabs."""
        rows, note = self._fit(sheet, rows.reset_index(drop=True))
        columns = sheet.columns
        if ws is None:
            ws = self.sheet(sheet.name, sheet.streamed(len(rows)))
        widths = [width(column.key) for column in columns]
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        unlinked = _first_unlinked(rows, columns)
        if unlinked is not None:
            said = (f"Excel allows {LINK_LIMIT:,} links on one sheet: from row "
                    f"{HEADER_ROW + 2 + unlinked} on, the paper is named as text (its folder "
                    "and name), with the place in it beside.")
            log.warning("%s sheet: %s", sheet.name, said)
            note = f"{note} {said}"
        self.note(ws, note, widths[:NOTE_SPAN])
        ws.set_row(HEADER_ROW, row_height([c.header for c in columns], widths, bold=True))
        if ws.constant_memory:  # no table to write the header: written here, in row order
            for c, column in enumerate(columns):
                ws.put_string(HEADER_ROW, c, column.header, self.formats["header"])
        for start in range(0, len(rows), CHUNK):
            part = rows.iloc[start:start + CHUNK]
            self.rows(ws, HEADER_ROW + 1 + start, [prepare(part, c) for c in columns])
        last = HEADER_ROW + max(len(rows), 1)
        if ws.constant_memory:
            ws.autofilter(HEADER_ROW, 0, last, len(columns) - 1)
        else:
            ws.add_table(HEADER_ROW, 0, last, len(columns) - 1, {
                "columns": [{"header": col.header, "header_format": self.formats["header"]}
                            for col in columns],
                "style": styles.TABLE_STYLE, "autofilter": True,
                "name": _table_name(sheet.name),
            })
        for c, column in enumerate(columns):
            if column.key == "slip_days" and len(rows):
                ws.conditional_format(HEADER_ROW + 1, c, last, c, styles.DATA_BAR)
        ws.freeze_panes(HEADER_ROW + 1, 0)
        self.print_setup(ws, sheet.paper)
        return Written(sheet.name, rows, columns)

    def _fit(self, sheet: Sheet, rows: pd.DataFrame) -> tuple[pd.DataFrame, str]:
        """The rows one sheet holds, and its note; past Excel's row limit the note and a
        Data quality line say how many are shown and where every row is."""
        room = MAX_ROWS - HEADER_ROW - 1
        if len(rows) <= room:
            return rows, sheet.note
        where = f"{sheet.csv or 'the CSV files'} beside this workbook, and in {STORE}"
        said = (f"Excel holds {MAX_ROWS:,} rows on one sheet, so this sheet shows the first "
                f"{room:,} of {len(rows):,} rows; every row is in {where}.")
        log.warning("%s sheet: %s", sheet.name, said)
        self.notes.append({
            "source_file": "", "source_locator": f"'{sheet.name}'!A{MAX_ROWS}",
            "code": "sheet_too_long", "column": "", "value": f"{len(rows):,} rows",
            "message": f"The {sheet.name} sheet shows the first {room:,} of {len(rows):,} "
                       f"rows (Excel's limit); every row is in {where}.",
            "quarantine": False, "stage": "outputs",
        })
        return rows.head(room), f"{sheet.note} {said}"

    def note(self, ws, text: str, widths: list[float]) -> None:
        """A sheet's note merged over its first columns, tall enough for its wrapped text
        (italic text runs about a tenth wider than the width counts)."""
        lines = max(1, -(-len(text) * 11 // (10 * max(int(sum(widths)), 1))))
        if len(widths) > 1:
            ws.merge_range(NOTE_ROW, 0, NOTE_ROW, len(widths) - 1, text, self.formats["note"])
        else:
            ws.write_string(NOTE_ROW, 0, text, self.formats["note"])
        ws.set_row(NOTE_ROW, styles.NOTE_HEIGHT_PER_LINE * lines)

    def rows(self, ws, first: int, prepared: list[Prepared]) -> None:
        """Write the prepared columns' rows from sheet row `first` on, in row order and
        each row's cells in column order, each row as tall as its tallest cell. Every
        cell's writer, value and format are lined up per column first, so the loop over
        a million cells only calls."""
        papers = [0] * len(prepared[0].values)  # lines of each row's paper as written
        cells = [self._cells(ws, column, papers) for column in prepared]
        plain = [column.lines for column in prepared if column.column.kind != "source"]
        tallest = list(map(max, zip(*plain, strict=True)))
        for i, row in enumerate(zip(*cells, strict=True)):
            r = first + i
            for c, (put, value, fmt) in enumerate(row):
                put(r, c, value, fmt)
            ws.set_row(r, height(max(tallest[i], papers[i])))

    def _cells(self, ws, column: Prepared, papers: list[int]):
        """(writer, value, format) of each of a column's cells: text, a number or a date,
        or a paper (`_paper`, given the row's place in `papers`)."""
        formats = list(map(self.formats.__getitem__, column.formats))
        kind = column.column.kind
        if kind == "source":
            paper = self._paper(ws, column, papers)
            return zip(itertools.repeat(paper), range(len(formats)), formats)
        if kind in ("number", "score", "date"):
            typed = ws.put_date if kind == "date" else ws.put_number
            puts = [ws.put_string if value == "" else typed for value in column.values]
            return zip(puts, column.values, formats, strict=True)
        return zip(itertools.repeat(ws.put_string), column.values, formats)

    def _paper(self, ws, column: Prepared, papers: list[int]):
        """The writer of a source column's cell `i`: a link to the place in the paper while
        the sheet may hold more links, else its folder and name as text; it notes the
        lines the cell takes in `papers[i]`."""
        link, url, values = self.formats["link"], self.links.url, column.values

        def put(r: int, c: int, i: int, fmt) -> None:
            value = values[i]
            if value and ws.hlink_count < LINK_LIMIT:
                ws.write_url(r, c, url(value, column.places[i]), link,
                             string=column.names[i], tip="Open the paper")
                papers[i] = max(papers[i], column.link_lines[i])
            else:
                ws.put_string(r, c, value, fmt)
                papers[i] = max(papers[i], column.lines[i])
        return put

    def print_setup(self, ws, paper: int = styles.PAPER_A4, repeat: int | None = HEADER_ROW):
        """Landscape, fit to one page wide, header row repeated, sheet name and page
        numbers, and the date the data speak as of."""
        ws.set_landscape()
        ws.set_paper(paper)
        ws.fit_to_pages(1, 0)
        if repeat is not None:
            ws.repeat_rows(repeat)
        ws.set_margins(**styles.MARGINS)
        ws.set_header(styles.HEADER.format(as_of=uk_date(self.as_of) or "not stated"))
        ws.set_footer(styles.FOOTER)

    def close(self) -> None:
        self.book.close()


@functools.cache
def _relative(inbox: Path, source_file: str, start: Path) -> str:
    """A paper in the inbox as seen from `start`, with forward slashes; worked out once
    per paper, not once per row."""
    return os.path.relpath(inbox / source_file, start).replace(os.sep, "/")


def _first_unlinked(frame: pd.DataFrame, columns: list[Column]) -> int | None:
    """The first row (0-based in `frame`) whose paper can no longer be a link."""
    sources = [c.key for c in columns if c.kind == "source" and c.key in frame]
    if not sources:
        return None
    links = frame[sources].fillna("").astype(bool).sum(axis=1).cumsum()
    over = links.index[links > LINK_LIMIT]
    return int(over[0]) if len(over) else None


def _table_name(sheet: str) -> str:
    return "t_" + "".join(ch if ch.isalnum() else "_" for ch in sheet)
