"""Render a spreadsheet value the way its number format shows it to the officer.

A due date typed as `Nov-06` is stored as 1 November 2006 with the format
`mmm-yy`; the officer means the month, so what we pass on is the displayed
text. Shared by the .xlsx and .xls readers.
"""

from __future__ import annotations

import datetime as dt
import re

from openpyxl.styles.numbers import is_date_format

_LOCALE = re.compile(r"\[[^\]]*\]")
_DATE_TOKEN = re.compile(r"(yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM/PM)", re.I)


def _format_date(value: dt.datetime | dt.date, number_format: str) -> str:
    fmt = _LOCALE.sub("", number_format.split(";")[0])
    has_time = bool(re.search(r"h", fmt, re.I))
    out: list[str] = []
    pos = 0
    for m in _DATE_TOKEN.finditer(fmt):
        out.append(fmt[pos : m.start()].replace("\\", "").replace('"', ""))
        out.append(_date_part(value, m[1], has_time, fmt[m.end() : m.end() + 3]))
        pos = m.end()
    out.append(fmt[pos:].replace("\\", "").replace('"', ""))
    return "".join(out)


def _date_part(value: dt.date, token: str, has_time: bool, after: str) -> str:
    tok = token.lower()
    if tok in ("yyyy", "yy"):
        return f"{value.year:04d}"[-len(tok):]
    if tok in ("mmmm", "mmm"):
        return value.strftime("%B" if tok == "mmmm" else "%b")
    if tok in ("dddd", "ddd"):
        return value.strftime("%A" if tok == "dddd" else "%a")
    if tok in ("dd", "d"):
        return f"{value.day:02d}" if tok == "dd" else str(value.day)
    if tok in ("mm", "m"):
        minute = has_time and after[:1] == ":" or after[:1].lower() == "s"
        number = getattr(value, "minute", 0) if minute else value.month
        return f"{number:02d}" if tok == "mm" else str(number)
    if tok in ("hh", "h"):
        return f"{getattr(value, 'hour', 0):02d}"
    if tok in ("ss", "s"):
        return f"{getattr(value, 'second', 0):02d}"
    return token


def display_text(value: object, number_format: str | None) -> str:
    """The text a spreadsheet shows for `value` under `number_format`."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        fmt = number_format or ""
        if not is_date_format(fmt):
            fmt = "dd/mm/yyyy"
        return _format_date(value, fmt)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if number_format and "%" in number_format:
            return f"{value * 100:g}%"
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)
