"""A table's kind and column roles from its headings and its cells together.

`columns.map_columns` reads the header row against the synonym vocabulary; that is
all a table with known headings needs, and what an officer's `config/columns.yaml`
decides. Here the cells are read too, for what the headings leave open: a column no
synonym matched, a blank or "Column C" heading, a heading whose cells contradict it
("Action No." over the refs). A table the vocabulary could not name is an action plan
when its evidence says so: a column of long, varied text to be the action, and at
least one column that follows it up (owner, due, start, status, RAG, progress) by
heading or content. Tables the vocabulary names as something else (budget, risk
register, grants, contracts) stay set aside, and indicator tables are read as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planrecon.ingest import Cell

from ._column_vocab import ACTION_FIELDS, Folded, fold
from .columns import (
    OTHER_REASON,
    ColumnChoice,
    ColumnSynonyms,
    TableMapping,
    action_reading,
    map_columns,
)
from .owners import OwnerAliases
from .profile import ColumnProfile, profile_columns
from .roles import ACTION_PROSE, FOLLOW_UP, GUESS, USE, Evidence, assign_roles, config_line

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
    profiles = profile_columns(body, len(headers), aliases)
    unnamed = mapping.kind == "other" and mapping.reason.startswith(OTHER_REASON) or (
        mapping.kind == "indicator" and _dated_measures(mapping, profiles, synonyms))
    if mapping.kind != "action" and not unnamed:
        return mapping
    spans = list(spanned) if spanned is not None else [False] * len(headers)
    folded = [fold(h) for h in headers]
    base = mapping.columns if mapping.kind == "action" else action_reading(
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


def _codes_not_text(p: ColumnProfile) -> bool:
    return p.weight >= 0.6 and p.refs >= 0.6 and p.prose < ACTION_PROSE


def _with_contents(
    columns: list[ColumnChoice], headers: list[Folded], profiles: list[ColumnProfile],
    spanned: list[bool], threshold: float, floor: float,
) -> tuple[list[ColumnChoice], list[ColumnChoice]]:
    """Columns with the open ones given roles by evidence; and the ones so given."""
    open_columns = sorted(
        [i for i, c in enumerate(columns) if _is_open(c, spanned[i])]
        + _codes_under_action(columns, profiles))
    taken = {c.field for i, c in enumerate(columns) if i not in open_columns}
    if any(c.field == "action" and profiles[i].embedded >= 0.5 for i, c in enumerate(columns)
           if i not in open_columns):
        taken.add("due")  # the milestone sentences carry their own deadlines
    chosen = assign_roles(headers, profiles, open_columns, taken, floor)
    found = []
    for i in open_columns:
        c = columns[i]
        if i in chosen:
            columns[i] = _chosen(c, headers[i], chosen[i], threshold)
            found.append(columns[i])
        elif c.field == "action":  # its cells are codes, and no role fits them better
            slug = headers[i].slug or f"column_{i + 1}"
            why = (f"{c.reason}; but {profiles[i].refs:.0%} of cells are short codes, not "
                   "an action's text: kept as extra data")
            columns[i] = replace(c, field=f"other:{slug}", reason=why)
    return columns, found


def _chosen(c: ColumnChoice, header: Folded, ev: Evidence, threshold: float) -> ColumnChoice:
    confirm = config_line(c.header, ev.role) if header.words and ev.score < threshold else ""
    return ColumnChoice(c.header, ev.role, ev.score, ev.reason, confirm=confirm)


def _is_plan(columns: list[ColumnChoice], profiles: list[ColumnProfile]) -> bool:
    """An action column of long varied text and one follow-up column beside it."""
    action = any(c.field == "action" and profiles[i].prose >= ACTION_PROSE
                 for i, c in enumerate(columns))
    return action and any(c.field in FOLLOW_UP for c in columns)


def _said(found: list[ColumnChoice]) -> str:
    return ", ".join(f"{c.field} '{_short(c.header) or '(blank)'}'" for c in found)


def _short(header: str, width: int = 40) -> str:
    header = " ".join(header.split())
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
