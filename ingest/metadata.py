"""Paper metadata read from the paper itself: title and the date it speaks as of.

Committee papers date themselves in many ways: "2 July 2009", "October 2006",
"DRAFT – 14.12.07", "Q2 2014/15". We take the first such expression in the
title lines and the opening text, because a cover page states the paper's
date before the narrative quotes other dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"

_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(\d{{4}})\b", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})\b")
_QUARTER_FY = re.compile(r"\bQ([1-4])\s+(\d{4})\s*/\s*(\d{2})\b", re.I)
_QUARTER_WORD = re.compile(r"\b(?:quarter|qtr|q)\s*([1-4])\b", re.I)
_FY = re.compile(r"\b(20\d\d)\s*/\s*(\d{1,2})\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b", re.I)

OPENING_CHARS = 1500
"""How much of the opening text can hold the paper's own date."""


def _month_number(word: str) -> int:
    """`July`, `Jul`, `Sept` → 7, 7, 9 (the regex only lets month words through)."""
    return [m.lower() for m in calendar.month_abbr].index(word.lower()[:3])


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarter_end(quarter: int, fy_start: int) -> dt.date:
    """UK financial-year quarter: Q1 Apr–Jun … Q4 Jan–Mar of the next year."""
    month = {1: 6, 2: 9, 3: 12, 4: 3}[quarter]
    return _month_end(fy_start + (quarter == 4), month)


def find_as_of(text: str) -> tuple[dt.date | None, str]:
    """The first date expression in `text`, as (date, the words it came from)."""
    found: list[tuple[int, dt.date, str]] = []
    for m in _DAY_MONTH_YEAR.finditer(text):
        try:
            day = dt.date(int(m[3]), _month_number(m[2]), int(m[1]))
        except ValueError:
            continue
        found.append((m.start(), day, m[0]))
    for m in _NUMERIC.finditer(text):
        try:
            found.append((m.start(), dt.date(_year(m[3]), int(m[2]), int(m[1])), m[0]))
        except ValueError:
            continue
    for m in _QUARTER_FY.finditer(text):
        found.append((m.start(), _quarter_end(int(m[1]), int(m[2])), m[0]))
    for m in _MONTH_YEAR.finditer(text):
        found.append((m.start(), _month_end(int(m[2]), _month_number(m[1])), m[0]))
    if not found:
        return None, ""
    found.sort(key=lambda f: f[0])
    _, day, words = found[0]
    return day, words


def find_quarter(text: str) -> tuple[dt.date | None, str]:
    """`2006/7 … Quarter 1 progress` → end of Q1 2006/7, when no explicit date is printed."""
    quarter, year = _QUARTER_WORD.search(text), _FY.search(text)
    if not quarter or not year:
        return None, ""
    return _quarter_end(int(quarter[1]), int(year[1])), f"Q{quarter[1]} {year[0]}"


REPORTING_LAG = dt.timedelta(days=183)
"""How long after a quarter's end its progress report may still be written."""


def read_metadata(
    title_lines: list[str], text: str, headers: list[str] = (), saved: dt.date | None = None
) -> tuple[str, dt.date | None, str]:
    """(title, as-of date, the words the date came from) for a paper.

    Column headers only count for a quarter ("QUARTER 1 - PROGRESS"): a header
    such as "Supporting People Strategy Sept 2007" names a source, not the
    paper's date. A paper dated only by the quarter it reports on was written
    after that quarter ended (Barnet's Q1 2006/7 progress cites September
    meetings), so the date the file was saved, when it falls in the months
    after the quarter, is the truer as-of date; the quarter stays in the words.
    """
    title = next((t for t in title_lines if t.strip()), "")
    opening = "\n".join(title_lines) + "\n" + text[:OPENING_CHARS]
    as_of, words = find_as_of(opening)
    if as_of is None:
        as_of, words = find_quarter(opening + "\n" + "\n".join(headers))
        if as_of and saved and as_of < saved <= as_of + REPORTING_LAG:
            as_of, words = saved, f"{words} (saved {saved.day} {saved:%b %Y})"
    return title, as_of, words
