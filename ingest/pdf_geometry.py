"""Pure geometry steps of the PDF reader: words → lines → segments → table grids.

Every function here takes plain word dicts (pdfplumber's `extract_words` shape:
`text`, `x0`, `x1`, `top`, `bottom`) or the small records below and returns new
values, so each step can be tested and inspected on its own (STYLE 4). Nothing
here opens a PDF; `ingest._pdf` wires the chain.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from .grid import cluster_positions, nearest
from .items import cell_text
from .model import Cell
from .text import list_item

LINE_TOLERANCE = 0.45
"""Words whose tops differ by less than this share of their height sit on one line."""

SEGMENT_GAP = 0.75
"""A horizontal gap wider than this share of the text height separates two cells."""

ROW_GAP = 1.6
"""Two unruled table lines further apart than this many line heights end the table."""

EDGE_TOLERANCE = 2.0
"""Ruling positions closer than this (points) are one grid line."""



HYPHEN_END = re.compile(r"[^\W\d]-$")
"""A line ending in a letter and a hyphen: the word goes on on the next line."""


@dataclass
class Line:
    """Words sharing a baseline, left to right."""

    words: list[dict]
    top: float
    bottom: float

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def x1(self) -> float:
        return max(w["x1"] for w in self.words)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


@dataclass
class PageTable:
    """A table as found on one page: its grid of cells and where it sits.

    Cells have no locator yet: the reader gives them one when it numbers the tables."""

    page: int
    bbox: tuple[float, float, float, float]
    rows: list[list[Cell]]
    col_edges: list[float] = field(default_factory=list)
    """Left edges of the columns, for telling whether a table continues on the next page."""
    row_tops: list[float] = field(default_factory=list)
    """Top of each row, for cutting a grid into the tables drawn flush together in it."""
    row_lines: list[frozenset[int]] = field(default_factory=list)
    """Per row of a ruled table: the inner column lines its cells start or end on."""
    styled: list[bool] = field(default_factory=list)
    """Per row: every word on it bold, as headers are printed."""
    ruled: bool = True
    """Drawn with lines; an unruled table's right edge is where its text stops."""


def words_to_lines(words: list[dict]) -> list[Line]:
    """Group words into lines by their tops, top to bottom; each line's words left to right."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        height = word["bottom"] - word["top"]
        last = lines[-1] if lines else None
        if last is not None and abs(word["top"] - last.top) <= LINE_TOLERANCE * max(
            height, last.height
        ):
            last.words.append(word)
            last.bottom = max(last.bottom, word["bottom"])
        else:
            lines.append(Line([word], word["top"], word["bottom"]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def line_to_segments(line: Line) -> list[Line]:
    """Split a line where the gap between words is wider than a word space: candidate cells."""
    segments = [Line([line.words[0]], line.top, line.bottom)]
    for prev, word in zip(line.words, line.words[1:], strict=False):
        height = max(word["bottom"] - word["top"], prev["bottom"] - prev["top"], 1.0)
        if word["x0"] - prev["x1"] > SEGMENT_GAP * height:
            segments.append(Line([word], line.top, line.bottom))
        else:
            segments[-1].words.append(word)
    return segments


def words_text(words: list[dict]) -> str:
    """A cell's words as its text, its printed lines read by `items.cell_text` (lines
    joined with a space, list items with "; ", the bullet glyph dropped).

    A line ending in a hyphenated word part ("three-" / "year") joins the next without
    a space, as the Word original reads ("three-year").
    """
    lines: list[str] = []
    for line in words_to_lines(words):
        text = line.text.strip()
        if lines and HYPHEN_END.search(lines[-1]) and list_item(text) is None:
            lines[-1] += text
        else:
            lines.append(text)
    return cell_text([(lines, False)])


def all_bold(words: list[dict]) -> bool:
    """Words all printed bold (`bold` is set on words by the reader from their fonts)."""
    return bool(words) and all(w.get("bold") for w in words)


def ruled_cells_to_table(
    page: int,
    cells: list[tuple[float, float, float, float]],
    words: list[dict],
    fill_of: dict[int, str | None] | None = None,
) -> tuple[PageTable, list[dict]]:
    """Grid of a ruled table from its cell boxes; returns the table and the words left outside.

    Column and row lines are the clustered cell edges; a cell box covering several
    of them is a merged cell, its text at the origin and repeated (spanned) over
    the rest. `fill_of` maps a cell's index in `cells` to its background colour.
    """
    xs = cluster_positions([c[0] for c in cells] + [c[2] for c in cells], EDGE_TOLERANCE)
    ys = cluster_positions([c[1] for c in cells] + [c[3] for c in cells], EDGE_TOLERANCE)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    owner = [[-1] * n_cols for _ in range(n_rows)]
    spans = []
    row_lines: list[set[int]] = [set() for _ in range(n_rows)]
    for k, (x0, top, x1, bottom) in enumerate(cells):
        c0, c1 = nearest(xs, x0), nearest(xs, x1)
        r0, r1 = nearest(ys, top), nearest(ys, bottom)
        spans.append((r0, r1, c0, c1))
        for r in range(r0, r1):
            row_lines[r] |= {c for c in (c0, c1) if 0 < c < n_cols}
            for c in range(c0, c1):
                owner[r][c] = k
    inside: list[list[dict]] = [[] for _ in cells]
    outside: list[dict] = []
    for word in words:
        cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
        c, r = bisect.bisect_right(xs, cx) - 1, bisect.bisect_right(ys, cy) - 1
        k = owner[r][c] if 0 <= r < n_rows and 0 <= c < n_cols else -1
        (inside[k] if k >= 0 else outside).append(word)
    rows = [[Cell("", "") for _ in range(n_cols)] for _ in range(n_rows)]
    row_words: list[list[dict]] = [[] for _ in range(n_rows)]
    for k, (r0, r1, c0, c1) in enumerate(spans):
        cell = Cell(words_text(inside[k]), "", (fill_of or {}).get(k))
        row_words[r0] += inside[k]
        for r in range(r0, r1):
            for c in range(c0, c1):
                first = r == r0 and c == c0
                rows[r][c] = cell if first else Cell(cell.text, "", cell.fill, spanned=True)
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    lines = [frozenset(r) for r in row_lines]
    styled = [all_bold(words) for words in row_words]
    return PageTable(page, bbox, rows, xs[:-1], ys[:-1], lines, styled), outside


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _merge_intervals(intervals: list[tuple[float, float]]) -> list[list[float]]:
    merged: list[list[float]] = []
    for x0, x1 in sorted(intervals):
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return merged


def segments_to_columns(rows: list[list[Line]]) -> list[tuple[float, float]]:
    """Column intervals of an unruled table from its lines' segments.

    Lines with the most common number of segments set the columns (as camelot's
    stream mode does); a segment of another line that overlaps no column adds one.
    """
    counts = Counter(len(r) for r in rows if len(r) > 1)
    if not counts:
        return []
    modal = max(counts, key=lambda n: (counts[n], n))
    columns = _merge_intervals([(s.x0, s.x1) for r in rows if len(r) == modal for s in r])
    extra = [
        (s.x0, s.x1)
        for r in rows
        for s in r
        if not any(_overlap(s.x0, s.x1, c0, c1) > 0 for c0, c1 in columns)
    ]
    found = [(c0, c1) for c0, c1 in sorted(columns + _merge_intervals(extra))]
    return [part for column in found for part in _split_at_rivers(column, rows)]


RIVER = 2.0
"""A strip this many word spaces wide that no word of the table touches parts two columns."""
RIVER_LINES = 2
"""Lines each side of a strip needs for it to part columns (one line is a stray word)."""
CROSSING_SHARE = 0.1
"""Share of a table's lines that may cross a strip and still not join its two sides: the
title and section rows printed across the table."""
ALIGNED_SHARE = 2 / 3
"""A strip narrower than RIVER is a column edge all the same where this share of the lines
with text right of it start at its right edge, and some of them start a segment there:
a sheet printed without clipping runs one cell's words up to the next cell a space
apart, but the next column's texts still start at one x. Words of prose that happen to
start at one x are mid-line, never a segment's first."""
ALIGN_TOLERANCE = 1.0
"""Points within which two texts start at the same x."""


def _split_at_rivers(column: tuple[float, float],
                     rows: list[list[Line]]) -> list[tuple[float, float]]:
    """A column cut where a strip of white runs down the whole table inside it, wide or
    with the next column's texts starting at its right edge (`ALIGNED_SHARE`).

    Cells printed with little padding (a table drawn with no lines, a sheet printed
    without gridlines) leave less white between a wrapped action and the owner beside it
    than `line_to_segments` takes for a cell edge, so the two read as one column. But no
    word of the table's rows crosses the strip between them, while inside one column the
    words of some line cover any strip wider than a word space or two. Lines of one
    segment are left out when finding the strip and allowed to cross it if they are few
    (a title or section row printed across the table)."""
    c0, c1 = column
    spaces = [b["x0"] - a["x1"] for r in rows for s in r
              for a, b in zip(s.words, s.words[1:], strict=False)]
    if not spaces:
        return [column]
    space = sorted(spaces)[len(spaces) // 2]

    def words_inside(lines):
        found = [[w for s in r for w in s.words if c0 <= (w["x0"] + w["x1"]) / 2 <= c1]
                 for r in lines]
        return [ws for ws in found if ws]

    rowed = words_inside([r for r in rows if len(r) > 1])
    everyone = words_inside(rows)
    runs = _merge_intervals([(w["x0"], w["x1"]) for ws in rowed for w in ws])
    starts = [s.x0 for r in rows for s in r]
    for (_, left_end), (right_start, _) in zip(runs, runs[1:], strict=False):
        cut = (left_end + right_start) / 2
        left = sum(any(w["x1"] <= cut for w in ws) for ws in rowed)
        right = sum(any(w["x0"] >= cut for w in ws) for ws in rowed)
        aligned = sum(any(abs(w["x0"] - right_start) <= ALIGN_TOLERANCE for w in ws)
                      for ws in rowed)
        opened = sum(abs(x - right_start) <= ALIGN_TOLERANCE for x in starts)
        if right_start - left_end < RIVER * space and (
                opened < RIVER_LINES or aligned < ALIGNED_SHARE * right):
            continue
        crossing = sum(any(w["x0"] < cut < w["x1"] for w in ws) for ws in everyone)
        if min(left, right) >= RIVER_LINES and crossing <= CROSSING_SHARE * len(everyone):
            return [(c0, left_end), *_split_at_rivers((right_start, c1), rows)]
    return [column]


def place(segment: Line, columns: list[tuple[float, float]]) -> list[tuple[int, int, list]]:
    """(first column, last column, words) for a segment; split it when its words fall apart
    or where a word starts at the edge of a column it runs into."""
    hits = [i for i, (c0, c1) in enumerate(columns) if _overlap(segment.x0, segment.x1, c0, c1) > 0]
    if not hits:
        centre = (segment.x0 + segment.x1) / 2
        near = min(range(len(columns)), key=lambda i: abs(sum(columns[i]) / 2 - centre))
        return [(near, near, segment.words)]
    if len(hits) == 1:
        return [(hits[0], hits[0], segment.words)]
    starts = [columns[i][0] for i in hits[1:]]
    cuts = [k for k, word in enumerate(segment.words) if k and any(
        abs(word["x0"] - x) <= ALIGN_TOLERANCE for x in starts)]
    if cuts:  # a cell run on up to the next column, whose text starts at its own edge
        bounds = [0, *cuts, len(segment.words)]
        return [placed for a, b in zip(bounds, bounds[1:], strict=False) for placed in place(
            Line(segment.words[a:b], segment.top, segment.bottom), columns)]
    per_word = []
    for word in segment.words:
        own = [i for i in hits if _overlap(word["x0"], word["x1"], *columns[i]) > 0]
        if len(own) != 1:
            return [(hits[0], hits[-1], segment.words)]
        if per_word and per_word[-1][0] == own[0]:
            per_word[-1][2].append(word)
        else:
            per_word.append((own[0], own[0], [word]))
    return per_word


def lines_to_grid(lines: list[list[Line]], columns: list[tuple[float, float]]) -> list[list[Cell]]:
    """Cells of an unruled table: one row per line, each segment in the column(s) it sits under."""
    grid = []
    for segments in lines:
        texts: dict[int, list[str]] = {}
        spans: dict[int, int] = {}
        for segment in segments:
            for first, last, words in place(segment, columns):
                texts.setdefault(first, []).append(" ".join(w["text"] for w in words))
                spans[first] = max(spans.get(first, first), last)
        row = [Cell("", "") for _ in columns]
        for first, parts in texts.items():
            text = " ".join(parts)
            row[first] = Cell(text, "")
            for c in range(first + 1, spans[first] + 1):
                if not texts.get(c):
                    row[c] = Cell(text, "", spanned=True)
        grid.append(row)
    return grid


def lines_to_blocks(lines: list[Line]) -> list[list[list[Line]]]:
    """Runs of lines that look like an unruled table: several lines split into aligned segments.

    A run holds lines with two or more segments and the one-segment lines
    between them (section rows, wrapped text); it needs at least two split
    lines. One-segment lines at the ends belong to the narrative, not the table,
    unless they are the first or last row's text wrapped on (`_wrapped_on`).
    """
    runs: list[list[list[Line]]] = [[]]
    for line in lines:
        if runs[-1]:
            prev = runs[-1][-1][0]
            if line.top - prev.bottom > ROW_GAP * max(prev.height, line.height):
                runs.append([])
        runs[-1].append(line_to_segments(line))
    out = []
    for run in runs:
        split = [i for i, segments in enumerate(run) if len(segments) > 1]
        if len(split) < 2:
            continue
        start, end = split[0], split[-1] + 1
        columns = segments_to_columns(run[start:end])
        while end < len(run) and _wrapped_on(run[end - 1], run[end][0], columns):
            end += 1
        while start and _wrapped_on(run[start], run[start - 1][0], columns):
            start -= 1
        out.append(run[start:end])
    return out


def _wrapped_on(beside: list[Line], line: Line, columns: list[tuple[float, float]]) -> bool:
    """A one-segment line just above or below a table that is its first or last row's
    text wrapped on: set at the leading (no wider gap than a line's height allows) and
    under one column only, where the narrative around a table runs across several."""
    gap = max(line.top - max(s.bottom for s in beside), beside[0].top - line.bottom)
    if gap > WRAP_GAP * line.height:
        return False
    crossed = [c for c in columns if _overlap(line.x0, line.x1, *c) > 0]
    return len(crossed) == 1 and len(columns) > 1


WRAP_GAP = 0.5
"""The widest gap, in line heights, between a table's last line and its text wrapped on."""
