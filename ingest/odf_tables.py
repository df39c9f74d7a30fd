"""An OpenDocument `table:table` as rows of cell runs, laid out without trusting its repeats.

ODF compresses a table: `table:number-rows-repeated` and
`table:number-columns-repeated` say "this row (cell) again N times", and
LibreOffice ends every sheet with a run of ~16,000 empty columns and ~1,000,000
empty rows. So a table is first read as runs (cheap whatever the counts say),
then only the part that holds text (and fills within it) is laid out as cells,
and a table whose text would still need more cells than a sheet may span
(`limits.MAX_SHEET_CELLS`, the bound the Excel readers keep too) is refused.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from .errors import FormatError
from .limits import MAX_ROW, MAX_SHEET_CELLS, beyond
from .odf_xml import Styles, paragraphs, q
from .sheet_grid import Shown

HIDDEN = {"collapse", "filter"}
"""`table:visibility` values that hide a row or column (filtered rows are hidden too)."""


@dataclass
class Run:
    """`count` cells in a row, from column `col` (1-based), all showing the same."""

    col: int
    count: int
    shown: Shown
    colspan: int = 1
    rowspan: int = 1


@dataclass
class RowRun:
    """`count` rows from row `row` (1-based), all holding the same runs."""

    row: int
    count: int
    hidden: bool
    runs: list[Run] = field(default_factory=list)


@dataclass
class Columns:
    """The table's column runs: hidden ones and each column's default cell style."""

    starts: list[int] = field(default_factory=list)
    styles: list[str | None] = field(default_factory=list)
    hidden: list[tuple[int, int]] = field(default_factory=list)
    """(first column, count) of each hidden column run."""

    def style(self, col: int) -> str | None:
        i = bisect_right(self.starts, col) - 1
        return self.styles[i] if i >= 0 else None


def _repeat(el, attr: str) -> int:
    try:
        count = int(el.get(q(attr), "1"))
    except ValueError:
        count = 1
    if not 1 <= count <= MAX_ROW:  # beyond a spreadsheet's own row limit: damage
        raise FormatError(f"the table repeats a row or column {count} times (damaged?)")
    return count


def _walk(el, tags: set[str], groups: set[str]):
    """Children with one of `tags`, looking through header/group wrappers."""
    for child in el:
        if child.tag in tags:
            yield child
        elif child.tag in groups:
            yield from _walk(child, tags, groups)


_ROW_GROUPS = {q("table:table-header-rows"), q("table:table-row-group"), q("table:table-rows")}
_COL_GROUPS = {q("table:table-header-columns"), q("table:table-column-group"),
               q("table:table-columns")}
_CELLS = {q("table:table-cell"), q("table:covered-table-cell")}


def read_columns(table: etree._Element) -> Columns:
    cols = Columns()
    at = 1
    for el in _walk(table, {q("table:table-column")}, _COL_GROUPS):
        count = _repeat(el, "table:number-columns-repeated")
        cols.starts.append(at)
        cols.styles.append(el.get(q("table:default-cell-style-name")))
        if el.get(q("table:visibility")) in HIDDEN:
            cols.hidden.append((at, count))
        at += count
    return cols


def read_rows(table: etree._Element, styles: Styles, columns: Columns,
              text_of: Callable[[etree._Element], str],
              nested: list[tuple[int, int, etree._Element]] | None = None) -> list[RowRun]:
    """The table's rows as runs; `text_of` turns a cell element into its displayed text.

    Tables inside cells are added to `nested` as (row, column, table), when given.
    """
    out: list[RowRun] = []
    at = 1
    for tr in _walk(table, {q("table:table-row")}, _ROW_GROUPS):
        count = _repeat(tr, "table:number-rows-repeated")
        row = RowRun(at, count, tr.get(q("table:visibility")) in HIDDEN)
        row_style = tr.get(q("table:default-cell-style-name"))
        col = 1
        for tc in _walk(tr, _CELLS, set()):
            span = _repeat(tc, "table:number-columns-repeated")
            if tc.tag == q("table:table-cell"):
                style = tc.get(q("table:style-name")) or row_style or columns.style(col)
                shown = Shown(text_of(tc), styles.fill(style), cell_value(tc))
                if nested is not None:
                    nested.extend((at, col, inner) for inner in tc.findall(q("table:table")))
                if shown.text or shown.fill:
                    row.runs.append(Run(col, span, shown,
                                        _repeat(tc, "table:number-columns-spanned"),
                                        _repeat(tc, "table:number-rows-spanned")))
            col += span
        out.append(row)
        at += count
    return out


def cell_lines(tc: etree._Element) -> str:
    """A spreadsheet cell's text: its paragraphs' lines, one per line."""
    return "\n".join(line for lines, _ in paragraphs(tc) for line in lines)


def cell_value(tc: etree._Element) -> object:
    """The cell's typed value: a date (as `office:date-value` gives it), number or boolean."""
    kind = tc.get(q("office:value-type"))
    try:
        if kind == "date":
            raw = tc.get(q("office:date-value"), "")
            return dt.datetime.fromisoformat(raw) if "T" in raw else dt.date.fromisoformat(raw)
        if kind in ("float", "percentage", "currency"):
            return float(tc.get(q("office:value"), ""))
        if kind == "boolean":
            return tc.get(q("office:boolean-value")) == "true"
    except ValueError:
        return None
    return None


def text_bounds(rows: list[RowRun]) -> tuple[int, int]:
    """(last row, last column) holding text, or (0, 0) when no cell has any."""
    last_row = last_col = 0
    for row in rows:
        texts = [run for run in row.runs if run.shown.text]
        if texts:
            last_row = row.row + row.count - 1
            last_col = max(last_col, *(run.col + run.count - 1 for run in texts))
    return last_row, last_col


def lay_out(rows: list[RowRun], what: str
            ) -> tuple[dict[tuple[int, int], Shown], list[tuple[int, int, int, int]], set[int]]:
    """The cells within the text's bounds, merged ranges, and hidden row numbers.

    Repeats are expanded only inside the bounds; fills beyond the last text
    column or row are what a whole-row highlight looks like and carry nothing.
    """
    last_row, last_col = text_bounds(rows)
    cells: dict[tuple[int, int], Shown] = {}
    merged: list[tuple[int, int, int, int]] = []
    hidden: set[int] = set()
    for row in rows:
        if row.row > last_row:
            break
        numbers = range(row.row, min(row.row + row.count, last_row + 1))
        if row.hidden:
            hidden.update(numbers)
        runs = [run for run in row.runs if run.col <= last_col]
        width = sum(min(run.count, last_col - run.col + 1) for run in runs)
        if len(cells) + width * len(numbers) > MAX_SHEET_CELLS:
            raise beyond(f"{what} needs more cells than it may span to hold its text or "
                         "colour", MAX_SHEET_CELLS, "cells")
        for r in numbers:
            for run in runs:
                for c in range(run.col, min(run.col + run.count, last_col + 1)):
                    cells[(r, c)] = run.shown
                    if run.colspan > 1 or run.rowspan > 1:
                        merged.append((r, c, min(r + run.rowspan - 1, last_row),
                                       min(c + run.colspan - 1, last_col)))
    return cells, merged, hidden
