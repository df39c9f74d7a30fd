"""Where a raw table's header is, and whether a row prints it again.

Shared by the page step (`ingest.pages`, which drops a header reprinted after a
page break) and `ingest.tidy` (which reads everything below the header as rows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .grid import distinct_texts
from .model import Cell
from .text import clean_text

HEADER_SEARCH_ROWS = 25
MAX_HEADER_CELL_CHARS = 120
LONG_HEADER_SHARE = 0.2
"""Header cells may explain their column under the title ("Indicator Description Measure of
how successful the Council is…"), so up to this share of a row's cells may run past
`MAX_HEADER_CELL_CHARS`; more long cells than that make a row of prose, i.e. data."""
MIN_HEADER_CELLS = 2
REPEAT_MIN_HEADINGS = 4
REPEAT_SHARE = 0.75
"""A row with at least this share of a header's headings (of four or more) repeats it."""

_NUMBERISH = re.compile(r"^[\s\d.,%£()+\-/:]+$")


def looks_like_header(cells: Sequence[Cell], width: int) -> bool:
    """Shaped like column titles: several short texts, few numbers, no typed values."""
    texts = distinct_texts(cells)
    if len(texts) < MIN_HEADER_CELLS or len(texts) < 0.4 * width:
        return False
    if sum(len(t) > MAX_HEADER_CELL_CHARS for t in texts) > LONG_HEADER_SHARE * len(texts):
        return False
    if any(c.value is not None and not isinstance(c.value, str) for c in cells):
        return False
    numeric = sum(bool(_NUMBERISH.match(t)) for t in texts)
    return numeric <= len(texts) // 4


def find_header(grid: list[list[Cell]]) -> int | None:
    """Index of the header row: the first row near the top shaped like column titles."""
    width = max((len(r) for r in grid), default=0)
    for i, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        if looks_like_header(row, width):
            return i
    return None


def printed(row: Sequence[Cell]) -> tuple[Cell, ...]:
    """The row as headings print: a merged heading at its first column only."""
    return tuple(Cell("", c.locator, c.fill, None, True) if c.spanned else c for c in row)


def header_block(grid: list[list[Cell]]) -> tuple[int, int] | None:
    """(first, end) rows of the header: its row, and the sub-header row below it if any."""
    at = find_header(grid)
    if at is None:
        return None
    below = grid[at + 1] if at + 1 < len(grid) else []
    return at, at + 2 if is_subheader(below, printed(grid[at])) else at + 1


def repeats_header(row: list[str], header: Sequence[str]) -> bool:
    """True when `row` prints `header` again (after a page break).

    A reprinted header may differ by a word inside an explanatory heading (Barnet's
    "how far the outturn is" on one page, "the outcome" on the next), so with four
    or more headings most must be equal and the rest must start with the same word.
    A heading merged over two columns may be reprinted in the other of the two
    (Hertfordshire's "Actions" over ref and action), so the same headings in the
    same order count too, wherever the blanks fall.
    """
    a = [clean_text(t).lower() for t in row]
    b = list(_folded_header(tuple(header)))
    if a == b:
        return True
    shown = [x for x in a if x]
    if len(shown) >= REPEAT_MIN_HEADINGS and shown == [y for y in b if y]:
        return True
    if len(a) != len(b) or any(bool(x) != bool(y) for x, y in zip(a, b, strict=True)):
        return False
    filled = [(x, y) for x, y in zip(a, b, strict=True) if y]
    same = sum(x == y for x, y in filled)
    return (
        len(filled) >= REPEAT_MIN_HEADINGS
        and same >= REPEAT_SHARE * len(filled)
        and all(x.split()[0] == y.split()[0] for x, y in filled)
    )


@lru_cache(maxsize=256)
def _folded_header(header: tuple[str, ...]) -> tuple[str, ...]:
    """A header's texts folded once: `repeats_header` compares every row of a table with it."""
    return tuple(clean_text(t).lower() for t in header)


def heading_groups(header: Sequence[Cell]) -> list[int]:
    """For each column, the column whose heading covers it (a merged heading spans right)."""
    groups, owner = [], 0
    for i, cell in enumerate(header):
        if not cell.spanned or i == 0:
            owner = i
        groups.append(owner)
    return groups


def is_subheader(row: Sequence[Cell], header: Sequence[Cell]) -> bool:
    """A second heading row: headings split under a merged one ("Timetable" over "2008/9",
    "2009/10", "2010/11"), the other headings carried down by a vertical merge (Halton).

    Every text must either repeat the heading above it or sit under a merged heading,
    with at least one of each, so a data row can never pass."""
    if len(row) != len(header) or any(c.value is not None and not isinstance(c.value, str)
                                      for c in row):
        return False
    groups = heading_groups(header)
    repeated = split = 0
    for i, cell in enumerate(row):
        text = clean_text(cell.text)
        if not text:
            continue
        if text == clean_text(header[i].text):
            repeated += 1
        elif groups.count(groups[i]) > 1:
            split += 1
        else:
            return False
    return repeated > 0 and split > 1
