"""Rows of an unruled table printed flush and centred, found from where their centres are.

A table printed with no lines, no padding between rows and each cell centred in its row
(fpdf's and many report writers' default) gives spacing nothing to go on: the lines of
one wrapped action follow the lines of the next at the same leading. What still tells
the rows apart is the centring itself. Each one-line cell of a row (its reference, its
date) sits at the row's middle, so once the top of a row is known its bottom is as far
below that middle as the top is above it, and the next row starts there:

    bottom(i) = 2 × middle(i) − top(i),    top(i + 1) = bottom(i)

Taking each line of one column as the middle of a row, the walk down the table either
lands on the lines' own grid at every step and ends at the table's last line — those
are the rows — or it does not, and that column does not mark the rows. Such a table
shows itself by lines set half a line apart (a one-line cell beside two lines of text),
which a top- or bottom-aligned table never has, so the walk is tried only then.
"""

from __future__ import annotations

import statistics

from .pdf_geometry import Line

OFF_GRID = 0.2
"""A row edge further than this share of a line pitch from a gap between lines is no edge."""
HALF_LINES = 2
"""Lines set half a pitch below the line before, from which a table counts as centred."""
WRAPPED_CELL = 3
"""The most lines a cell of the column that marks the rows is tried as."""


def _slots(block: list[list[Line]]) -> tuple[list[float], float] | None:
    """Per line its middle, and the line pitch; None unless lines sit half a pitch apart."""
    tops = [line[0].top for line in block]
    steps = [b - a for a, b in zip(tops, tops[1:], strict=False) if b > a]
    if len(steps) < 2:
        return None
    height = statistics.median(max(s.bottom for s in line) - line[0].top for line in block)
    whole = [round(s, 1) for s in steps if s >= height]  # half a pitch is less than a line
    if not whole:
        return None
    pitch = min(whole)  # a wrapped cell's lines; a blank row between rows is wider
    if sum(abs(s - pitch / 2) <= OFF_GRID * pitch for s in steps) < HALF_LINES:
        return None
    middles = [(t + max(s.bottom for s in line)) / 2 for t, line in zip(tops, block,
                                                                       strict=True)]
    return middles, pitch


def _walk(anchors: list[int], middles: list[float], pitch: float,
          alone: set[int]) -> list[list[int]] | None:
    """The rows whose middles are those of the anchor column's cells, walking down from the
    first line; None where no reading keeps every row's edge on the lines' grid and ends
    at the last line. A row with text in the anchor column alone (a section name) may
    wrap over lines a pitch apart: there the step tries three, two, then one of its lines
    as one cell. A step that fails is remembered, which keeps the search linear."""
    half, count = pitch / 2, len(middles)
    failed: set[tuple[int, int]] = set()

    def rows_from(j: int, at: int) -> list[list[int]] | None:
        if j == len(anchors):
            return [] if at == count else None
        if (j, at) in failed:
            return None
        top = middles[at - 1] + half if at else middles[0] - half
        for k in range(min(WRAPPED_CELL, len(anchors) - j), 0, -1):
            cell = anchors[j:j + k]
            if any(abs(middles[b] - middles[a] - pitch) > OFF_GRID * pitch
                   for a, b in zip(cell, cell[1:], strict=False)):
                continue  # not one wrapped cell: its lines are not a pitch apart
            bottom = middles[cell[0]] + middles[cell[-1]] - top
            end = at
            while end < count and middles[end] < bottom:
                end += 1
            if (end == at or not (at <= cell[0] and cell[-1] < end)
                    or k > 1 and not alone.issuperset(range(at, end))
                    or abs(middles[end - 1] + half - bottom) > OFF_GRID * pitch):
                continue
            rest = rows_from(j + k, end)
            if rest is not None:
                return [list(range(at, end)), *rest]
        failed.add((j, at))
        return None

    return rows_from(0, 0)


def centred_rows(block: list[list[Line]], placed) -> list[list[int]] | None:
    """The block's lines grouped into rows by the walk from the middles of one column's
    lines: the column that gives the fewest rows, all landing on the grid. None when the
    table is not printed centred or no column's lines mark its rows."""
    slots = _slots(block)
    if slots is None:
        return None
    middles, pitch = slots
    best = None
    for column in sorted({c for cells in placed for c in cells}):
        anchors = [i for i, cells in enumerate(placed) if column in cells]
        alone = {i for i in anchors if len(placed[i]) == 1}
        rows = _walk(anchors, middles, pitch, alone) if len(anchors) > 1 else None
        if rows is not None and len(rows) < len(block) and (best is None
                                                             or len(rows) < len(best)):
            best = rows
    return best
