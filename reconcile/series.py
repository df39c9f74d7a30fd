"""Which versions are one plan, and where a version with no date sits in its plan.

Wording changes from meeting to meeting, and an action log can drop every action
between two meetings (all were done, all new ones were set), so sameness takes
two kinds of evidence, each enough alone:

- content: enough of the smaller version's actions recur in the other;
- name: the two papers sit in the same inbox folder and are headed alike (their
  title, cover lines and file name, dates and numbers left out).

A version with no as-of date anywhere is placed by content: an action log carries
unfinished actions forward, so it belongs where it shares most actions with its
neighbours.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from .rules import MatchSettings
from .similarity import STOPWORDS, candidate_pairs, tokens

SERIES_OVERLAP = 0.15
"""Share of the smaller version's actions that must recur for two versions to be one plan."""
SAME_HEADING = 0.6
"""Share of heading words (Jaccard) two papers in one folder need to be one plan by name."""
_WORD = re.compile(r"[a-z]+")
_MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february march "
                    "april june july august september october november december".split())


def shared_actions(a: list[str], b: list[str]) -> int:
    """How many actions of the smaller side recur (near-identical wording) in the other."""
    if not a or not b:
        return 0
    same = MatchSettings.resolve().same_action  # the declared rule (reconcile/matching.yaml)
    rows, cols, _ = candidate_pairs([tokens(t) for t in a], [tokens(t) for t in b],
                                    same.min_cosine)
    return min(len(set(rows.tolist())), len(set(cols.tolist())))


def overlap(a: list[str], b: list[str]) -> float:
    return shared_actions(a, b) / min(len(a), len(b)) if a and b else 0.0


def heading_words(heading: str) -> frozenset[str]:
    """The words that name a paper (its title, cover lines and file name, normalise's
    `heading`), dates and numbers left out."""
    words = _WORD.findall(heading.lower())
    return frozenset(w for w in words if w not in STOPWORDS and w not in _MONTHS and len(w) > 1)


def heading_likeness(a: str, b: str) -> float:
    wa, wb = heading_words(a), heading_words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def same_plan(a, b, paper_a, paper_b) -> str:
    """Why versions `a` and `b` are one plan, or '' when nothing says so; `paper_a` and
    `paper_b` are their papers' facts (normalise's `paper_facts` rows)."""
    if a.plan_id and b.plan_id:
        return "plans.yaml names one plan" if a.plan_id == b.plan_id else ""
    share = overlap(a.actions, b.actions)
    if share >= SERIES_OVERLAP:
        return f"{share:.0%} of the smaller version's actions recur"
    folder = PurePosixPath(paper_a.source_file).parent
    if folder == PurePosixPath(paper_b.source_file).parent and str(folder) != ".":
        likeness = heading_likeness(paper_a.heading, paper_b.heading)
        if likeness >= SAME_HEADING:
            return f"same folder and heading ({likeness:.0%} of heading words shared)"
    return ""


def place_undated(members: list) -> None:
    """Give each undated version of one plan a place among its dated versions by content.

    The place scores the actions it shares with the versions either side, less those the
    two neighbours share that it lacks (a carried action should pass through it)."""
    dated = sorted((v for v in members if v.version_date), key=lambda v: v.version_date)
    for version in (v for v in members if not v.version_date):
        if not dated:
            version.reasons.append("no as-of date in its plan: versions ordered by file name")
            continue
        shared = [shared_actions(version.actions, d.actions) for d in dated]
        best, best_score = None, 0
        for slot in range(len(dated) + 1):
            before = shared[slot - 1] if slot else 0
            after = shared[slot] if slot < len(dated) else 0
            carried = (shared_actions(dated[slot - 1].actions, dated[slot].actions)
                       if 0 < slot < len(dated) else 0)
            score = before + after - max(0, carried - min(before, after))
            if score > best_score:
                best, best_score = slot, score
        if best is None:
            version.reasons.append("no as-of date and no action shared with a dated version: "
                                   "placed last")
            continue
        _place(version, dated, best, shared)


def _place(version, dated: list, slot: int, shared: list[int]) -> None:
    """Record the place: sort just after the version before, or just before the first."""
    said = []
    if slot:
        prev = dated[slot - 1]
        version.order_date = prev.version_date
        said.append(f"after {prev.label} ({shared[slot - 1]} actions shared)")
    else:
        version.order_date = dated[0].version_date - dt.timedelta(days=1)
    if slot < len(dated):
        said.append(f"before {dated[slot].label} ({shared[slot]} actions shared)")
    version.reasons.append("no as-of date: placed by content " + " and ".join(said))
