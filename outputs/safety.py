"""Text that a spreadsheet would run as a formula is shown as text; text that would break
a file is made safe. One rule for the CSVs and the workbook.

CSV and xlsx injection: a cell beginning `=`, `+`, `-`, `@`, tab or carriage return
is one a spreadsheet may run as a formula (OWASP's CSV injection advice), unless the
whole cell is a signed number, a phone number or a placeholder dash (`-264`,
`+44 20 7946 0000`, `-`). The whole cell decides, not its second character:
`-2+3+cmd|' /C calc'!A0` starts like a number but is a command.
In CSV files such a cell is prefixed with an apostrophe; in the workbook it is written
as text with Excel's quote prefix, so it reads unchanged and stays text when edited.

`printable` makes any text safe to write: a file name that is not valid UTF-8 (a zip
made on Windows, unpacked on Linux, leaves its bytes as surrogate escapes) is shown
with `\\xNN` for each stray byte, and control characters, which XML (so xlsx) cannot
hold, are removed; tab and line breaks are kept.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?%?")
_PHONE = re.compile(r"\+\d+(?: ?\(\d+\) ?\d+)?(?:[ .-]\d+)*")
"""International form: `+44 20 7946 0000`, `+44 (0)20 7946 0000`, `+1-202-555-0100`."""
_DASHES = re.compile(r"-+")
"""A cell of dashes is a table's 'nothing here', not a formula."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _plain_value(text: str) -> bool:
    """The whole cell is a number, a phone number or a placeholder dash."""
    if _DASHES.fullmatch(text):
        return True
    return bool(re.search(r"\d", text)) and bool(_NUMBER.fullmatch(text) or _PHONE.fullmatch(text))


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could take `text` for a formula."""
    return text.startswith(FORMULA_START) and not _plain_value(text)


def printable(text: str) -> str:
    """`text` safe for UTF-8 files and XML: stray bytes as `\\xNN`, no control characters."""
    if not text.isprintable():
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate no file name decodes to
            raw = text.encode("utf-8", "backslashreplace")
        text = raw.decode("utf-8", "backslashreplace")
        text = _CONTROL.sub("", text)
    return text


def neutralise(text: str) -> str:
    """`=cmd|' /C calc'!A0` → `'=cmd|…`; `-264`, `+44 20 7946 0000` and plain text unchanged."""
    if not isinstance(text, str):
        return text
    text = printable(text)
    return "'" + text if formula_like(text) else text
