"""Writing one DataFrame as a filterable, printable sheet: shared by every sheet.

A note row says what the sheet holds and how to act on it; the table below
has a header row, filters, frozen panes, wrapped text and set widths, and
prints landscape, fit to width, with the header repeated on every page.
The sheet reports where each block of rows landed, so the Summary can link
a count to exactly the rows it counts.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd
from xlsxwriter.utility import xl_range

from . import styles
from .safebook import LINK_LIMIT
from .styles import DEFAULT_WIDTH, RAG_FORMAT, STATUS_LABELS, STATUS_RAG, WIDTHS

NOTE_ROW, HEADER_ROW = 0, 1
NOTE_SPAN = 8
"""Columns the note is merged across: wide enough to read, narrow enough to wrap."""
log = logging.getLogger("planrecon")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"
    """text | number | score | date (an ISO date, written as a date) | rag | status |
    flags | review (a yes/no to check) | source (hyperlink to the paper)."""
    compare: str = ""
    """Key of the column on the other side: the cell is highlighted when they differ.
    For a source column, the key of its locator (the link goes to that place)."""


@dataclass(frozen=True)
class SourceLinks:
    """How to link a row to its paper: the inbox as seen from the output folder."""

    inbox: Path
    out_dir: Path

    def url(self, source_file: str, locator: str) -> str:
        rel = os.path.relpath(self.inbox / source_file, self.out_dir).replace(os.sep, "/")
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


def display(column: Column, value) -> str:
    """The text an officer reads: status labels, no 'none' RAG, flags as a list."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    text = str(value)
    if column.kind == "status":
        return STATUS_LABELS.get(text, text)
    if column.kind == "rag":
        return "" if text == "none" else text
    if column.kind == "flags":
        return ", ".join(f.replace("_", " ") for f in text.split(";") if f)
    if column.key.endswith("owners"):  # the CSVs' `;` list, spaced for reading
        return "; ".join(o for o in text.split(";") if o)
    return text


def _cell_format(column: Column, value, row: dict, formats: dict):
    if column.kind == "rag" and value in RAG_FORMAT:
        return formats[RAG_FORMAT[value]]
    if column.kind == "status" and value in STATUS_RAG:
        return formats[STATUS_RAG[value]]
    if column.kind == "review":
        return formats["review" if value else "text"]
    if column.compare and column.kind != "source":
        now, before = str(row.get(column.key, "")), str(row.get(column.compare, ""))
        if now and before not in ("", now):  # the data, not how it is shown, changed
            return formats["changed_date" if column.kind == "date" else "changed"]
    return formats.get(column.kind, formats["text"])


def _source_text(source_file: str) -> str:
    """The paper's file name, on one line (LibreOffice does not wrap a link): the folder
    is in the link, the place in the paper in the column beside it."""
    return PurePosixPath(source_file).name


def write_note(ws, note: str, widths: list[float], formats: dict) -> None:
    """The sheet's note merged over the first columns, tall enough for its wrapped text
    (italic text runs about a tenth wider than the width counts)."""
    span = len(widths)
    lines = max(1, -(-len(note) * 11 // (10 * max(int(sum(widths)), 1))))
    if span > 1:
        ws.merge_range(NOTE_ROW, 0, NOTE_ROW, span - 1, note, formats["note"])
    else:
        ws.write_string(NOTE_ROW, 0, note, formats["note"])
    ws.set_row(NOTE_ROW, styles.NOTE_HEIGHT_PER_LINE * lines)


def uk_date(iso: str) -> str:
    """'2014-09-30' as officers write it in text: '30 Sep 2014' ('' stays '')."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%b %Y}"


def set_print(ws, as_of: str, paper: int = styles.PAPER_A4, repeat: int | None = HEADER_ROW):
    """Landscape, fit to one page wide, header row repeated, sheet name and page numbers."""
    ws.set_landscape()
    ws.set_paper(paper)
    ws.fit_to_pages(1, 0)
    if repeat is not None:
        ws.repeat_rows(repeat)
    ws.set_margins(**styles.MARGINS)
    ws.set_header(styles.HEADER.format(as_of=uk_date(as_of) or "not stated"))
    ws.set_footer(styles.FOOTER)


def write_frame(workbook, name: str, note: str, frame: pd.DataFrame, columns: list[Column],
                formats: dict, as_of: str, links: SourceLinks | None = None,
                paper: int = styles.PAPER_A4) -> Written:
    """Write `frame` as sheet `name`, rows in the order given."""
    frame = frame.reset_index(drop=True)
    ws = workbook.add_worksheet(name)
    widths = [width(column.key) for column in columns]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    unlinked = _first_unlinked(frame, columns) if links is not None else None
    if unlinked is not None:
        said = (f"Excel allows {LINK_LIMIT:,} links on one sheet: from row "
                f"{HEADER_ROW + 2 + unlinked} on, the paper is named as text (its folder and "
                "name), with the place in it beside.")
        log.warning("%s sheet: %s", name, said)
        note = f"{note} {said}"
    write_note(ws, note, widths[:NOTE_SPAN], formats)
    ws.set_row(HEADER_ROW, row_height([c.header for c in columns], widths, bold=True))
    # plain dicts, not iterrows' Series: a 50,000-row sheet spent most of its time there
    for r, row in enumerate(frame.to_dict("records"), start=HEADER_ROW + 1):
        texts = _write_row(ws, r, row, columns, formats, links)
        ws.set_row(r, row_height(texts, widths))
    last = HEADER_ROW + max(len(frame), 1)
    ws.add_table(HEADER_ROW, 0, last, len(columns) - 1, {
        "columns": [{"header": col.header, "header_format": formats["header"]} for col in columns],
        "style": styles.TABLE_STYLE, "autofilter": True, "name": _table_name(name),
    })
    for c, column in enumerate(columns):
        if column.key == "slip_days" and len(frame):
            ws.conditional_format(HEADER_ROW + 1, c, last, c, styles.DATA_BAR)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    set_print(ws, as_of, paper)
    return Written(name, frame, columns)


def _first_unlinked(frame: pd.DataFrame, columns: list[Column]) -> int | None:
    """The first row (0-based in `frame`) whose paper can no longer be a link."""
    sources = [c.key for c in columns if c.kind == "source" and c.key in frame]
    if not sources:
        return None
    links = frame[sources].fillna("").astype(bool).sum(axis=1).cumsum()
    over = links.index[links > LINK_LIMIT]
    return int(over[0]) if len(over) else None


def row_height(texts: list[str], widths: list[float], bold: bool = False) -> float:
    """Points for a row of wrapped text. Neither LibreOffice nor every Excel version fits
    row heights to wrapped text on opening, so the rows are sized here, generously."""
    per_char = 1.0 if bold else 0.9
    lines = 1
    for text, width in zip(texts, widths, strict=True):
        fits = max(int(width / per_char) - 1, 1)
        lines = max(lines, sum(-(-max(len(part), 1) // fits) for part in text.split("\n")))
    return min(lines, styles.MAX_LINES) * styles.LINE_HEIGHT + 3


def _write_row(ws, r: int, row: dict, columns, formats, links) -> list[str]:
    """Write one row; returns the texts shown, for sizing the row."""
    shown = []
    for c, column in enumerate(columns):
        raw = row.get(column.key, "")
        value = display(column, raw)
        fmt = _cell_format(column, value if column.kind != "status" else str(raw), row, formats)
        if column.kind == "source" and links is not None and value \
                and ws.hlink_count < LINK_LIMIT:
            locator = str(row.get(column.compare, ""))
            value = _source_text(value)
            ws.write_url(r, c, links.url(str(raw), locator), formats["link"], string=value,
                         tip="Open the paper")
        elif column.kind in ("number", "score") and value != "":
            ws.write_number(r, c, float(value), fmt)
        elif column.kind == "date" and value != "":
            ws.write_datetime(r, c, dt.datetime.fromisoformat(value), fmt)
        else:
            ws.write_string(r, c, value, fmt)
        shown.append(value)
    return shown


def _table_name(sheet: str) -> str:
    return "t_" + "".join(ch if ch.isalnum() else "_" for ch in sheet)


def width(key: str) -> float:
    """A column's width from its key; old_/new_ twins share their base's width."""
    return WIDTHS.get(key, WIDTHS.get(key.removeprefix("old_").removeprefix("new_"),
                                      DEFAULT_WIDTH))
