"""Match actions between two versions of a plan as one assignment.

Blocking by text (`similarity.TextIndex`), one score per candidate pair from
the weighted comparisons of `rules.MatchSettings`, then a one-to-one
assignment (Hungarian algorithm) inside each connected group of candidates,
so a renumbered, reworded action finds its partner even when a greedy
first-come choice would have taken it for a neighbour. Three passes, each over
what the one before left: pairs the comparisons settle, pairs matched
neighbours vouch for (`neighbours`), and the pieces of split or merged
actions. Scoring is batched over all candidates: a 10,000-action plan is
matched in seconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .neighbours import anchor_windows, heading_support, window_pairs
from .rules import MatchSettings
from .similarity import TextIndex, text_similarities, tokens


@dataclass(frozen=True)
class Pair:
    """Two rows (positional indexes into the old and new frames) judged the same action.

    `part` marks a piece of a split or merged action: one side already has its main
    partner, and this pair says the other action went into (or came out of) it; its
    score is the share of the piece's word weight found there."""

    old: int
    new: int
    score: float
    review: bool
    part: bool = False


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


def _context_tokens(extra: str) -> list[str]:
    """Words of the row's other descriptive columns (task, outcome, …), numbers left out."""
    values = json.loads(extra).values() if extra else ()
    return [t for t in tokens(" ".join(map(str, values))) if not t.isdigit()]


@dataclass(frozen=True)
class _Side:
    """One version's columns as the comparisons read them, computed once per matching."""

    tokens: list[list[str]]
    joined: list[str]
    context: list[list[str]]
    ref: list[str]
    owners: list[str]
    section: list[str]
    heading: list[str]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> _Side:
        toks = [tokens(t) for t in _column(frame, "action")]
        return cls(toks, [" ".join(t) for t in toks],
                   [_context_tokens(e) for e in _column(frame, "extra")], _column(frame, "ref"),
                   _column(frame, "owners"), _column(frame, "section"), _headings(frame))


class _Scorer:
    """The comparisons of `MatchSettings` for batches of candidate pairs."""

    def __init__(self, old: _Side, new: _Side, settings: MatchSettings):
        self.old, self.new, self.settings = old, new, settings
        self.text = TextIndex.build(old.tokens, new.tokens)
        self.context = TextIndex.build(old.context, new.context)
        self.old_has_context, self.new_has_context = self.context.has_text()

    def likeness(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Text likeness, blended with the likeness of the rows' other descriptive columns
        where both rows have them (a plan with Task and Outcome columns spreads what an
        action is across them)."""
        text = text_similarities([self.old.joined[a] for a in i], [self.new.joined[b] for b in j],
                                 self.text.cosines(i, j))
        share = self.settings.context_share * (self.old_has_context[i] & self.new_has_context[j])
        return (1 - share) * text + share * self.context.cosines(i, j)

    def score(self, i: np.ndarray, j: np.ndarray, text: np.ndarray) -> np.ndarray:
        w, old, new = self.settings.weights, self.old, self.new
        return w["text"] * text + np.array([
            w["section"] * section_likeness(old.section[a], new.section[b])
            + w["owner"] * owner_likeness(old.owners[a], new.owners[b])
            + w["ref"] * (old.ref[a] != "" and old.ref[a] == new.ref[b])
            for a, b in zip(i, j, strict=True)
        ], dtype=float).reshape(-1)


def _assign(i, j, score, n_old: int, n_new: int):
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
                chosen.append((int(olds[r]), int(news[c]), float(score[m])))
    return chosen


def _best_of(group: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Where `value` is the largest among the candidates of the same `group` (an action)."""
    top = np.full(group.max(initial=-1) + 1, -np.inf)
    np.maximum.at(top, group, value)
    return value >= top[group]


def _without(i, j, rejected):
    keep = np.array([(a, b) not in rejected for a, b in zip(i, j, strict=True)], dtype=bool)
    return i[keep], j[keep]


def _pairs_among(i, j, rejected) -> tuple[np.ndarray, np.ndarray]:
    """Distinct candidate pairs from several sources, less the rejected ones."""
    both = np.unique(np.c_[i, j].astype(int).reshape(-1, 2), axis=0)
    return _without(both[:, 0], both[:, 1], rejected)


def _neighbour_pass(scorer: _Scorer, anchors, olds, news, rejected, n_old, n_new):
    """Leftover pairs with a fair text likeness that matched neighbours vouch for (under
    corresponding headings, or inside an anchor window) and that are each other's closest
    text: neighbours may confirm a weak pair, not prefer it to a closer rival."""
    s = scorer.settings
    first, last = anchor_windows(anchors, n_old, n_new)
    ti, tj, _ = scorer.text.candidates(olds, news, s.context_min_text / 3)
    wi, wj = window_pairs(first, last, olds, news)
    i, j = _pairs_among(np.r_[ti, wi], np.r_[tj, wj], rejected)
    text = scorer.likeness(i, j)
    support = np.maximum(
        heading_support(anchors, scorer.old.heading, scorer.new.heading, i, j),
        s.window_support * ((first[i] <= j) & (j <= last[i])))
    score = (1 - s.context_weight) * text + s.context_weight * support
    keep = (text >= s.context_min_text) & (support > 0) & (score >= s.accept)
    keep &= _best_of(i, text) & _best_of(j, text)
    return _assign(i[keep], j[keep], score[keep], n_old, n_new)


def _part_pass(scorer: _Scorer, pairs: list[Pair], i, j) -> list[Pair]:
    """Among the first pass's candidates, leftover actions whose words are nearly all
    inside an action that already has its partner, in words that partner lacks: an old
    action merged into a new one, or a new one split off an old one. Each leftover
    joins at most one action."""
    partner = {True: {p.old: p.new for p in pairs}, False: {p.new: p.old for p in pairs}}
    found = []
    for old_in_new in (True, False):
        leftover, matched = (i, j) if old_in_new else (j, i)
        mine, theirs = partner[old_in_new], partner[not old_in_new]
        keep = np.array([a not in mine and b in theirs
                         for a, b in zip(leftover, matched, strict=True)], dtype=bool)
        a, b = i[keep], j[keep]
        besides = np.array([theirs[m] for m in (b if old_in_new else a)], dtype=int)
        share = scorer.text.contained(a, b, old_in_new, besides)
        keep = (share >= scorer.settings.part_min) & _best_of(a if old_in_new else b, share)
        found += [Pair(int(x), int(y), float(c), True, True)
                  for x, y, c in zip(a[keep], b[keep], share[keep], strict=True)]
    return found


def match_versions(
    old: pd.DataFrame, new: pd.DataFrame, settings: MatchSettings,
    forced: list[tuple[int, int]] = (), rejected: set[tuple[int, int]] = frozenset(),
) -> list[Pair]:
    """Pairs between `old` and `new` (positional), one-to-one but for `part` pairs.

    First pass: pairs whose own comparisons clear `accept`. Second pass, among
    what is left: a weaker text likeness counts when matched neighbours vouch
    for the pair. Third: pieces of split and merged actions. Pairs of the later
    passes are always marked for review. `forced` pairs are taken as given (an
    officer's override) and `rejected` pairs are never proposed.
    """
    s = settings
    scorer = _Scorer(_Side.of(old), _Side.of(new), s)
    pairs = [Pair(o, n, 1.0, False) for o, n in forced]
    forced_old, forced_new = {o for o, _ in forced}, {n for _, n in forced}
    olds = [i for i in range(len(old)) if i not in forced_old]
    news = [j for j in range(len(new)) if j not in forced_new]

    i, j, _ = scorer.text.candidates(olds, news, s.candidate_min_text)
    i, j = _without(i, j, rejected)
    text = scorer.likeness(i, j)
    score = scorer.score(i, j, text)
    keep = score >= s.accept
    for a, b, sc in _assign(i[keep], j[keep], score[keep], len(old), len(new)):
        pairs.append(Pair(a, b, sc, sc < s.review_below))

    anchors = [(p.old, p.new) for p in pairs]
    paired_old, paired_new = {p.old for p in pairs}, {p.new for p in pairs}
    left_old = [a for a in olds if a not in paired_old]
    left_new = [b for b in news if b not in paired_new]
    for a, b, sc in _neighbour_pass(scorer, anchors, left_old, left_new, rejected,
                                       len(old), len(new)):
        pairs.append(Pair(a, b, sc, True))
    pairs += _part_pass(scorer, pairs, i, j)
    return sorted(pairs, key=lambda p: (p.new, p.old))


def explain_pairs(old: pd.DataFrame, new: pd.DataFrame, settings: MatchSettings,
                  pairs: list[tuple[int, int]]) -> pd.DataFrame:
    """The first pass's comparisons for given (old, new) positions, `words` being the
    TF-IDF cosine alone: why a pair scored as it did (for the evaluation report and for
    reading a doubtful match)."""
    scorer = _Scorer(_Side.of(old), _Side.of(new), settings)
    i, j = np.array(pairs, dtype=int).reshape(-1, 2).T
    text = scorer.likeness(i, j)
    return pd.DataFrame({
        "text": text, "words": scorer.text.cosines(i, j),
        "context": np.where(scorer.old_has_context[i] & scorer.new_has_context[j],
                            scorer.context.cosines(i, j), np.nan),
        "section": [section_likeness(scorer.old.section[a], scorer.new.section[b])
                    for a, b in zip(i, j, strict=True)],
        "owner": [owner_likeness(scorer.old.owners[a], scorer.new.owners[b])
                  for a, b in zip(i, j, strict=True)],
        "score": scorer.score(i, j, text),
    })

