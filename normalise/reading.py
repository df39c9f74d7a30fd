"""A table's kind and column roles from its headings and its cells together.

`columns.map_columns` reads the header row against the synonym vocabulary; that is
all a table with known headings needs, and what an officer's `config/columns.yaml`
decides. Here the cells are read too, for what the headings leave open: a column no
synonym matched, a blank or "Column C" heading, a heading whose cells contradict it
("Action No." over the refs). A table the vocabulary could not name is an action plan
when its evidence says so: a column of long, varied text to be the action, and at
least one column that follows it up (owner, due, start, status, RAG, progress) by
heading or content. Tables the vocabulary names as something else (budget, risk
register, grants, contracts) stay set aside.

Indicator tables are read the same way with the indicator's roles (`roles`): a table the
vocabulary could not name is an indicator table when it names its indicators (a heading
"Measure", "KPI") or reports figures beside them, and has one figure column (result,
target, previous, variance, direction, RAG). Years across the top ("2019/20 | 2020/21")
give the latest year's figure as the result and the year before as the previous one.
A table whose figures are sums of money is a budget, set aside whole with one reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planrecon.ingest import Cell, clean_text

from ._column_vocab import ACTION_FIELDS, Folded, fold
from .columns import (
    OTHER_REASON,
    ColumnChoice,
    ColumnSynonyms,
    TableMapping,
    map_columns,
    vocabulary_reading,
)
from .owners import OwnerAliases
from .profile import ColumnProfile, profile_columns
from .roles import (
    ACTION_PROSE,
    FIGURES,
    FOLLOW_UP,
    GUESS,
    USE,
    Evidence,
    assign_roles,
    config_line,
    heading_cues,
)

__all__ = ["map_table", "proposal_lines"]

_MEASURES = frozenset({"target", "result", "previous"})
"""Indicator columns that hold figures."""
DATED = 0.6
"""Share of dates from which a column's cells are dates, whatever its heading says."""
_OPEN_REASONS = ("no match", "blank header beside")
"""Vocabulary choices that are only a default: no synonym said anything about them."""


def map_table(
    headers: list[str], body: Sequence[Sequence[Cell]], synonyms: ColumnSynonyms,
    spanned: list[bool] | None = None, aliases: OwnerAliases | None = None,
) -> TableMapping:
    """`map_columns`, then the cells of `body` (the data rows) for what it left open."""
    mapping = map_columns(headers, synonyms, spanned)
    if not headers or not body:
        return mapping
    unnamed = mapping.kind == "other" and mapping.reason.startswith(OTHER_REASON)
    spans = list(spanned) if spanned is not None else [False] * len(headers)
    folded = [fold(h) for h in headers]
    profiles = profile_columns(body, len(headers), aliases)
    dated = mapping.kind == "indicator" and _dated_measures(mapping, profiles, synonyms)
    if mapping.kind != "action" and not dated:
        indicator = _indicator_table(mapping, folded, profiles, spans, synonyms)
        if indicator is not None and (unnamed or mapping.kind == "indicator"
                                      or _outweighs(indicator, synonyms)):
            return indicator
    if mapping.kind != "action" and not (unnamed or dated):
        return mapping
    base = mapping.columns if mapping.kind == "action" else vocabulary_reading(
        headers, synonyms, spans)
    columns, found = _with_contents(list(base), folded, profiles, spans, synonyms.threshold,
                                    USE)
    confident = all(c.score >= synonyms.threshold for c in columns if c.field != "ignore")
    if mapping.kind == "action":
        if tuple(columns) == mapping.columns:
            return mapping
        said = f"; from the cells: {_said(found)}" if found else ""
        return replace(mapping, columns=tuple(columns), confident=confident,
                       reason=mapping.reason + said)
    if not _is_plan(columns, profiles):
        guess, _ = _with_contents(list(base), folded, profiles, spans, synonyms.threshold,
                                  GUESS)
        return replace(mapping, proposal=tuple(guess))
    shown = [c for c in columns if c.field in ACTION_FIELDS]
    reason = "action table: " + ", ".join(f"{c.field} '{_short(c.header)}'" for c in shown)
    return TableMapping("action", tuple(columns), f"{reason} (read from headings and cells)",
                        confident)


def _dated_measures(mapping: TableMapping, profiles: list[ColumnProfile],
                    synonyms: ColumnSynonyms) -> bool:
    """True when the table is an indicator table only by columns its cells contradict:
    a "target" or "result" heading over dates, not figures, is when something is due
    ("Target completion | 30-Sep-07"), so the table is read again as a possible plan."""
    kept = {c.field for c, p in zip(mapping.columns, profiles, strict=True)
            if c.field not in _MEASURES or p.weight < 0.6 or p.dates < DATED}
    return not any(s <= kept for s in synonyms.kinds.get("indicator", ()))


def _is_open(choice: ColumnChoice, spanned: bool) -> bool:
    """A column the vocabulary left to its cells: no synonym, a blank heading not merged,
    or a synonym that lost its field to a stronger one."""
    if choice.field == "ignore":
        return not spanned
    if choice.field.startswith("other:"):
        return choice.reason.startswith(_OPEN_REASONS) or "already holds" in choice.reason
    return False


def _codes_under_action(columns: list[ColumnChoice], profiles: list[ColumnProfile]) -> list[int]:
    """The action column, when it is the only one and its cells are short codes: the
    heading names the action's number ("Action No.") and the text is elsewhere. Under a
    heading merged over two columns the number and the text are joined, as printed."""
    held = [i for i, c in enumerate(columns) if c.field == "action"]
    return held if len(held) == 1 and _codes_not_text(profiles[held[0]]) else []


def _dates_under_other_role(columns: list[ColumnChoice],
                            profiles: list[ColumnProfile]) -> list[int]:
    """A status, RAG or owner column whose cells are dates, in a plan with no due column:
    "Finish & Status" over "21/05/12 COMPLETED" says when each action is due first, so
    its cells decide its role (a done date still marks the action complete)."""
    if any(c.field == "due" for c in columns):
        return []
    return [i for i, (c, p) in enumerate(zip(columns, profiles, strict=True))
            if c.field in ("status", "rag", "owner") and p.weight >= 0.6 and p.dates >= DATED]


def _codes_not_text(p: ColumnProfile) -> bool:
    return p.weight >= 0.6 and p.refs >= 0.6 and p.prose < ACTION_PROSE


def _with_contents(
    columns: list[ColumnChoice], headers: list[Folded], profiles: list[ColumnProfile],
    spanned: list[bool], threshold: float, floor: float, kind: str = "action",
) -> tuple[list[ColumnChoice], list[ColumnChoice]]:
    """Columns with the open ones given roles by evidence; and the ones so given."""
    extra = (_codes_under_action(columns, profiles) + _dates_under_other_role(columns, profiles)
             if kind == "action" else _reopened(columns, headers, profiles))
    open_columns = sorted(
        {i for i, c in enumerate(columns) if _is_open(c, spanned[i])} | set(extra))
    taken = {c.field for i, c in enumerate(columns) if i not in open_columns}
    if any(c.field == "action" and profiles[i].embedded >= 0.5 for i, c in enumerate(columns)
           if i not in open_columns):
        taken.add("due")  # the milestone sentences carry their own deadlines
    chosen = assign_roles(headers, profiles, open_columns, taken, floor, kind)
    found = []
    for i in open_columns:
        c = columns[i]
        if i in chosen:
            columns[i] = _chosen(c, headers[i], chosen[i], threshold, kind)
            found.append(columns[i])
        elif c.field == "action":  # its cells are codes, and no role fits them better
            slug = headers[i].slug or f"column_{i + 1}"
            why = (f"{c.reason}; but {profiles[i].refs:.0%} of cells are short codes, not "
                   "an action's text: kept as extra data")
            columns[i] = replace(c, field=f"other:{slug}", reason=why)
    return columns, found


def _chosen(c: ColumnChoice, header: Folded, ev: Evidence, threshold: float,
            kind: str = "action") -> ColumnChoice:
    confirm = (config_line(c.header, ev.role, kind) if header.words and ev.score < threshold
               else "")
    return ColumnChoice(c.header, ev.role, ev.score, ev.reason, confirm=confirm)


def _reopened(columns: list[ColumnChoice], headers: list[Folded],
              profiles: list[ColumnProfile]) -> list[int]:
    """Columns an indicator table's cells decide after all: a heading that says it is the
    figure before ("RAG before", "Last result") which the vocabulary read as this
    period's, and a heading that names another kind of table ("Rating") over cells that
    are RAG colours or directions of travel."""
    before = [i for i, c in enumerate(columns) if c.field in ("rag", "result", "target")
              and "previous" in heading_cues(headers[i], "indicator")]
    marked = [i for i, c in enumerate(columns) if c.field.startswith("other:")
              and c.reason.endswith("kept as extra data") and " column (" in c.reason
              and max(profiles[i].rags, profiles[i].directions) >= 0.6]
    return before + marked


def _indicator_table(
    mapping: TableMapping, headers: list[Folded], profiles: list[ColumnProfile],
    spans: list[bool], synonyms: ColumnSynonyms,
) -> TableMapping | None:
    """The table read as an indicator table from its headings and cells, a budget set
    aside, or None when it is not an indicator table (an unnamed table may yet be a plan)."""
    base = mapping.columns if mapping.kind == "indicator" else vocabulary_reading(
        [h.printed for h in headers], synonyms, spans, "indicator")
    columns, found = _with_contents(list(base), headers, profiles, spans, synonyms.threshold,
                                    USE, "indicator")
    found += _years_across(columns, headers, profiles)
    money = _money_columns(columns, headers, profiles)
    if money:
        shown = ", ".join(f"'{_short(c.header)}'" for c in money[:3])
        why = (f"budget table (headers {shown}): its figures are sums of money, not "
               "indicators")
        aside = tuple(ColumnChoice(c.header, "ignore", 1.0, "budget table, not extracted")
                      for c in columns)
        return TableMapping("other", aside, why, True)
    if mapping.kind != "indicator" and not _is_indicator(columns, headers, profiles):
        return None
    confident = all(c.score >= synonyms.threshold for c in columns if c.field != "ignore")
    if mapping.kind == "indicator":
        said = f"; from the cells: {_said(found)}" if found else ""
        return replace(mapping, columns=tuple(columns), confident=confident and
                       mapping.confident, reason=mapping.reason + said)
    shown = [c for c in columns if c.field in ("ref", "description", *FIGURES, "period")]
    reason = "indicator table: " + ", ".join(f"{c.field} '{_short(c.header)}'" for c in shown)
    return TableMapping("indicator", tuple(columns),
                        f"{reason} (read from headings and cells)", confident)


def _outweighs(indicator: TableMapping, synonyms: ColumnSynonyms) -> bool:
    """An indicator table among whose headings one names another kind of table (a
    'Rating' beside a measure, its RAG before and its direction): read as indicators
    when its figure columns outnumber the headings that name the other kind."""
    if indicator.kind != "indicator":
        return False
    marked = [c for c in indicator.columns if c.score >= synonyms.threshold and any(
        c.reason.startswith(f"{t} column (") for t in synonyms.table_order)]
    figures = [c for c in indicator.columns if c.field in FIGURES]
    return len(figures) > len(marked)


def _years_across(columns: list[ColumnChoice], headers: list[Folded],
                  profiles: list[ColumnProfile]) -> list[ColumnChoice]:
    """Years (or quarters) across the top with figures under them and no result column:
    the latest one's figure is the result, the one before's the previous one."""
    if any(c.field == "result" for c in columns):
        return []
    years = [i for i, h in enumerate(headers) if not h.words and h.periods
             and profiles[i].numbers >= 0.5 and profiles[i].money < 0.5]
    years.sort(key=lambda i: headers[i].when)
    roles = ["result"] + (["previous"] if not any(c.field == "previous" for c in columns)
                          else [])
    found = []
    for role, i in zip(roles, reversed(years), strict=False):
        why = (f"{'the latest' if role == 'result' else 'the one before the latest'} of the "
               f"years or quarters across the top; {profiles[i].numbers:.0%} of cells are "
               "figures")
        columns[i] = ColumnChoice(columns[i].header, role, 0.9, why)
        found.append(columns[i])
    return found


def _money_columns(columns: list[ColumnChoice], headers: list[Folded],
                   profiles: list[ColumnProfile]) -> list[ColumnChoice]:
    """The columns that make a table a budget: figures in pounds (a '£' in the heading or
    the cells) or headings the vocabulary names as a budget's, when they are at least half
    of the table's figure columns. Empty when the figures are an indicator's."""
    figures = [i for i, c in enumerate(columns)
               if c.field in ("result", "target", "previous", "variance", "benchmark")]
    money = [i for i, c in enumerate(columns) if c.reason.startswith("budget column")
             or (i in figures and (profiles[i].money >= 0.5 or "£" in headers[i].printed))]
    others = [i for i in figures if i not in money]
    return [columns[i] for i in money] if money and len(money) >= len(others) else []


def _is_indicator(columns: list[ColumnChoice], headers: list[Folded],
                  profiles: list[ColumnProfile]) -> bool:
    """Named indicators (a description or ref column) and one figure column beside them;
    the names' heading says indicator ("Measure", "KPI") or the figures are numbers, so
    a plan's text beside a RAG column stays a plan."""
    named = [i for i, c in enumerate(columns) if c.field in ("description", "ref")]
    figures = [i for i, c in enumerate(columns) if c.field in FIGURES]
    said = any("description" in heading_cues(headers[i], "indicator") for i in named)
    numbers = any(columns[i].field in ("result", "target", "previous", "variance")
                  and profiles[i].numbers >= 0.5 for i in figures)
    return bool(named and figures) and (said or numbers)


def _is_plan(columns: list[ColumnChoice], profiles: list[ColumnProfile]) -> bool:
    """An action column of long varied text and one follow-up column beside it."""
    action = any(c.field == "action" and profiles[i].prose >= ACTION_PROSE
                 for i, c in enumerate(columns))
    return action and any(c.field in FOLLOW_UP for c in columns)


def _said(found: list[ColumnChoice]) -> str:
    return ", ".join(f"{c.field} '{_short(c.header) or '(blank)'}'" for c in found)


def _short(header: str, width: int = 40) -> str:
    header = clean_text(header)
    return header if len(header) <= width else header[:width - 1].rstrip() + "…"


def proposal_lines(choices: Sequence[ColumnChoice]) -> tuple[str, list[str]]:
    """What each heading would be read as, and the `config/columns.yaml` lines that
    confirm it: what a Data quality row teaches an officer once, for the next papers."""
    said, lines = [], []
    for c in choices:
        if c.field not in ACTION_FIELDS:
            continue
        heading = _short(c.header) or "(blank)"
        said.append(f"'{heading}' → {c.field} ({c.score:.2f}: {c.reason})")
        if "synonym" in c.reason:
            continue  # the vocabulary already reads it so
        if fold(c.header).words:
            lines.append(c.confirm or config_line(c.header, c.field))
        else:
            said[-1] += " [no heading words: give the column a heading to confirm it]"
    return "; ".join(said), lines
