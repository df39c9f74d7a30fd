"""Word XML → text and grids: paragraphs, cell text, merged cells and fills.

Works on the raw WordprocessingML elements rather than python-docx's
`row.cells`, because merges are what make council plans readable: a merged
"Annual Objective" or year band must land on every row it spans, and
`gridBefore`/`vMerge` are only visible in the XML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.ns import qn

from .colours import fill_hex
from .docx_shapes import shape_arrow
from .items import cell_text
from .model import Cell
from .symbols import symbol_text
from .text import clean_lines

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_VAL = qn("w:val")
_CONTAINERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
"""Content controls and custom XML wrap paragraphs, tables, rows and cells; look through them."""
_SKIP = {
    qn("w:del"), qn("w:moveFrom"), qn("w:tbl"), qn("w:pPr"), qn("w:rPr"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}
"""Deleted revisions are not displayed; a Fallback duplicates its Choice; nested tables
are read as tables of their own."""

_SYMBOLS = {"F0FC": "✓", "F0FE": "☑", "F0FB": "✗", "F0FD": "☒", "F0B7": "•", "F0A7": "▪",
            "F0D8": "➢", "F06E": "■", "F0A8": "□"}
"""Wingdings/Symbol characters (w:sym) that councils use as ticks and bullets."""


MAX_COLUMNS = 63
"""Word's own limit; a larger gridSpan or gridBefore is damage (or an attempt to exhaust memory)."""


@dataclass(frozen=True)
class Styles:
    """What a paragraph style implies: numbered/bulleted list, or heading."""

    lists: frozenset[str]
    headings: frozenset[str]

    @classmethod
    def from_document(cls, doc) -> Styles:
        """Follow each paragraph style's `basedOn` chain for numbering and outline level."""
        by_id = {}
        for el in doc.styles.element.iterchildren(qn("w:style")):
            if el.get(qn("w:type")) == "paragraph":
                by_id[el.get(qn("w:styleId"))] = el
        lists, headings = set(), set()
        for sid in by_id:
            el, seen = by_id[sid], set()
            while el is not None and el.get(qn("w:styleId")) not in seen:
                seen.add(el.get(qn("w:styleId")))
                name = _attr(el.find(qn("w:name")), W_VAL).lower()
                ppr = el.find(qn("w:pPr"))
                if _numbered(ppr) or name.startswith(("list bullet", "list number")):
                    lists.add(sid)
                if re.match(r"(heading \d|title)$", name) or _outline(ppr):
                    headings.add(sid)
                based = _attr(el.find(qn("w:basedOn")), W_VAL)
                el = by_id.get(based)
        return cls(frozenset(lists), frozenset(headings))


def _attr(el, name: str) -> str:
    return "" if el is None else (el.get(name) or "")


def _numbered(ppr) -> bool:
    num = None if ppr is None else ppr.find(qn("w:numPr"))
    return num is not None and _attr(num.find(qn("w:numId")), W_VAL) not in ("", "0")


def _outline(ppr) -> bool:
    lvl = None if ppr is None else ppr.find(qn("w:outlineLvl"))
    return lvl is not None and _attr(lvl, W_VAL) in {str(i) for i in range(9)}


def children(el) -> Iterator:
    """Child elements with content controls and custom XML wrappers looked through."""
    for child in el.iterchildren():
        if child.tag in _CONTAINERS:
            yield from children(child)
        else:
            yield child


def paragraph_lines(p) -> list[str]:
    """The paragraph's text split at its line breaks, each line's white space folded
    (`text.clean_lines`), blanks dropped."""
    lines = [""]
    _collect(p, lines)
    return clean_lines(lines)


def _run_font(run) -> str:
    """The font a run's own properties name for its text (w:rFonts ascii or hAnsi)."""
    fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    if fonts is None:
        return ""
    return fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")) or ""


def _sym(child) -> str:
    """A w:sym character: a tick or bullet councils use, else an arrow of its font."""
    code = _attr(child, qn("w:char")).upper()
    if code in _SYMBOLS:
        return _SYMBOLS[code]
    try:
        text = chr(int(code, 16))
    except ValueError:
        return ""
    mapped = symbol_text(text, _attr(child, qn("w:font")))
    return mapped if mapped != text else ""


def _collect(el, lines: list[str], font: str = "") -> None:
    for child in el.iterchildren():
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        local = tag.rsplit("}", 1)[-1]
        if local == "t":
            lines[-1] += symbol_text(child.text or "", font) if font else child.text or ""
        elif local == "r":
            _collect(child, lines, _run_font(child))
        elif local == "tab":
            lines[-1] += " "
        elif local in ("br", "cr"):
            lines.append("")
        elif local == "noBreakHyphen":
            lines[-1] += "-"
        elif local == "sym":
            lines[-1] += _sym(child)
        elif local == "drawing":
            lines[-1] += shape_arrow(child)
            _collect(child, lines, font)
        elif local != "instrText":
            _collect(child, lines, font)


def paragraph_text(p) -> str:
    """The paragraph as one line: line breaks become spaces."""
    return " ".join(paragraph_lines(p))


def is_list_paragraph(p, styles: Styles) -> bool:
    """Numbered or bulleted by direct numbering, else by its style (numId 0 switches it off)."""
    ppr = p.find(qn("w:pPr"))
    num = None if ppr is None else ppr.find(qn("w:numPr"))
    if num is not None and num.find(qn("w:numId")) is not None:
        return _numbered(ppr)
    return _attr(None if ppr is None else ppr.find(qn("w:pStyle")), W_VAL) in styles.lists


def is_heading(p, styles: Styles) -> bool:
    ppr = p.find(qn("w:pPr"))
    style = _attr(None if ppr is None else ppr.find(qn("w:pStyle")), W_VAL)
    return style in styles.headings or _outline(ppr)


def cell_paragraphs(tc, styles: Styles) -> list[tuple[list[str], bool]]:
    """The cell's paragraphs as `items.cell_text` reads them: (lines, is a list item)."""
    return [(paragraph_lines(p), is_list_paragraph(p, styles))
            for p in children(tc) if p.tag == W_P]


def cell_fill(tc) -> str | None:
    """Background as RRGGBB, or None when automatic, white or absent (RAG cells are filled)."""
    tcpr = tc.find(qn("w:tcPr"))
    shd = None if tcpr is None else tcpr.find(qn("w:shd"))
    if shd is None or _attr(shd, W_VAL) == "nil":
        return None
    solid = fill_hex(_attr(shd, qn("w:color"))) if _attr(shd, W_VAL) == "solid" else None
    return solid or fill_hex(_attr(shd, qn("w:fill")))


def _int(el, default: int) -> int:
    try:
        return int(_attr(el, W_VAL))
    except ValueError:
        return default


@dataclass
class RawTable:
    """A Word table expanded to a rectangular grid, before it becomes a `Table`."""

    grid: list[list[Cell]]
    locators: list[str]
    header_styled: list[bool]
    """Per row: marked as a repeating header row, or bold throughout (how a header looks)."""
    nested: list[tuple[str, object]]
    """(locator of the cell holding it, w:tbl) for tables inside cells, in reading order."""


def expand_table(tbl, prefix: str, styles: Styles) -> RawTable:
    """Grid of the table with merges expanded; `prefix` is its locator (`table 3`).

    A merged cell keeps its origin and is repeated, `spanned=True`, into every
    position it covers. A cell that continues a vertical merge from above the table
    (the merge began in the table before a page break) is empty and spanned, for
    `ingest.pages` to carry the text into.
    """
    rows: list[list[Cell]] = []
    locators: list[str] = []
    styled: list[bool] = []
    nested: list[tuple[str, object]] = []
    in_merge: set[int] = set()
    """Columns of the row above whose cell is part of a vertical merge."""
    for tr in children(tbl):
        if tr.tag != W_TR or _deleted_row(tr):
            continue
        where = f"{prefix} row {len(rows) + 1}"
        trpr = tr.find(qn("w:trPr"))
        skip = min(_int(None if trpr is None else trpr.find(qn("w:gridBefore")), 0), MAX_COLUMNS)
        row = [Cell("", f"{where} col {c}") for c in range(1, skip + 1)]
        merging: set[int] = set()
        for tc in children(tr):
            if tc.tag != W_TC:
                continue
            tcpr = tc.find(qn("w:tcPr"))
            span = _int(None if tcpr is None else tcpr.find(qn("w:gridSpan")), 1)
            span = max(1, min(span, MAX_COLUMNS - len(row)))
            start = len(row) + 1
            vmerge = None if tcpr is None else tcpr.find(qn("w:vMerge"))
            for c in range(start, start + span):
                if vmerge is not None:
                    merging.add(c)
                above = rows[-1] if rows and c in in_merge else None
                row.append(_placed(tc, tcpr, f"{where} col {c}", start, row, above, styles))
            for inner in children(tc):
                if inner.tag == W_TBL:
                    nested.append((f"{where} col {start}", inner))
        rows.append(row)
        locators.append(where)
        styled.append(_header_styled(tr, trpr))
        in_merge = merging
    width = max((len(row) for row in rows), default=0)
    for row, where in zip(rows, locators, strict=True):
        row.extend(Cell("", f"{where} col {c}") for c in range(len(row) + 1, width + 1))
    return RawTable(rows, locators, styled, nested)


def _placed(tc, tcpr, locator, start, row, above, styles) -> Cell:
    """The cell at the next grid column: origin text, or a spanned copy of what covers it.

    `above` is the row above when its cell in this column is part of a vertical merge."""
    c = len(row) + 1
    vmerge = None if tcpr is None else tcpr.find(qn("w:vMerge"))
    hmerge = None if tcpr is None else tcpr.find(qn("w:hMerge"))
    if vmerge is not None and _attr(vmerge, W_VAL) != "restart":
        if above is not None and c <= len(above):
            return _copy(above[c - 1], locator)
        return Cell("", locator, cell_fill(tc), spanned=True)
    if hmerge is not None and _attr(hmerge, W_VAL) != "restart" and row:
        return _copy(row[-1], locator)
    if c > start:
        return _copy(row[start - 1], locator)
    return Cell(cell_text(cell_paragraphs(tc, styles)), locator, cell_fill(tc))


def _copy(cell: Cell, locator: str) -> Cell:
    return Cell(cell.text, locator, cell.fill, cell.value, spanned=True)


def _deleted_row(tr) -> bool:
    trpr = tr.find(qn("w:trPr"))
    return trpr is not None and trpr.find(qn("w:del")) is not None


def _header_styled(tr, trpr) -> bool:
    if trpr is not None and trpr.find(qn("w:tblHeader")) is not None:
        return _attr(trpr.find(qn("w:tblHeader")), W_VAL) not in ("0", "false")
    runs = [r for r in tr.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t")))]
    return bool(runs) and all(_bold(r) for r in runs)


def _bold(run) -> bool:
    rpr = run.find(qn("w:rPr"))
    b = None if rpr is None else rpr.find(qn("w:b"))
    return b is not None and _attr(b, W_VAL) not in ("0", "false")
