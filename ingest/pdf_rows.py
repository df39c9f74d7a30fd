"""Rows of an unruled PDF table from its lines: text wrapped inside a cell stays one cell.

A PDF prints each line of a wrapped cell as a line of its own, so reading one row
per line splits one action into several "actions" and sets its owner and due date
beside the wrong piece. What tells a wrapped line from a new row is spacing: the
lines of one cell follow each other at the paper's own leading, while a new cell
in that column starts further down (the row's padding, or a shorter neighbour
printed centred or at the top). So each column's lines are cut into cells where
the gap to the line above is wider than the leading (or where bold starts or
stops, as under a header), and cells whose heights overlap make one row.

Where rows sit flush (no padding), a cell that fills both rows runs on across the
boundary; a column with several cells in the one group (a reference printed once
per row) then sets the rows, and each line's text goes to the row it sits nearest.
The row-starting columns (those with text on every row so found: a reference, the
action) tell the rest: a line that fills them all starts a row, and lines that only
add text to some columns are continuation lines of a row beside them. When no
column shows a gap wider than the leading, spacing is no evidence and each
line stays a row, as before.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from .model import Cell
from .pdf_centred import centred_rows
from .pdf_geometry import (
    HYPHEN_END,
    Line,
    PageTable,
    all_bold,
    lines_to_grid,
    place,
    segments_to_columns,
    words_text,
)
from .text import is_lone_bullet

LEADING_SLACK = 0.1
"""A gap wider than the leading by more than this share of the line height starts a cell."""


@dataclass
class _Run:
    """One cell's lines in one column: line indexes, top to bottom."""

    column: int
    lines: list[int]
    top: float
    bottom: float


def _placed(block: list[list[Line]], columns: list[tuple[float, float]]):
    """Per line: column -> (last column it spans, its words)."""
    out = []
    for segments in block:
        cells: dict[int, tuple[int, list[dict]]] = {}
        for segment in segments:
            for first, last, words in place(segment, columns):
                end, own = cells.get(first, (first, []))
                cells[first] = (max(end, last), own + list(words))
        out.append(cells)
    return out


def _runs(block: list[list[Line]], placed, join_gap: float,
          starters: frozenset[int] = frozenset()) -> list[_Run]:
    """Each column's lines cut into cells: at a gap wider than `join_gap`, where bold starts
    or stops, and, in the row-starting columns, at a line that fills them all."""
    runs: list[_Run] = []
    open_runs: dict[int, _Run] = {}
    for i, cells in enumerate(placed):
        top, bottom = block[i][0].top, max(s.bottom for s in block[i])
        starts = len(starters) > 1 and starters <= cells.keys()
        for c, (_, words) in cells.items():
            run = open_runs.get(c)
            if run is not None and not (starts and c in starters) and (
                top - run.bottom <= join_gap
                and all_bold(words) == all_bold(placed[run.lines[-1]][c][1])
            ):
                run.lines.append(i)
                run.bottom = max(run.bottom, bottom)
            else:
                run = open_runs[c] = _Run(c, [i], top, bottom)
                runs.append(run)
    return runs


def _join_gap(block: list[list[Line]], placed) -> float | None:
    """The widest gap between two lines of one cell, or None when no column shows a gap
    wider than that (spacing tells nothing then)."""
    gaps, heights = [], []
    last: dict[int, float] = {}
    for i, cells in enumerate(placed):
        top, bottom = block[i][0].top, max(s.bottom for s in block[i])
        heights.append(bottom - top)
        for c in cells:
            if c in last:
                gaps.append(top - last[c])
            last[c] = bottom
    if not gaps:
        return None
    leading = min(gaps)
    join_gap = leading + LEADING_SLACK * statistics.median(heights)
    return join_gap if max(gaps) > join_gap else None


def _groups(runs: list[_Run]) -> list[list[_Run]]:
    """Runs whose heights overlap, chained: one group per row (or flush rows)."""
    groups: list[list[_Run]] = []
    bottom = None
    for run in sorted(runs, key=lambda r: r.top):
        if groups and run.top < bottom:
            groups[-1].append(run)
            bottom = max(bottom, run.bottom)
        else:
            groups.append([run])
            bottom = run.bottom
    return groups


def _split(group: list[_Run], block: list[list[Line]]) -> list[list[int]]:
    """The group's lines per row: one row, or one per cell of the column with most cells."""
    per_column: dict[int, list[_Run]] = {}
    for run in group:
        per_column.setdefault(run.column, []).append(run)
    lines = sorted({i for run in group for i in run.lines})
    anchors = max(per_column.values(), key=len)
    if len(anchors) < 2:
        return [lines]
    rows: list[list[int]] = [[] for _ in anchors]
    for i in lines:
        centre = (block[i][0].top + max(s.bottom for s in block[i])) / 2
        k = min(range(len(anchors)), key=lambda k: (
            max(anchors[k].top - centre, centre - anchors[k].bottom, 0),
            abs((anchors[k].top + anchors[k].bottom) / 2 - centre)))
        rows[k].append(i)
    return [r for r in rows if r]


def _fold_partial(rows: list[list[int]], block: list[list[Line]], placed,
                  starters: frozenset[int], join_gap: float) -> list[list[int]]:
    """Rows cut off by a line that fills the row-starting columns, leaving some of them
    empty, only add text to a row beside them (a centred cell's lines above the line
    that fills its row): each joins the neighbour whose cells it runs on from or into at
    the leading in more columns. One that runs on as far both ways stays a row: a
    section heading flush above its first action looks just the same."""
    rows = [list(r) for r in rows]
    k = 0
    while len(rows) > 1 and k < len(rows):
        if starters <= {c for i in rows[k] for c in placed[i]}:
            k += 1
            continue
        score = {n: _runs_on(block, placed, rows[min(k, n)], rows[max(k, n)], join_gap)
                 for n in (k - 1, k + 1) if 0 <= n < len(rows)}
        into = max(score, key=score.get)
        if list(score.values()).count(score[into]) > 1 or not score[into]:
            k += 1  # runs on both ways or neither (a section heading): a row of its own
            continue
        piece = rows.pop(k)
        into -= into > k
        rows[into] = sorted(rows[into] + piece)
        k = 0
    return rows


def _runs_on(block: list[list[Line]], placed, upper: list[int], lower: list[int],
             join_gap: float) -> int:
    """Columns whose text in `upper` runs on into `lower` at the leading."""
    def bottom(i: int) -> float:
        return max(s.bottom for s in block[i])

    count = 0
    for c in {c for i in upper for c in placed[i]}:
        last = max((i for i in upper if c in placed[i]), key=bottom)
        first = min((i for i in lower if c in placed[i]), default=None,
                    key=lambda i: block[i][0].top)
        count += first is not None and block[first][0].top - bottom(last) <= join_gap
    return count


def line_groups(block: list[list[Line]], columns: list[tuple[float, float]]) -> list[list[int]]:
    """The block's line indexes grouped into table rows, top to bottom."""
    placed = _placed(block, columns)
    centred = centred_rows(block, placed)
    if centred is not None:
        return centred
    join_gap = _join_gap(block, placed)
    if join_gap is None:
        return [[i] for i in range(len(block))]
    rows = _rows(block, placed, join_gap, frozenset())
    starters = frozenset.intersection(frozenset(range(len(columns))), *(
        frozenset(c for i in row for c in placed[i]) for row in rows
        if len({c for i in row for c in placed[i]}) > 1))
    if len(starters) < 2:
        return rows
    rows = _rows(block, placed, join_gap, starters)
    return _fold_partial(rows, block, placed, starters, join_gap)


def _rows(block: list[list[Line]], placed, join_gap: float,
          starters: frozenset[int]) -> list[list[int]]:
    groups = _groups(_runs(block, placed, join_gap, starters))
    rows = [row for group in groups for row in _split(group, block)]
    return sorted(rows, key=lambda r: r[0])


def rows_to_grid(block: list[list[Line]], columns: list[tuple[float, float]],
                 rows: list[list[int]]) -> list[list[Cell]]:
    """Cells of an unruled table: each row's words per column joined as one cell's text
    (wrapped lines with a space, list items with "; "), a text spanning columns repeated
    (spanned) over the empty ones it covers."""
    placed = _placed(block, columns)
    grid = []
    for lines in rows:
        words: dict[int, list[dict]] = {}
        ends: dict[int, int] = {}
        for i in lines:
            for c, (end, own) in placed[i].items():
                words.setdefault(c, []).extend(own)
                ends[c] = max(ends.get(c, c), end)
        row = [Cell("", "") for _ in columns]
        for c in sorted(words):
            text = words_text(words[c])
            row[c] = Cell(text, "")
            for covered in range(c + 1, ends[c] + 1):
                if covered not in words:
                    row[covered] = Cell(text, "", spanned=True)
        grid.append(row)
    return grid


WRAPPED_HEADER_LINES = 3
"""At most this many bold lines atop an unruled table are one header wrapped over lines;
more (or a table bold throughout, as accounts print totals) are rows of their own."""

BULLET_COLUMN_SHARE = 0.5
"""A column whose texts are mostly lone bullet glyphs is a list's markers, not table data."""


def block_to_table(page: int, block: list[list[Line]]) -> PageTable | None:
    """A PageTable from an unruled block, or None when it has fewer than two columns
    (a column of bullet glyphs makes a list, not a table)."""
    columns = segments_to_columns(block)
    rows = lines_to_grid(block, columns)
    data_columns = []
    for c in range(len(columns)):
        texts = [r[c].text for r in rows if r[c].text and not r[c].spanned]
        if sum(map(is_lone_bullet, texts)) < BULLET_COLUMN_SHARE * len(texts):
            data_columns.append(c)
    if len(data_columns) < 2:
        return None
    x0 = min(s.x0 for r in block for s in r)
    x1 = max(s.x1 for r in block for s in r)
    bbox = (x0, block[0][0].top, x1, max(s.bottom for s in block[-1]))
    styled = [all_bold([w for s in r for w in s.words]) for r in block]
    wrapped = next((n for n, bold in enumerate(styled) if not bold), len(styled))
    head = wrapped if 1 < wrapped <= WRAPPED_HEADER_LINES and wrapped < len(styled) else 0
    # bold lines atop plain ones: a header wrapped inside its headings, one row
    top_rows = [_joined_lines(rows[:head])] if head else []
    body = block[head:]
    groups = line_groups(body, columns)
    if all(len(g) == 1 for g in groups):
        body_rows = rows[head:]
    else:
        body_rows = rows_to_grid(body, columns, groups)
    tops = [block[0][0].top] * bool(head) + [body[g[0]][0].top for g in groups]
    styled = styled[:1] * bool(head) + [
        all_bold([w for i in g for s in body[i] for w in s.words]) for g in groups]
    return PageTable(page, bbox, top_rows + body_rows, [c0 for c0, _ in columns], tops,
                     styled=styled, ruled=False)
def _joined_lines(lines: list[list[Cell]]) -> list[Cell]:
    """Lines of one row of an unruled table (a header wrapped inside its headings:
    "Responsible" / "Officer", "Timescal-" / "e") as one row, each column's text read on.
    A heading broken by hyphenation reads on in lower case: the hyphen goes ("Timescale"),
    since a heading is matched by its words."""
    out = []
    for column in zip(*lines, strict=True):
        own = [cell.text for cell in column if cell.text and not cell.spanned]
        if not own:
            out.append(column[0])
            continue
        text = own[0]
        for part in own[1:]:
            if HYPHEN_END.search(text):
                text = text[:-1] + part if part[:1].islower() else text + part
            else:
                text += f" {part}"
        out.append(Cell(text, ""))
    return out
