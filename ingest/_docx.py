"""Word (.docx) reader: every table in body order as a raw grid, plus the narrative text.

Council papers put their action plans in Word tables under an "Appendix"
heading, often split over pages as separate tables. This reader keeps each
Word table's own numbering (`table 3 row 7 col 2`, as an officer counts them
in Word), expands merged cells (`ingest.docx_cells`), takes the nearest
paragraph above as the caption, and says which table each one comes straight
after (`Follows`), so that `ingest.pages` can join a table that a page break
split into a second Word table. Header detection happens later, in `ingest.tidy`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from .body import CONTINUED, BodyReader
from .docx_cells import (
    W_P,
    W_TBL,
    W_TC,
    W_TR,
    RawTable,
    Styles,
    cell_paragraphs,
    children,
    expand_table,
    is_heading,
    paragraph_text,
)
from .docx_shapes import has_picture
from .errors import FormatError
from .grid import box_caption
from .items import cell_text
from .model import Extract, Follows, Issue, IssueCode, Table
from .safezip import DAMAGED_ZIP, check_archive, check_no_dtd


def read(path: Path, source_file: str) -> Extract:
    """Tables (nested ones after their parent), body text and title of a Word document."""
    check_archive(path)
    check_no_dtd(path)
    try:  # python-docx meets a damaged part as a missing key or attribute on its objects
        doc = docx.Document(str(path))
        styles = Styles.from_document(doc)
        body = doc.element.body  # a main part whose root is not w:document has none
    except (KeyError, AttributeError, TypeError, XMLSyntaxError, PackageNotFoundError,
            *DAMAGED_ZIP) as exc:
        raise FormatError(f"the Word document is damaged ({exc})") from exc
    if body is None:
        raise FormatError("the Word document is damaged (its main part has no body)")
    extract = _BodyReader(source_file, styles).read(body)
    extract.saved = _saved(doc)
    return extract


def _saved(doc) -> dt.date | None:
    """The saved date from the document properties; damaged properties are no date,
    not a reason to set the paper aside."""
    try:
        saved = doc.core_properties.modified or doc.core_properties.created
    except Exception:  # noqa: BLE001 (python-docx parses core.xml lazily, any error here)
        return None
    return saved.date() if saved else None


class _BodyReader(BodyReader):
    """One pass over the body: paragraphs feed text and captions, tables become `Table`s."""

    def __init__(self, source_file: str, styles: Styles):
        super().__init__(source_file, styles)
        self.word_tables = 0
        self.issues: list[Issue] = []

    def read(self, body) -> Extract:
        title = ""
        last_top: int | None = None
        """Position in `self.tables` of the last table of the body (not nested in a cell)."""
        adjacent = False
        for el in children(body):
            if el.tag == W_P:
                text = paragraph_text(el)
                if text:
                    self.texts.append(text)
                    if not title and is_heading(el, self.styles):
                        title = text
                    adjacent = adjacent and bool(CONTINUED.match(text))
                    self.box = ""
            elif el.tag == W_TBL:
                position = len(self.tables)
                if self._table(el, Follows(last_top, adjacent)):
                    last_top, adjacent = position, True
        if not self.texts and not self.word_tables:
            raise FormatError("the Word document is empty", IssueCode.EMPTY)
        title = title or (self.texts[0] if self.texts else "")
        return Extract(self.tables, text="\n".join(self.texts), title=title,
                       issues=self.issues)

    def _table(self, tbl, follows: Follows) -> bool:
        """Add a body table (and the tables nested in it); False when it has no rows."""
        self.word_tables += 1
        prefix = f"table {self.word_tables}"
        raw = expand_table(tbl, prefix, self.styles)
        if not raw.grid:
            return False
        table = self._append(prefix, self.caption(), raw, follows)
        self._pictures(tbl, prefix)
        self._nested(raw, table.caption)
        self.box = box_caption(raw.grid)
        return True

    def _append(self, unit: str, caption: str, raw: RawTable, follows: Follows) -> Table:
        table = Table(self.source_file, unit, len(self.tables) + 1, caption, raw.grid,
                      raw.locators, follows=follows, styled=raw.header_styled)
        self.tables.append(table)
        return table

    def _pictures(self, tbl, prefix: str) -> None:
        """A line for each cell of the table that holds a picture and no text: what a picture
        shows (an arrow, a traffic light) cannot be read, so the officer is told where."""
        for r, tr in enumerate(tbl.iterchildren(W_TR), 1):
            for c, tc in enumerate(tr.iterchildren(W_TC), 1):
                if has_picture(tc) and not cell_text(cell_paragraphs(tc, self.styles)):
                    self.issues.append(Issue(
                        IssueCode.UNREAD_PICTURE, "ingest", self.source_file,
                        f"{prefix} row {r} cell {c}",
                        f"a picture in {prefix}, row {r}, cell {c} was not read: a "
                        "direction-of-travel arrow or traffic light inserted as an image has no "
                        "text to read; check it in the paper"))

    def _nested(self, raw: RawTable, parent_caption: str) -> None:
        """Tables inside cells, each its own table located through its parent's cell."""
        counts: dict[str, int] = {}
        for where, inner in raw.nested:
            counts[where] = counts.get(where, 0) + 1
            prefix = f"{where} table {counts[where]}"
            grid = expand_table(inner, prefix, self.styles)
            if grid.grid:
                self._append(prefix, _cell_caption(inner) or parent_caption, grid, Follows(None))
                self._nested(grid, parent_caption)


def _cell_caption(tbl) -> str:
    """Nearest non-empty paragraph above a nested table within its own cell."""
    for sibling in tbl.itersiblings(preceding=True):
        if sibling.tag == W_P:
            text = paragraph_text(sibling)
            if text and not CONTINUED.match(text):
                return text
    return ""
