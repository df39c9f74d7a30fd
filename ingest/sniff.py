"""Decide a paper's format from its content, not its name.

Officers receive papers by email; extensions lie (an .xls that is really
HTML, a .docx renamed .pdf). We look at magic bytes; for zip files at the
members that name the Office format (pandas `inspect_excel_format`) or the
OpenDocument `mimetype`; and for text at whether it is a delimited table.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .delimited import sniff as sniff_delimited
from .errors import FormatError
from .model import IssueCode
from .safezip import DAMAGED_ZIP

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
TEXT_SNIFF_BYTES = 1024 * 1024
"""How much of a text file is read to tell whether it is a delimited table."""

CONVERTER_HINTS = {
    ".doc": "save it as .docx from Word, or let LibreOffice convert it",
    ".msg": "open the email and save the attached papers into the inbox",
    ".eml": "save the attached papers into the inbox",
    ".rtf": "save it as .docx from Word or LibreOffice",
    ".pptx": "export the slides as PDF",
    ".htm": "open it in Excel or Word and save it as .xlsx or .docx",
    ".html": "open it in Excel or Word and save it as .xlsx or .docx",
}
"""What an officer can do with a format we do not read."""


READABLE = ("expected an Excel (.xlsx, .xlsm, .xls), OpenDocument (.ods, .odt), Word (.docx, "
            ".doc), PDF or CSV (.csv, .tsv) paper")

KINDS = {
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.spreadsheet-template": "ods",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.text-template": "odt",
}
"""The `mimetype` member of an OpenDocument package → the format it is read as."""


def detect_format(path: Path) -> str:
    """Return one of `xlsx`, `xls`, `ods`, `docx`, `doc`, `odt`, `pdf`, `csv`, or raise
    FormatError with a reason.

    `doc` is the legacy Word format that `ingest.convert` reads through LibreOffice.
    """
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise FormatError("the file is empty (0 bytes)", IssueCode.EMPTY)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return _office_zip_kind(path)
    if head.startswith(OLE2_MAGIC):
        return _ole2_kind(path)
    return _text_kind(path)


TABLE_NAMES = frozenset({".csv", ".tsv", ".txt", ".xls", ".xlsx", ".xlsm", ".ods", ""})
"""Names under which delimited text is read as a tracker: its own, plain text, and the
spreadsheet names systems give their CSV exports. A README, a Markdown note or a log
beside the papers may hold a table too, but it is not a paper."""


def _text_kind(path: Path) -> str:
    """`csv` for delimited text named as a table, else FormatError with what the officer
    can do."""
    suffix = path.suffix.lower()
    with open(path, "rb") as fh:
        sample = fh.read(TEXT_SNIFF_BYTES)
    if sniff_delimited(_whole_lines(sample)) is not None:
        if suffix in TABLE_NAMES:
            return "csv"
        raise FormatError(
            f"a text file named {suffix}, not a paper; if it is a tracker, save it as .csv",
            IssueCode.UNSUPPORTED,
        )
    hint = CONVERTER_HINTS.get(suffix)
    raise FormatError(
        f"not a format planrecon reads ({suffix or 'no extension'}): {hint or READABLE}",
        IssueCode.UNSUPPORTED,
    )


def _whole_lines(sample: bytes) -> bytes:
    """The sample cut after its last line break, so no half line or character is judged."""
    if len(sample) < TEXT_SNIFF_BYTES:
        return sample
    cut = sample.rfind(b"\n")
    return sample[: cut + 1] if cut > 0 else sample


SAME_FORMAT = {"xlsm": "xlsx", "docm": "docx", "tsv": "csv", "ots": "ods", "ott": "odt"}
"""Macro-enabled names of the same package formats (the readers never run macros)."""


def extension_mismatch(path: Path, found: str) -> str | None:
    """A note when the name says one format and the content another."""
    claimed = path.suffix.lower().lstrip(".")
    if claimed and SAME_FORMAT.get(claimed, claimed) != found:
        return f"the file is named .{claimed} but its content is {found}; read as {found}"
    return None


def _office_zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile as exc:
        raise FormatError(f"the file is a damaged zip archive ({exc})") from exc
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names or "content.xml" in names:
        return _odf_kind(path)
    raise FormatError("a zip archive that is not an Excel or Word paper", IssueCode.UNSUPPORTED)


def _odf_kind(path: Path) -> str:
    """An OpenDocument package names its kind in its `mimetype` member (or, failing that,
    in the manifest's root entry)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            media = zf.read("mimetype")[:100] if "mimetype" in names else b""
            if not media and "META-INF/manifest.xml" in names:
                found = _MANIFEST_ROOT.search(zf.read("META-INF/manifest.xml")[:4096])
                media = (found[1] or found[2]) if found else b""
    except DAMAGED_ZIP as exc:
        raise FormatError(f"the OpenDocument file is a damaged zip archive ({exc})") from exc
    kind = KINDS.get(media.decode("ascii", "replace").strip())
    if kind is None:
        raise FormatError("an OpenDocument file that is not a text document or spreadsheet "
                          f"({media.decode('ascii', 'replace')[:60] or 'no mimetype'}): "
                          + READABLE, IssueCode.UNSUPPORTED)
    return kind


_MANIFEST_ROOT = re.compile(
    rb'manifest:full-path="/"[^>]*?manifest:media-type="([^"]+)"'
    rb'|manifest:media-type="([^"]+)"[^>]*?manifest:full-path="/"')


def _stream(name: str) -> bytes:
    """A stream name as an OLE2 directory entry stores it: UTF-16LE, NUL-terminated."""
    return (name + "\0").encode("utf-16-le")


def _ole2_kind(path: Path) -> str:
    """Old binary Office files; an encrypted .xlsx/.docx and an Outlook .msg are OLE2 too."""
    data = path.read_bytes()
    if _stream("EncryptedPackage") in data:
        raise FormatError(
            "the workbook or document is password-protected: ask the sender for an "
            "unprotected copy",
            IssueCode.ENCRYPTED,
        )
    if _stream("Workbook") in data or _stream("Book") in data:
        return "xls"
    if _stream("WordDocument") in data:
        return "doc"
    if "__substg1.0_".encode("utf-16-le") in data:
        raise FormatError("an Outlook email (.msg): " + CONVERTER_HINTS[".msg"],
                          IssueCode.UNSUPPORTED)
    raise FormatError("an old Office file of a kind planrecon does not read", IssueCode.UNSUPPORTED)
