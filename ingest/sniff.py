"""Decide a paper's format from its content, not its name.

Officers receive papers by email; extensions lie (an .xls that is really
HTML, a .docx renamed .pdf). We look at magic bytes and, for zip files, at
the members that name the Office format (pandas `inspect_excel_format`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import FormatError
from .model import IssueCode

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"

CONVERTER_HINTS = {
    ".doc": "save it as .docx from Word, or let LibreOffice convert it",
    ".odt": "save it as .docx (LibreOffice: File > Save As > Word)",
    ".ods": "save it as .xlsx (LibreOffice: File > Save As > Excel)",
    ".msg": "open the email and save the attached papers into the inbox",
    ".eml": "save the attached papers into the inbox",
    ".rtf": "save it as .docx from Word or LibreOffice",
    ".pptx": "export the slides as PDF",
}
"""What an officer can do with a format we do not read."""


READABLE = "expected an Excel (.xlsx, .xlsm, .xls), Word (.docx, .doc) or PDF paper"


def detect_format(path: Path) -> str:
    """Return one of `xlsx`, `xls`, `docx`, `doc`, `pdf`, or raise FormatError with a reason.

    `xls` and `doc` are legacy binary files that `ingest.convert` reads through LibreOffice.
    """
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise FormatError("the file is empty (0 bytes)", IssueCode.EMPTY)
    if head.startswith(PDF_MAGIC):
        found = "pdf"
    elif head.startswith(ZIP_MAGIC):
        found = _office_zip_kind(path)
    elif head.startswith(OLE2_MAGIC):
        found = _ole2_kind(path)
    else:
        suffix = path.suffix.lower()
        hint = CONVERTER_HINTS.get(suffix)
        raise FormatError(
            f"not a format planrecon reads ({suffix or 'no extension'})"
            + f": {hint or READABLE}",
            IssueCode.UNSUPPORTED,
        )
    return found


SAME_FORMAT = {"xlsm": "xlsx", "docm": "docx"}
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
    if "content.xml" in names:
        raise FormatError(
            "an OpenDocument file: " + CONVERTER_HINTS[".odt"], IssueCode.UNSUPPORTED
        )
    raise FormatError("a zip archive that is not an Excel or Word paper", IssueCode.UNSUPPORTED)


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
