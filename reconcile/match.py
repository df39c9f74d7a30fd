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


def match_versions(
    old: pd.DataFrame, new: pd.DataFrame, settings: MatchSettings,
    forced: list[tuple[int, int]] = (), rejected: set[tuple[int, int]] = frozenset(),
) -> list[Pair]:
    """One-to-one pairs between `old` and `new` (positional), best total score.

    `forced` pairs are taken as given (an officer's override) and their rows
    leave the assignment; `rejected` pairs are never proposed.
    """
    pairs = [Pair(o, n, 1.0, 1.0, False) for o, n in forced]
    taken_old = {o for o, _ in forced}
    taken_new = {n for _, n in forced}
    rows, cols, cosines = candidate_pairs(
        old["action"].tolist(), new["action"].tolist(), settings.candidate_min_text
    )
    scored: dict[tuple[int, int], tuple[float, float]] = {}
    for i, j, cosine in zip(rows, cols, cosines, strict=True):
        if i in taken_old or j in taken_new or (i, j) in rejected:
            continue
        text = text_similarity(old["action"].iat[i], new["action"].iat[j], float(cosine))
        score = pair_score(old.iloc[i], new.iloc[j], text, settings)
        if score >= settings.accept:
            scored[(int(i), int(j))] = (score, text)
    if not scored:
        return pairs
    keys = list(scored)
    n_old = len(old)
    graph = coo_matrix(
        (np.ones(len(keys)), ([i for i, _ in keys], [n_old + j for _, j in keys])),
        shape=(n_old + len(new),) * 2,
    )
    _, label = connected_components(graph, directed=False)
    groups: dict[int, list[tuple[int, int]]] = {}
    for key in keys:
        groups.setdefault(label[key[0]], []).append(key)
    for members in groups.values():
        olds = sorted({i for i, _ in members})
        news = sorted({j for _, j in members})
        cost = np.full((len(olds), len(news)), 1e6)
        for i, j in members:
            cost[olds.index(i), news.index(j)] = -scored[(i, j)][0]
        for r, c in zip(*linear_sum_assignment(cost), strict=True):
            if cost[r, c] < 1e5:
                score, text = scored[(olds[r], news[c])]
                pairs.append(Pair(olds[r], news[c], score, text, score < settings.review_below))
    return sorted(pairs, key=lambda p: (p.new, p.old))
