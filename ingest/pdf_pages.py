"""Pure steps across pages of a PDF: page furniture, captions, tables continued over a break.

Split from `pdf_geometry` by subject: these steps look at several pages (or at
what surrounds a table) rather than at the words of one table.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .pdf_geometry import Line, PageTable, Slot, cluster_positions, nearest
from .stitch import cut_by_break
from .tidy import repeats_header

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
    col_edges: list[float]
    """Left column edges the rows are laid on (finer than a piece's when pieces differ)."""
    rows: list[list[Slot]] = field(default_factory=list)
    origins: list[tuple[int, int, int]] = field(default_factory=list)
    """(page, table number on the page, row number within that page's table) per row."""


def _nested(a: list[float], b: list[float]) -> bool:
    """Every column edge of the shorter list lies on one of the longer (merged cells
    on one page can hide a column line that the other page shows)."""
    short, long = sorted((a, b), key=len)
    return all(any(abs(x - y) <= EDGE_DRIFT for y in long) for x in short)


def continues(prev: Piece, nxt: Piece, edges: list[float] | None = None) -> bool:
    """The next page's first table goes on from this page's last one: nothing between
    them but page furniture, the same outer edges and column edges nested in `edges`
    (the grid the table is laid on so far; the last piece's own by default).

    No header is needed: a continuation that prints none (a lone row above the
    next heading, Barnet's "1103 (b)") goes on by its grid alone."""
    a, b = prev.table, nxt.table
    edges = a.col_edges if edges is None else edges
    return (
        b.page == a.page + 1
        and prev.closes_page
        and nxt.opens_page
        and abs(a.bbox[0] - b.bbox[0]) <= EDGE_DRIFT
        and abs(a.bbox[2] - b.bbox[2]) <= EDGE_DRIFT
        and _nested(edges, b.col_edges)
    )


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= EDGE_DRIFT for x, y in zip(a, b, strict=True))


def regrid(rows: list[list[Slot]], edges: list[float], union: list[float]) -> list[list[Slot]]:
    """Rows re-laid on a finer set of column edges: a column that now covers several
    is a merged cell, its text at the first and repeated (spanned) over the rest."""
    starts = [nearest(union, x) for x in edges] + [len(union)]
    out = []
    for row in rows:
        new = []
        for c, slot in enumerate(row):
            width = max(starts[c + 1] - starts[c], 1)
            new += [slot] + [Slot(slot.text, slot.fill, True)] * (width - 1)
        out.append((new + [Slot()] * len(union))[: len(union)])
    return out


def _repeated_header_rows(first: list[list[Slot]], rows: list[list[Slot]]) -> int:
    """How many leading rows of a continuation repeat the table's first rows."""
    n = 0
    while n < min(len(first), len(rows)) - 1 and repeats_header(
        [s.text for s in rows[n]], [s.text for s in first[n]]
    ):
        n += 1
    return n


def join_split_row(prev: list[Slot], rows: list[list[Slot]]) -> tuple[list[Slot], list[list[Slot]]]:
    """Join a row cut by a page break (`rows[0]`) back onto `prev`, column by column.

    Merged cells running on below the cut carried the tail's text (or nothing);
    they get the joined text, so a merged objective reads whole on every row.
    """
    tail, rest = rows[0], [list(r) for r in rows[1:]]
    joined = []
    for c, (a, b) in enumerate(zip(prev, tail, strict=True)):
        text = " ".join(t for t in (a.text.strip(), b.text.strip()) if t)
        joined.append(Slot(text, a.fill or b.fill, a.spanned))
        for row in rest:
            if not (row[c].spanned and row[c].text == b.text):
                break
            row[c] = Slot(text, row[c].fill, spanned=True)
    return joined, rest


def carry_merged(prev: list[Slot], rows: list[list[Slot]]) -> list[list[Slot]]:
    """Continue merged cells over a page break: where the row above the break is a
    merged-cell repeat and the cells below it are empty, they carry its text (spanned)."""
    rows = [list(r) for r in rows]
    for c, above in enumerate(prev):
        if not above.spanned:
            continue
        for i, row in enumerate(rows):
            if row[c].text or (i and not row[c].spanned):
                break
            row[c] = Slot(above.text, row[c].fill, spanned=True)
    return rows


def stitch_pages(pieces: list[Piece]) -> list[Stitched]:
    """Join tables continued over page breaks into one, dropping repeated header rows
    and joining a row split by the break back into the row it belongs to."""
    out: list[Stitched] = []
    for piece in pieces:
        numbered = [
            (piece.table.page, piece.number, r + 1) for r in range(len(piece.table.rows))
        ]
        current = out[-1] if out else None
        if current is None or not continues(current.pieces[-1], piece, current.col_edges):
            out.append(Stitched([piece], piece.table.col_edges, list(piece.table.rows), numbered))
            continue
        current.pieces.append(piece)
        rows = piece.table.rows
        if not _same_columns(current.col_edges, piece.table.col_edges):
            union = cluster_positions(current.col_edges + piece.table.col_edges, EDGE_DRIFT)
            current.rows = regrid(current.rows, current.col_edges, union)
            rows = regrid(rows, piece.table.col_edges, union)
            current.col_edges = union
        skip = _repeated_header_rows(current.rows, rows)
        rows, numbered = rows[skip:], numbered[skip:]
        body = current.rows[max(skip, 1):]  # a header reprinted over k rows is k rows deep
        if rows and cut_by_break(body, rows[0]):
            current.rows[-1], rows = join_split_row(current.rows[-1], rows)
            numbered = numbered[1:]
        elif rows:
            rows = carry_merged(current.rows[-1], rows)
        current.rows.extend(rows)
        current.origins.extend(numbered)
    return out
