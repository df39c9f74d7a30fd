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
from pandas.api.types import is_datetime64_dtype
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

from planrecon.normalise.schema import written

from .neighbours import anchor_windows, heading_support, window_pairs
from .rules import BlockingRule, Comparison, MatchSettings
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
def _owner_likeness(a: tuple[str, ...], b: tuple[str, ...]) -> float | None:
    """Jaccard of the owner sets; None when either side names nobody."""
    left, right = set(a), set(b)
    return len(left & right) / len(left | right) if left and right else None


@cache
def _word_likeness(a: str, b: str) -> float | None:
    return fuzz.token_set_ratio(a.lower(), b.lower()) / 100 if a and b else None


def _equal(a: str, b: str) -> float | None:
    return float(a == b) if a and b else None


MEASURES = {"words": _word_likeness, "owners": _owner_likeness, "equal": _equal}
"""The per-pair measures a comparison may name (`text` is batched, in `_Scorer`): a
likeness in 0..1, None when either side is missing."""


def _column(frame: pd.DataFrame, name: str) -> list:
    """A column as the comparisons and blocking rules read it: its values, but a date as
    its ISO text ('' for none), so a comparison or blocking rule an officer names a date
    column in finds it missing, equal or alike as it would the printed date."""
    if name not in frame:
        return [""] * len(frame)
    values = frame[name]
    return [written(v) for v in values] if is_datetime64_dtype(values) else values.tolist()


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
    heading: list[str]
    columns: dict[str, list[str]]
    """The columns the comparisons and blocking rules name, as printed."""

    @classmethod
    def of(cls, frame: pd.DataFrame, settings: MatchSettings) -> _Side:
        toks = [tokens(t) for t in _column(frame, "action")]
        return cls(toks, [" ".join(t) for t in toks],
                   [_context_tokens(e) for e in _column(frame, "extra")], _headings(frame),
                   {name: _column(frame, name) for name in settings.columns})


class _Scorer:
    """The comparisons and blocking rules of `MatchSettings` for batches of pairs."""

    def __init__(self, old: pd.DataFrame, new: pd.DataFrame, settings: MatchSettings):
        self.settings = settings
        self.old, self.new = _Side.of(old, settings), _Side.of(new, settings)
        self.text = TextIndex.build(self.old.tokens, self.new.tokens)
        self.context = TextIndex.build(self.old.context, self.new.context)
        self.old_has_context, self.new_has_context = self.context.has_text()

    def likeness(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Text likeness, blended with the likeness of the rows' other descriptive columns
        where both rows have them (a plan with Task and Outcome columns spreads what an
        action is across them)."""
        text = text_similarities([self.old.joined[a] for a in i], [self.new.joined[b] for b in j],
                                 self.text.cosines(i, j))
        share = self.settings.context_share * (self.old_has_context[i] & self.new_has_context[j])
        return (1 - share) * text + share * self.context.cosines(i, j)

    def candidates(self, olds, news) -> tuple[np.ndarray, np.ndarray]:
        """The pairs among these rows that some blocking rule lets through."""
        found = [self._blocked(rule, olds, news) for rule in self.settings.blocking]
        return _pairs_among(np.concatenate([f[0] for f in found]),
                            np.concatenate([f[1] for f in found]), set())

    def _blocked(self, rule: BlockingRule, olds, news):
        if rule.rule == "similar_text" and rule.within is None:
            return self.text.candidates(olds, news, rule.min_cosine, rule.top_k)[:2]
        if rule.rule == "similar_text":
            found = [self.text.candidates(left, right, rule.min_cosine, rule.top_k)[:2]
                     for left, right in _same_value_rows(self.old.columns[rule.within],
                                                         self.new.columns[rule.within],
                                                         olds, news).values()
                     if left and right]
            return (np.concatenate([np.array([], int)] + [f[0] for f in found]),
                    np.concatenate([np.array([], int)] + [f[1] for f in found]))
        return same_value_pairs(self.old.columns[rule.column], self.new.columns[rule.column],
                                olds, news, rule.top_k)

    def compare(self, comparison: Comparison, i, j, text: np.ndarray) -> np.ndarray:
        """One comparison's score per pair, `text` being the pairs' text likeness."""
        left, right = self.old.columns[comparison.column], self.new.columns[comparison.column]
        exact = np.array([left[a] == right[b] for a, b in zip(i, j, strict=True)], dtype=bool)
        if comparison.measure == "text":
            missing = np.array([not (self.old.joined[a] and self.new.joined[b])
                                for a, b in zip(i, j, strict=True)], dtype=bool)
            likeness = np.where(missing, 0.0, text)
        else:
            measure = MEASURES[comparison.measure]
            found = [measure(left[a], right[b]) for a, b in zip(i, j, strict=True)]
            missing = np.array([f is None for f in found], dtype=bool)
            likeness = np.array([f or 0.0 for f in found], dtype=float)
        return comparison.score(missing, exact, likeness)

    def score(self, i: np.ndarray, j: np.ndarray, text: np.ndarray) -> np.ndarray:
        """The weighted sum of the comparisons, added as the first one plus the sum of the
        rest (the order scores were always added in: the same figures to the last digit)."""
        first, *rest = [c.weight * self.compare(c, i, j, text)
                        for c in self.settings.comparisons.values()]
        return first + sum(rest, np.zeros(len(i)))


def _same_value_rows(old: list[str], new: list[str], olds, news
                     ) -> dict[str, tuple[list[int], list[int]]]:
    """Each non-empty value → (the given old rows, the given new rows) holding it."""
    rows: dict[str, tuple[list[int], list[int]]] = {}
    for side, values, positions in ((0, old, olds), (1, new, news)):
        for p in positions:
            if values[p]:
                rows.setdefault(values[p], ([], []))[side].append(p)
    return rows


def same_value_pairs(old: list[str], new: list[str], olds, news, top_k: int):
    """(old, new) among the given rows holding the same non-empty value, for values that
    at most `top_k` rows on each side hold (one owner for a whole plan blocks nothing)."""
    rows = _same_value_rows(old, new, olds, news)
    pairs = [(a, b) for left, right in rows.values() if len(left) <= top_k >= len(right)
             for a in left for b in right]
    return np.array([a for a, _ in pairs], dtype=int), np.array([b for _, b in pairs], dtype=int)


NOT_PAIRED = 1e6
"""The cost of leaving an action of a group unpaired: above any sum of pair scores, so the
assignment pairs as many actions as it can, then the best-scoring ones."""
DENSE_CELLS = 4_000_000
"""A group of candidates up to this many old × new cells is assigned on its full cost
matrix; a larger one (a very large plan's candidates joined into one group) on the sparse
graph of its candidate pairs, with the same optimum and no matrix (at 100,000 × 100,000
actions the matrix alone would take 80 GB)."""


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
        assign = _dense if len(olds) * len(news) <= DENSE_CELLS else _sparse
        for r, c, m in assign(old_at, new_at, len(olds), len(news), members, score):
            chosen.append((int(olds[r]), int(news[c]), float(score[m])))
    return chosen


def _dense(old_at, new_at, n_olds: int, n_news: int, members, score):
    """(row, column, member) chosen by the Hungarian algorithm on the group's full matrix."""
    cost = np.full((n_olds, n_news), NOT_PAIRED)
    cost[old_at, new_at] = -score[members]
    lookup = {(a, b): m for a, b, m in zip(old_at, new_at, members, strict=True)}
    return [(r, c, lookup[(r, c)]) for r, c in zip(*linear_sum_assignment(cost), strict=True)
            if cost[r, c] < NOT_PAIRED / 10]


def _sparse(old_at, new_at, n_olds: int, n_news: int, members, score):
    """(row, column, member) of the same optimum on the sparse graph (LAPJVsp): each row of
    the smaller side also gets a column of its own standing for 'unpaired', so a full
    matching always exists; pair costs are shifted to stay positive."""
    flip = n_olds > n_news
    rows, cols = (new_at, old_at) if flip else (old_at, new_at)
    n_rows, n_cols = (n_news, n_olds) if flip else (n_olds, n_news)
    own = np.arange(n_rows)
    graph = csr_matrix((np.r_[2.0 - score[members], np.full(n_rows, NOT_PAIRED)],
                        (np.r_[rows, own], np.r_[cols, n_cols + own])),
                       shape=(n_rows, n_cols + n_rows))
    lookup = {(a, b): m for a, b, m in zip(rows, cols, members, strict=True)}
    found = [(r, c, lookup[(r, c)])
             for r, c in zip(*min_weight_full_bipartite_matching(graph), strict=True)
             if c < n_cols]
    return [(c, r, m) for r, c, m in found] if flip else found


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
    s = scorer.settings.neighbours
    first, last = anchor_windows(anchors, n_old, n_new, s.max_gap)
    ti, tj, _ = scorer.text.candidates(olds, news, s.min_text / s.candidate_divisor, s.top_k)
    wi, wj = window_pairs(first, last, olds, news)
    i, j = _pairs_among(np.r_[ti, wi], np.r_[tj, wj], rejected)
    text = scorer.likeness(i, j)
    support = np.maximum(
        heading_support(anchors, scorer.old.heading, scorer.new.heading, i, j),
        s.window_support * ((first[i] <= j) & (j <= last[i])))
    score = (1 - s.weight) * text + s.weight * support
    keep = (text >= s.min_text) & (support > 0) & (score >= scorer.settings.thresholds.accept)
    keep &= _best_of(i, text) & _best_of(j, text)
    return _assign(i[keep], j[keep], score[keep], n_old, n_new)


def _part_pass(scorer: _Scorer, pairs: list[Pair], i, j) -> list[Pair]:
    """Among the first pass's candidates, leftover actions whose words are nearly all
    inside an action that already has its partner, in words that partner lacks: an old
    action merged into a new one, or a new one split off an old one. Each leftover
    joins at most one action."""
    s = scorer.settings.parts
    partner = {True: {p.old: p.new for p in pairs}, False: {p.new: p.old for p in pairs}}
    found = []
    for old_in_new in (True, False):
        leftover, matched = (i, j) if old_in_new else (j, i)
        mine, theirs = partner[old_in_new], partner[not old_in_new]
        keep = np.array([a not in mine and b in theirs
                         for a, b in zip(leftover, matched, strict=True)], dtype=bool)
        a, b = i[keep], j[keep]
        besides = np.array([theirs[m] for m in (b if old_in_new else a)], dtype=int)
        share = scorer.text.contained(a, b, old_in_new, s.min_words, besides)
        keep = (share >= s.min_share) & _best_of(a if old_in_new else b, share)
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
    scorer, s = _Scorer(old, new, settings), settings.thresholds
    pairs = [Pair(o, n, 1.0, False) for o, n in forced]
    forced_old, forced_new = {o for o, _ in forced}, {n for _, n in forced}
    olds = [i for i in range(len(old)) if i not in forced_old]
    news = [j for j in range(len(new)) if j not in forced_new]

    i, j = _without(*scorer.candidates(olds, news), rejected)
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
    scorer = _Scorer(old, new, settings)
    i, j = np.array(pairs, dtype=int).reshape(-1, 2).T
    text = scorer.likeness(i, j)
    return pd.DataFrame({
        **{name: scorer.compare(c, i, j, text) for name, c in settings.comparisons.items()},
        "words": scorer.text.cosines(i, j),
        "context": np.where(scorer.old_has_context[i] & scorer.new_has_context[j],
                            scorer.context.cosines(i, j), np.nan),
        "score": scorer.score(i, j, text),
    })

