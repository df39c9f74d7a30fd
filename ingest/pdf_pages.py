"""Pure steps across pages of a PDF: page furniture, captions, what lies between tables.

Split from `pdf_geometry` by subject: these steps look at several pages (or at
what surrounds a table) rather than at the words of one table. Joining a table
continued over a break is `ingest.pages`' (for every paged format).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .grid import edges_line_up
from .pdf_geometry import Line, PageTable

MARGIN_BAND = 0.12
"""Share of the page height at the top and bottom where headers, footers and page numbers sit."""

CAPTION_GAP = 2.5
"""A caption line sits at most this many line heights above its table."""

CAPTION_LINES = 2

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^[-–(\s]*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?[-–)\s]*$", re.IGNORECASE
)


def _furniture_key(line: Line) -> tuple[int, str]:
    """Position and text with numbers blanked, so "Page 3" and "Page 4" repeat."""
    return round(line.top / 3), _DIGITS.sub("#", line.text.lower())


def _in_margin(line: Line, page_height: float) -> bool:
    return line.bottom < MARGIN_BAND * page_height or line.top > (1 - MARGIN_BAND) * page_height


def find_furniture(pages: list[list[Line]], heights: list[float]) -> list[set[int]]:
    """Per page, the indexes of lines that are page headers, footers or page numbers.

    A line in the top or bottom band is furniture when the same text (numbers
    aside) sits at the same height on another page, or when it is a lone page number.
    """
    seen = Counter(
        key
        for lines, height in zip(pages, heights, strict=True)
        for key in {_furniture_key(ln) for ln in lines if _in_margin(ln, height)}
    )
    out = []
    for lines, height in zip(pages, heights, strict=True):
        out.append({
            i
            for i, ln in enumerate(lines)
            if _in_margin(ln, height)
            and (seen[_furniture_key(ln)] > 1 or _PAGE_NUMBER.match(ln.text))
        })
    return out


def caption_above(lines: list[Line], top: float) -> str:
    """The narrative line(s) just above a table, nearest last, joined with a space."""
    picked: list[Line] = []
    edge = top
    for line in sorted((ln for ln in lines if ln.bottom <= top + 1), key=lambda ln: -ln.bottom):
        if edge - line.bottom > CAPTION_GAP * line.height or len(picked) == CAPTION_LINES:
            break
        picked.append(line)
        edge = line.top
    return " ".join(ln.text for ln in reversed(picked))


@dataclass
class Piece:
    """A page's table and whether it is first/last on its page (what lies between tables)."""

    table: PageTable
    number: int
    """Table number on its page (1-based, top to bottom)."""
    opens_page: bool
    """No narrative text above it on its page."""
    closes_page: bool
    """No narrative text below it on its page."""


def x_edges(table: PageTable) -> tuple[float, ...]:
    """The table's column edges on the page: its left edge, inner column edges, right edge."""
    return (table.bbox[0], *table.col_edges[1:], table.bbox[2])


def over_break(prev: Piece, nxt: Piece) -> bool:
    """Nothing but a page break (and page furniture) lies between the two tables."""
    return nxt.table.page == prev.table.page + 1 and prev.closes_page and nxt.opens_page


def continues(prev: Piece, nxt: Piece) -> bool:
    """The next page's first table may go on from this page's last one: nothing between
    them but a page break, and column edges that line up. No header is needed: a
    continuation that prints none (a lone row above the next heading, Barnet's
    "1103 (b)") goes on by its grid alone."""
    return over_break(prev, nxt) and edges_line_up(
        x_edges(prev.table), x_edges(nxt.table), not (prev.table.ruled and nxt.table.ruled))
