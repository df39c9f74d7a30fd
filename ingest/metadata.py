"""Paper metadata read from the paper itself: title and the date it speaks as of.

Committee papers date themselves in many ways: "2 July 2009", "October 2006",
"DRAFT – 14.12.07", "02 03 11", "Paper (3) 04072012", "Q2 2014/15", or only
"as of 19 July" with the year elsewhere. We look where a reader looks, in this
order, and keep the first date found:

1. title lines: the paper's short lines (titles, cover lines), not its sentences,
   because a sentence such as "actions from the meeting on 1 May 2012" quotes
   another day than the paper's own;
2. the opening text, sentences included;
3. a quarter ("Quarter 1 ... 2006/7") in the opening text or the column headers;
4. the file name ("110923 action report", "Report May 2012", "FY2018_Q1 plan").

One exception to the order: when the opening text's first date disagrees with the
file name's and the text also prints the file name's date, two sources agree and
the file name's date is taken (a Q2 update that first recalls "In Q1 FY 2018 ...").

A day and month without a year take the year the paper prints elsewhere. The
result says which words gave the date and where they were, for the Sources sheet.

The dates themselves are read by the one period grammar (`periods`), as due dates,
column headings and plan periods are; this module only decides which of them is
the paper's own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import NamedTuple

from .periods import YEAR4, clean, quarter_period, tokens, year_of
from .text import clean_text

_SPACED = re.compile(r"(?<![\d.,/])\b(\d{1,2})[ -](\d{1,2})[ -](\d{2}|\d{4})\b(?![.,/]?\d)")
"""`02 03 11`, `02-03-2011`: only on title lines and in file names, where no sentence
puts three numbers in a row."""
_COMPACT = re.compile(r"(?<!\d)(\d{6}|\d{8})(?!\d)")
"""`04072012`, `110923`: run-together digits, read only in title lines and file names."""
_YEAR = re.compile(rf"\b({YEAR4})\b")
_AS_OF_KINDS = frozenset({"day", "month", "quarter"})
"""Periods a paper can speak as of: a bare year or financial year names its subject."""

OPENING_CHARS = 1500
"""How much of the opening text can hold the paper's own date."""
TITLE_WORDS = 8
"""A line of at most this many words is a title or cover line, not a sentence."""


class AsOf(NamedTuple):
    """What read_metadata found: the title and the as-of date with its evidence."""

    title: str
    as_of: dt.date | None
    words: str
    """The words the date came from, as printed."""
    where: str
    """`title`, `text`, `column headers`, `file name` or '' when no date was found."""


def _day(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the numbers make no date of our era (`00/13/2011`, year 704)."""
    if not 1900 <= year <= 2099:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _compact(digits: str, years: set[int], prefix: bool) -> dt.date | None:
    """`04072012` (ddmmyyyy or yyyymmdd) and `110923`/`040712` (yymmdd or ddmmyy).

    Six digits read both ways; the reading whose year the paper prints elsewhere wins,
    else yymmdd for a file name's leading digits (named so to sort), else day first."""
    if len(digits) == 8:
        return _day(int(digits[4:]), int(digits[2:4]), int(digits[:2])) or \
            _day(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    ymd = _day(year_of(digits[:2]), int(digits[2:4]), int(digits[4:]))
    dmy = _day(year_of(digits[4:]), int(digits[2:4]), int(digits[:2]))
    readings = [r for r in ((ymd, dmy) if prefix else (dmy, ymd)) if r]
    known = [r for r in readings if r.year in years]
    return (known or readings or [None])[0]


def _full_dates(text: str, short: bool, years: Counter, yearless: bool = True):
    """(position, date, words) of every date the paper could speak as of in `text`.

    Dates are read by the one period grammar (`periods.tokens`), a period standing for
    its last day; a day and month printed without a year (`as of 19 July`) take the
    paper's commonest year when `yearless`. `short`: a title line or file name, where
    spaced and run-together digits count too.
    """
    text = clean(text)
    year = years.most_common(1)[0][0] if years else None
    for tok in tokens(text):
        words = text[tok.begin:tok.end]
        if tok.period is not None and tok.period.kind in _AS_OF_KINDS:
            if not _spelt_short(tok, words):
                yield tok.begin, tok.period.end, words
        elif tok.day is not None and year is not None and yearless:
            day = _day(year, tok.month, tok.day)
            yield tok.begin, day, f"{words} (year {year} from elsewhere in the paper)"
    if short:
        for m in _SPACED.finditer(text):
            yield m.start(), _day(year_of(m[3]), int(m[2]), int(m[1])), m[0]
        for m in _COMPACT.finditer(text):
            yield m.start(), _compact(m[1], set(years), prefix=m.start() == 0), m[0]


def _spelt_short(tok, words: str) -> bool:
    """A spelt month with a two-digit number (`Jan 18`): a due cell's month-year (rule 2),
    but in a paper's own text as often a day (US papers' `Jan 18 - Mar 18` is 18 January);
    the paper's date needs its year in full."""
    return tok.period.kind in ("day", "month") and tok.month is not None \
        and re.search("[A-Za-z]", words) is not None and _YEAR.search(words) is None


def _first_date(text: str, short: bool, years: Counter) -> tuple[dt.date | None, str]:
    """The first date in `text`; a day and month alone take the paper's commonest year."""
    found = [(pos, day, words) for pos, day, words in _full_dates(text, short, years) if day]
    if not found:
        return None, ""
    _, day, words = min(found, key=lambda f: f[0])
    return day, words


def find_quarter(text: str) -> tuple[dt.date | None, str]:
    """`2006/7 ... Quarter 1 progress` -> end of Q1 2006/7, when no explicit date is printed.

    The quarter's own year when it has one (`Quarter 3 1999/00`), else the first
    financial year printed anywhere in the text.
    """
    text = clean(text)
    found = tokens(text)
    quarter = next((t for t in found if t.quarter), None)
    if quarter is None:
        return None, ""
    if quarter.period is not None:
        return quarter.period.end, text[quarter.begin:quarter.end]
    year = next((t for t in found if t.period and t.period.kind == "financial_year"), None)
    if year is None:
        return None, ""
    end = quarter_period(quarter.quarter, year.period.start.year).end
    return end, f"Q{quarter.quarter} {text[year.begin:year.end]}"


REPORTING_LAG = dt.timedelta(days=183)
"""How long after a quarter's end its progress report may still be written."""


def _file_words(source_file: str) -> str:
    """`papers/FY2018_Q1_Plan-v2.pdf` → `FY2018 Q1 Plan v2` (separators read as spaces)."""
    stem = source_file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return clean_text(stem.replace("_", " "))


def read_metadata(
    title_lines: list[str], text: str, headers: list[str] = (), saved: dt.date | None = None,
    source_file: str = "",
) -> AsOf:
    """The paper's title and as-of date, with the words and the place the date came from.

    Column headers only count for a quarter ("QUARTER 1 - PROGRESS"): a header
    such as "Supporting People Strategy Sept 2007" names a source, not the
    paper's date. A paper dated only by the quarter it reports on was written
    after that quarter ended (Barnet's Q1 2006/7 progress cites September
    meetings), so the date the file was saved, when it falls in the months
    after the quarter, is the truer as-of date; the quarter stays in the words.
    """
    title = next((t for t in title_lines if t.strip()), "")
    opening = text[:OPENING_CHARS]
    lines = [line.strip() for line in [*title_lines, *opening.splitlines()] if line.strip()]
    short = "\n".join(line for line in lines if len(line.split()) <= TITLE_WORDS)
    file_words = _file_words(source_file)
    years = Counter(int(y) for y in _YEAR.findall("\n".join([*lines, file_words])))
    named, named_words = _first_date(file_words, True, years)
    as_of, found = _first_date(short, True, years)
    if as_of:
        return AsOf(title, as_of, found, "title")
    as_of, found = _first_date("\n".join(lines), False, years)
    if as_of and named and named != as_of and _mentions(text, named, years):
        # the first sentence date quotes another period; the file name's is printed too
        return AsOf(title, named, f"{named_words} (also in the text)", "file name")
    if as_of:
        return AsOf(title, as_of, found, "text")
    as_of, found = find_quarter("\n".join(lines))
    where = "text"
    if as_of is None:
        as_of, found = find_quarter("\n".join([*lines, *headers]))
        where = "column headers"
    if as_of:
        if saved and as_of < saved <= as_of + REPORTING_LAG:
            as_of, found = saved, f"{found} (saved {saved.day} {saved:%b %Y})"
        return AsOf(title, as_of, found, where)
    return AsOf(title, named, named_words, "file name" if named else "")


def file_name_date(source_file: str) -> dt.date | None:
    """The date a file's name gives (`110923 report.doc`, `FY2018_Q2_plan.pdf`), if any."""
    return _first_date(_file_words(source_file), True, Counter())[0]


def _mentions(text: str, day: dt.date, years: Counter) -> bool:
    """Whether the text prints this date anywhere (in any of the forms we read)."""
    return any(found == day for _, found, _ in _full_dates(text, False, years, yearless=False))
