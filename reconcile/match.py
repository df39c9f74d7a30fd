"""Match actions between two versions of a plan as one assignment.

Blocking by text (`similarity.candidate_pairs`), one score per candidate
pair from the weighted comparisons of `rules.MatchSettings`, then a
one-to-one assignment (Hungarian algorithm) inside each connected group of
candidates, so a renumbered, reworded action finds its partner even when a
greedy first-come choice would have taken it for a neighbour. Scoring is
batched over all candidates: a 10,000-action plan is matched in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .rules import MatchSettings
from .similarity import candidate_pairs, text_similarities, tokens


@dataclass(frozen=True)
class Pair:
    """Two rows (positional indexes into the old and new frames) judged the same action."""

    old: int
    new: int
    score: float
    text_score: float
    review: bool


@cache
def owner_likeness(a: str, b: str) -> float:
    """Jaccard of the owner sets; 0.5 (no evidence) when either side names nobody."""
    left, right = set(filter(None, a.split(";"))), set(filter(None, b.split(";")))
    if not left or not right:
        return 0.5
    return len(left & right) / len(left | right)


@cache
def section_likeness(a: str, b: str) -> float:
    if not a or not b:
        return 0.5
    return fuzz.token_set_ratio(a.lower(), b.lower()) / 100


def _column(frame: pd.DataFrame, name: str) -> list[str]:
    return frame[name].tolist() if name in frame else [""] * len(frame)


def _headings(frame: pd.DataFrame) -> list[str]:
    """The heading each action sits under: its objective row if the paper has them."""
    return [o or s for o, s in zip(_column(frame, "objective"), _column(frame, "section"),
                                   strict=True)]


@dataclass(frozen=True)
class _Texts:
    """An action list's tokens, computed once per matching."""

    tokens: list[list[str]]
    joined: list[str]

    @classmethod
    def of(cls, texts: list[str]) -> _Texts:
        toks = [tokens(t) for t in texts]
        return cls(toks, [" ".join(t) for t in toks])


def _candidates(old_text: _Texts, new_text: _Texts, olds, news, min_cosine, rejected):
    """(i, j, text likeness) arrays for candidate pairs among the given rows."""
    rows, cols, cosines = candidate_pairs(
        [old_text.tokens[i] for i in olds], [new_text.tokens[j] for j in news], min_cosine
    )
    i = np.array(olds, dtype=int)[rows] if len(rows) else np.array([], int)
    j = np.array(news, dtype=int)[cols] if len(cols) else np.array([], int)
    keep = np.array([(a, b) not in rejected for a, b in zip(i, j, strict=True)], dtype=bool)
    i, j, cosines = i[keep], j[keep], cosines[keep] if len(keep) else cosines
    text = text_similarities([old_text.joined[a] for a in i], [new_text.joined[b] for b in j],
                             cosines)
    return i, j, text


def _assign(i, j, score, text, n_old: int, n_new: int):
    """Best one-to-one choice among scored pairs: Hungarian algorithm per connected group."""
    if not len(i):
        return []
    graph = coo_matrix((np.ones(len(i)), (i, n_old + j)), shape=(n_old + n_new,) * 2)
    _, label = connected_components(graph, directed=False)
    chosen = []
    order = np.argsort(label[i], kind="stable")
    bounds = np.flatnonzero(np.diff(label[i][order])) + 1
    for members in np.split(order, bounds):
        olds, old_at = np.unique(i[members], return_inverse=True)
        news, new_at = np.unique(j[members], return_inverse=True)
        cost = np.full((len(olds), len(news)), 1e6)
        cost[old_at, new_at] = -score[members]
        lookup = {(a, b): m for a, b, m in zip(old_at, new_at, members, strict=True)}
        for r, c in zip(*linear_sum_assignment(cost), strict=True):
            if cost[r, c] < 1e5:
                m = lookup[(r, c)]
                chosen.append((int(olds[r]), int(news[c]), float(score[m]), float(text[m])))
    return chosen


def match_versions(
    old: pd.DataFrame, new: pd.DataFrame, settings: MatchSettings,
    forced: list[tuple[int, int]] = (), rejected: set[tuple[int, int]] = frozenset(),
) -> list[Pair]:
    """One-to-one pairs between `old` and `new` (positional), best total score.

    First pass: pairs whose own comparisons clear `accept`. Second pass, among
    what is left: a weaker text likeness counts when the two actions sit under
    headings that the first pass already found to correspond (a section that
    was renumbered and reworded as a block); such pairs are always marked for
    review. `forced` pairs are taken as given (an officer's override) and
    `rejected` pairs are never proposed.
    """
    w = settings.weights
    old_text, new_text = _Texts.of(_column(old, "action")), _Texts.of(_column(new, "action"))
    old_ref, new_ref = _column(old, "ref"), _column(new, "ref")
    old_owner, new_owner = _column(old, "owners"), _column(new, "owners")
    old_head, new_head = _headings(old), _headings(new)
    old_section, new_section = _column(old, "section"), _column(new, "section")
    pairs = [Pair(o, n, 1.0, 1.0, False) for o, n in forced]
    forced_old, forced_new = {o for o, _ in forced}, {n for _, n in forced}
    olds = [i for i in range(len(old)) if i not in forced_old]
    news = [j for j in range(len(new)) if j not in forced_new]

    i, j, text = _candidates(old_text, new_text, olds, news, settings.candidate_min_text,
                             rejected)
    score = w["text"] * text + np.array([
        w["section"] * section_likeness(old_section[a], new_section[b])
        + w["owner"] * owner_likeness(old_owner[a], new_owner[b])
        + w["ref"] * (old_ref[a] != "" and old_ref[a] == new_ref[b])
        for a, b in zip(i, j, strict=True)
    ], dtype=float).reshape(-1)
    keep = score >= settings.accept
    for a, b, s, t in _assign(i[keep], j[keep], score[keep], text[keep], len(old), len(new)):
        pairs.append(Pair(a, b, s, t, s < settings.review_below))

    counts: dict[tuple[str, str], int] = {}
    totals: dict[str, int] = {}
    for p in pairs:
        key = (old_head[p.old], new_head[p.new])
        counts[key] = counts.get(key, 0) + 1
        totals[key[0]] = totals.get(key[0], 0) + 1
    paired_old, paired_new = {p.old for p in pairs}, {p.new for p in pairs}
    olds = [a for a in olds if a not in paired_old]
    news = [b for b in news if b not in paired_new]
    i, j, text = _candidates(old_text, new_text, olds, news, settings.context_min_text / 3,
                             rejected)
    support = np.array([counts.get((old_head[a], new_head[b]), 0) / totals.get(old_head[a], 1)
                        for a, b in zip(i, j, strict=True)], dtype=float).reshape(-1)
    score = (1 - settings.context_weight) * text + settings.context_weight * support
    keep = (text >= settings.context_min_text) & (support > 0) & (score >= settings.accept)
    for a, b, s, t in _assign(i[keep], j[keep], score[keep], text[keep], len(old), len(new)):
        pairs.append(Pair(a, b, s, t, True))
    return sorted(pairs, key=lambda p: (p.new, p.old))
