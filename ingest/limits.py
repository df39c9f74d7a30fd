"""Bounds on what one paper may make the reader build, checked before any library expands it.

A file of a few kilobytes can declare work no committee paper needs: a merged range over
a whole sheet (17 billion cells for openpyxl and our merge expansion to walk), one cell at
XFD1048576 (openpyxl fills the rectangle up to it; xlrd does the same for an .xls cell at
IV65536), a hidden column run to column one billion, a PDF page that shows millions of
characters (pdfplumber keeps a dict of thirty attributes per character). Each check here
reads only what the file declares, streaming, and refuses the paper with the limit it
broke, so the run goes on with the others.

Every number is set far beyond real papers and far below what exhausts a worker: what a
reader is still given is held to `PAPER_SECONDS` and `PAPER_MEMORY_BYTES` by the pipeline,
which reads each paper in a worker process.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from .errors import FormatError
from .model import IssueCode
from .safezip import DAMAGED_ZIP

MAX_SHEET_CELLS = 2_000_000
"""Rows × columns of the rectangle a sheet's cells span (openpyxl builds every cell in it:
some 200 bytes each, so 2 million is ~400 MB). The largest real action logs are a few
thousand rows by 30 columns (100,000 cells); the 50,000-row test sheet spans 500,000."""
MAX_MERGED_CELLS = 2_000_000
"""Cells all a sheet's merged ranges cover together (each covered position is expanded into
a grid entry). A real plan merges section headings across a row: hundreds of cells."""
MAX_SHEET_ROWS = 200_000
"""Row elements in one sheet, empty or not (openpyxl keeps an object for each): four times
the 50,000-row sheet the tests read, a size no committee paper comes near."""
MAX_COLUMN = 16_384
"""Excel's last column (XFD): a column range or cell beyond it is not an Excel sheet."""
MAX_ROW = 1_048_576
"""Excel's last row."""
MAX_PDF_PAGES = 2_000
"""Pages of one PDF. The longest agenda packs with appendices run to a few hundred pages."""
MAX_PAGE_CHARS = 200_000
"""Characters one PDF page shows (its own content and the forms it draws, each time drawn).
A dense A3 page in 6-point type holds ~30,000; reading costs ~1.4 KB per character, so
200,000 stay near 300 MB (the audit's 3 million took 41 s and 4.2 GB)."""
MAX_PAGE_OBJECTS = 1_000_000
"""Drawing operations (path segments, rectangles, images, forms) on one PDF page; a ruled
table page has hundreds, a detailed vector map tens of thousands."""
MAX_PAGE_CONTENT_BYTES = 64 * 1024 * 1024
"""A page's content once unpacked; pages of real papers unpack to well under 1 MB, a
vector map to a few MB. Unpacking stops at the limit, so a compressed bomb is not inflated."""
MAX_FORM_DEPTH = 8
"""Forms drawn inside forms; real PDFs nest one or two deep."""
PAPER_SECONDS = 300
"""Time to read one paper in its worker before it is set aside. The 50,000-row sheet reads
in under a minute on a slow laptop; a real paper takes seconds."""
PAPER_MEMORY_BYTES = 3 * 1024**3
"""Address space of a worker reading one paper (the libraries loaded take ~600 MB of it);
the limits above keep any real paper far below."""


def _words(n: int) -> str:
    """A big count as an officer reads it: '17 billion', '3.2 million', '200,000'."""
    for size, word in ((10**9, "billion"), (10**6, "million")):
        if n >= size:
            return f"{n / size:.3g} {word}"
    return f"{n:,}"


def beyond(what: str, limit: int, unit: str) -> FormatError:
    """The paper refused: what it declares, and the limit it broke."""
    return FormatError(f"{what}; the limit is {_words(limit)} {unit} (no real paper comes "
                       "near it), so it was not read", IssueCode.TOO_LARGE)


# ---- xlsx ----------------------------------------------------------------------------------

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TAGS = tuple(_MAIN + t for t in ("c", "row", "col", "mergeCell"))
_ADDRESS = re.compile(r"([A-Za-z]{1,3})(\d{1,7})$")


def _address(ref: str) -> tuple[int, int] | None:
    """'XFD1048576' → (1048576, 16384); None when it is not an address."""
    found = _ADDRESS.match(ref.strip().replace("$", ""))
    if not found:
        return None
    col = 0
    for letter in found.group(1).upper():
        col = col * 26 + ord(letter) - 64
    return int(found.group(2)), col


def _is_worksheet(zf: zipfile.ZipFile, name: str) -> bool:
    """Whether the part's root element is a worksheet (wherever the package put it)."""
    with zf.open(name) as fh:
        for _, elem in etree.iterparse(fh, events=("start",), resolve_entities=False,
                                       no_network=True, load_dtd=False):
            return elem.tag == _MAIN + "worksheet"
    return False


class _Span:
    """The rectangle a sheet's cells span, grown one cell at a time."""

    def __init__(self) -> None:
        self.top = self.left = None
        self.bottom = self.right = 0

    def add(self, row: int, col: int) -> None:
        self.top = row if self.top is None else min(self.top, row)
        self.left = col if self.left is None else min(self.left, col)
        self.bottom, self.right = max(self.bottom, row), max(self.right, col)

    def area(self) -> int:
        if self.top is None:
            return 0
        return (self.bottom - self.top + 1) * (self.right - self.left + 1)


class _Bounds:
    """What one sheet declares, as its reader will lay it out: the span of its cells and the
    cells its merged ranges cover, checked cell by cell (xlsx and xls alike)."""

    def __init__(self, label: str) -> None:
        self.label, self.span, self.merged = label, _Span(), 0

    def cell(self, row: int, col: int) -> None:
        if row > MAX_ROW or col > MAX_COLUMN:
            raise beyond(f"{self.label} has a cell at row {row:,}, column {col:,}, "
                         "past Excel's last cell", MAX_COLUMN, "columns")
        self.span.add(row, col)

    def merge(self, top: int, left: int, bottom: int, right: int, ref: str) -> None:
        if max(bottom, top) > MAX_ROW or max(left, right) > MAX_COLUMN:
            raise beyond(f"{self.label} declares a merged range {ref} past Excel's last cell",
                         MAX_COLUMN, "columns")
        self.merged += (abs(bottom - top) + 1) * (abs(right - left) + 1)
        if self.merged > MAX_MERGED_CELLS:
            raise beyond(f"{self.label} declares merged ranges (the last {ref}) covering "
                         f"{_words(self.merged)} cells", MAX_MERGED_CELLS, "cells")

    def done(self) -> None:
        span = self.span
        if span.area() > MAX_SHEET_CELLS:
            raise beyond(f"{self.label} spreads its cells over {_words(span.area())} cells "
                         f"(rows {span.top:,}-{span.bottom:,}, columns {span.left:,}-"
                         f"{span.right:,})", MAX_SHEET_CELLS, "cells")


def _check_sheet(zf: zipfile.ZipFile, name: str, label: str) -> None:
    """Stream one worksheet part: its cells' span, rows, merged ranges and column runs.

    The `<dimension>` element is not trusted either way: openpyxl ignores it when reading
    and lays out the cells the part holds, so those are what is measured."""
    bounds, rows, row, col = _Bounds(label), 0, 0, 0
    with zf.open(name) as fh:
        for _, elem in etree.iterparse(fh, events=("end",), tag=_TAGS, resolve_entities=False,
                                       no_network=True, load_dtd=False, huge_tree=True):
            tag = elem.tag[len(_MAIN):]
            if tag == "c":
                where = _address(elem.get("r", ""))
                row, col = where if where else (max(row, 1), col + 1)
                bounds.cell(row, col)
            elif tag == "row":
                rows += 1
                row, col = int(elem.get("r") or row + 1), 0
                elem.clear()
                if rows > MAX_SHEET_ROWS:
                    raise beyond(f"{label} has more than {_words(MAX_SHEET_ROWS)} rows",
                                  MAX_SHEET_ROWS, "rows")
            elif tag == "col":
                last = max(int(elem.get("min") or 0), int(elem.get("max") or 0))
                if last > MAX_COLUMN:
                    raise beyond(f"{label} declares a column run up to column "
                                  f"{_words(last)}", MAX_COLUMN, "columns")
            else:
                ref = elem.get("ref", "")
                corners = [_address(part) for part in ref.split(":")]
                if None not in corners:  # else openpyxl says the range is damaged itself
                    bounds.merge(*corners[0], *corners[-1], ref)
    bounds.done()


def check_xlsx(path: Path) -> None:
    """Raise FormatError (TOO_LARGE) when a worksheet declares more than the limits allow.

    Call after `safezip.check_archive` and `check_no_dtd`, which bound what this reads."""
    try:
        with zipfile.ZipFile(path) as zf:
            labels = _sheet_labels(zf)
            for info in zf.infolist():
                part = info.filename
                if part.lower().endswith(".xml") and _is_worksheet(zf, part):
                    _check_sheet(zf, part, labels.get(part, f"part {part}"))
    except (etree.XMLSyntaxError, *DAMAGED_ZIP) as exc:  # openpyxl would fail on it the same
        raise FormatError(f"the Excel workbook is damaged ({type(exc).__name__}: {exc})") from exc


_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheet_labels(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → "sheet 'Plan'", the name an officer knows it by; a part the
    workbook does not name keeps its path in the message."""
    try:
        book = etree.fromstring(zf.read("xl/workbook.xml"), _SAFE)
        rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"), _SAFE)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    parts = {}
    for rel in rels:
        target = rel.get("Target", "")
        parts[rel.get("Id")] = (target[1:] if target.startswith("/")
                                else posixpath.normpath(posixpath.join("xl", target)))
    return {parts[sheet.get(_REL_ID)]: f"sheet '{sheet.get('name')}'"
            for sheet in book.iter(_MAIN + "sheet") if sheet.get(_REL_ID) in parts}


# ---- xls -----------------------------------------------------------------------------------

_BIFF_BOF, _BIFF_EOF, _BIFF_MERGED = 0x0809, 0x000A, 0x00E5
_BIFF_CELLS = {0x00FD, 0x0204, 0x027E, 0x0203, 0x0201, 0x0205, 0x0006, 0x00D6}
"""Records of one cell, each opening with its row and column: LABELSST, LABEL, RK, NUMBER,
BLANK, BOOLERR, FORMULA, RSTRING."""
_BIFF_RUNS = {0x00BD, 0x00BE}
"""MULRK and MULBLANK: a run of cells in one row, its last column in the last two bytes."""


def _letters(col: int) -> str:
    """16384 → 'XFD': a column as Excel names it. Not openpyxl's `get_column_letter`, which
    refuses columns past 18,278, while an .xls merge may name column 65,536."""
    name = ""
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


def check_xls_sheet(stream: bytes, start: int, label: str) -> None:
    """Raise FormatError (TOO_LARGE) when the sheet whose BIFF records begin at `start` of
    the workbook stream declares more than the limits, before xlrd lays it out.

    xlrd lays out every row and column from A1 to the furthest cell or merged range (a
    merge is not held to the 256 columns cells are), and the grid expands each merge, so
    those are what is measured. A record cut short is left to xlrd, which says the paper is
    damaged; a chart's substream inside the sheet is skipped, as xlrd skips it."""
    bounds, depth, pos = _Bounds(label), 0, start
    bounds.cell(1, 1)
    while pos + 4 <= len(stream):
        code, length = struct.unpack_from("<HH", stream, pos)
        data = stream[pos + 4:pos + 4 + length]
        pos += 4 + length
        if code == _BIFF_BOF:
            depth += 1
        elif code == _BIFF_EOF:
            depth -= 1
            if depth <= 0:
                break
        elif depth == 1 and code in _BIFF_CELLS and len(data) >= 4:
            row, col = struct.unpack_from("<HH", data)
            bounds.cell(row + 1, col + 1)
        elif depth == 1 and code in _BIFF_RUNS and len(data) >= 6:
            row, col = struct.unpack_from("<HH", data)
            bounds.cell(row + 1, max(col, struct.unpack_from("<H", data, len(data) - 2)[0]) + 1)
        elif depth == 1 and code == _BIFF_MERGED and len(data) >= 2:
            count = min(struct.unpack_from("<H", data)[0], (len(data) - 2) // 8)
            for top, bottom, left, right in struct.iter_unpack("<4H", data[2:2 + 8 * count]):
                ref = f"{_letters(left + 1)}{top + 1}:{_letters(right + 1)}{bottom + 1}"
                bounds.merge(top + 1, left + 1, bottom + 1, right + 1, ref)
                bounds.cell(max(top, bottom) + 1, max(left, right) + 1)
    bounds.done()


# ---- pdf -----------------------------------------------------------------------------------

_LITERAL = re.compile(rb"\((?:[^()\\]++|\\.)*+\)", re.DOTALL)
"""A literal string; possessive, so a string left open cannot make the search backtrack."""
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_DRAWING = re.compile(rb"(?<![^\s\]>)])(?:re|l|c|v|y|m|BI|Do)(?=[\s/\[<(]|$)")
_FORM = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s*Do\b")


def _content(stream, page: int) -> bytes:
    """The unpacked bytes of a content stream, never more than the limit."""
    from pdfminer.psparser import LIT

    filters = stream.get_filters()
    if stream.decipher or stream.rawdata is None or [f for f, _ in filters] != [LIT("FlateDecode")]:
        data = stream.get_data()  # rare filters: pdfminer's own (the memory budget holds)
    else:
        data = zlib.decompressobj().decompress(stream.rawdata, MAX_PAGE_CONTENT_BYTES + 1)
    if len(data) > MAX_PAGE_CONTENT_BYTES:
        raise beyond(f"page {page}'s content unpacks to more than "
                      f"{MAX_PAGE_CONTENT_BYTES // 2**20} MB", MAX_PAGE_CONTENT_BYTES // 2**20,
                      "MB")
    return data


def _drawn(streams, resources, page: int, depth: int = 0) -> tuple[int, int]:
    """(characters, drawing operations) the streams show, forms counted each time drawn."""
    from pdfminer.pdftypes import resolve1

    chars = objects = 0
    forms = resolve1((resolve1(resources) or {}).get("XObject")) or {}
    for stream in streams:
        data = _content(resolve1(stream), page)
        stripped, literals = _LITERAL.subn(b"", data)
        chars += len(data) - len(stripped) - 2 * literals
        chars += sum(len(h) - h.count(b" ") for h in _HEX.findall(stripped)) // 2
        objects += len(_DRAWING.findall(stripped))
        for name in _FORM.findall(stripped):
            form = resolve1(forms.get(name.decode("latin-1")))
            kind = getattr(getattr(form, "attrs", {}).get("Subtype"), "name", "")
            if kind != "Form" or depth >= MAX_FORM_DEPTH:
                continue
            inner = _drawn([form], form.attrs.get("Resources") or resources, page, depth + 1)
            chars, objects = chars + inner[0], objects + inner[1]
            if chars > MAX_PAGE_CHARS:
                break
    return chars, objects


def check_pdf(path: Path) -> None:
    """Raise FormatError (TOO_LARGE) when the PDF has too many pages, or a page shows more
    characters or drawing operations than the limits, before pdfplumber lays any page out.

    A PDF pdfminer cannot open here is left to the reader, which says why in its words."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    with open(path, "rb") as fh:
        try:
            pages = PDFPage.create_pages(PDFDocument(PDFParser(fh)))
            for number, page in enumerate(pages, 1):
                if number > MAX_PDF_PAGES:
                    raise beyond(f"the PDF has more than {_words(MAX_PDF_PAGES)} pages",
                                  MAX_PDF_PAGES, "pages")
                chars, objects = _drawn(page.contents, page.resources, number)
                if chars > MAX_PAGE_CHARS:
                    raise beyond(f"page {number} draws {_words(chars)} characters",
                                  MAX_PAGE_CHARS, "characters a page")
                if objects > MAX_PAGE_OBJECTS:
                    raise beyond(f"page {number} draws {_words(objects)} shapes and images",
                                  MAX_PAGE_OBJECTS, "a page")
        except FormatError:
            raise
        except Exception:  # damage or a password: the reader reports it in its own words
            return
