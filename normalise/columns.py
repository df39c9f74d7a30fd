"""Which column holds what, and what kind of table this is.

A header alone is ambiguous: "Description" is an indicator's description in Halton's
PI table but a budget line in Barnet's revenue table; "Comments" is progress in one
plan and lead officers' names in another. So the whole header row is read twice, once
as an action plan and once as an indicator table, and the reading that accounts for
more columns (and has the columns that kind needs) wins. Tables that are neither
(budgets, risk registers, dashboards, staffing, grant lists, contract registers) are
reported with a reason and their columns ignored. A column matched below the
confidence threshold is not used as the field it resembles: the table is read with its
certain columns and the doubtful one is kept as extra data, with the config line that
would confirm it. Every choice keeps its score and reason so an officer can see why,
and fix it with a synonym in `config/columns.yaml` rather than a code change.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path

from planrecon.ingest import clean_text

from ._column_vocab import (
    ACTION_FIELDS,
    INDICATOR_FIELDS,
    KINDS,
    TABLE,
    ColumnSynonyms,
    Folded,
    fold,
)

__all__ = [
    "ACTION_FIELDS", "INDICATOR_FIELDS", "ColumnChoice", "ColumnSynonyms", "TableMapping",
    "default_synonyms", "map_columns", "vocabulary_reading",
]

DEFAULTS = Path(__file__).parent / "defaults" / "columns.yaml"
KIND_FIELDS = {"action": frozenset(ACTION_FIELDS), "indicator": frozenset(INDICATOR_FIELDS)}
CANONICAL = KIND_FIELDS["action"] | KIND_FIELDS["indicator"]
EARLIER = {"result": "previous"}
"""The field a column of an earlier period takes beside the latest period's column of the
same field: last quarter's result, printed beside this quarter's, is the previous one."""
YEAR_COLUMN_SCORE = 0.95
"""A bare year under a table already known to be an action or indicator table."""
SPAN_SCORE = 0.75
"""A blank header read as part of the header before it: a guess from position only."""
OTHER_REASON = "not an action or indicator table"
"""How a table no vocabulary names is described (the start of its reason)."""
TEXT_FIELDS = frozenset({"ref", "section", "action", "description"})
"""What every listing prints, a plan or a register alike: the thing and where it sits."""


@dataclass(frozen=True)
class ColumnChoice:
    header: str
    field: str  # a canonical field, "other:<slug>" (kept as extra data), or "ignore"
    score: float  # 0..1 confidence
    reason: str
    suggested: str = ""
    """The field a match below the confidence threshold points to: not used until confirmed."""
    confirm: str = ""
    """The line of `config/columns.yaml` that would confirm `suggested`."""


@dataclass(frozen=True)
class TableMapping:
    kind: str  # "action" | "indicator" | "other"
    columns: tuple[ColumnChoice, ...]
    reason: str
    confident: bool
    proposal: tuple[ColumnChoice, ...] = ()
    """For a table set aside: the role each column would take from its heading and cells,
    so the officer is shown what to confirm (`reading.map_table`)."""

    @cached_property
    def _by_field(self) -> dict[str, tuple[int, ...]]:
        """Each field's columns, found once: every row of a table asks for several fields."""
        found: dict[str, tuple[int, ...]] = {}
        for i, choice in enumerate(self.columns):
            found[choice.field] = (*found.get(choice.field, ()), i)
        return found

    def columns_of(self, field: str) -> tuple[int, ...]:
        """Indexes of the columns mapped to `field`, left to right."""
        return self._by_field.get(field, ())

    def column_of(self, field: str) -> int | None:
        """Index of the first column mapped to `field`, or None."""
        return next(iter(self.columns_of(field)), None)


@cache
def default_synonyms() -> ColumnSynonyms:
    """The packaged vocabulary (`normalise/defaults/columns.yaml`)."""
    return ColumnSynonyms.from_yaml(DEFAULTS)


@dataclass(frozen=True)
class _Reading:
    """The header row read as one kind of table."""

    kind: str
    columns: tuple[ColumnChoice, ...]
    tables: tuple[str | None, ...]  # per column: the non-extracted table kind it marks
    fits: tuple[frozenset[str], ...]  # the kind's column sets that are all present

    @property
    def named(self) -> list[ColumnChoice]:
        """Columns of this kind's fields read from header text (spans not counted twice)."""
        return [c for c in self.columns if c.field in KIND_FIELDS[self.kind] and c.header.strip()]

    @property
    def evidence(self) -> int:
        return len(self.named)

    @property
    def total_score(self) -> float:
        return sum(c.score for c in self.named)

    @property
    def follow_up(self) -> list[ColumnChoice]:
        """Named columns beyond the text and its place: who, when, how far, the figures.
        Budgets, registers and grant lists print a description and a reference too, so
        only these weigh against the columns that name such a table."""
        return [c for c in self.named if c.field not in TEXT_FIELDS]


def _read_as(
    headers: list[Folded], synonyms: ColumnSynonyms, kind: str, spanned: list[bool]
) -> _Reading:
    """Each header's best synonym in `kind`'s vocabulary, then the fixes that need the
    whole row: one column per single-column field, spans, doubtful matches withheld,
    distinct extra-data names."""
    columns: list[ColumnChoice] = []
    tables: list[str | None] = []
    matched: list[tuple[str, ...]] = []  # the synonym each column matched, for second choices
    for h in headers:
        table, words = None, ()
        if not h.printed.strip():
            choice = ColumnChoice(h.printed, "ignore", 1.0, "blank header")
        elif not h.words and h.periods and kind in synonyms.year_columns:
            target = synonyms.year_columns[kind].format(year=h.periods[-1].slug)
            reason = f"year column in an {kind} table"
            choice = ColumnChoice(h.printed, target, YEAR_COLUMN_SCORE, reason)
        elif not h.words:
            choice = ColumnChoice(h.printed, "ignore", 1.0, "no words in header")
        elif (match := synonyms.best_match(h, kind)) is None:
            choice = ColumnChoice(h.printed, f"other:{h.slug}", 0.0, "no match")
        elif match.target.startswith(TABLE):
            named = match.target.removeprefix(TABLE)
            table = named if match.score >= synonyms.threshold else None
            reason = f"{named} column ({match.reason}), kept as extra data"
            choice = ColumnChoice(h.printed, f"other:{h.slug}", match.score, reason)
        else:
            words = match.words
            choice = ColumnChoice(h.printed, match.target, match.score, match.reason)
        if h.periods and h.words and choice.field != "ignore":
            aside = ", ".join(f"'{p.printed}'" for p in h.periods)
            choice = replace(choice, reason=f"{choice.reason}; {aside} set aside")
        columns.append(choice)
        tables.append(table)
        matched.append(words)
    _settle_conflicts(columns, headers, matched, synonyms)
    _continue_spans(columns, spanned)
    _withhold_doubtful(columns, headers, kind, synonyms.threshold)
    _number_repeats(columns)
    present = {c.field for c in columns}
    fits = tuple(s for s in synonyms.kinds.get(kind, ()) if s <= present)
    return _Reading(kind, tuple(columns), tuple(tables), fits)


def vocabulary_reading(
    headers: list[str], synonyms: ColumnSynonyms, spanned: list[bool] | None = None,
    kind: str = "action",
) -> tuple[ColumnChoice, ...]:
    """The header row read as a `kind` table by the vocabulary alone, whatever kind of
    table it turns out to be: where `reading` starts when the headings are not enough."""
    spans = list(spanned) if spanned is not None else [False] * len(headers)
    return _read_as([fold(h) for h in headers], synonyms, kind, spans).columns


def _settle_conflicts(
    columns: list[ColumnChoice], headers: list[Folded], matched: list[tuple[str, ...]],
    synonyms: ColumnSynonyms,
) -> None:
    """One column per single-column field: the strongest keeps it, then the later period
    (Halton's 2007/8 Actual over 2006/7; a next quarter's report's "Q3 result" over its
    "Q2 result"), then the leftmost; the others take their synonym's second choice if
    that is free (or, for a column of an earlier period, what `EARLIER` names), else stay
    as extra data: open to what their cells say, unless the heading names another period
    than the keeper's (the column's role is certain, only its period differs: "Target
    2010/11" beside "Target 2011/12" is a target, never a ref read from its short cells)."""
    for name in sorted(CANONICAL - synonyms.several_columns):
        claims = [i for i, c in enumerate(columns) if c.field == name]
        if len(claims) < 2:
            continue
        claims.sort(key=lambda i: (-columns[i].score, tuple(-t for t in headers[i].when), i))
        keeper, latest = columns[claims[0]].header, headers[claims[0]].when
        for i in claims[1:]:
            c = columns[i]
            second = synonyms.second_choice.get(matched[i]) or (
                EARLIER.get(name) if (0, 0) < headers[i].when < latest else None)
            taken = second in CANONICAL - synonyms.several_columns and any(
                x.field == second for x in columns)
            if second and not taken:
                why = f"{c.reason}; '{keeper}' already holds {name}, so second choice {second}"
                columns[i] = replace(c, field=second, reason=why)
            elif (0, 0) < headers[i].when != latest and (0, 0) < latest:
                why = (f"{c.reason}; '{keeper}' is the {name} of a later period, so this "
                       f"column is the {name} of another period, kept as extra data")
                columns[i] = replace(c, field=f"other:{headers[i].slug}", reason=why)
            else:
                why = f"{c.reason}; '{keeper}' already holds {name}, kept as extra data"
                columns[i] = replace(c, field=f"other:{headers[i].slug}", reason=why)


def _continue_spans(columns: list[ColumnChoice], spanned: list[bool]) -> None:
    """A blank header is read as part of the header to its left: readers leave the cells
    under a spanning header blank ("Timetable" over 2008/9, 2009/10, 2010/11;
    Hertfordshire's "Actions" over the action number and its text), and the pipeline
    joins the cells of columns that share a field. Under a merged heading that is what
    the paper says, as sure as the heading; a blank cell that is not merged is only a
    guess from position. A blank with nothing read to its left (a header row printed
    one cell off its data) stays ignored."""
    before: ColumnChoice | None = None
    for i, c in enumerate(columns):
        if c.header.strip():
            before = c if c.field != "ignore" else None
        elif before and spanned[i]:
            why = f"under the merged heading '{_short(before.header)}'"
            columns[i] = replace(c, field=before.field, score=before.score, reason=why)
        elif before:
            why = f"blank header beside '{_short(before.header)}', read as part of it"
            columns[i] = replace(c, field=before.field, score=SPAN_SCORE, reason=why)


def _withhold_doubtful(
    columns: list[ColumnChoice], headers: list[Folded], kind: str, threshold: float
) -> None:
    """A column matched below the threshold keeps its values as extra data under its own
    name instead of the field it resembles: a wrong guess would put a year band or a
    budget line into an action's text or due date unseen. The field and the config line
    that confirms it go with it, for the officer."""
    for i, c in enumerate(columns):
        own = f"other:{headers[i].slug or f'column_{i + 1}'}"
        if c.field in ("ignore", own) or c.score >= threshold:
            continue
        why = f"{c.reason}; below {threshold:.2f}, kept as extra data until confirmed"
        columns[i] = replace(c, field=own, reason=why, suggested=c.field,
                             confirm=_confirm_line(c, headers[i], kind))


def _confirm_line(choice: ColumnChoice, header: Folded, kind: str) -> str:
    """What the officer adds to `config/columns.yaml` to use the column as suggested: the
    header as a synonym of the field; a blank or year-only header has no words to match,
    so only a lower threshold takes it."""
    if not header.words:
        return f"confidence: {choice.score:.2f}"
    printed = json.dumps(clean_text(header.printed), ensure_ascii=False)
    if choice.field.startswith("other:"):
        return f"other: {{{choice.field.removeprefix('other:')}: [{printed}]}}"
    section = f"{kind}_table" if choice.field in KIND_FIELDS[kind] else "any_table"
    return f"{section}: {{{choice.field}: [{printed}]}}"


def _number_repeats(columns: list[ColumnChoice]) -> None:
    """Extra data is keyed by slug, so a repeated slug gets _2, _3: no cell is lost."""
    seen: Counter[str] = Counter()
    for i, c in enumerate(columns):
        if c.field.startswith("other:"):
            seen[c.field] += 1
            if seen[c.field] > 1:
                columns[i] = replace(c, field=f"{c.field}_{seen[c.field]}",
                                     reason=f"{c.reason}; repeated, numbered {seen[c.field]}")


def _short(header: str, width: int = 40) -> str:
    return header if len(header) <= width else header[:width - 1].rstrip() + "…"


def _quote(headers: list[str], limit: int = 3) -> str:
    shown = ", ".join(f"'{_short(h)}'" for h in headers[:limit])
    return shown + (", …" if len(headers) > limit else "")


def _needs(synonyms: ColumnSynonyms, kind: str) -> str:
    """The kind's column sets in words an officer reads: "an action column with an owner,
    due, start, status, RAG or progress column, or a headline column and a progress
    column"."""
    sets = [sorted(s) for s in synonyms.kinds.get(kind, ())]
    counts = Counter(f for s in sets for f in s)
    anchor = max(counts, key=lambda f: counts[f]) if counts else None
    paired = [f for s in sets if len(s) == 2 and anchor in s for f in s if f != anchor]
    singles = [s[0] for s in sets if len(s) == 1]
    rest = [" and ".join(f"{_a(_field_words(f))} column" for f in s) for s in sets
            if len(s) > 1 and not (len(s) == 2 and anchor in s)]
    said = [f"{_a(_field_words(anchor))} column with {_a(_either(paired))} column"] \
        if paired else []
    said += [f"{_a(_either(singles))} column"] if singles else []
    return ", or ".join(said + rest)


def _a(words: str) -> str:
    return f"{'an' if words[:1] in set('aeiou') else 'a'} {words}"


def _field_words(field: str) -> str:
    return "RAG" if field == "rag" else field.removeprefix("other:")


def _either(fields: list[str]) -> str:
    words = [_field_words(f) for f in fields]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _fit_reason(reading: _Reading) -> str:
    first: dict[str, str] = {}
    for c in reading.columns:
        first.setdefault(c.field, c.header)
    fields = sorted({f for s in reading.fits for f in s}, key=lambda f: (f.startswith("other"), f))
    return f"{reading.kind} table: " + ", ".join(f"{f} '{_short(first[f])}'" for f in fields)


def _not_extracted(
    headers: list[str], readings: list[_Reading], synonyms: ColumnSynonyms, why: str
) -> TableMapping:
    marks = [(next((t for t in kinds if t), None), h) for h, *kinds in
             zip(headers, *(r.tables for r in readings), strict=True)]
    marks = [(t, h) for t, h in marks if t]
    counts = {t: sum(m == t for m, _ in marks) for t in synonyms.table_order}
    named = max(counts, key=lambda t: counts[t]) if any(counts.values()) else None
    if named:
        shown = _quote([h for t, h in marks if t == named])
        reason = f"{named} table (headers {shown}): {why}"
    else:
        shown = _quote([h for h in headers if h.strip()]) or "none"
        reason = f"{OTHER_REASON} (headers {shown}): {why}"
    near_miss = any(c.field in CANONICAL for r in readings for c in r.columns)
    columns = tuple(
        ColumnChoice(h, "ignore", 1.0, "blank header" if not h.strip() else
                     f"{named or 'unrecognised'} table, not extracted")
        for h in headers
    )
    return TableMapping("other", columns, reason, bool(named) or not near_miss)


def map_columns(
    headers: list[str], synonyms: ColumnSynonyms, spanned: list[bool] | None = None
) -> TableMapping:
    """Map one header row onto canonical fields and decide the table's kind.

    `headers` are the printed header cells of one table, left to right; a table with
    stacked header rows passes the labels beneath a spanning header after the top row.
    `spanned` marks the blank cells a merged heading covers (from the reader); without
    it a blank header is only guessed to continue its neighbour. `confident`: every
    column read as a field or extra data scores at least the vocabulary's threshold
    (columns matched by no synonym score 0, withheld ones below it).
    """
    folded = [fold(h) for h in headers]
    spans = list(spanned) if spanned is not None else [False] * len(headers)
    readings = [_read_as(folded, synonyms, kind, spans) for kind in KINDS]
    fitting = [r for r in readings if r.fits]
    if not fitting:
        why = (f"no columns for an action plan ({_needs(synonyms, 'action')}) "
               f"nor an indicator table ({_needs(synonyms, 'indicator')})")
        return _not_extracted(headers, readings, synonyms, why)
    best = max(fitting, key=lambda r: (r.evidence, r.total_score))
    marked = sum(t is not None for t in best.tables)
    follow = best.follow_up
    if marked > len(follow):
        kinds_marked = " / ".join(sorted({t for t in best.tables if t}))
        shown = ", ".join(f"{c.field} '{_short(c.header)}'" for c in follow) or "none"
        why = (f"{marked} of {len(headers)} headers belong to {kinds_marked} tables, against "
               f"{len(follow)} {best.kind} follow-up column{'s' * (len(follow) != 1)} ({shown})")
        return _not_extracted(headers, readings, synonyms, why)
    reason = _fit_reason(best)
    for other in fitting:
        if other is not best:
            reason += (f" (also fits an {other.kind} table, but only {other.evidence} of "
                       f"{len(headers)} columns against {best.evidence})")
    confident = all(c.score >= synonyms.threshold for c in best.columns if c.field != "ignore")
    return TableMapping(best.kind, best.columns, reason, confident)
