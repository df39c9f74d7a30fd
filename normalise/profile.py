"""What a column's body cells look like, whatever its heading says.

A heading is one phrase an officer typed once ("what will happen", "Column C", or
nothing); the cells beneath it are the plan itself. Dates parse as dates, owners are
short names and job titles, a RAG column holds colours, a ref column short codes, an
action column long text that differs on every row. Each share here is measured over
the column's non-empty cells, so `roles` can weigh it against the heading's words.
The parsers are the ones that read the cells later (`dates.parse_due`,
`status.status_word`, owner aliases), so a column is judged by what will be made of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from planrecon.ingest import Cell, clean_text

from .dates import parse_due, parse_embedded_due
from .directions import direction_word
from .owners import OwnerAliases, default_aliases
from .status import rag_from_fill, rag_word, status_word

__all__ = ["ColumnProfile", "direction_word", "profile_columns"]

DATE_KINDS = frozenset({
    "day", "month", "quarter", "year", "financial_year", "recurring", "ongoing", "done",
})
"""What a due cell can say that counts as a date (`open` and `unparsed` do not)."""
UNDATED = "open"
"""Timing not yet fixed ("to be agreed", "TBC", "as required"): a due column says it
of some actions, so such cells count neither for nor against a column of dates."""
SHORT_DATE = 40
"""A cell longer than this is a sentence that mentions a date, not a date."""
SHORT_OWNER = 60
ROSTER_WORDS = 16
_JOINING = frozenset({"and", "of", "&", "the", "for", "-", "/", "with"})
PROFILED = 300
LONG_TEXT = 60
"""Mean characters from which a column reads as prose (an action, an update)."""
_REF = re.compile(r"(?:[A-Z]{1,4}\s?)?\d{1,3}(?:[.\-]\d{1,3})*[a-z]?\.?|[A-Z]\d{0,2}(?:\.\d+)*"
                  r"|[ivx]{1,5}\.?|\(?[a-z]\)?", re.I)
_ROLE_WORDS = re.compile(
    r"\b(?:manager|officer|team|lead|leader|director|head|board|group|partnership|service"
    r"|services|unit|coordinator|co-ordinator|commissioner|commissioning|executive|chief"
    r"|department|dept|committee|forum|panel|members|staff|partners"
    r"|agency|agencies|champion|worker|advisor|adviser|consultant|assistant|cabinet)\b",
    re.I)
_INITIALS = re.compile(r"[A-Z][A-Za-z]{0,1}[A-Z][A-Z]{0,4}s?|[A-Z]{2,6}")
_PERSON = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Cllr)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z]\.?)?\s+[A-Z][a-z'’-]+")
_NUMBER = re.compile(r"[<>~≈]?\s*[-+(]?\s*[£$€]?\s*\d[\d,]*(?:\.\d+)?\s*(?:%|k|m|bn)?\)?", re.I)
_DATED_UPDATE = re.compile(
    r"\b(?:update|updated|as at|as of|q[1-4]|quarter)\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d\b"
    r"|\b(?:has|have|had|was|were)\s+been\b|\b(?:completed|achieved|agreed|delivered|"
    r"progressing|underway|ongoing|delayed|slipped)\b", re.I)
_MONEY = re.compile(r"[£$€]|\b(?:gbp|£?\d+k)\b", re.I)
@dataclass(frozen=True)
class ColumnProfile:
    """Shares of a column's non-empty cells that look like each kind of value."""

    filled: int
    """Non-empty cells: below a handful every share is weak evidence."""
    rows: int
    dates: float
    owners: float
    rags: float
    statuses: float
    refs: float
    numbers: float
    updates: float
    """Prose that reports on something: dated notes, 'has been agreed', 'delayed'."""
    embedded: float
    """Prose that ends on its own deadline, as milestone sentences do ('... Mar 2009.')."""
    mean_length: float
    unique: float
    directions: float = 0.0
    """Direction of travel: arrows (↑ ▼ →) or words ("improving", "worse", "same")."""
    money: float = 0.0
    """Sums of money: a currency sign or £k in the cell (a budget's columns, not a KPI's)."""

    @property
    def weight(self) -> float:
        """How far the shares can be trusted: five filled cells or more, fully."""
        return min(1.0, self.filled / 5)

    @property
    def prose(self) -> float:
        """0..1: long text that differs row to row, as an action's or an update's."""
        return min(1.0, self.mean_length / LONG_TEXT) * self.unique


def profile_columns(
    rows: Sequence[Sequence[Cell]], width: int, aliases: OwnerAliases | None = None
) -> list[ColumnProfile]:
    """One profile per column of a table's data rows (short rows count as blank); the
    first PROFILED rows are enough to say what a column holds, however long the sheet."""
    aliases = aliases or default_aliases()
    rows = rows[:PROFILED]
    return [_profile([r[i] for r in rows if i < len(r)], len(rows), aliases)
            for i in range(width)]


def _profile(cells: list[Cell], rows: int, aliases: OwnerAliases) -> ColumnProfile:
    texts = [clean_text(c.text) for c in cells]
    filled = [t for t in texts if t]
    fills = [c for c in cells if not c.text.strip() and rag_from_fill(c.fill)]
    if not filled and not fills:
        return ColumnProfile(0, rows, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0)
    n = len(filled) or 1

    def share(test) -> float:
        return sum(1 for t in filled if test(t)) / n

    rag_cells = sum(1 for t in filled if rag_word(t)) + len(fills)
    return ColumnProfile(
        filled=len(filled) + len(fills), rows=rows,
        dates=_date_share(filled), owners=share(lambda t: _is_owner(t, aliases)),
        rags=min(1.0, rag_cells / (len(filled) + len(fills))),
        statuses=share(lambda t: status_word(t) is not None),
        refs=share(lambda t: len(t) <= 12 and _REF.fullmatch(t) is not None),
        numbers=share(lambda t: _NUMBER.fullmatch(t) is not None),
        updates=share(lambda t: len(t) > 30 and _DATED_UPDATE.search(t) is not None),
        embedded=share(lambda t: len(t) > SHORT_DATE and _ends_dated(t)),
        mean_length=sum(map(len, filled)) / n,
        unique=len(set(filled)) / n,
        directions=share(lambda t: direction_word(t) is not None),
        money=share(lambda t: _MONEY.search(t) is not None),
    )


def _date_share(filled: list[str]) -> float:
    """Dates among the cells that fix or refuse a date (undated timing words aside)."""
    timed = [t for t in filled if not (len(t) <= SHORT_DATE and parse_due(t).kind == UNDATED)]
    return sum(map(_is_date, timed)) / len(timed) if timed else 0.0


def _is_date(text: str) -> bool:
    return len(text) <= SHORT_DATE and parse_due(text).kind in DATE_KINDS


def _ends_dated(text: str) -> bool:
    due = parse_embedded_due(text)
    return due is not None and due.kind in DATE_KINDS


def _is_owner(text: str, aliases: OwnerAliases) -> bool:
    """Short text naming people or bodies: initials (HoS, CSG), job and team words,
    a person's name, or an owner the alias files know."""
    if _is_roster(text):
        return True
    if len(text) > SHORT_OWNER or len(text.split()) > 8 or _is_date(text):
        return False
    if status_word(text) or rag_word(text) or _NUMBER.fullmatch(text):
        return False
    if aliases.resolve(text):
        return True
    parts = [p.strip() for p in re.split(r"[,/&;+]|\band\b|\s-\s", text) if p.strip()]
    return bool(parts) and all(_names_someone(p, aliases) for p in parts)


def _is_roster(text: str) -> bool:
    """Several owners printed one after another with no separator ("SP Team Herts
    Business Service District Partners", a list whose line breaks were lost): every word
    a capitalised name or initials, bar a few joining words, naming a team or post."""
    words = text.split()
    if not 2 < len(words) <= ROSTER_WORDS or len(text) > 2 * SHORT_OWNER:
        return False
    named = all(w[0].isupper() or w[0].isdigit() or w.lower() in _JOINING for w in words)
    return named and bool(_ROLE_WORDS.search(text))


def _names_someone(part: str, aliases: OwnerAliases) -> bool:
    if aliases.resolve(part) or _PERSON.fullmatch(part):
        return True
    if len(part.split()) <= 6 and _ROLE_WORDS.search(part):
        return True
    return all(_INITIALS.fullmatch(w) for w in part.split())
