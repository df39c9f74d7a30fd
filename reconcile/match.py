"""Match actions between two versions of a plan as one assignment.

Blocking by text (`similarity.candidate_pairs`), one score per candidate
pair from the weighted comparisons of `rules.MatchSettings`, then a
one-to-one assignment (Hungarian algorithm) inside each connected group of
candidates, so a renumbered, reworded action finds its partner even when a
greedy first-come choice would have taken it for a neighbour.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .rules import MatchSettings
from .similarity import candidate_pairs, text_similarity


@dataclass(frozen=True)
class Pair:
    """Two rows (positional indexes into the old and new frames) judged the same action."""

    old: int
    new: int
    score: float
    text_score: float
    review: bool


def _owner_score(a: str, b: str) -> float:
    left, right = set(filter(None, a.split(";"))), set(filter(None, b.split(";")))
    if not left or not right:
        return 0.5
    return len(left & right) / len(left | right)


def _section_score(a: str, b: str) -> float:
    if not a or not b:
        return 0.5
    return fuzz.token_set_ratio(a.lower(), b.lower()) / 100


def pair_score(old: pd.Series, new: pd.Series, text: float, settings: MatchSettings) -> float:
    """Weighted sum of the comparisons for one candidate pair."""
    w = settings.weights
    ref = 1.0 if old["ref"] and old["ref"] == new["ref"] else 0.0
    return (
        w["text"] * text
        + w["section"] * _section_score(old["section"], new["section"])
        + w["owner"] * _owner_score(old["owners"], new["owners"])
        + w["ref"] * ref
    )


def _context(row: pd.Series) -> str:
    """The heading an action sits under: its objective row if the paper has them."""
    return row.get("objective", "") or row["section"]


def _assign(scored: dict[tuple[int, int], tuple[float, float]], n_old: int, n_new: int):
    """Best one-to-one choice among scored pairs: Hungarian algorithm per connected group."""
    if not scored:
        return []
    keys = list(scored)
    graph = coo_matrix(
        (np.ones(len(keys)), ([i for i, _ in keys], [n_old + j for _, j in keys])),
        shape=(n_old + n_new,) * 2,
    )
    _, label = connected_components(graph, directed=False)
    groups: dict[int, list[tuple[int, int]]] = {}
    for key in keys:
        groups.setdefault(label[key[0]], []).append(key)
    chosen = []
    for members in groups.values():
        olds = sorted({i for i, _ in members})
        news = sorted({j for _, j in members})
        cost = np.full((len(olds), len(news)), 1e6)
        for i, j in members:
            cost[olds.index(i), news.index(j)] = -scored[(i, j)][0]
        for r, c in zip(*linear_sum_assignment(cost), strict=True):
            if cost[r, c] < 1e5:
                chosen.append((olds[r], news[c], *scored[(olds[r], news[c])]))
    return chosen


def _text_candidates(old, new, olds, news, min_cosine, rejected):
    """(i, j, text similarity) for candidate pairs among the given rows."""
    rows, cols, cosines = candidate_pairs(
        [old["action"].iat[i] for i in olds], [new["action"].iat[j] for j in news], min_cosine
    )
    for r, c, cosine in zip(rows, cols, cosines, strict=True):
        i, j = olds[r], news[c]
        if (i, j) not in rejected:
            yield i, j, text_similarity(old["action"].iat[i], new["action"].iat[j], float(cosine))


def _heading_map(old, new, pairs) -> dict[tuple[str, str], float]:
    """Share of each old heading's matched actions that went to each new heading."""
    counts: dict[tuple[str, str], int] = {}
    totals: dict[str, int] = {}
    for p in pairs:
        key = (_context(old.iloc[p.old]), _context(new.iloc[p.new]))
        counts[key] = counts.get(key, 0) + 1
        totals[key[0]] = totals.get(key[0], 0) + 1
    return {key: n / totals[key[0]] for key, n in counts.items()}


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
    pairs = [Pair(o, n, 1.0, 1.0, False) for o, n in forced]
    olds = [i for i in range(len(old)) if i not in {o for o, _ in forced}]
    news = [j for j in range(len(new)) if j not in {n for _, n in forced}]
    scored = {}
    for i, j, text in _text_candidates(old, new, olds, news, settings.candidate_min_text,
                                       rejected):
        score = pair_score(old.iloc[i], new.iloc[j], text, settings)
        if score >= settings.accept:
            scored[(i, j)] = (score, text)
    for i, j, score, text in _assign(scored, len(old), len(new)):
        pairs.append(Pair(i, j, score, text, score < settings.review_below))
    headings = _heading_map(old, new, pairs)
    olds = [i for i in olds if i not in {p.old for p in pairs}]
    news = [j for j in news if j not in {p.new for p in pairs}]
    scored = {}
    for i, j, text in _text_candidates(old, new, olds, news, settings.context_min_text / 3,
                                       rejected):
        support = headings.get((_context(old.iloc[i]), _context(new.iloc[j])), 0.0)
        score = (1 - settings.context_weight) * text + settings.context_weight * support
        if text >= settings.context_min_text and support > 0 and score >= settings.accept:
            scored[(i, j)] = (score, text)
    for i, j, score, text in _assign(scored, len(old), len(new)):
        pairs.append(Pair(i, j, score, text, True))
    return sorted(pairs, key=lambda p: (p.new, p.old))
