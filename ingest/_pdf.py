"""PDF reader: pdfplumber pages → geometry chain → `Table` grids whose cells know their page.

Each page is read once: its objects as the small dicts of `pdf_objects.LeanPage`,
then from them its words (`extract_words`) and its ruled cells (pdfplumber's
`TableFinder`, lines strategy). Words inside ruled cells fill them; the rest go
through the unruled (whitespace) chain of `pdf_geometry`.
Page headers, footers and page numbers are found across pages and kept out of
tables. Each page's table becomes a `Table` with page hints (what lies between it
and the table before, its column edges, which rows are bold) for `ingest.pages`,
which joins tables running over a page break. A ruled box of one row is a framed
paragraph unless it opens its page and fits the grid of the table that closed the
page before: then it is that table's next row(s), though no header is reprinted.
A one-row box read as neither (nor as a label/value box) is reported, its text
kept as narrative. A page that fails becomes an `Issue` and the other pages go on;
so does a page with nothing on it in a paper whose other pages have text (a damaged
content stream a viewer shrugs off reads as a blank page), and the paper says how
many of its pages were read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.table import TableFinder
from pdfplumber.utils import extract_words
from pdfplumber.utils.exceptions import PdfminerException

from .errors import FormatError
from .grid import box_caption
from .limits import check_pdf
from .model import Extract, Follows, Issue, IssueCode, Table
from .pdf_fill import cell_fills, filled_rects
from .pdf_geometry import (
    Line,
    PageTable,
    lines_to_blocks,
    ruled_cells_to_table,
    words_to_lines,
)
from .pdf_objects import LeanPage
from .pdf_pages import Piece, caption_above, continues, find_furniture, over_break, x_edges
from .pdf_rows import block_to_table
from .pdf_split import split_flush_tables
from .symbols import drawn_arrow_words, line_shapes

MIN_RULED_ROWS = 2
MIN_RULED_COLS = 2
"""A ruled box with fewer rows or columns is a framed paragraph, not a table (a box of
one row and enough columns may still continue the table before a page break: `_Stub`)."""

_BOLD = re.compile(r"bold|black|heavy", re.IGNORECASE)
"""Font names of bold faces ("Arial-BoldMT", "LiberationSans-Bold", "Calibri,Bold")."""
WORD_GAP = 0.2
"""The widest gap between letters of one word, as a share of the font size. A space is a
quarter to a third of it, kerning a few hundredths; pdfplumber's fixed 3 points is wider
than a space in the 7- and 8-point text of a printed spreadsheet, whose cells run on
into each other ("ProvidersDiversity") where a clipped cell's text meets the next."""

PICTURE_SIZE = 40.0
"""Points: a picture this small or smaller inside a table is a symbol in a cell (an arrow,
a traffic light); a larger one is a chart or a logo."""
NO_TEXT = "the PDF has no text layer: it looks scanned; ask for the original or an OCRed copy"


@dataclass
class _Stub:
    """A ruled box of one row: a table row when it continues the previous page's table."""

    table: PageTable
    words: frozenset[int]
    """`id()` of the words inside it; they stay among the page's lines until it is taken."""


@dataclass
class _Page:
    """What the first pass keeps of a page: its ruled tables and the lines outside them."""

    number: int
    height: float
    tables: list[PageTable]
    lines: list[Line]
    has_images: bool
    stubs: list[_Stub]
    pictures: list[tuple[float, float, float, float]]
    """Boxes of the small pictures on the page (`PICTURE_SIZE`)."""

    @property
    def has_text(self) -> bool:
        return bool(self.lines or self.tables or self.stubs)

    @property
    def blank(self) -> bool:
        """Nothing at all on the page: no word, no ruled box, no image."""
        return not (self.has_text or self.has_images)


def _open(path: Path):
    try:
        return pdfplumber.open(path)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise FormatError(
                "the PDF is encrypted and needs a password; ask for an unprotected copy",
                IssueCode.ENCRYPTED,
            ) from exc
        raise FormatError(f"the PDF could not be opened: {cause}") from exc


def _ruled_tables(
    page, number: int, words: list[dict]
) -> tuple[list[PageTable], list[_Stub], list[dict]]:
    """Ruled tables of a page from pdfplumber's cell finder, its one-row boxes, and the
    words outside the tables (a one-row box's words are among them)."""
    fills = None
    tables, stubs = [], []
    for found in TableFinder(page).tables:
        cells = found.cells
        if fills is None:
            fills = filled_rects(page.rects)
        table, outside = ruled_cells_to_table(number, cells, words, cell_fills(cells, fills))
        if len(table.col_edges) < MIN_RULED_COLS:
            continue
        if len(table.rows) >= MIN_RULED_ROWS:
            tables.append(table)
            words = outside
        else:
            kept = {id(w) for w in outside}
            stubs.append(_Stub(table, frozenset(id(w) for w in words if id(w) not in kept)))
    return tables, stubs, words


def _first_pass(page, number: int) -> _Page:
    lean = LeanPage(page)
    words = extract_words(lean.chars, return_chars=True, x_tolerance_ratio=WORD_GAP)
    for word in words:
        word["bold"] = all(_BOLD.search(c["fontname"]) for c in word.pop("chars"))
    words += drawn_arrow_words(lean.curves + line_shapes(lean.lines), words)
    tables, stubs, outside = _ruled_tables(lean, number, words) if words else ([], [], [])
    pictures = [(i["x0"], i["top"], i["x1"], i["bottom"]) for i in lean.images
                if max(i["width"], i["height"]) <= PICTURE_SIZE]
    return _Page(
        number, float(page.height), tables, words_to_lines(outside), bool(lean.images), stubs,
        pictures,
    )


def _continuing_stub(page: _Page, lines: list[Line], last: Piece | None) -> _Stub | None:
    """The one-row box that opens the page (nothing above it but page furniture) and
    goes on from the table that closed the page before, or None."""
    if not page.stubs or last is None:
        return None
    stub = min(page.stubs, key=lambda s: s.table.bbox[1])
    top = stub.table.bbox[1]
    above = any(
        ln.bottom <= top + 1 and not stub.words.issuperset(map(id, ln.words)) for ln in lines
    ) or any(t.bbox[1] < top for t in page.tables)
    if above or not continues(last, Piece(stub.table, 1, opens_page=True, closes_page=False)):
        return None
    return stub


def _foot_stub(page: _Page, lines: list[Line], taken: _Stub | None) -> _Stub | None:
    """The one-row box that closes the page (nothing below it but page furniture), not a
    label/value box: a header printed alone at the page foot, if the next page's first
    table goes on from it (`_settle_feet` decides once every page is read)."""
    stubs = [s for s in page.stubs if s is not taken and not box_caption(s.table.rows)]
    if not stubs:
        return None
    stub = max(stubs, key=lambda s: s.table.bbox[3])
    bottom = stub.table.bbox[3]
    below = any(
        ln.top >= bottom - 1 and not stub.words.issuperset(map(id, ln.words)) for ln in lines
    ) or any(t.bbox[3] > bottom for t in page.tables)
    return None if below else stub


def _settle_feet(pieces: list[Piece], feet: dict[int, tuple[_Stub, int]], text_pages: list[str],
                 source_file: str) -> tuple[list[Piece], list[Issue]]:
    """Keep a page-foot box only where the next page's first table goes on from it; else it
    is reported and its text goes back to its page's narrative."""
    kept, issues = [], []
    for i, piece in enumerate(pieces):
        if id(piece) in feet and not (i + 1 < len(pieces) and continues(piece, pieces[i + 1])):
            stub, page_pos = feet[id(piece)]
            if (issue := _unread_stub(stub, source_file)) is not None:
                issues.append(issue)
            row = " ".join(c.text for c in stub.table.rows[0] if c.text and not c.spanned)
            text_pages[page_pos] = "\n".join(t for t in (text_pages[page_pos], row) if t)
            continue
        kept.append(piece)
    return kept, issues


def _without(lines: list[Line], words: frozenset[int]) -> list[Line]:
    """The lines with the given words taken out (lines left empty go)."""
    out = []
    for ln in lines:
        kept = [w for w in ln.words if id(w) not in words]
        if len(kept) == len(ln.words):
            out.append(ln)
        elif kept:
            out.append(Line(kept, ln.top, ln.bottom))
    return out


def _unread_stub(stub: _Stub, source_file: str) -> Issue | None:
    """An Issue for a one-row box that is neither a continued row nor a label/value box."""
    if box_caption(stub.table.rows):
        return None
    texts = [s.text for s in stub.table.rows[0] if s.text.strip() and not s.spanned]
    page = stub.table.page
    return Issue(
        IssueCode.NO_HEADER, "ingest", source_file, f"page {page}",
        f"a ruled table of one row on page {page} has no header and does not continue "
        "a table from the page before, so it was not read as a table (its text is kept "
        "as narrative)",
        value=" | ".join(texts),
    )


def _blank_pages(pages: list[_Page], source_file: str) -> list[Issue]:
    """A line for each blank page of a paper that has text elsewhere: a page lost to a
    damaged content stream looks just like this, and must not go unnoticed."""
    return [Issue(
        IssueCode.BLANK_PAGE, "ingest", source_file, f"page {page.number}",
        f"page {page.number} is blank: no text or image was found on it, though other pages "
        "have text. If the printed paper has content on this page, the PDF may be damaged: "
        "ask for a fresh copy",
    ) for page in pages if page.blank]


def _pictures_in_tables(page: _Page, tables: list[PageTable], source_file: str
                        ) -> list[Issue]:
    """A line for each small picture inside a table: what it shows (an arrow, a light) is
    not text, so the officer is told where to look rather than given a guess."""
    issues = []
    for x0, top, x1, bottom in page.pictures:
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        if any(t.bbox[0] <= cx <= t.bbox[2] and t.bbox[1] <= cy <= t.bbox[3] for t in tables):
            issues.append(Issue(
                IssueCode.UNREAD_PICTURE, "ingest", source_file, f"page {page.number}",
                f"a picture in a table on page {page.number} (at {x0:.0f}, {top:.0f} pt from "
                "the top left) was not read: a direction-of-travel arrow or traffic light "
                "drawn as an image has no text to read; check it on the page",
                value=f"{x0:.0f},{top:.0f},{x1:.0f},{bottom:.0f}",
            ))
    return issues


def _unruled(page_number: int, lines: list[Line]) -> tuple[list[PageTable], list[Line]]:
    """Unruled tables among a page's non-furniture lines, and the narrative lines left over."""
    tables = [
        t for t in (block_to_table(page_number, b) for b in lines_to_blocks(lines)) if t
    ]
    narrative = [
        ln for ln in lines if not any(t.bbox[1] <= ln.top <= t.bbox[3] for t in tables)
    ]
    return tables, narrative


def _pieces(tables: list[PageTable], narrative: list[Line]) -> list[Piece]:
    tables = sorted(tables, key=lambda t: t.bbox[1])
    return [
        Piece(
            table,
            n,
            opens_page=n == 1 and not any(ln.bottom <= table.bbox[1] for ln in narrative),
            closes_page=n == len(tables) and not any(ln.top >= table.bbox[3] for ln in narrative),
        )
        for n, table in enumerate(tables, 1)
    ]


def _white_between(above: PageTable, table: PageTable, narrative: list[Line]) -> bool:
    """Two unruled tables one above the other with nothing but white space between: one
    table parted where a row left a wider gap (a row taller than its text, a blank row),
    which it goes on from as it would over a page break."""
    return not (above.ruled or table.ruled) and not any(
        above.bbox[3] <= ln.top and ln.bottom <= table.bbox[1] for ln in narrative)


def _box_above(above: PageTable | None, table: PageTable, narrative: list[Line]) -> str:
    """The last value of a label/value box drawn straight above `table`, no text between."""
    if above is None or any(above.bbox[3] - 1 <= ln.top <= table.bbox[1] for ln in narrative):
        return ""
    return box_caption(above.rows)


def _to_table(piece: Piece, index: int, source_file: str, caption: str,
              follows: Follows) -> Table:
    """A page's table with its locators (`page 4 table 1 row 7 col 2`) and page hints."""
    table = piece.table
    grid, locators = [], []
    for r, row in enumerate(table.rows, 1):
        where = f"page {table.page} table {piece.number} row {r}"
        locators.append(where)
        grid.append([replace(cell, locator=f"{where} col {c}") for c, cell in enumerate(row, 1)])
    return Table(source_file, f"page {table.page}", index, caption, grid, locators,
                 follows=follows, x_edges=x_edges(table), open_right=not table.ruled,
                 styled=list(table.styled))


def read(path: Path, source_file: str) -> Extract:
    """Tables, narrative text and title of a PDF paper; unreadable pages become Issues."""
    check_pdf(path)  # before pdfplumber lays out any page
    issues: list[Issue] = []
    pages: list[_Page] = []
    try:
        with _open(path) as pdf:
            total = len(pdf.pages)
            for number, page in enumerate(pdf.pages, 1):
                try:
                    pages.append(_first_pass(page, number))
                except Exception as exc:  # a damaged page must not stop the others
                    issues.append(Issue(
                        IssueCode.UNREADABLE, "ingest", source_file, f"page {number}",
                        f"page {number} could not be read: {type(exc).__name__}: {exc}",
                        quarantine=True,
                    ))
                finally:
                    page.close()
    except FormatError:
        raise
    except Exception as exc:  # pdfplumber builds every page (tree, boxes) on first use and on
        # close, outside the per-page guard: a damaged structure fails there, not on a page
        raise FormatError(f"the PDF's list of pages is damaged ({exc})") from exc
    if not any(p.has_text for p in pages):
        if pages and not issues:
            raise FormatError(NO_TEXT, IssueCode.NO_TEXT)
        raise FormatError("no page of the PDF could be read", IssueCode.UNREADABLE)
    issues += _blank_pages(pages, source_file)
    furniture = find_furniture([p.lines for p in pages], [p.height for p in pages])
    pieces: list[Piece] = []
    captions: dict[int, str] = {}
    text_pages: list[str] = []
    feet: dict[int, tuple[_Stub, int]] = {}
    white: set[int] = set()
    for page, skip in zip(pages, furniture, strict=True):
        lines = [ln for i, ln in enumerate(page.lines) if i not in skip]
        ruled = list(page.tables)
        last = pieces[-1] if pieces and pieces[-1].table.page == page.number - 1 else None
        taken = _continuing_stub(page, lines, last)
        foot = _foot_stub(page, lines, taken)
        for stub in (taken, foot):
            if stub is not None:
                ruled.append(stub.table)
                lines = _without(lines, stub.words)
        issues += [
            issue for stub in page.stubs if stub is not taken and stub is not foot
            and (issue := _unread_stub(stub, source_file)) is not None
        ]
        unruled, narrative = _unruled(page.number, lines)
        found = [part for t in ruled + unruled for part in split_flush_tables(t)]
        issues += _pictures_in_tables(page, found, source_file)
        above = None
        for piece in _pieces(found, narrative):
            if foot is not None and piece.table is foot.table:
                feet[id(piece)] = (foot, len(text_pages))
            if above is not None and _white_between(above, piece.table, narrative):
                white.add(id(piece))
            captions[id(piece)] = (
                _box_above(above, piece.table, narrative)
                or caption_above(narrative, piece.table.bbox[1])
            )
            pieces.append(piece)
            above = piece.table
        text_pages.append("\n".join(ln.text for ln in narrative))
        if not ruled and not unruled and not narrative and page.has_images:
            issues.append(Issue(
                IssueCode.NO_TEXT, "ingest", source_file, f"page {page.number}",
                f"page {page.number} has no text layer (a scanned image); its content was not read",
            ))
    pieces, unread = _settle_feet(pieces, feet, text_pages, source_file)
    issues += unread
    tables = [
        _to_table(piece, i, source_file, captions[id(piece)], Follows(
            i - 2 if i > 1 else None,
            i > 1 and (over_break(pieces[i - 2], piece) or id(piece) in white)))
        for i, piece in enumerate(pieces, 1)
    ]
    first = pages[0]
    first_lines = [ln for i, ln in enumerate(first.lines) if i not in furniture[0]]
    title = first_lines[0].text if first_lines and first.number == 1 else ""
    read = sum(1 for page in pages if page.has_text)
    return Extract(tables, "\n\n".join(t for t in text_pages if t), title, issues,
                   pages=(read, total))
