"""Small OpenDocument papers for the tests, written with odfpy (what LibreOffice would save).

Each builder takes plain rows; a cell is a string, a `(text, options)` pair, or
None for an empty cell. Options: `fill` (RRGGBB), `date` (ISO date-value),
`cols`/`rows` (merged span), `repeat` (number-columns-repeated).
"""

from __future__ import annotations

from pathlib import Path

from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.style import Style, TableCellProperties, TableProperties
from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
from odf.text import H, List, ListItem, P

PLAN_HEAD = ["Ref", "Action", "Lead officer", "Target date", "RAG"]




def _cell_style(doc, cache: dict[str, str], fill: str) -> str:
    if fill not in cache:
        style = Style(name=f"fill{fill}", family="table-cell")
        style.addElement(TableCellProperties(backgroundcolor=f"#{fill}"))
        doc.automaticstyles.addElement(style)
        cache[fill] = style.getAttribute("name")
    return cache[fill]


def _row(doc, cache, cells, **row_attrs) -> TableRow:
    tr = TableRow(**row_attrs)
    for cell in cells:
        text, opts = (cell, {}) if not isinstance(cell, tuple) else cell
        attrs = {}
        if opts.get("fill"):
            attrs["stylename"] = _cell_style(doc, cache, opts["fill"])
        if opts.get("date"):
            attrs.update(valuetype="date", datevalue=opts["date"])
        elif text is not None:
            attrs["valuetype"] = "string"
        if opts.get("cols"):
            attrs["numbercolumnsspanned"] = opts["cols"]
        if opts.get("rows"):
            attrs["numberrowsspanned"] = opts["rows"]
        if opts.get("repeat"):
            attrs["numbercolumnsrepeated"] = opts["repeat"]
        tc = TableCell(**attrs)
        for part in opts.get("paragraphs", [text] if text else []):
            tc.addElement(part if not isinstance(part, str) else P(text=part))
        tr.addElement(tc)
        for _ in range(opts.get("cols", 1) - 1):
            tr.addElement(CoveredTableCell())
    return tr


def write_ods(path: Path, sheets: dict[str, list], hidden_sheets: dict[str, list] | None = None,
              hidden_rows: set[int] = frozenset(), hidden_cols: set[int] = frozenset(),
              tail_cols: int = 0, tail_rows: int = 0) -> Path:
    """Sheets of rows; `hidden_rows`/`hidden_cols` are 1-based on every sheet; `tail_*` add the
    trailing run of empty columns/rows LibreOffice writes (16384 / 1048576 in real files)."""
    doc = OpenDocumentSpreadsheet()
    cache: dict[str, str] = {}
    hide = Style(name="hiddentable", family="table")
    hide.addElement(TableProperties(display="false"))
    doc.automaticstyles.addElement(hide)
    for name, rows in {**sheets, **(hidden_sheets or {})}.items():
        table = Table(name=name)
        if hidden_sheets and name in hidden_sheets:
            table.setAttribute("stylename", "hiddentable")
        width = max(len(r) for r in rows)
        for c in range(1, width + 1):
            table.addElement(TableColumn(visibility="collapse") if c in hidden_cols
                             else TableColumn())
        for r, cells in enumerate(rows, start=1):
            tail = [(None, {"repeat": tail_cols})] if tail_cols else []
            attrs = {"visibility": "collapse"} if r in hidden_rows else {}
            table.addElement(_row(doc, cache, list(cells) + tail, **attrs))
        if tail_rows:
            table.addElement(_row(doc, cache, [(None, {"repeat": width + tail_cols})],
                                  numberrowsrepeated=tail_rows))
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def write_odt(path: Path, blocks: list) -> Path:
    """Blocks in order: ("h", text), ("p", text), or ("table", rows)."""
    doc = OpenDocumentText()
    cache: dict[str, str] = {}
    for kind, content in blocks:
        if kind == "h":
            doc.text.addElement(H(outlinelevel=1, text=content))
        elif kind == "p":
            doc.text.addElement(P(text=content))
        else:
            table = Table(name=f"Table{len(doc.text.childNodes)}")
            table.addElement(TableColumn(numbercolumnsrepeated=max(map(len, content))))
            for cells in content:
                table.addElement(_row(doc, cache, cells))
            doc.text.addElement(table)
    doc.save(str(path))
    return path


def bullet_list(*items: str) -> List:
    """A text:list whose items are paragraphs (how a bulleted cell is saved)."""
    lst = List()
    for item in items:
        li = ListItem()
        li.addElement(P(text=item))
        lst.addElement(li)
    return lst
