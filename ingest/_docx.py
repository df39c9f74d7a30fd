"""Word (.docx) reader: every table in body order as a raw grid, plus the narrative text.

Council papers put their action plans in Word tables under an "Appendix"
heading, often split over pages as separate tables. This reader keeps each
Word table's own numbering (`table 3 row 7 col 2`, as an officer counts them
in Word), expands merged cells (`ingest.docx_cells`), takes the nearest
paragraph above as the caption, and re-joins a table that a page break split
into a second, headerless Word table. Header detection and the re-joining of
continuations that repeat their header happen later, once, in `ingest.tidy`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .docx_cells import (
    W_P,
    W_TBL,
    Carry,
    RawTable,
    Styles,
    children,
    expand_table,
    is_heading,
    paragraph_text,
)
from .errors import FormatError
from .model import Cell, Extract, IssueCode, Table
from .safezip import DAMAGED_ZIP, check_archive, check_no_dtd
from .tidy import box_caption, clean_text, find_header

_CONTINUED = re.compile(r"^\W*(continued|cont['’]?d)\W*$", re.IGNORECASE)
"""A bare "(continued)" line says nothing about the table; the caption is further up."""


def read(path: Path, source_file: str) -> Extract:
    """Tables (nested ones after their parent), body text and title of a Word document."""
    check_archive(path)
    check_no_dtd(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

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


class _BodyReader:
    """One pass over the body: paragraphs feed text and captions, tables become `Table`s."""

    def __init__(self, source_file: str, styles: Styles):
        self.source_file = source_file
        self.styles = styles
        self.texts: list[str] = []
        self.tables: list[Table] = []
        self.word_tables = 0
        self.box = ""
        """The last value of a label/value box just read, while nothing but tables follows it."""

    def read(self, body) -> Extract:
        title = ""
        last_top: Table | None = None
        adjacent = False
        for el in children(body):
            if el.tag == W_P:
                text = paragraph_text(el)
                if text:
                    self.texts.append(text)
                    if not title and is_heading(el, self.styles):
                        title = text
                    adjacent = adjacent and bool(_CONTINUED.match(text))
                    self.box = ""
            elif el.tag == W_TBL:
                last_top = self._table(el, last_top if adjacent else None) or last_top
                adjacent = last_top is not None
        if not self.texts and not self.word_tables:
            raise FormatError("the Word document is empty", IssueCode.EMPTY)
        title = title or (self.texts[0] if self.texts else "")
        return Extract(self.tables, text="\n".join(self.texts), title=title)

    def _caption(self) -> str:
        """A label/value box straight above, else the nearest paragraph above."""
        return self.box or next((t for t in reversed(self.texts) if not _CONTINUED.match(t)), "")

    def _table(self, tbl, previous: Table | None) -> Table | None:
        """Add a body table, joined onto `previous` when it continues it; the table it landed in."""
        self.word_tables += 1
        prefix = f"table {self.word_tables}"
        raw = expand_table(tbl, prefix, self.styles)
        if not raw.grid:
            return None
        carry = _carry(previous, raw) if previous is not None else None
        if carry is not None:
            raw = expand_table(tbl, prefix, self.styles, carry)
        if carry is not None and carry.row == 0:
            previous.grid.extend(raw.grid)
            previous.row_locators.extend(raw.locators)
            self._nested(raw, previous.caption)
            return previous
        table = self._append(prefix, self._caption(), raw)
        self._nested(raw, table.caption)
        self.box = box_caption(raw.grid)
        return table

    def _append(self, unit: str, caption: str, raw: RawTable) -> Table:
        table = Table(self.source_file, unit, len(self.tables) + 1, caption, raw.grid, raw.locators)
        self.tables.append(table)
        return table

    def _nested(self, raw: RawTable, parent_caption: str) -> None:
        """Tables inside cells, each its own table located through its parent's cell."""
        counts: dict[str, int] = {}
        for where, inner in raw.nested:
            counts[where] = counts.get(where, 0) + 1
            prefix = f"{where} table {counts[where]}"
            grid = expand_table(inner, prefix, self.styles)
            if grid.grid:
                self._append(prefix, _cell_caption(inner) or parent_caption, grid)
                self._nested(grid, parent_caption)


def _cell_caption(tbl) -> str:
    """Nearest non-empty paragraph above a nested table within its own cell."""
    for sibling in tbl.itersiblings(preceding=True):
        if sibling.tag == W_P:
            text = paragraph_text(sibling)
            if text and not _CONTINUED.match(text):
                return text
    return ""


def _carry(previous: Table, raw: RawTable) -> Carry | None:
    """How a table straight after `previous` continues it over a page break, if it does.

    A headerless table of the same width is the rest of `previous` (joined here,
    carried from row 0). One that repeats the header stays a table of its own for
    `stitch.stitch_continued`, but its merged cells may still start on the previous
    page (carried from the row after its header). A first row styled as a header
    (Word's repeat-header flag, or bold throughout) but with other headings
    starts a different table.
    """
    if len(previous.grid[0]) != len(raw.grid[0]):
        return None
    prev_at = find_header(previous.grid)
    if prev_at is None:
        return None if raw.header_styled[0] else Carry(0, previous.grid[-1])
    heading = _texts(previous.grid[prev_at])
    own_at = find_header(raw.grid)
    if own_at is not None and _texts(raw.grid[own_at]) == heading:
        return Carry(_after_repeated_header(previous, prev_at, raw, own_at), previous.grid[-1])
    if raw.header_styled[0] or _texts(raw.grid[0]) == heading:
        return None
    return Carry(0, previous.grid[-1])


def _after_repeated_header(previous: Table, prev_at: int, raw: RawTable, own_at: int) -> int:
    """First row after the repeated header, counting sub-header rows that repeat too."""
    row = own_at + 1
    while (
        row < len(raw.grid)
        and prev_at + row - own_at < len(previous.grid)
        and _texts(raw.grid[row]) == _texts(previous.grid[prev_at + row - own_at])
    ):
        row += 1
    return row


def _texts(row: list[Cell]) -> list[str]:
    return [clean_text(c.text).lower() for c in row]
