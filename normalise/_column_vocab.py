"""The column vocabulary: folding a printed header, the officer-editable synonym tables,
and how strongly one header matches them.

Kept apart from `columns.py`, which makes the table-level decisions (kind, conflicts,
reasons), so that what a header *says* and what a table *is* can be read separately.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from planrecon.ingest.periods import Token, clean, tokens

ACTION_FIELDS = ("ref", "section", "action", "owner", "due", "start", "status", "rag", "progress")
INDICATOR_FIELDS = (
    "ref", "description", "period", "previous", "target", "result", "variance", "direction",
    "rag", "benchmark",
)
KINDS = ("action", "indicator")
SCOPE_FIELDS = {
    "any_table": frozenset(ACTION_FIELDS + INDICATOR_FIELDS),
    "action_table": frozenset(ACTION_FIELDS),
    "indicator_table": frozenset(INDICATOR_FIELDS),
}
KIND_SCOPES = {
    "action": ("any_table", "action_table"),
    "indicator": ("any_table", "indicator_table"),
}
TABLE = "table:"
"""Target prefix of a header that marks a table the product does not extract."""
MIN_FUZZY = 0.85
"""Below this a close spelling is no evidence: 'Process' is 0.80 from 'Progress'."""
DEFAULT_CONFIDENCE = 0.9
"""A match below this is not used until an officer confirms it (`confidence:` in the yaml)."""

_ITALIC = re.compile(r"<i>.*?</i>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_FOOTNOTE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]")
_BRACKETS = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class Period:
    """A year or quarter printed in a header: set aside for matching, kept for ordering."""

    printed: str
    end: dt.date | None
    """The period's last day, when it names its year."""
    slug: str


@dataclass(frozen=True)
class Folded:
    """A header as printed and as compared."""

    printed: str
    words: tuple[str, ...]
    periods: tuple[Period, ...]

    @property
    def slug(self) -> str:
        """Name for extra data: the words, then the years ("Budget 2008/9" → budget_2008_09)."""
        return "_".join(self.words + tuple(p.slug for p in self.periods))

    @property
    def when(self) -> tuple[int, int]:
        """The heading's place in time: the last day it names (as an ordinal), then its
        quarter for a quarter with no year ("Q3 result" after "Q2 result"; "Q4 2013/14"
        before "Q1 2014/15"); (0, 0) when it names none."""
        ends = [p.end.toordinal() for p in self.periods if p.end]
        quarters = [int(p.slug[1]) for p in self.periods if p.slug[:1] == "q" and not p.end]
        return max(ends, default=0), max(quarters, default=0)


def _period_slug(tok: Token) -> str:
    """`2008_09` for a financial year, `2008_2012` for a range of years, `q1` or
    `q1_2006_07` for a quarter, the year for a year, month or day."""
    period = tok.period
    if period is None:
        return f"q{tok.quarter}"
    first, last = period.start.year, period.end.year
    if period.kind == "quarter":
        fy_first = first - (period.start.month < 4)
        return f"q{tok.quarter}_{fy_first}_{(fy_first + 1) % 100:02d}"
    if period.kind == "financial_year":
        return f"{first}_{last % 100:02d}"
    return f"{first}_{last}" if period.ranged else str(last)


def _take_periods(text: str) -> tuple[str, list[Period]]:
    """Cut the periods a heading prints (`Budget 2008/9`, `QUARTER 1 - PROGRESS`) out of
    its words, read by the one period grammar (`ingest.periods`)."""
    text = clean(text)
    periods: list[Period] = []
    kept, at = [], 0
    for tok in tokens(text):
        if tok.period is None and tok.quarter is None:
            continue  # a yearless month, a season or a date-like slip: left as words
        kept += [text[at:tok.begin], " "]
        at = tok.end
        end = tok.period.end if tok.period else None
        periods.append(Period(text[tok.begin:tok.end], end, _period_slug(tok)))
    return "".join([*kept, text[at:]]), periods


@lru_cache(maxsize=4096)
def fold(header: str) -> Folded:
    """Lower-case words of a header without the parts that explain or date it.

    Italic explanations (Barnet's KPI headers), footnote marks (Halton's "Ref ¹"),
    bracketed asides and years/quarters ("QUARTER 1 - PROGRESS & COMMENTS") do not
    change what a column holds, so they are set aside before matching. Cached: a paper
    prints the same headings table after table.
    """
    text = _TAG.sub(" ", _ITALIC.sub(" ", header))
    text = unicodedata.normalize("NFKC", _FOOTNOTE.sub(" ", text))
    unbracketed = _BRACKETS.sub(" ", text)
    text = unbracketed if re.search(r"\w", unbracketed) else text
    text, periods = _take_periods(text)
    words = tuple(re.sub(r"[^\w]+|_", " ", text.lower().replace("&", " and ")).split())
    return Folded(header, words, tuple(periods))


@dataclass(frozen=True)
class Entry:
    """One synonym: its folded words, as the officer wrote it, what it means, where it applies."""

    words: tuple[str, ...]
    written: str
    target: str  # a canonical field, "other:<slug>", or "table:<kind of table>"
    scope: str  # "any_table", "action_table" or "indicator_table"


@dataclass(frozen=True)
class Match:
    target: str
    score: float
    reason: str
    words: tuple[str, ...]  # the synonym folded: the longer of two equal matches wins
    fuzzy: bool  # a close spelling only: any whole-word match is preferred to it
    how: str = "synonym"  # where the synonym sits in the header: a key of _REASONS


def _score(header: tuple[str, ...], synonym: tuple[str, ...]) -> tuple[float, str] | None:
    n = len(synonym)
    if header == synonym:
        return 1.0, "synonym"
    if header[:n] == synonym:
        return 0.95, "explained"
    if header[-n:] == synonym:
        return 0.9, "qualified"
    if n > 1 and any(header[i:i + n] == synonym for i in range(len(header) - n + 1)):
        return 0.9, "contains"
    ratio = fuzz.token_sort_ratio(" ".join(header), " ".join(synonym)) / 100
    return (ratio, "fuzzy") if ratio >= MIN_FUZZY else None


_REASONS = {
    "synonym": "synonym '{w}'",
    "explained": "synonym '{w}' + explanation",
    "qualified": "synonym '{w}' after a qualifier",
    "contains": "contains synonym '{w}'",
    "fuzzy": "fuzzy {s:.2f} to '{w}'",
}


def _yaml_list(value, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise ValueError(f"{where}: expected a list of header texts, got {value!r}")
    return [str(v) for v in value]


class _Loader(yaml.SafeLoader):
    """A key written twice adds up instead of the last one silently winning, so an officer
    can paste the one-line confirmations the Data quality sheet gives
    (`action_table: {owner: ["Accountable Body"]}`) one under another."""

    def construct_mapping(self, node, deep=False):
        self.flatten_mapping(node)
        out: dict = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            value = self.construct_object(value_node, deep=True)
            out[key] = _combined(key, out[key], value) if key in out else value
        return out


def _combined(key, first, second):
    if isinstance(first, dict) and isinstance(second, dict):
        both = dict(first)
        for k, v in second.items():
            both[k] = _combined(k, both[k], v) if k in both else v
        return both
    if all(isinstance(v, list | str) for v in (first, second)):
        return [*([first] if isinstance(first, str) else first),
                *([second] if isinstance(second, str) else second)]
    raise ValueError(f"'{key}' is given twice with values that cannot be joined")


@dataclass(frozen=True)
class ColumnSynonyms:
    """Header synonyms and the rules that turn a header row into a table kind.

    Built from the packaged `defaults/columns.yaml` plus any officer files; a later
    file adds to an earlier one and wins where both define the same synonym, so an
    officer can re-point a header without touching code.
    """

    entries: tuple[Entry, ...] = ()
    second_choice: dict[tuple[str, ...], str] = field(default_factory=dict)
    several_columns: frozenset[str] = frozenset()
    year_columns: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    table_order: tuple[str, ...] = ()
    """Kinds of non-extracted tables in file order: the first wins a tie when naming one."""
    confidence: float | None = None
    """The score a match needs to be used without an officer's confirmation (None: default)."""

    @property
    def threshold(self) -> float:
        return DEFAULT_CONFIDENCE if self.confidence is None else self.confidence

    @classmethod
    def from_yaml(cls, *paths: str | Path) -> ColumnSynonyms:
        merged = cls()
        for path in paths:
            try:
                data = yaml.load(Path(path).read_text(encoding="utf-8"), _Loader) or {}
            except ValueError as exc:
                raise ValueError(f"{path}: {exc}") from None
            merged = merged.merged(cls.from_mapping(data, str(path)))
        return merged

    @classmethod
    def from_mapping(cls, data: dict, source: str) -> ColumnSynonyms:
        known = set(SCOPE_FIELDS) | {
            "other", "tables_not_extracted", "second_choice", "several_columns",
            "year_columns", "kinds", "confidence",
        }
        if not isinstance(data, dict) or set(data) - known:
            extra = sorted(set(data) - known) if isinstance(data, dict) else data
            raise ValueError(f"{source}: unknown section(s) {extra}; expected {sorted(known)}")
        entries = []
        for scope, allowed in SCOPE_FIELDS.items():
            for name, texts in (data.get(scope) or {}).items():
                if name not in allowed:
                    raise ValueError(f"{source}: {scope}: '{name}' is not one of {sorted(allowed)}")
                entries += [_entry(t, name, scope) for t in _yaml_list(texts, f"{source}: {name}")]
        for slug, texts in (data.get("other") or {}).items():
            where = f"{source}: other: {slug}"
            entries += [_entry(t, f"other:{slug}", "any_table") for t in _yaml_list(texts, where)]
        tables = data.get("tables_not_extracted") or {}
        for kind, texts in tables.items():
            where = f"{source}: tables_not_extracted: {kind}"
            entries += [_entry(t, TABLE + kind, "any_table") for t in _yaml_list(texts, where)]
        second = {fold(k).words: v for k, v in (data.get("second_choice") or {}).items()}
        targets = [*second.values(), *(data.get("year_columns") or {}).values()]
        for target in targets:
            if target not in SCOPE_FIELDS["any_table"] and not str(target).startswith("other:"):
                raise ValueError(f"{source}: '{target}' is not a field or other:<slug>")
        kinds = {
            kind: tuple(frozenset(_yaml_list(c, f"{source}: kinds: {kind}")) for c in combos)
            for kind, combos in (data.get("kinds") or {}).items()
        }
        if set(kinds) - set(KINDS):
            raise ValueError(f"{source}: kinds: only {KINDS} can be defined")
        for name in {f for sets in kinds.values() for s in sets for f in s}:
            if name not in SCOPE_FIELDS["any_table"] and not name.startswith("other:"):
                raise ValueError(f"{source}: kinds: '{name}' is not a field or other:<slug>")
        confidence = data.get("confidence")
        if confidence is not None and (
                isinstance(confidence, bool) or not isinstance(confidence, int | float)
                or not 0 < confidence <= 1):
            raise ValueError(f"{source}: confidence: expected a score above 0 and at most 1, "
                             f"got {confidence!r}")
        return cls(
            tuple(entries), second,
            frozenset(_yaml_list(data.get("several_columns") or [], f"{source}: several_columns")),
            dict(data.get("year_columns") or {}), kinds, tuple(tables), confidence,
        )

    def merged(self, later: ColumnSynonyms) -> ColumnSynonyms:
        """This vocabulary extended by `later`, whose synonyms win over the same words here."""
        redefined = {e.words for e in later.entries}
        return ColumnSynonyms(
            tuple(e for e in self.entries if e.words not in redefined) + later.entries,
            {**self.second_choice, **later.second_choice},
            self.several_columns | later.several_columns,
            {**self.year_columns, **later.year_columns},
            {k: self.kinds.get(k, ()) + later.kinds.get(k, ())
             for k in {*self.kinds, *later.kinds}},
            self.table_order + tuple(t for t in later.table_order if t not in self.table_order),
            self.confidence if later.confidence is None else later.confidence,
        )

    @cached_property
    def _matches(self) -> dict[tuple[tuple[str, ...], str], Match | None]:
        """`best_match` by (header words, kind): a paper repeats its headings table after
        table, and each is scored against every synonym (a third of normalising a paper)."""
        return {}

    def best_match(self, header: Folded, kind: str) -> Match | None:
        """The strongest synonym for this header when the table is read as `kind`.

        Whole-word matches rank above close spellings: "Halton 2007/8 Target" ends with
        the word "Target" and is a target, although it is spelt almost like the synonym
        "Halton Targets" (a different column). Fuzzy matching is for spellings that no
        synonym's words cover ("Officer Responsible", "Responsibe Officer").
        """
        key = (header.words, kind)
        if key not in self._matches:
            self._matches[key] = self._best_match(header, kind)
        return self._matches[key]

    def _best_match(self, header: Folded, kind: str) -> Match | None:
        scopes = KIND_SCOPES[kind]
        best: Match | None = None
        ends: dict[int, Match] = {}
        """Whole-word matches at the end of the header, by how many words they cover."""
        for entry in self.entries:
            if entry.scope not in scopes or not entry.words:
                continue
            scored = _score(header.words, entry.words)
            if scored is None:
                continue
            score, how = scored
            reason = _REASONS[how].format(w=entry.written, s=score)
            match = Match(entry.target, score, reason, entry.words, how == "fuzzy", how)
            if how == "qualified":
                ends.setdefault(len(entry.words), match)
            if best is None or (not match.fuzzy, score, len(entry.words)) > (
                    not best.fuzzy, best.score, len(best.words)):
                best = match
        return _head_noun(header, best, ends)


def _head_noun(header: Folded, best: Match | None, ends: dict[int, Match]) -> Match | None:
    """A heading made of two synonyms names what the second one says, as an English
    compound does ("Task owner" is an owner, "Milestone date" a date, "Lead officer
    comments" comments): when the synonym the heading starts with is followed by exactly
    another synonym, the last one wins. A longer tail ("Action – what will be done by
    whom") explains the first one, which stands."""
    if best is None or best.how != "explained":
        return best
    head = ends.get(len(header.words) - len(best.words))
    return head if head is not None and head.target != best.target else best


def _entry(text: str, target: str, scope: str) -> Entry:
    return Entry(fold(text).words, text, target, scope)
