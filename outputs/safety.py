"""Text that a spreadsheet would run as a formula is written as text.

CSV and xlsx injection: a CSV cell beginning `=`, `+`, `-`, `@`, tab or carriage return
is prefixed with an apostrophe (the OWASP advice), unless the whole cell is a signed
number or a phone number (`-5`, `+44 20 7946 0000`), which no spreadsheet can run as
code and which readers of the CSV need as they are (dates, ISO in the CSVs, never start
so). The whole cell decides, not its second character: `-2+3+cmd|' /C calc'!A0` starts
like a number but is a command. The workbook writes every string with `write_string`,
so there it stays text without changing.
"""

from __future__ import annotations

import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?%?")
_PHONE = re.compile(r"\+\d+(?: ?\(\d+\) ?\d+)?(?:[ .-]\d+)*")
"""International form: `+44 20 7946 0000`, `+44 (0)20 7946 0000`, `+1-202-555-0100`."""
_DASHES = re.compile(r"-+")
"""A cell of dashes is a table's 'nothing here', not a formula."""


def _plain_value(text: str) -> bool:
    """The whole cell is a number, a phone number or a placeholder dash."""
    if _DASHES.fullmatch(text):
        return True
    return bool(re.search(r"\d", text)) and bool(_NUMBER.fullmatch(text) or _PHONE.fullmatch(text))


def neutralise(text: str) -> str:
    """`-2+3+cmd|' /C calc'!A0` → `'-2+3+cmd|…`, `- item` → `'- item`; `-5`, `+44 20 7946
    0000`, `2024-01-02`, `-` and plain text unchanged."""
    if isinstance(text, str) and text.startswith(_FORMULA_START) and not _plain_value(text):
        return "'" + text
    return text
