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
from .text import is_lone_bullet, list_item

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


def _ended(placed: list[dict]) -> list[set[int]]:
    """Per line: the columns whose text ends on it. Text wraps only when the next word
    will not fit, so a line with room left in its column for the first word of the next
    line below in that column ends its paragraph there, unless that next line is an item
    of a list (a lead-in sentence, then its bullets)."""
    right: dict[int, float] = {}
    for cells in placed:
        for c, (_, words) in cells.items():
            right[c] = max(right.get(c, 0.0), max(w["x1"] for w in words))
    out = []
    for i, cells in enumerate(placed):
        ends = set()
        for c, (_, words) in cells.items():
            below = next((p[c][1] for p in placed[i + 1:] if c in p), None)
            if below is None:
                continue
            below = sorted(below, key=lambda w: w["x0"])
            starts = " ".join(w["text"] for w in below)
            if list_item(starts) and not is_lone_bullet(starts):  # a lone tick is a value
                continue
            first = below[0]
            width = first["x1"] - first["x0"]
            space = width / max(len(first["text"]), 1)
            if max(w["x1"] for w in words) + space + width <= right[c]:
                ends.add(c)
        out.append(ends)
    return out


def _walk(column: int, placed: list[dict], middles: list[float],
          pitch: float) -> tuple[int, list[list[int]]] | None:
    """The rows whose middles are those of one column's cells, walking down from the first
    line, with how many paragraphs they break; None where no reading keeps every row's
    edge on the lines' grid and ends at the last line.

    A row is as tall as its tallest cell, so some column's lines fill it from edge to
    edge: a reading that shifts a boundary by a line (which the middles alone allow, one
    row up and the next down) leaves a row no cell fills. A row with text in the column
    alone (a section name) may wrap over lines a pitch apart: there the step tries up to
    three of its lines as one cell; a one-line row with no text in the column (a heading,
    a section name) may stand as a row of its own. Where several readings fit, the one
    that puts the fewest lines that end a paragraph (`_ended`) above more text of the
    same cell wins, then the one with fewer rows. Each (cell, line) is solved once."""
    half, count = pitch / 2, len(middles)
    anchors = [i for i, cells in enumerate(placed) if column in cells]
    alone = {i for i in anchors if placed[i].keys() == {column}}
    ended = _ended(placed)
    solved: dict[tuple[int, int], tuple[int, int, list[list[int]]] | None] = {}

    def filled(at: int, end: int, top: float, bottom: float) -> bool:
        lines = round((bottom - top) / pitch)
        return any(sum(c in placed[i] for i in range(at, end)) == lines
                   for c in placed[at].keys() & placed[end - 1].keys())

    def breaks(lines: list[int]) -> int:
        """Lines of the row that end a paragraph with more of their cell below them."""
        return sum(c in ended[i] and any(c in placed[k] for k in lines if k > i)
                   for i in lines for c in placed[i])

    def steps(j: int, at: int, top: float):
        """The rows that can start at line `at`, and how many cells of the column each
        takes: one line alone, or around the column's next cell."""
        if column not in placed[at] and abs(middles[at] - half - top) <= OFF_GRID * pitch:
            yield [at], 0
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
                    or abs(middles[end - 1] + half - bottom) > OFF_GRID * pitch
                    or not filled(at, end, top, bottom)):
                continue
            yield list(range(at, end)), k

    def rows_from(j: int, at: int) -> tuple[int, int, list[list[int]]] | None:
        """(paragraphs broken, rows, the rows) of the best reading from line `at`."""
        if at == count:
            return (0, 0, []) if j == len(anchors) else None
        if (j, at) not in solved:
            top = middles[at - 1] + half if at else middles[0] - half
            best = None
            for lines, k in steps(j, at, top):
                rest = rows_from(j + k, lines[-1] + 1)
                if rest is not None:
                    option = (rest[0] + breaks(lines), rest[1] + 1, [lines, *rest[2]])
                    best = option if best is None or option[:2] < best[:2] else best
            solved[j, at] = best
        return solved[j, at]

    found = rows_from(0, 0) if len(anchors) > 1 else None
    return None if found is None else (found[0], found[2])


def centred_rows(block: list[list[Line]], placed) -> list[list[int]] | None:
    """The block's lines grouped into rows by the walk from the middles of one column's
    lines: of the columns whose walk lands on the grid, the one whose rows break the
    fewest paragraphs, then the fewest rows. None when the table is not printed centred
    or no column's lines mark its rows."""
    slots = _slots(block)
    if slots is None:
        return None
    middles, pitch = slots
    readings = [found for column in sorted({c for cells in placed for c in cells})
                if (found := _walk(column, placed, middles, pitch)) is not None
                and len(found[1]) < len(block)]
    if not readings:
        return None
    return min(readings, key=lambda r: (r[0], len(r[1])))[1]
