"""Column roles from a heading's words and the cells beneath it, weighed together.

The synonym vocabulary (`_column_vocab`) knows the headings councils have printed
before; a council it has never seen heads its plan "what will happen", "lead person",
"by what date", "Column C", or nothing at all. So a column the vocabulary cannot
place is read two ways at once: its heading word by word, each word by its stem
("Timescales", "Time-scale" → 'time' → a due date; "Who will lead" → 'who', 'lead'
→ an owner), and its cells by their profile (`profile.ColumnProfile`: 94% dates, short
names, RAG colours, status words, short codes, long text that differs on every row).
The two are joined as independent evidence, 1 − (1 − heading)(1 − content), and a
heading the cells flatly contradict counts for half ("Action No." over short codes is
not the action). Each role then goes to at most one column by a joint assignment
(`scipy.optimize.linear_sum_assignment`), so two columns that both look like dates
share out due and start by their evidence rather than by which came first.

The officer's synonyms still win: a column the vocabulary matched with confidence
keeps its field and only closes that role to the rest.

An indicator table is read the same way with its own roles and cues: a "Floor",
"Minimum", "Limit" or "Standard" is the target a result is held to, "Latest" or
"Now" the result, "Before" or "Last" the previous one; cells of figures, RAG colours
and arrows ("↑", "worse", "same") say which column is which.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import numpy as np
from scipy.optimize import linear_sum_assignment

from planrecon.ingest import clean_text

from ._column_vocab import ACTION_FIELDS, INDICATOR_FIELDS, Folded
from .profile import ColumnProfile

__all__ = ["FIGURES", "FOLLOW_UP", "GUESS", "USE", "Evidence", "assign_roles", "config_line",
           "heading_cues"]

FOLLOW_UP = ("owner", "due", "start", "status", "rag", "progress")
"""Roles that follow an action up: a table needs one of them beside an action column."""
USE = 0.6
"""Evidence from which a column is used in a role (the synonyms' threshold is for
headings alone; evidence that agrees from heading and cells needs less)."""
GUESS = 0.3
"""Evidence from which a role is shown to an officer as what a column most resembles."""
ACTION_PROSE = 0.35
"""How long and varied an action column's text must be (`ColumnProfile.prose`)."""
DISTINCT = 0.75
"""Share of distinct cells from which long text can be the actions (one per row); a
column of long section names repeated down the rows is not the leftmost prose."""
_CONTRADICTED = 0.15
"""Content this weak, over enough cells, contradicts what the heading says."""

# Heading cues: (role, weight, stems). A heading word matches a stem it starts with;
# stems of three letters or fewer must be the whole word ("no", "who", "rag").
_CUES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("ref", 0.8, ("no", "nos", "number", "num", "ref", "refer", "id", "code")),
    ("section", 0.6, ("theme", "topic", "objective", "priorit", "strand", "workstream",
                      "categor", "goal", "aim", "area")),
    ("action", 0.6, ("action", "task", "activit", "milestone", "deliverable", "initiative",
                     "step", "project")),
    ("action", 0.3, ("what", "description", "detail", "happen", "do")),
    ("owner", 0.7, ("lead", "owner", "responsib", "officer", "manager", "accountab",
                    "person", "people", "champion", "contact", "sponsor", "who", "whom",
                    "team")),
    ("due", 0.65, ("time", "date", "deadline", "when", "due", "month", "end", "complet",
                   "finish")),
    # "Actioned by", "Delivered by": a person or a date, as the cells show
    ("owner", 0.3, ("by",)),
    ("due", 0.3, ("by",)),
    ("start", 0.7, ("start", "begin", "commenc")),
    ("status", 0.75, ("status", "state")),
    ("rag", 0.75, ("rag", "colour", "color", "traffic")),
    ("progress", 0.7, ("progress", "update", "comment", "note", "narrative", "remark",
                       "position", "evidence", "commentary")),
)
_INDICATOR_CUES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("ref", 0.8, ("no", "nos", "number", "num", "ref", "refer", "id", "code")),
    ("description", 0.75, ("indicator", "measure", "kpi", "pi", "cpi", "metric", "description",
                           "title", "name")),
    ("period", 0.7, ("period", "time", "timescale", "timeframe", "when", "date", "month",
                     "quarter", "frequenc")),
    ("target", 0.75, ("target", "floor", "minimum", "min", "maximum", "max", "limit",
                      "threshold", "standard", "ceiling", "tolerance", "goal", "aim",
                      "ambition", "expect", "plan")),
    ("result", 0.7, ("result", "actual", "outturn", "latest", "now", "current", "performance",
                     "value", "ytd", "achiev", "position", "progress", "figure", "this")),
    ("previous", 0.75, ("previous", "prior", "before", "last", "baseline", "was", "earlier")),
    ("variance", 0.75, ("variance", "gap", "difference", "diff")),
    ("direction", 0.8, ("direction", "dot", "trend", "travel", "trajector")),
    ("rag", 0.75, ("rag", "colour", "color", "traffic", "rating", "status")),
    ("benchmark", 0.7, ("benchmark", "comparator", "average", "national", "quartile",
                        "england", "regional", "peer", "family", "compar")),
)
FIGURES = ("result", "target", "previous", "variance", "direction", "rag")
"""What an indicator table reports beside the indicator's name: one of these is needed."""
_ROLES = {"action": ACTION_FIELDS, "indicator": INDICATOR_FIELDS}
_KIND_CUES = {"action": _CUES, "indicator": _INDICATOR_CUES}
_GENERIC = frozenset({"column", "col", "field", "heading", "header", "blank", "untitled"})
_SO_FAR = re.compile(r"\b(?:to date|so far)\b")


@dataclass(frozen=True)
class Cue:
    role: str
    weight: float
    stem: str


@dataclass(frozen=True)
class Evidence:
    """Why a column would take a role: the joined score and the words for an officer."""

    role: str
    score: float
    reason: str


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def heading_cues(header: Folded, kind: str = "action") -> Mapping[str, Cue]:
    """The strongest cue per role in a heading's words; none for a blank or generic
    heading ("Column C", "Field 3"). "to date" / "so far" is progress, not a date; a
    start names its date; a number word last names the ref of whatever it follows;
    a word of time before ("RAG before", "Last year's result") makes it the previous one,
    except in a direction of travel, which always speaks of the period before."""
    return _cues(header.words, kind)


@lru_cache(maxsize=4096)
def _cues(folded: tuple[str, ...], kind: str) -> Mapping[str, Cue]:
    """`heading_cues`, once per heading and kind: each column's heading is asked about
    every role, and a paper prints the same headings table after table. Read-only, as
    it is shared."""
    words = [_stem(w) for w in folded]
    if all(w in _GENERIC or len(w) == 1 or w.isdigit() for w in words):
        return MappingProxyType({})
    cues: dict[str, Cue] = {}
    for word in words:
        for role, weight, stems in _KIND_CUES[kind]:
            stem = next((s for s in stems if word == s
                         or len(s) > 3 and word.startswith(_stem(s))), None)
            if stem and weight > cues.get(role, Cue(role, 0, "")).weight:
                cues[role] = Cue(role, weight, stem)
    if _SO_FAR.search(" ".join(folded)):
        cues.pop("due", None)
        cues["progress"] = Cue("progress", 0.7, "to date")
    if "start" in cues:
        cues.pop("due", None)
    if words and "ref" in cues and words[-1] == cues["ref"].stem:
        cues = {"ref": cues["ref"]}
    if kind == "indicator" and "previous" in cues and "direction" not in cues:
        cues = {"previous": cues["previous"]}
    return MappingProxyType(cues)


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _indicator_content(role: str, p: ColumnProfile) -> tuple[float, str]:
    """How far the cells look like an indicator table's `role`. Result, target and
    previous all hold figures: the cells say a column is one of them, its heading which."""
    figures = p.numbers * (1 - p.money)
    if role == "description":
        text = min(1.0, p.mean_length / 40) * p.unique
        return text * (1 - p.numbers) * (1 - p.dates) * (1 - p.rags), (
            f"names (mean {p.mean_length:.0f} characters, {_pct(p.unique)} distinct)")
    if role == "period":
        return 0.7 * p.dates * (1 - p.numbers), f"{_pct(p.dates)} of cells are periods"
    if role == "previous":
        value = max(figures, p.rags)
        return 0.5 * value, f"{_pct(value)} of cells are figures or RAG colours"
    if role in ("result", "target", "variance", "benchmark"):
        return (0.5 if role != "benchmark" else 0.3) * figures, (
            f"{_pct(figures)} of cells are figures")
    if role == "direction":
        return p.directions, f"{_pct(p.directions)} of cells are directions of travel"
    if role == "rag":
        return p.rags, f"{_pct(p.rags)} of cells are RAG colours"
    return _content(role, p, False)


def _content(role: str, p: ColumnProfile, leftmost_prose: bool) -> tuple[float, str]:
    """How far the cells look like `role`, and the words that say so."""
    pct = _pct
    if role == "ref":
        return p.refs * (1 - p.prose), f"{pct(p.refs)} of cells are short codes"
    if role == "section":
        label = min(1.0, p.mean_length / 20) * (1 - p.unique) * (1 - p.dates)
        return 0.7 * label, f"repeated labels ({pct(p.unique)} distinct)"
    if role == "action":
        value = p.prose * (1 - p.dates) * (1 - p.refs) * (1 - p.owners) * (1 - p.updates / 2)
        return value * (1.0 if leftmost_prose else 0.75), (
            f"long varied text (mean {p.mean_length:.0f} characters, {pct(p.unique)} distinct)")
    if role in ("due", "start"):
        return p.dates * (1.0 if role == "due" else 0.5), f"{pct(p.dates)} of cells are dates"
    if role == "owner":
        return p.owners, f"{pct(p.owners)} of cells name people, posts or teams"
    if role == "status":
        return p.statuses, f"{pct(p.statuses)} of cells are status words"
    if role == "rag":
        return p.rags, f"{pct(p.rags)} of cells are RAG colours"
    value = p.prose * min(1.0, 0.3 + p.updates)
    return value * (0.7 if leftmost_prose else 1.0), (
        f"long text, {pct(p.updates)} of cells report dated or done updates")


_CHECKABLE = frozenset({"ref", "action", "owner", "due", "start", "status", "rag", "direction",
                        "period", "description"})


def evidence(header: Folded, p: ColumnProfile, role: str, leftmost_prose: bool,
             kind: str = "action") -> Evidence:
    """Heading cue and content joined for one (column, role)."""
    cues = heading_cues(header, kind)
    cue = cues.get(role)
    content, said = (_content(role, p, leftmost_prose) if kind == "action"
                     else _indicator_content(role, p))
    if "previous" in cues and role != "previous":
        content /= 2  # cells of the period before, whatever they look like
    content *= p.weight
    heading = cue.weight if cue else 0.0
    parts = [f"heading word '{cue.stem}'"] if cue else []
    if p.filled:
        parts.append(said)
    score = 1 - (1 - heading) * (1 - content)
    if cue and role in _CHECKABLE and p.weight >= 0.6 and content < _CONTRADICTED:
        score = heading / 2
        parts.append("which contradicts the heading")
    return Evidence(role, round(score, 2), "; ".join(parts) or "no evidence")


def assign_roles(
    headers: list[Folded], profiles: list[ColumnProfile], open_columns: list[int],
    taken: set[str], floor: float = USE, kind: str = "action",
) -> dict[int, Evidence]:
    """The role each open column takes: a joint assignment over every (column, role)
    pair, each role to one column at most, kept only where the evidence reaches `floor`
    (USE to read the table; lower to show an officer what a column most resembles)."""
    roles = [r for r in _ROLES[kind] if r not in taken]
    if not open_columns or not roles:
        return {}
    prose = [i for i, p in enumerate(profiles) if p.prose >= ACTION_PROSE
             and p.unique >= DISTINCT]
    leftmost = prose[0] if prose else None
    table = [[evidence(headers[i], profiles[i], r, i == leftmost, kind) for r in roles]
             for i in open_columns]
    scores = np.array([[e.score for e in row] for row in table])
    chosen, picked = linear_sum_assignment(scores, maximize=True)
    return {open_columns[c]: table[c][r] for c, r in zip(chosen, picked, strict=True)
            if table[c][r].score >= floor}


def config_line(header: str, field: str, kind: str = "action") -> str:
    """The `config/columns.yaml` line that makes a heading mean `field` for certain."""
    printed = json.dumps(clean_text(header), ensure_ascii=False)
    return f"{kind}_table: {{{field}: [{printed}]}}"
