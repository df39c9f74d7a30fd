"""Writing one DataFrame as a filterable, printable sheet: shared by every sheet.

A note row says what the sheet holds and how to act on it; the table below
has a header row, filters, frozen panes, wrapped text and set widths, and
prints landscape, fit to width, with the header repeated on every page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .styles import DEFAULT_WIDTH, RAG_FORMAT, STATUS_RAG, WIDTHS

NOTE_ROW, HEADER_ROW = 0, 1


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"
    """text | number | score | rag | status | source (hyperlink to the paper)."""
    compare: str = ""
    """Key of the column on the other side: the cell is highlighted when they differ."""


@dataclass(frozen=True)
class SourceLinks:
    """How to link a row to its paper: the inbox as seen from the output folder."""

    inbox: Path
    out_dir: Path

    def url(self, source_file: str, locator: str) -> str:
        rel = os.path.relpath(self.inbox / source_file, self.out_dir).replace(os.sep, "/")
        cell = locator.split("!", 1)[1] if "!" in locator else ""
        sheet = locator.split("!", 1)[0] if "!" in locator else ""
        return f"external:{rel}" + (f"#'{sheet}'!{cell}" if sheet else "")


def _cell_format(column: Column, value, row: pd.Series, formats: dict):
    if column.kind == "rag" and value in RAG_FORMAT:
        return formats[RAG_FORMAT[value]]
    if column.kind == "status" and value in STATUS_RAG:
        return formats[STATUS_RAG[value]]
    if column.compare and str(row.get(column.compare, "")) not in ("", str(value)) and value != "":
        return formats["changed"]
    if column.kind == "number":
        return formats["number"]
    if column.kind == "score":
        return formats["score"]
    return formats["text"]


def write_frame(workbook, name: str, note: str, frame: pd.DataFrame, columns: list[Column],
                formats: dict, links: SourceLinks | None = None, review_key: str = ""):
    """Write `frame` as sheet `name`; returns the worksheet."""
    ws = workbook.add_worksheet(name)
    ws.write_string(NOTE_ROW, 0, note, formats["note"])
    for c, column in enumerate(columns):
        ws.set_column(c, c, WIDTHS.get(column.key.removeprefix("old_").removeprefix("new_"),
                                       WIDTHS.get(column.key, DEFAULT_WIDTH)))
    for r, (_, row) in enumerate(frame.iterrows(), start=HEADER_ROW + 1):
        for c, column in enumerate(columns):
            value = row.get(column.key, "")
            value = "" if value is None or (isinstance(value, float) and pd.isna(value)) else value
            fmt = _cell_format(column, value, row, formats)
            if review_key and row.get(review_key) is True and column.kind == "text":
                fmt = formats["review"]
            if column.kind == "source" and links is not None and value:
                locator = str(row.get(column.compare, ""))
                ws.write_url(r, c, links.url(str(value), locator), formats["link"],
                             string=f"{value} {locator}".strip())
            elif column.kind in ("number", "score") and value != "":
                ws.write_number(r, c, float(value), fmt)
            elif isinstance(value, bool):
                ws.write_string(r, c, "yes" if value else "", fmt)
            else:
                ws.write_string(r, c, str(value), fmt)
    last = HEADER_ROW + max(len(frame), 1)
    ws.add_table(HEADER_ROW, 0, last, len(columns) - 1, {
        "columns": [{"header": col.header, "header_format": formats["header"]} for col in columns],
        "style": "Table Style Light 9", "autofilter": True,
    })
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    return ws
