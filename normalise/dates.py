"""Loose council due dates -> one deadline (contract "Due-date conventions", rules 1-7).

`parse_due` reads a When by / Target Date / End Date cell; `parse_embedded_due`
reads a Halton-style milestone sentence whose date sits at its end (rule 7).
Both cut the text into date expressions (`ingest.periods.tokens`, the one period
grammar) and then apply
the rules here:

* a year printed once applies to every yearless month before it in a list or
  range (`March, Sept 2006`, `April - June 2014`; `Sept - Feb 08` starts in 2007);
* `X - Y`, `X to Y`, `between X and Y`, `from X through to Y` are ranges: due at
  the end of Y, `start` = first day of X; lists and alternatives have no start;
* `from X` / `X onwards` alone is `ongoing` from X; `X and ongoing` is due at X;
* the deadline is the latest period named (rule 1); with no dated period the
  words decide (rule 6), and anything unrecognised is `unparsed`;
* something shaped like a date that is not one (`31/04/2008`, `Q5 2008/09`) makes
  the whole cell `unparsed`, so an officer sees it on the Data quality sheet
  rather than trusting a deadline read from the rest of the cell.

Nothing is ever filled in from today's date: a missing year stays missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import lru_cache

from planrecon.ingest.periods import Period, Token, clean, month_period, tokens

from ._due_words import (
    AOF_TAG,
    BETWEEN_BEFORE,
    DONE,
    FROM_BEFORE,
    IMMEDIATE,
    LIST_GAP,
    ONGOING,
    ONWARDS_AFTER,
    OPEN,
    RANGE_GAP,
    RECURRING,
)

DUE_KINDS = (
    "day", "month", "quarter", "year", "financial_year",
    "recurring", "ongoing", "open", "done", "unparsed", "empty",
)


@dataclass(frozen=True)
class Due:
    """What a due cell means: a deadline (`date`, `kind`) and, if given, a start."""

    date: dt.date | None
    """Last day of the latest period named as the deadline; None for undated kinds."""
    kind: str
    """One of `DUE_KINDS`."""
    start: dt.date | None = None
    """First day of a range's first period, or of `from X` / `X onwards`."""
    words: str = field(default="", compare=False)
    """The words the date was read from, when they sit inside other text (rule 7)."""


@dataclass(frozen=True)
class _Expression:
    """A date expression after years are shared and ranges joined."""

    token: Token
    period: Period | None
    open_ended: bool = False
    """`from X` / `X onwards`: a start, not a deadline."""


def _link(text: str, left: Token, right: Token) -> str | None:
    """How two neighbouring tokens are joined: `range`, `list`, or not at all."""
    gap = text[left.end : right.begin]
    if RANGE_GAP.fullmatch(gap):
        return "range"
    if LIST_GAP.fullmatch(gap):
        between = gap.strip().lower() == "and" and BETWEEN_BEFORE.search(text[: left.begin])
        return "range" if between else "list"
    return None


def _share_years(found: list[Token], links: list[str | None]) -> list[Token]:
    """Give yearless months the year printed after them in the same list or range.

    Walks right to left carrying the last year seen; a range running backwards
    through the calendar (`Sept - Feb 08`) puts its start in the year before.
    Any token that is neither a month nor a day (a quarter, a financial year)
    stops the carry, as does a gap that is not a list or range connector.
    """
    out = list(found)
    carry: tuple[int, int] | None = None
    for i in reversed(range(len(found))):
        tok = found[i]
        link = links[i] if i < len(links) else None
        if link is None:
            carry = None
        if tok.year is not None and tok.month is not None:
            carry = (tok.year, tok.month)
        elif tok.month is not None and carry is not None:
            backwards = link == "range" and tok.month > carry[1]
            year = carry[0] - 1 if backwards else carry[0]
            out[i] = replace(tok, period=month_period(year, tok.month), year=year)
            carry = (year, tok.month)
        else:
            carry = None
    return out


def _expressions(text: str) -> list[_Expression]:
    """The date expressions of a cleaned text, left to right, ranges joined."""
    found = tokens(text)
    links = [_link(text, a, b) for a, b in zip(found, found[1:], strict=False)]
    found = _share_years(found, links)
    out: list[_Expression] = []
    i = 0
    while i < len(found):
        tok = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (
            nxt is not None and links[i] == "range" and tok.period and nxt.period
            and tok.period.start <= nxt.period.end
        ):
            period = Period(tok.period.start, nxt.period.end, nxt.period.kind, ranged=True)
            out.append(_Expression(nxt, period))
            i += 2
            continue
        open_ended = tok.period is not None and bool(
            FROM_BEFORE.search(text[: tok.begin]) or ONWARDS_AFTER.match(text[tok.end :])
        )
        out.append(_Expression(tok, tok.period, open_ended))
        i += 1
    return out


def _due_of(expr: _Expression) -> Due:
    if expr.token.invalid:
        return Due(None, "unparsed")
    if expr.open_ended:
        return Due(None, "ongoing", expr.period.start)
    return Due(expr.period.end, expr.period.kind, expr.period.start if expr.period.ranged else None)


def _undated(text: str, exprs: list[_Expression], version_date: dt.date | None) -> Due:
    """Rule 6: a cell that names no dated period, read by its words.

    Checked in this order because a cell can carry several: a completion claim
    ends the question; `immediate` is a day only when the version date is known
    (otherwise it fixes no date, hence `open`); several yearless months are a
    schedule (`June, Sept, Dec, March`) but one alone (`May for early view.`) is
    not enough to call anything.
    """
    if DONE.search(text):
        return Due(None, "done")
    if IMMEDIATE.search(text):
        return Due(version_date, "day") if version_date else Due(None, "open")
    if ONGOING.search(text):
        return Due(None, "ongoing")
    yearless = {e.token.month for e in exprs if e.period is None and e.token.month}
    if RECURRING.search(text) or len(yearless) >= 2:
        return Due(None, "recurring")
    if OPEN.search(text):
        return Due(None, "open")
    return Due(None, "unparsed")


def parse_due(text: str | None, version_date: dt.date | None = None) -> Due:
    """Read a due cell as printed; `version_date` is only used for `immediate`.

    Never raises: an empty cell is `empty`, anything not understood `unparsed`.
    """
    if isinstance(version_date, dt.datetime):
        version_date = version_date.date()
    return _parse_due("" if text is None else str(text), version_date)


@lru_cache(maxsize=8192)
def _parse_due(text: str, version_date: dt.date | None) -> Due:
    """`parse_due` once per cell text: a column is profiled before it is read, and a
    plan repeats its due cells ("March 2009", "Ongoing") row after row."""
    cleaned = clean(text)
    if not cleaned:
        return Due(None, "empty")
    exprs = _expressions(cleaned)
    if any(e.token.invalid for e in exprs):
        return Due(None, "unparsed")
    starts = [e.period.start for e in exprs if e.open_ended]
    dated = [e for e in exprs if e.period is not None and not e.open_ended]
    if not dated and starts:
        return Due(None, "ongoing", min(starts))
    if not dated:
        return _undated(cleaned, exprs, version_date)
    best = max(dated, key=lambda e: (e.period.end, e.period.start))
    due = _due_of(best)
    if due.start is None and starts and min(starts) <= due.date:
        due = replace(due, start=min(starts))
    return due


@lru_cache(maxsize=8192)
def parse_embedded_due(text: str) -> Due | None:
    """Rule 7: the milestone date at the end of a Halton action sentence, or None.

    The deadline is the *last* date expression (the one before the `(AOFnn)`
    tag), not the latest period: in `... during 2009/10. Dec 2008. (AOF27 & 30)`
    the year band is the subject and Dec 2008 the milestone. Yearless months and
    quarters are not dates here; the sentence's words (`on a quarterly basis`)
    never make it recurring. Cached as `parse_due` is: a column is profiled, then read.
    """
    cleaned = clean(AOF_TAG.sub(" ", "" if text is None else str(text)))
    exprs = [e for e in _expressions(cleaned) if e.period is not None or e.token.invalid]
    if not exprs:
        return None
    last = exprs[-1].token
    return replace(_due_of(exprs[-1]), words=cleaned[last.begin:last.end])
