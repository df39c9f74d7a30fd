"""Which row of a grid holds the table's column headings, if any row does.

A heading row is told from a data row by evidence, not by position alone. Column
headings are short distinct labels over columns whose cells agree with one another;
a first row that looks like the rows below it (long text in the same column as theirs,
dates where they have dates, short codes where they have codes) is data, and the
table has no headings at all: it gets blank ones and the cells say what each column
is (`normalise.reading`). A row of one or two labels each spread over several columns
above a fuller row of labels ("Our commitments" over ref and action, "Delivery" over
owner and date) is a group band, not the headings: the labels below are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from .grid import distinct_texts
from .headers import (
    HEADER_SEARCH_ROWS,
    MIN_HEADER_CELLS,
    find_header,
    is_subheader,
    looks_like_header,
    printed,
)
from .model import Cell
from .text import clean_text

__all__ = ["HeaderChoice", "choose_header"]

LONG_CELL = 60
"""Characters from which a cell is running text (an action, an update), not a label."""
SHORT_DATE = 30
SAMPLE_ROWS = 12
"""Rows below a candidate heading row that show what its columns hold."""
AGREE = 0.6
"""Share of a column's sampled cells that must be of one kind for the column to have it."""
ALIKE_COLUMNS = 2
"""Columns in which a row must match the rows below it to be one of them (one column
alone can be an explanatory heading over a column of prose)."""
HEADLESS_MIN_WIDTH = 3
"""A grid with no heading row is read as a headless table only this wide or wider, or
with a column of dates: an action and something that follows it up, not a numbered
list ("1 | Improving the future health prospects…")."""

_SENTENCES = re.compile(r"[a-z]{3,}\. [A-Z]")
"""One sentence ending and another starting: running text, never a heading."""
_CODE = re.compile(r"(?:[A-Z]{1,4}\s?)?\d{1,3}(?:[.\-]\d{1,3})*[a-z]?\.?", re.I)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"^(?:\d{{1,2}}(?:st|nd|rd|th)?[\s\-/.]*)?{_MONTH}(?:[\s\-/.,']+\d{{2,4}})?\b"
    r"|^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$|^q[1-4]\b|^quarter [1-4]\b", re.I)


def _kind(cell: Cell) -> str:
    """What a cell holds, as far as telling a heading from data needs: running text,
    a date, a short code, a short label, or nothing ("" for blank and merged-over)."""
    text = clean_text(cell.text)
    if not text or cell.spanned:
        return ""
    if isinstance(cell.value, dt.date):
        return "date"
    if len(text) >= LONG_CELL or _SENTENCES.search(text):
        return "long"
    if len(text) <= SHORT_DATE and _DATE.search(text):
        return "date"
    if len(text) <= 12 and _CODE.fullmatch(text):
        return "code"
    return "label"


def _column_kinds(rows: list[list[Cell]], width: int) -> list[str]:
    """Per column, the kind most of the sampled rows' filled cells share, else "";
    "long" wherever the cells run to sentences on average, however many are short."""
    kinds = []
    for c in range(width):
        cells = [row[c] for row in rows if c < len(row) and _kind(row[c])]
        found = Counter(map(_kind, cells))
        kind, count = found.most_common(1)[0] if found else ("", 0)
        if found and sum(len(clean_text(x.text)) for x in cells) / len(cells) >= LONG_CELL / 2:
            kind, count = "long", max(count, found["long"])
        kinds.append(kind if kind == "long" or count >= AGREE * sum(found.values()) else "")
    return kinds


def _multi(rows: list[list[Cell]]) -> Iterator[list[Cell]]:
    """Rows of several texts, found lazily: only the first `SAMPLE_ROWS` are sampled, and a
    sheet may have 50,000 below its heading."""
    return (r for r in rows if len(distinct_texts(r)) >= MIN_HEADER_CELLS)


def _alike(row: list[Cell], below: list[list[Cell]]) -> bool:
    """True when `row` holds the same kinds of value as the rows below it, column by
    column, in enough columns: running text, dates or codes where they have them, or
    the very text one of them has (a heading is not repeated as a value): it is one
    of them."""
    texts = [clean_text(c.text).lower() for c in row]
    sample = list(islice((r for r in _multi(below) if not _repeats(r, texts)), SAMPLE_ROWS))
    if len(sample) < 2:
        return False
    width = max(len(r) for r in [row, *sample])
    kinds = _column_kinds(sample, width)
    values = [{clean_text(r[c].text).lower() for r in sample if c < len(r)}
              for c in range(width)]
    matched = sum(1 for c, cell in enumerate(row)
                  if (k := _kind(cell)) and (k != "label" and k == kinds[c]
                                             or texts[c] in values[c]))
    return matched >= ALIKE_COLUMNS


def _repeats(row: list[Cell], texts: list[str]) -> bool:
    """A row printing most of `texts` again in the same columns (a heading repeated
    after a page break), which says nothing about what the columns hold."""
    same = sum(1 for c, cell in enumerate(row)
               if c < len(texts) and texts[c] and clean_text(cell.text).lower() == texts[c])
    return same > sum(map(bool, texts)) / 2


def _is_band(row: list[Cell], below: list[Cell]) -> bool:
    """A group band: fewer labels than the row below, at least one spread over several
    columns, none repeated in the row below (that would be a vertically merged heading)."""
    origins = [c for c, cell in enumerate(row) if clean_text(cell.text) and not cell.spanned]
    if not origins or len(distinct_texts(row)) >= len(distinct_texts(below)):
        return False
    ends = [*origins[1:], len(row)]
    spread = any(end - start > 1 for start, end in zip(origins, ends, strict=True))
    repeated = any(clean_text(row[c].text) == clean_text(below[c].text)
                   for c in origins if c < len(below))
    return spread and not repeated


@dataclass(frozen=True)
class HeaderChoice:
    """Where the headings are (`at`, None for a headless table) and where data starts."""

    at: int | None
    data_from: int


def choose_header(grid: list[list[Cell]]) -> HeaderChoice | None:
    """The heading row by evidence; None when the grid has neither headings nor rows
    consistent enough to be read without them. A second heading row that belongs to the
    first (a split merged heading, `headers.is_subheader`) is kept with it."""
    width = max((len(r) for r in grid), default=0)
    at = find_header(grid)
    if at is not None:
        below = grid[at + 1] if at + 1 < len(grid) else []
        if below and is_subheader(below, printed(grid[at])):
            return HeaderChoice(at, at + 1)
        if below and looks_like_header(below, width) and _is_band(grid[at], below):
            at += 1
        if not _alike(grid[at], grid[at + 1:]):
            return HeaderChoice(at, at + 1)
    first = next((i for i, row in enumerate(grid[:HEADER_SEARCH_ROWS])
                  if len(distinct_texts(row)) >= MIN_HEADER_CELLS), None)
    if first is None or at is None and not _alike(grid[first], grid[first + 1:]):
        return None
    dated = "date" in _column_kinds(list(islice(_multi(grid[first:]), SAMPLE_ROWS)), width)
    return HeaderChoice(None, first) if width >= HEADLESS_MIN_WIDTH or dated else None
