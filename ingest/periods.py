"""The one grammar of UK periods: days, months, quarters, financial years, calendar
years and ranges of years, as council papers print them.

Every stage that reads a period reads it here: due dates (`normalise.dates`),
the years and quarters set aside from column headings (`normalise._column_vocab`),
the as-of date a paper gives itself (`ingest.metadata`) and a plan's period
(`reconcile.versions`). It sits in `ingest`, the bottom of the stack, because
ingest reads as-of dates before normalise runs and no stage may import a later one.

Papers write periods loosely: `Nov-06`, `Dc 06`, `Q4 06/7`, `2008 - 09`, `24.7.06`,
`FY2018 Q1`, `01Sep2012-31Aug2013`. :func:`tokens` cuts a text into :class:`Token`s,
each already turned into the :class:`Period` it names where it names one on its own.
The conventions are the contract's: two-digit years are 20YY; `2008/09`, `2008 - 09`,
`08/09` are the financial year 1 April 2008 - 31 March 2009; quarters are financial
quarters (Q1 Apr-Jun) unless one calendar year is written after them; `2008 - 2012`
is a range of calendar years; a four-digit year joined to a part that neither follows
on nor is a later four-digit year (`2008/12`, `2008-19`) names no period and is
`invalid`, so no stage guesses which of two readings was meant.

Patterns are ASCII-only (`re.ASCII`, `[0-9]`), so other scripts' digits and
letters that merely fold to ASCII never reach `int()` or `MONTHS`; four-digit
years are limited to 1900-2099, so building a date from a token can only fail on
an impossible day/month, which becomes an `invalid` token.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .text import clean_text

_FLAGS = re.IGNORECASE | re.ASCII
"""ASCII case folding only: under Unicode folding `ſept` matches `sept` but is no key of MONTHS."""

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "febuary": 2, "feburary": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12, "dc": 12,
}
"""Month spellings seen in the papers, misspellings included (`Dc 06`, rule 2)."""

NEEDS_YEAR = frozenset({"dc"})
"""Spellings trusted as a month only when a year follows (`DC` is also an abbreviation)."""

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_MON = rf"(?<![A-Za-z])(?:{_MONTH})\.?(?![A-Za-z])"
YEAR4 = r"(?:19|20)[0-9]{2}"
_YEAR = rf"(?:{YEAR4}|[0-9]{{2}})(?![0-9/])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
_FY4 = rf"(?<![0-9]){YEAR4}[ ]?[/-][ ]?[0-9]{{1,4}}(?![0-9])"
_FY2 = r"(?<![0-9./])[0-9]{2}/[0-9]{1,2}(?![0-9/])"
_FY_DOT = rf"(?<![0-9.]){YEAR4}\.[0-9]{{1,2}}(?![0-9.])"
FINANCIAL_YEAR = re.compile(rf"{_FY4}|{_FY2}|{_FY_DOT}")
"""The financial-year shapes alone (the year inside `Q1 2006/7`)."""
_Q = r"(?:Q|qtr[ ]?|quarter[ ]?)"

TOKEN_RE = re.compile(
    rf"""
      (?P<iso>(?<![0-9]){YEAR4}-[0-9]{{1,2}}-[0-9]{{1,2}}(?![0-9]))
    | (?P<numeric>(?<![0-9])[0-9]{{1,2}}(?P<sep>[./-])[0-9]{{1,2}}(?P=sep)(?:{YEAR4}|[0-9]{{2}})
        (?![0-9]))
    | (?P<dmy>(?<![0-9]){_DAY}(?:st|nd|rd|th)?[ .-]*{_MON}[ ,.'-]*{_YEAR})
    | (?P<mdy>{_MON}[ ]?{_DAY}(?:st|nd|rd|th)?,?[ ]{YEAR4}(?![0-9/]))
    | (?P<day_month>(?<![0-9]){_DAY}(?:st|nd|rd|th)?[ ]{_MON})
    | (?P<quarter>(?<![A-Za-z0-9])(?:FY[ ]?(?P<qfirst>{YEAR4})[ ])?{_Q}[0-9]
        (?:[ ]?(?:/|&|,|and)[ ]?(?:{_Q})?[0-9])*(?![0-9])
        (?:[ ](?:of[ ])?(?P<qfy>FY[ ]?)?(?P<qyear>{_FY4}|{_FY2}|{_FY_DOT}|{_YEAR}))?)
    | (?P<fy>{_FY4}|{_FY2}|{_FY_DOT})
    | (?P<month_year>{_MON}[ ,.'/-]*{_YEAR})
    | (?P<month>{_MON})
    | (?P<season>(?<![A-Za-z])(?:spring|summer|autumn|winter)(?![A-Za-z])(?:[ -]?{_YEAR})?)
    | (?P<year>(?<![A-Za-z0-9.]){YEAR4}(?![0-9]))
    """,
    re.VERBOSE | _FLAGS,
)
"""One alternative per date shape, tried in this order at each position.

Digit-led shapes go longest first (ISO and D/M/Y before `2008/09`, before a bare
`2008`) and a month followed by a two-digit number is a month-year (`June 14` is
June 2014, rule 2), never a day. A day and month with no year (`19 July`) is kept
apart from a bare month so a reader that knows the year elsewhere can date it.
"""

_DASH = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"})
_QUOTE = str.maketrans({**{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`"},
                        **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033"}})
"""Word and Outlook turn a typed `'25` into `\u201825` or `\u201925`: read as plain (rule 6)."""


def clean(text: str) -> str:
    """Unicode dashes to `-`, typographic quotes to plain ones, white space folded by
    `text.clean_text` (odd spaces to one plain space, ends trimmed)."""
    return clean_text(text.translate(_DASH).translate(_QUOTE))


@dataclass(frozen=True)
class Period:
    """A stretch of calendar time a text names; `end` is the deadline it implies."""

    start: dt.date
    end: dt.date
    kind: str
    ranged: bool = False
    """True when the text names both ends (`Apr 14 - Sept 14`), so `start` is reported."""


@dataclass(frozen=True)
class Token:
    """One date expression found in a cell, with its place in the cleaned text."""

    begin: int
    end: int
    period: Period | None = None
    """The period the token names on its own; None for a yearless month, quarter or a season."""
    month: int | None = None
    """Month number of a month, month-year or day token (what a shared year attaches to)."""
    year: int | None = None
    """Calendar year written in a month-year or day token (carried to yearless months)."""
    day: int | None = None
    """Day of a day-and-month printed without a year (`19 July`)."""
    quarter: int | None = None
    """Quarter number of a quarter token (`Q3/4`: the latest), dated or not (`Quarter 1`)."""
    invalid: bool = False
    """Looks like a date but is not one (`31/04/2008`, `Q5 2008/09`)."""


def year_of(digits: str) -> int:
    """Two-digit years are 20YY (rule 2)."""
    value = int(digits)
    return value if len(digits) == 4 else 2000 + value


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(dt.date(year, month, 1), dt.date(year, month, last), "month")


def financial_year(first: int) -> Period:
    """UK financial year `first/first+1`: 1 April to 31 March (rule 4)."""
    return Period(dt.date(first, 4, 1), dt.date(first + 1, 3, 31), "financial_year")


def calendar_year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _day(begin: int, end: int, day: int, month: int, year: int) -> Token:
    try:
        when = dt.date(year, month, day)
    except ValueError:
        return Token(begin, end, invalid=True)
    return Token(begin, end, Period(when, when, "day"), month=month, year=year)


_MON_IN = re.compile(_MON, _FLAGS)
_NUM = re.compile(r"[0-9]+")


def _month_no(text: str) -> int:
    """Number of the month spelt inside a token's text."""
    return MONTHS[_MON_IN.search(text).group().lower().rstrip(".")]


def _fy_pair(text: str) -> tuple[int, int | None, str] | None:
    """`2008 - 09`, `08/09`, `2006.7`, `2008 - 2012` -> (first year, second year, separator).

    A short second part is expanded only when it follows on from the first
    (`2009/10`, `1999/00`); a four-digit one is returned as printed, so the caller
    can tell a range of calendar years from garbage; anything else gives None.
    """
    match = re.fullmatch(r"([0-9]{2,4}) ?([/.-]) ?([0-9]{1,4})", text)
    if match is None:
        return None
    first, sep, second = year_of(match[1]), match[2], match[3]
    if len(second) == 4:
        return first, int(second), sep
    follows = int(second) == (first + 1) % 10 ** len(second)
    return first, first + 1 if follows else None, sep


def _fy_token(begin: int, end: int, text: str) -> Token | None:
    """A financial year, or two four-digit calendar years (`2008 - 2012`).

    Two years one apart are a financial year whatever the separator (rule 4);
    further apart, a dash makes them a range of calendar years and a slash a
    choice (the later one). A two-digit pair that does not follow on (`12/06`) or
    a decimal (`2006.50`) is not a date; a four-digit year joined to a part that
    does not follow on (`2008/12`) is `invalid`.
    """
    first, second, sep = _fy_pair(text) or (0, None, "")
    if second == first + 1:
        return Token(begin, end, financial_year(first))
    if second is not None and second > first:
        later = calendar_year(second)
        if sep == "-":
            return Token(begin, end, Period(dt.date(first, 1, 1), later.end, "year", True))
        return Token(begin, end, later)
    if re.match(YEAR4, text) and sep != ".":
        return Token(begin, end, invalid=True)
    return None


def quarter_period(quarter: int, year: int, financial: bool = True) -> Period:
    """Quarter of the financial year starting April `year` (Q1 Apr-Jun ... Q4 Jan-Mar of
    the next year, rule 3), or of calendar year `year` when `financial` is False."""
    if financial:
        year, first = (year + 1, 1) if quarter == 4 else (year, 3 * quarter + 1)
    else:
        first = 3 * quarter - 2
    last = first + 2
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    return Period(dt.date(year, first, 1), end, "quarter")


def _quarter_token(match: re.Match[str]) -> Token:
    """`Q4 06/7`, `FY2018 Q1`, `Q1 FY 2018` (financial quarters), `Q3 2006` (calendar
    quarter), `Q3/4` (no year).

    Rule 3: quarters are financial unless one calendar year is written after them
    with no `FY`; `FY 2018` is the financial year starting April 2018. Several
    quarters (`Q3/Q4 2006/7`) name the latest one.
    """
    begin, end, text = match.start(), match.end(), match.group()
    year_text, fy_first = match["qyear"], match["qfirst"]
    head_from = match.end("qfirst") - begin if fy_first else 0
    head_to = match.start("qyear") - begin if year_text else len(text)
    quarters = [int(q) for q in _NUM.findall(text[head_from:head_to])]
    if not all(1 <= q <= 4 for q in quarters):
        return Token(begin, end, invalid=True)
    q = max(quarters)
    pair = _fy_pair(year_text) if year_text else None
    if fy_first:
        period = quarter_period(q, int(fy_first))
    elif year_text is None:
        return Token(begin, end, quarter=q)
    elif pair is None:
        period = quarter_period(q, year_of(year_text), financial=bool(match["qfy"]))
    elif pair[1] == pair[0] + 1:
        period = quarter_period(q, pair[0])
    else:
        return Token(begin, end, invalid=True)
    return Token(begin, end, period, quarter=q)


def _token(match: re.Match[str]) -> Token | None:
    """The token one regex match stands for; None when the match is not a date."""
    begin, end, text, shape = match.start(), match.end(), match.group(), match.lastgroup
    if shape == "iso":
        y, m, d = (int(n) for n in _NUM.findall(text))
        return _day(begin, end, d, m, y)
    if shape == "numeric":
        d, m, y = _NUM.findall(text)
        return _day(begin, end, int(d), int(m), year_of(y))
    if shape in ("dmy", "mdy"):
        numbers = _NUM.findall(text)
        return _day(begin, end, int(numbers[0]), _month_no(text), year_of(numbers[-1]))
    if shape == "day_month":
        spelling = _MON_IN.search(text).group().lower().rstrip(".")
        if spelling in NEEDS_YEAR:
            return None
        return Token(begin, end, month=MONTHS[spelling], day=int(_NUM.match(text).group()))
    if shape == "quarter":
        return _quarter_token(match)
    if shape == "fy":
        return _fy_token(begin, end, text)
    if shape == "month_year":
        month, year = _month_no(text), year_of(_NUM.findall(text)[-1])
        return Token(begin, end, month_period(year, month), month=month, year=year)
    if shape == "month":
        spelling = text.lower().rstrip(".")
        if spelling in NEEDS_YEAR or not text[0].isupper():
            return None  # `may`, `march` as verbs; `DC` as an abbreviation
        return Token(begin, end, month=MONTHS[spelling])
    if shape == "year":
        return Token(begin, end, calendar_year(int(text)))
    return Token(begin, end)  # a season: a date expression that names no deadline


def tokens(text: str) -> list[Token]:
    """Every date expression in a cleaned text, left to right."""
    found = (_token(m) for m in TOKEN_RE.finditer(text))
    return [t for t in found if t is not None]
