"""Evidence from matched neighbours, for actions the text alone does not settle.

Plans are revised in place: an action keeps its place among the actions
around it, and a section keeps its counterpart. Once the clear pairs are
known, they vouch for the unclear ones in two ways. Anchors: an old action
whose predecessor and successor are matched most likely became one of the new
actions between their partners. Headings: when most matched actions of an old
heading went under one new heading, the headings correspond.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np


def heading_support(anchors: Sequence[tuple[int, int]], old_head: Sequence[str],
                    new_head: Sequence[str], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Share of the old heading's matched actions that went under the new heading (none
    when either action has no heading: a plan without headings says nothing this way)."""
    counts = Counter((old_head[a], new_head[b]) for a, b in anchors)
    totals = Counter(old_head[a] for a, _ in anchors)
    return np.array([counts[(old_head[a], new_head[b])] / totals[old_head[a]]
                     if old_head[a] and new_head[b] and totals[old_head[a]] else 0.0
                     for a, b in zip(i, j, strict=True)])


def anchor_windows(anchors: Sequence[tuple[int, int]], n_old: int, n_new: int, max_gap: int):
    """(first, last) new positions, per old position, between the partners of its nearest
    matched predecessor and successor (or the plan's start or end when one side has none);
    (0, -1) when nothing is matched, or the partners are out of order or more than
    `max_gap` new actions apart (a block was moved)."""
    partner = np.full(n_old, -1)
    for a, b in anchors:
        partner[a] = b
    position = np.arange(n_old)
    latest = np.maximum.accumulate(np.where(partner >= 0, position, -1))  # matched at or before
    soonest = np.minimum.accumulate(np.where(partner >= 0, position, n_old)[::-1])[::-1]
    before, after = np.r_[-1, latest][:n_old], np.r_[soonest, n_old][1:]
    first = np.where(before >= 0, partner[before] + 1, 0)
    last = np.where(after < n_old, partner[np.minimum(after, n_old - 1)] - 1, n_new - 1)
    unanchored = (before < 0) & (after >= n_old)
    useless = unanchored | (last < first) | (last - first + 1 > max_gap)
    return np.where(useless, 0, first), np.where(useless, -1, last)


def window_pairs(first: np.ndarray, last: np.ndarray, olds: Sequence[int],
                 news: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """Every (old, new) among the given rows with the new action inside the old one's window."""
    news_sorted = np.sort(np.asarray(news, dtype=int))
    i, j = [], []
    for a in olds:
        lo, hi = np.searchsorted(news_sorted, [first[a], last[a] + 1])
        i.extend([a] * (hi - lo))
        j.extend(news_sorted[lo:hi].tolist())
    return np.array(i, dtype=int), np.array(j, dtype=int)
