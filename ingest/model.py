"""Records that leave the ingest stage.

A reader turns a paper into raw :class:`Table` grids of :class:`Cell` values;
every cell carries its locator from birth, so later stages can always tell an
officer where in the paper a value came from (STYLE: provenance is born in the
reader and never recomputed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class Cell:
    """One cell as the officer sees it in the paper."""

    text: str
    """The text as displayed (a date cell rendered through its number format)."""
    locator: str
    """`Sheet1!A12`, `page 3 table 1 row 5 col 2` or `table 2 row 7 col 3`."""
    fill: str | None = None
    """Background colour as `RRGGBB` when the cell is filled (plain or conditional)."""
    value: object = None
    """The typed value when the source has one (a date, a number), else None."""
    spanned: bool = False
    """True where a merged cell's text is repeated into a position it covers (not its origin)."""


class RowKind(StrEnum):
    """What a body row of a tidied table is."""

    DATA = "data"
    SECTION = "section"


@dataclass(frozen=True)
class Row:
    """A body row of a table after tidying."""

    cells: tuple[Cell, ...]
    kind: RowKind
    locator: str
    """Where an officer finds the row: `Sheet1!A12`, `page 3 table 1 row 5`, `table 2 row 7`."""

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(frozen=True)
class Follows:
    """What a reader of a paged paper saw between a table and the table before it.

    A hint for `ingest.pages`, which joins a table to the one it continues over a
    page break; a table without one follows the table listed before it, with
    unknown content between (so it may continue it only by reprinting its header).
    """

    table: int | None
    """Position, in the reader's list, of the table this one comes after at its level;
    None when it comes after none (the first table, or a table nested in a cell)."""
    adjacent: bool = False
    """Nothing but a page break lies between: blank lines, page headers and footers, a
    "(continued)" line. Only then may it continue that table without a header."""


@dataclass
class Table:
    """A table of a paper: raw grid from a reader, header and rows after tidying.

    Readers fill `grid` (a rectangular list of rows, merged cells already
    expanded into every position they cover), `caption` and, for paged papers,
    the page hints; `ingest.pages` joins tables continued over a page break, and
    `ingest.tidy` then fills `header` and `rows` and reports what it set aside.
    """

    source_file: str
    unit: str
    """The sheet name, `page 3`, or `table 2`: where the table starts."""
    index: int
    """1-based position of the table within the paper."""
    caption: str
    grid: list[list[Cell]]
    row_locators: list[str]
    """One locator per grid row, in the paper's own terms."""
    header: tuple[Cell, ...] = ()
    rows: list[Row] = field(default_factory=list)
    title_lines: tuple[str, ...] = ()
    """Title text found above the header (sheet title rows, captions)."""
    follows: Follows | None = None
    """Page hint: what lies between this table and the one before it (see `Follows`)."""
    x_edges: tuple[float, ...] = ()
    """Page hint: the column edges on the page (left edges, then the right edge), when the
    reader knows them (PDF); a continuation's columns must line up with them."""
    open_right: bool = False
    """Page hint: the last of `x_edges` is where the text stops, not a line (an unruled
    PDF table), so it varies from page to page."""
    styled: list[bool] = field(default_factory=list)
    """Page hint, per grid row: printed as headers are (bold throughout, or marked to
    repeat as a header row); empty when the reader cannot tell."""

    @property
    def header_texts(self) -> list[str]:
        return [c.text for c in self.header]


class IssueCode(StrEnum):
    """Stable codes for what went wrong or was set aside, across all stages."""

    UNREADABLE = "unreadable"
    UNSUPPORTED = "unsupported_format"
    WRONG_EXTENSION = "wrong_extension"
    ENCRYPTED = "encrypted"
    EMPTY = "empty_paper"
    NO_TEXT = "no_text_layer"
    BLANK_PAGE = "blank_page"
    NO_TABLES = "no_tables"
    NO_ACTION_PLAN = "no_action_plan"
    NO_HEADER = "no_header"
    REPEATED_HEADER = "repeated_header_row"
    TITLE_ROW = "title_row"
    NOT_ACTION_TABLE = "table_not_extracted"
    UNMAPPED_COLUMN = "unmapped_column"
    UNCERTAIN_COLUMN = "uncertain_column"
    UNPARSED_DUE = "unparsed_due_date"
    SCHEMA = "schema_check_failed"
    DUPLICATE_REF = "duplicate_ref"
    OVERRIDE = "override"
    REMOVED = "removed_from_inbox"
    COPY = "copy_of_another_paper"
    HIDDEN = "hidden_in_paper"
    COPY_DISAGREES = "copy_disagrees"
    TOO_LARGE = "beyond_limits"
    """The paper declares, or needs, more than `ingest.limits` allows (size, time, memory)."""
    UNREAD_PICTURE = "picture_in_table"
    """A picture placed in a table's cell (a direction arrow or traffic light drawn as an
    image): nothing can be read from it, so it is pointed out rather than guessed at."""


@dataclass(frozen=True)
class Issue:
    """A problem an officer can find in the paper: what, where and why."""

    code: IssueCode
    stage: str
    source_file: str
    source_locator: str
    message: str
    column: str = ""
    value: str = ""
    quarantine: bool = False
    """True when the whole paper or table could not be used."""
    machine: bool = False
    """True when this machine, not the paper, stopped the reading (a converter not
    installed, a time or memory limit): the paper is read again next run, never cached."""


@dataclass
class Paper:
    """A paper read from the inbox: its tables, metadata and problems."""

    source_file: str
    format: str
    sha256: str
    title: str = ""
    as_of: dt.date | None = None
    as_of_text: str = ""
    as_of_from: str = ""
    """Where the as-of words were found: `title`, `text`, `column headers`, `file name`."""
    text: str = ""
    """Narrative text outside tables (first pages), for metadata and series inference."""
    tables: list[Table] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    pages: tuple[int, int] | None = None
    """(pages read, pages in the paper) for a paged format (PDF), else None."""

    @property
    def quarantined(self) -> bool:
        return any(i.quarantine and i.source_locator == "" for i in self.issues)

    @property
    def held_back(self) -> bool:
        """Set aside because of the machine, not the paper (`Issue.machine`)."""
        return any(i.machine for i in self.issues)


@dataclass
class Extract:
    """What a format reader hands back: raw tables plus the paper's narrative text."""

    tables: list[Table]
    text: str = ""
    title: str = ""
    issues: list[Issue] = field(default_factory=list)
    saved: dt.date | None = None
    """When the file says it was last saved (document properties), if it says."""
    pages: tuple[int, int] | None = None
    """(pages read, pages in the paper) for a paged format; a page not read has an Issue."""
