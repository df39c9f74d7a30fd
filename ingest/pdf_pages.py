"""Pure steps across pages of a PDF: page furniture, captions, tables continued over a break.

Split from `pdf_geometry` by subject: these steps look at several pages (or at
what surrounds a table) rather than at the words of one table.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .pdf_geometry import Line, PageTable, Slot

MARGIN_BAND = 0.12
"""Share of the page height at the top and bottom where headers, footers and page numbers sit."""

CAPTION_GAP = 2.5
"""A caption line sits at most this many line heights above its table."""

CAPTION_LINES = 2

EDGE_DRIFT = 6.0
"""Column edges of a continued table may move this much (points) between pages."""

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
    """A page's table with what the stitcher needs: is it first/last on its page."""

    table: PageTable
    number: int
    """Table number on its page (1-based, top to bottom)."""
    opens_page: bool
    """No narrative text above it on its page."""
    closes_page: bool
    """No narrative text below it on its page."""


@dataclass
class Stitched:
    """A table that may run over several pages; each row remembers where it came from."""

    pieces: list[Piece]
    rows: list[list[Slot]] = field(default_factory=list)
    origins: list[tuple[int, int, int]] = field(default_factory=list)
    """(page, table number on the page, row number within that page's table) per row."""


def _texts(row: list[Slot]) -> list[str]:
    return [s.text.strip().lower() for s in row]


def _continues(prev: Piece, nxt: Piece) -> bool:
    a, b = prev.table, nxt.table
    return (
        b.page == a.page + 1
        and prev.closes_page
        and nxt.opens_page
        and len(a.col_edges) == len(b.col_edges)
        and all(abs(x - y) <= EDGE_DRIFT for x, y in zip(a.col_edges, b.col_edges, strict=True))
    )


def _repeated_header_rows(first: list[list[Slot]], rows: list[list[Slot]]) -> int:
    """How many leading rows of a continuation repeat the table's first rows."""
    n = 0
    while n < min(len(first), len(rows)) - 1 and _texts(first[n]) == _texts(rows[n]):
        n += 1
    return n


def _row_starting_columns(rows: list[list[Slot]]) -> list[int]:
    """Columns filled in every body row: a row without them is the tail of the row before."""
    body = rows[1:]
    if not body:
        return []
    width = len(body[0])
    keep = [c for c in range(width) if all(r[c].text.strip() for r in body)]
    return keep if len(keep) < width else []


def join_split_row(prev: list[Slot], tail: list[Slot]) -> list[Slot]:
    """A row cut by a page break joined back: each column's two parts joined with a space."""
    joined = []
    for a, b in zip(prev, tail, strict=True):
        text = " ".join(t for t in (a.text.strip(), b.text.strip()) if t)
        joined.append(Slot(text, a.fill or b.fill, a.spanned))
    return joined


def is_split_row(table_rows: list[list[Slot]], row: list[Slot]) -> bool:
    """True when `row` has text but none in the columns that start every row of the table."""
    starters = _row_starting_columns(table_rows)
    return (
        bool(starters)
        and any(s.text.strip() for s in row)
        and not any(row[c].text.strip() for c in starters)
    )


def stitch_pages(pieces: list[Piece]) -> list[Stitched]:
    """Join tables continued over page breaks into one, dropping repeated header rows
    and joining a row split by the break back into the row it belongs to."""
    out: list[Stitched] = []
    for piece in pieces:
        numbered = [
            (piece.table.page, piece.number, r + 1) for r in range(len(piece.table.rows))
        ]
        current = out[-1] if out else None
        if current is None or not _continues(current.pieces[-1], piece):
            out.append(Stitched([piece], list(piece.table.rows), numbered))
            continue
        current.pieces.append(piece)
        rows = piece.table.rows
        skip = _repeated_header_rows(current.rows, rows)
        rows, numbered = rows[skip:], numbered[skip:]
        if rows and is_split_row(current.rows, rows[0]):
            current.rows[-1] = join_split_row(current.rows[-1], rows[0])
            rows, numbered = rows[1:], numbered[1:]
        current.rows.extend(rows)
        current.origins.extend(numbered)
    return out
