"""Cutting one ruled grid into the tables that were drawn flush against each other.

Word tables placed one under another with no paragraph between them (Halton's
objective box, milestones table and risk box; Barnet's indicator table and its
comments table) print as one block of lines, and pdfplumber finds one grid with
the union of their column lines. Each table keeps its own column lines, though,
so a row whose cells stop using a line every row above used, while using a line
none of them used, starts another table.
"""

from __future__ import annotations

from .pdf_geometry import PageTable


def _cuts(lines: list[frozenset[int]]) -> list[int]:
    """Rows that start a new table; rows with no inner line (a full-width cell) never do."""
    cuts = [0]
    used: set[int] = set()
    always: set[int] | None = None
    for r, own in enumerate(lines):
        if not own:
            continue
        if always is not None and (own - used) and (always - own):
            cuts.append(r)
            used, always = set(), None
        used |= own
        always = set(own) if always is None else always & own
    return cuts


def _compact(table: PageTable, first: int, end: int) -> PageTable:
    """Rows `first:end` as a table of their own, on only the column lines they use
    (a column of the shared grid that none of them divides is one column again)."""
    lines = table.row_lines[first:end]
    starts = [0] + sorted(set().union(*lines))
    rows = [[row[c] for c in starts] for row in table.rows[first:end]]
    x0, _, x1, bottom = table.bbox
    top = table.row_tops[first]
    below = table.row_tops[end] if end < len(table.rows) else bottom
    return PageTable(
        table.page, (x0, top, x1, below), rows, [table.col_edges[c] for c in starts],
        table.row_tops[first:end], [frozenset(starts.index(c) for c in ln) for ln in lines],
        table.styled[first:end],
    )


def split_flush_tables(table: PageTable) -> list[PageTable]:
    """The tables a ruled grid holds, top to bottom (the grid itself when it is one)."""
    if len(table.row_lines) != len(table.rows) or len(table.row_tops) != len(table.rows):
        return [table]
    cuts = _cuts(table.row_lines)
    if len(cuts) == 1:
        return [table]
    ends = cuts[1:] + [len(table.rows)]
    return [_compact(table, a, b) for a, b in zip(cuts, ends, strict=True)]
