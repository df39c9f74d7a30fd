"""OpenDocument text (.odt) reader: every table in document order as a raw grid, like .docx.

Locators are the Word reader's (`table 3 row 7 col 2`, tables counted in
document order, a table inside a cell as `table 3 row 2 col 1 table 1`); the
caption is the nearest paragraph above (or the value of a label/value box
straight above); merged cells are expanded; cell paragraphs and list items are
joined as `items.cell_text` joins Word's. A table split over pages is
still one table in ODF, so nothing needs re-joining here.
"""

from __future__ import annotations

from pathlib import Path

from .body import BodyReader
from .errors import FormatError
from .grid import box_caption
from .items import cell_text
from .model import Cell, Extract, IssueCode, Table
from .odf_tables import lay_out, read_columns, read_rows
from .odf_xml import Styles, open_package, paragraph_lines, paragraphs, q
from .sheet_grid import Shown, covered_positions

NAME = "OpenDocument text"


def read(path: Path, source_file: str) -> Extract:
    """Tables (nested ones after their parent), body text and title of an .odt document."""
    package = open_package(path, NAME)
    reader = _BodyReader(source_file, Styles(package))
    reader.walk(package.body("text"))
    if not reader.texts and not reader.count:
        raise FormatError(f"the {NAME} document is empty", IssueCode.EMPTY)
    title = reader.heading or package.title() or (reader.texts[0] if reader.texts else "")
    return Extract(reader.tables, text="\n".join(reader.texts), title=title,
                   saved=package.saved())


class _BodyReader(BodyReader):
    """One pass over the body: paragraphs feed text and captions, tables become `Table`s."""

    def __init__(self, source_file: str, styles: Styles):
        super().__init__(source_file, styles)
        self.count = 0
        self.heading = ""

    def walk(self, el) -> None:
        for child in el:
            if child.tag in (q("text:p"), q("text:h")):
                text = " ".join(paragraph_lines(child))
                if text:
                    self.texts.append(text)
                    self.box = ""
                    if child.tag == q("text:h") and not self.heading:
                        self.heading = text
            elif child.tag == q("text:list"):
                for lines, _ in paragraphs(child, in_list=True):
                    if lines:
                        self.texts.append(" ".join(lines))
                        self.box = ""
            elif child.tag == q("table:table"):
                self.count += 1
                self._table(child, f"table {self.count}", self.caption())
            elif child.tag == q("text:section"):
                self.walk(child)

    def _table(self, el, prefix: str, caption: str) -> None:
        nested: list = []
        grid, locators = _grid(el, prefix, self.styles, nested)
        if grid:
            self.tables.append(Table(self.source_file, prefix, len(self.tables) + 1, caption,
                                     grid, locators))
            self.box = box_caption(grid)
        counts: dict[tuple[int, int], int] = {}
        for row, col, inner in nested:
            counts[(row, col)] = counts.get((row, col), 0) + 1
            self._table(inner, f"{prefix} row {row} col {col} table {counts[(row, col)]}", caption)


def _grid(el, prefix: str, styles: Styles, nested: list) -> tuple[list[list[Cell]], list[str]]:
    """The table as a rectangular grid of cells, merges expanded, and its row locators."""
    rows = read_rows(el, styles, read_columns(el), lambda tc: cell_text(paragraphs(tc)), nested)
    cells, merged, _ = lay_out(rows, f"{prefix} of the document")
    if not any(shown.text for shown in cells.values()):
        return [], []
    covered = covered_positions(merged)
    last_row = max(r for r, _ in cells)
    width = max(c for _, c in cells)
    grid, locators = [], []
    for r in range(1, last_row + 1):
        where = f"{prefix} row {r}"
        row = []
        for c in range(1, width + 1):
            origin = covered.get((r, c))
            shown = cells.get(origin or (r, c)) or Shown("")
            row.append(Cell(shown.text, f"{where} col {c}", shown.fill, shown.value,
                            spanned=origin is not None))
        grid.append(row)
        locators.append(where)
    return grid, locators
