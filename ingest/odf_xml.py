"""OpenDocument packages (.ods, .odt): opened safely, styles resolved, text read as shown.

Read with lxml straight from `content.xml` rather than through odfpy's DOM: the
readers need only tables, paragraphs and two style properties, lxml is already
how the Word reader walks its XML, and the raw tree keeps repeated rows and
columns as the counts they are, so a sheet that declares a million empty rows
costs nothing until we decide how much of it to lay out (`ingest.odf_tables`).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .colours import fill_hex
from .errors import FormatError
from .model import IssueCode
from .safezip import DAMAGED_ZIP, check_archive, check_no_dtd
from .text import clean_lines

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}

KINDS = {
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.spreadsheet-template": "ods",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.text-template": "odt",
}
"""The `mimetype` member of an OpenDocument package → the format we read it as."""

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def q(name: str) -> str:
    """`table:table-cell` → lxml's `{uri}table-cell`."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


@dataclass
class Package:
    """The parsed parts of an OpenDocument file a reader needs."""

    content: etree._Element
    styles: etree._Element | None
    meta: etree._Element | None

    def body(self, kind: str) -> etree._Element:
        """`office:spreadsheet` or `office:text`; FormatError when the file has none."""
        found = self.content.find(f"{q('office:body')}/{q('office:' + kind)}")
        if found is None:
            raise FormatError(f"the OpenDocument file has no {kind} body (damaged?)")
        return found

    def title(self) -> str:
        el = None if self.meta is None else self.meta.find(f".//{q('dc:title')}")
        return (el.text or "").strip() if el is not None else ""

    def saved(self) -> dt.date | None:
        """When the file says it was last saved (or created)."""
        for name in ("dc:date", "meta:creation-date"):
            el = None if self.meta is None else self.meta.find(f".//{q(name)}")
            try:
                return dt.date.fromisoformat((el.text or "")[:10]) if el is not None else None
            except ValueError:
                continue
        return None


def open_package(path: Path, name: str) -> Package:
    """Check the zip (size, entities), refuse encryption, parse content, styles and meta.

    `name` says what the file is in the officer's words ("OpenDocument spreadsheet").
    """
    check_archive(path)
    check_no_dtd(path)
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            manifest = zf.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if b"encryption-data" in manifest:
                raise FormatError(
                    f"the {name} is password-protected: ask the sender for an unprotected copy",
                    IssueCode.ENCRYPTED)
            if "content.xml" not in names:
                raise FormatError(f"the {name} is damaged (it has no content.xml)")
            parts = {n: _parse(zf.read(n), n, name) if n in names else None
                     for n in ("content.xml", "styles.xml", "meta.xml")}
    except DAMAGED_ZIP as exc:
        raise FormatError(f"the {name} is damaged ({type(exc).__name__}: {exc})") from exc
    return Package(parts["content.xml"], parts["styles.xml"], parts["meta.xml"])


def _parse(data: bytes, part: str, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"the {name} is damaged: {part} does not parse ({exc})") from exc


class Styles:
    """Cell background colours and hidden tables, by style name, parents followed."""

    def __init__(self, package: Package):
        self._by_name: dict[str, etree._Element] = {}
        for root in (package.styles, package.content):  # content's automatic styles win
            if root is None:
                continue
            for el in root.iter(q("style:style")):
                self._by_name[el.get(q("style:name"), "")] = el
        self._fills: dict[str, str | None] = {}

    def _chain(self, name: str | None):
        seen = set()
        while name and name not in seen and name in self._by_name:
            seen.add(name)
            el = self._by_name[name]
            yield el
            name = el.get(q("style:parent-style-name"))

    def fill(self, name: str | None) -> str | None:
        """The cell style's background as RRGGBB, or None when transparent, white or unset."""
        if not name:
            return None
        if name not in self._fills:
            self._fills[name] = None
            for el in self._chain(name):
                props = el.find(q("style:table-cell-properties"))
                colour = None if props is None else props.get(q("fo:background-color"))
                if colour:
                    self._fills[name] = fill_hex(colour)
                    break
        return self._fills[name]

    def table_hidden(self, name: str | None) -> bool:
        """A sheet hidden in the spreadsheet: its table style says `table:display="false"`."""
        for el in self._chain(name):
            props = el.find(q("style:table-properties"))
            shown = None if props is None else props.get(q("table:display"))
            if shown is not None:
                return shown == "false"
        return False


_SKIP = {q("text:note"), q("office:annotation"), q("text:tracked-changes"),
         q("text:soft-page-break"), q("table:table")}
"""Footnotes, comments and revision records are not the cell's text; nested tables are read
as tables of their own."""


def paragraph_lines(p: etree._Element) -> list[str]:
    """A text:p / text:h as its lines (text:line-break splits), each stripped, blanks dropped."""
    lines = [""]
    _collect(p, lines)
    return clean_lines(lines)


def _collect(el: etree._Element, lines: list[str]) -> None:
    lines[-1] += el.text or ""
    for child in el:
        tag = child.tag
        if tag == q("text:s"):
            lines[-1] += " " * _count(child.get(q("text:c")))
        elif tag == q("text:tab"):
            lines[-1] += " "
        elif tag == q("text:line-break"):
            lines.append("")
        elif tag not in _SKIP and isinstance(tag, str):
            _collect(child, lines)
        lines[-1] += child.tail or ""


def _count(text: str | None, limit: int = 1000) -> int:
    try:
        return max(1, min(int(text or 1), limit))
    except ValueError:
        return 1


_PARAGRAPHS = {q("text:p"), q("text:h")}
_LISTS = {q("text:list")}
_ITEMS = {q("text:list-item"), q("text:list-header")}


def paragraphs(el: etree._Element, in_list: bool = False) -> list[tuple[list[str], bool]]:
    """The paragraphs inside a cell (or any container) as (lines, is a list item), in order.

    Lists, list items and sections are looked through; nested tables are not.
    """
    out: list[tuple[list[str], bool]] = []
    for child in el:
        if child.tag in _PARAGRAPHS:
            out.append((paragraph_lines(child), in_list))
        elif child.tag in _LISTS or child.tag in _ITEMS:
            out.extend(paragraphs(child, in_list=True))
        elif child.tag == q("text:section"):
            out.extend(paragraphs(child, in_list))
    return out
