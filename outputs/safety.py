"""Text that a spreadsheet would run as a formula is written as text.

CSV and xlsx injection: a cell beginning `=`, `@`, or `+`/`-` followed by
something other than a number is prefixed with an apostrophe in CSV files
(the OWASP advice); the workbook writes every string with `write_string`,
so there it stays text without changing.
"""

from __future__ import annotations

import re

_FORMULA_START = re.compile(r"^(?:[=@\t\r]|[+-](?![\d\s.]|$))")


def neutralise(text: str) -> str:
    """`=cmd|' /C calc'!A0` → `'=cmd|…`; `-264`, `- item` and plain text unchanged."""
    return "'" + text if isinstance(text, str) and _FORMULA_START.match(text) else text
