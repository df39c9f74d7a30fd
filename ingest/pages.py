"""Tables continued over a page break, whole again: one step for every paged paper.

Word papers often restart a long table on each page (a Word table per page) and a
PDF prints a table per page; either may reprint the header, cut a row in two
("2. Achieve a balanced" / "budget") or leave a merged-down column blank at the
top of the new page. Readers hand over each table as printed, with page hints
(`Table.follows`, `x_edges`, `styled`); this step, run on raw grids before
`ingest.tidy`, joins a table onto the one it continues, so that a row reads as
the officer saw it.

A table continues the table before it when its columns line up with it and
either it reprints that table's header (a footnote may lie between), or nothing
but a page break lies between and it has no header of its own. A header alone at
the foot of a page thus heads the rows on the next, and a small table with its
own header stays a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .grid import EDGE_DRIFT, cluster_positions, distinct_texts, edges_line_up, nearest
from .headers import find_header, header_block, looks_like_header, printed, repeats_header
from .model import Cell, Table

Grid = list[list[Cell]]


def join_pages(tables: list[Table]) -> list[Table]:
    """The tables with each continuation joined onto the table it continues, renumbered."""
    out: list[Table] = []
    landed: list[Table] = []
    """Per position in `tables`: the table it is now part of."""
    for pos, table in enumerate(tables):
        before, adjacent = _before(table, pos, landed)
        skip = None if before is None else _continues(before, table, adjacent)
        if skip is None:
            out.append(table)
            landed.append(table)
        else:
            _append(before, table, skip)
            landed.append(before)
    for index, table in enumerate(out, 1):
        table.index = index
    return out


def _before(table: Table, pos: int, landed: list[Table]) -> tuple[Table | None, bool]:
    """The table this one may continue, and whether only a page break lies between."""
    hint = table.follows
    if hint is None:
        return (landed[pos - 1] if pos else None), False
    if hint.table is None:
        return None, False
    return landed[hint.table], hint.adjacent


def _union(a: Table, b: Table) -> tuple[float, ...] | None:
    """The column edges both tables can be laid on, () when the reader gives none and the
    widths agree, None when their columns do not line up."""
    if a.x_edges and b.x_edges:
        open_right = a.open_right or b.open_right
        if not edges_line_up(a.x_edges, b.x_edges, open_right):
            return None
        if open_right:
            inner = cluster_positions([*a.x_edges[:-1], *b.x_edges[:-1]], EDGE_DRIFT)
            return (*inner, max(a.x_edges[-1], b.x_edges[-1], inner[-1] + EDGE_DRIFT))
        return tuple(cluster_positions([*a.x_edges, *b.x_edges], EDGE_DRIFT))
    return () if len(a.grid[0]) == len(b.grid[0]) else None


def _laid(table: Table, union: tuple[float, ...], first: int = 0) -> Grid:
    """The table's rows from `first`, re-laid on the union's columns when it has fewer: a
    column that now covers several is a merged cell, its text repeated (spanned)."""
    rows = table.grid[first:]
    if not union or len(union) == len(table.x_edges):
        return rows
    starts = [nearest(union, x) for x in table.x_edges[:-1]] + [len(union) - 1]
    width = len(union) - 1
    out = []
    for row, where in zip(rows, table.row_locators[first:], strict=True):
        new: list[Cell] = []
        for c, cell in enumerate(row):
            new += [cell] + [replace(cell, spanned=True)] * (max(starts[c + 1] - starts[c], 1) - 1)
        new = (new + [Cell("", "")] * width)[:width]
        out.append([replace(cell, locator=f"{where} col {c}") for c, cell in enumerate(new, 1)])
    return out


def _texts(row: Sequence[Cell]) -> list[str]:
    return [c.text for c in printed(row)]


def _continues(a: Table, b: Table, adjacent: bool) -> int | None:
    """How many of `b`'s top rows reprint `a`'s header when `b` continues `a`, else None."""
    if not a.grid or not b.grid:
        return None
    union = _union(a, b)
    if union is None and len(a.grid[0]) != len(b.grid[0]):
        return None
    top = header_block(a.grid)
    skip = _reprinted(_laid(a, union or ()), top, _laid(b, union or ())) if top else 0
    if skip:  # a reprinted header is evidence enough, wherever unruled columns were placed
        return skip
    return 0 if union is not None and adjacent and not _own_header(b) else None


def _reprinted(a: Grid, top: tuple[int, int], b: Grid) -> int:
    """Rows atop `b` that print `a`'s header again (with the rows under it that repeat
    too, such as a sub-header), counting title rows above it that `a` also has."""
    at = find_header(b)
    if at is None:
        return 0
    first = top[0]
    n = 0
    while first + n < len(a) and at + n < len(b) and repeats_header(
        _texts(b[at + n]), _texts(a[first + n])
    ):
        n += 1
    titles = {tuple(distinct_texts(row)) for row in a[:first]}
    if n == 0 or any(distinct_texts(r) and tuple(distinct_texts(r)) not in titles
                     for r in b[:at]):
        return 0
    return at + n


def _own_header(b: Table) -> bool:
    """`b` opens with a header of its own: printed as headers are when the reader can tell
    (bold throughout, Word's repeat-header flag), else shaped like column titles."""
    first = b.grid[0]
    return b.styled[0] if b.styled else looks_like_header(first, len(first))


def _append(a: Table, b: Table, skip: int) -> None:
    """`b`'s rows after its reprinted header onto `a`: merges carried over the break, a
    row the break cut in two joined back."""
    union = _union(a, b) or ()
    rows, locators = _laid(b, union, skip), b.row_locators[skip:]
    styled = (b.styled[skip:] or [False] * len(rows)) if a.styled else []
    if union and len(union) != len(a.x_edges):
        a.grid = _laid(a, union)
        a.x_edges = union
    top = header_block(a.grid)
    body = a.grid[top[1]:] if top else a.grid
    if rows and body:
        rows = _carry_merges(body, rows)
        if _is_cut(body, rows[0]):
            a.grid[-1], rows = _join_cut(a.grid[-1], rows)
            locators, styled = locators[1:], styled[1:]
    a.grid.extend(rows)
    a.row_locators.extend(locators)
    a.styled.extend(styled)


def _carry_merges(body: Grid, rows: Grid) -> Grid:
    """Cells merged down over the break, left empty atop the new page, hold the text of
    the cell above the break (a merged objective over its tasks): where the column runs
    merged down to the break, or the empty cell is itself merged (from above the table,
    or down over the rows below it)."""
    last, above = body[-1], body[-2] if len(body) > 1 else None
    rows = [list(r) for r in rows]
    first = rows[0]
    for c, cell in enumerate(first):
        if c >= len(last) or cell.text.strip() or not last[c].text.strip():
            continue
        merged_down = last[c].spanned and above is not None and above[c].text == last[c].text
        below = rows[1][c] if len(rows) > 1 else None
        opens_merge = below is not None and below.spanned and not below.text.strip()
        if not (merged_down or cell.spanned or opens_merge):
            continue
        for i, row in enumerate(rows):
            if i and not (row[c].spanned and not row[c].text.strip()):
                break
            row[c] = Cell(last[c].text, row[c].locator, row[c].fill, None, True)
    return rows


def _row_starting_columns(body: Grid) -> list[int]:
    """Columns with their own text on every body row (never merged down): a new row always
    fills them. A row of one text (a heading merged across the table) is no body row."""
    body = [r for r in body if len(distinct_texts(r)) > 1]
    if not body:
        return []
    width = min(len(r) for r in body)
    return [c for c in range(width) if all(r[c].text.strip() and not r[c].spanned for r in body)]


def _is_cut(body: Grid, row: list[Cell]) -> bool:
    """A row that leaves half or more of the row-starting columns empty is the tail of the
    row before it, cut by the page break ("2. Achieve a balanced" / "budget"). A lone
    text in the first column heads a section instead, unless it runs on in lower case."""
    starters = _row_starting_columns(body)
    texts = distinct_texts(row)
    if not starters or not texts:
        return False
    empty = sum(not row[c].text.strip() for c in starters if c < len(row))
    heading = len(texts) == 1 and len(row) >= 3 and bool(row[0].text.strip())
    return empty * 2 >= len(starters) and (not heading or texts[0][:1].islower())


def _join_cut(last: list[Cell], rows: Grid) -> tuple[list[Cell], Grid]:
    """The row the break cut, whole again; cells merged down from the tail (the end of a
    cut objective) carry the joined text, as the cell reads before the break. A tail cell
    carried over the break repeats the text above it, so it adds nothing."""
    tail, rest = rows[0], [list(r) for r in rows[1:]]
    joined = []
    for c, (a, b) in enumerate(zip(last, tail, strict=True)):
        carried = b.spanned and b.text == a.text
        text = " ".join(t for t in (a.text.strip(), "" if carried else b.text.strip()) if t)
        joined.append(Cell(text, a.locator, a.fill or b.fill, a.value, a.spanned))
        for row in rest:
            if not (row[c].spanned and row[c].text == b.text):
                break
            row[c] = Cell(text, row[c].locator, row[c].fill, None, True)
    return joined, rest
