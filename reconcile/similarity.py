"""Vectorised text likeness between the actions of two plan versions.

Both versions' texts become TF-IDF rows over one vocabulary of stemmed words
(`TextIndex`), built once per matching and used for every comparison. One
sparse product per block of rows finds each action's best few candidates (so
10,000 × 10,000 stays fast); every candidate is then refined in one batched
call with rapidfuzz's token ratios, because council rewording mostly adds or
drops words around the same core ("Vision agreed" → "Vision agreed by the
CB"). How much of one text another contains finds the pieces of a split or
merged action.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

_TOKEN = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it of on or the to with this that".split()
)
SUFFIXES = ("ations", "ation", "ings", "ing", "ised", "ises", "ise", "ied", "ies", "ed", "es",
            "al", "ly", "s")
"""Stripped so 'benchmarking', 'benchmarked' and 'benchmarks' compare as one word."""
MIN_STEM = 4
BLOCK_ROWS = 2000


@cache
def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    return [stem(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


def _rows(docs: list[list[str]], vocab: dict[str, int], idf: np.ndarray):
    """(l2-normalised TF-IDF rows, idf-weighted presence rows) of `docs`."""
    rows, cols, counts = [], [], []
    for i, doc in enumerate(docs):
        for term, count in Counter(doc).items():
            rows.append(i)
            cols.append(vocab[term])
            counts.append(count)
    cols_a = np.array(cols, dtype=int)
    shape = (len(docs), len(vocab))
    weight = idf[cols_a] if len(cols_a) else np.array([])
    tfidf = sparse.csr_matrix(((1 + np.log(counts)) * weight, (rows, cols_a)), shape=shape)
    norms = np.sqrt(tfidf.multiply(tfidf).sum(axis=1)).A1
    norms[norms == 0] = 1
    presence = sparse.csr_matrix((weight, (rows, cols_a)), shape=shape)
    return (sparse.diags(1 / norms) @ tfidf).tocsr(), presence


def _sum_rows(matrix) -> np.ndarray:
    return np.asarray(matrix.sum(axis=1)).ravel()


def _pairwise_sum(left: sparse.csr_matrix, right: sparse.csr_matrix, i, j) -> np.ndarray:
    """Σ_k left[i, k] · right[j, k] for each pair (i, j), in one sparse operation."""
    if not len(i):
        return np.array([])
    return _sum_rows(left[i].multiply(right[j]))


@dataclass(frozen=True)
class TextIndex:
    """Two lists of token lists as rows over one vocabulary, weighted by rarity."""

    old: sparse.csr_matrix
    new: sparse.csr_matrix
    old_weight: sparse.csr_matrix
    new_weight: sparse.csr_matrix

    @classmethod
    def build(cls, old_docs: list[list[str]], new_docs: list[list[str]]) -> TextIndex:
        vocab: dict[str, int] = {}
        df_count: Counter[str] = Counter()
        for doc in old_docs + new_docs:
            for term in dict.fromkeys(doc):  # first-seen order: same floats every run
                vocab.setdefault(term, len(vocab))
                df_count[term] += 1
        n_docs = len(old_docs) + len(new_docs)
        idf = np.ones(len(vocab))
        for term, j in vocab.items():
            idf[j] = math.log((1 + n_docs) / (1 + df_count[term])) + 1
        (old, old_w), (new, new_w) = _rows(old_docs, vocab, idf), _rows(new_docs, vocab, idf)
        return cls(old, new, old_w, new_w)

    def has_text(self) -> tuple[np.ndarray, np.ndarray]:
        """Which old and which new rows have any words at all."""
        return np.diff(self.old.indptr) > 0, np.diff(self.new.indptr) > 0

    def candidates(self, olds, news, min_cosine: float, top_k: int):
        """(old index, new index, cosine) among the given rows: each side's best `top_k`
        partners at or above `min_cosine`, the union of both directions."""
        olds, news = np.asarray(olds, dtype=int), np.asarray(news, dtype=int)
        found_i, found_j, found_v = [np.array([], int)], [np.array([], int)], [np.array([])]
        a, b = self.old[olds], self.new[news]
        for left, right, flip in ((a, b, False), (b, a, True)):
            right_t = right.T.tocsc()
            for start in range(0, left.shape[0], BLOCK_ROWS):
                block = (left[start : start + BLOCK_ROWS] @ right_t).tocsr()
                rows, cols, values = _top_k(block, top_k, min_cosine)
                found_i.append(cols if flip else rows + start)
                found_j.append(rows + start if flip else cols)
                found_v.append(values)
        i, j, values = np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_v)
        _, first = np.unique(i * max(len(news), 1) + j, return_index=True)
        return olds[i[first]], news[j[first]], values[first]

    def cosines(self, i, j) -> np.ndarray:
        return _pairwise_sum(self.old, self.new, i, j)

    def contained(self, i, j, old_in_new: bool, min_words: int, besides=None) -> np.ndarray:
        """Share of one text's word weight (old's in new, or new's in old) that the other
        text also has, leaving out words that the rows `besides` (same side as the
        contained text) have; 0 unless `min_words` words count (that 'Draft plans' sits
        inside 'Draft report and action plan' says little)."""
        if not len(i):
            return np.array([])
        own, other = (self.old_weight, self.new_weight) if old_in_new else \
            (self.new_weight, self.old_weight)
        inner, outer = (own[i], other[j]) if old_in_new else (own[j], other[i])
        present = (outer > 0).astype(float)
        if besides is not None:
            present = present - present.multiply(own[besides] > 0)
        shared = _sum_rows(inner.multiply(present))
        words = _sum_rows((inner > 0).multiply(present))
        return np.where(words >= min_words, shared / np.maximum(_sum_rows(inner), 1e-9), 0)


def _top_k(product: sparse.csr_matrix, k: int, floor: float):
    """(row, col, value) arrays of each row's k largest values at or above `floor`."""
    out_r, out_c, out_v = [], [], []
    for r in range(product.shape[0]):
        start, end = product.indptr[r], product.indptr[r + 1]
        values, cols = product.data[start:end], product.indices[start:end]
        keep = values >= floor
        values, cols = values[keep], cols[keep]
        if len(values) > k:
            best = np.argpartition(-values, k)[:k]
            values, cols = values[best], cols[best]
        out_r.append(np.full(len(values), r))
        out_c.append(cols)
        out_v.append(values)
    return (np.concatenate(out_r), np.concatenate(out_c), np.concatenate(out_v)) if out_r \
        else (np.array([], int), np.array([], int), np.array([]))


def candidate_pairs(old_tokens: list[list[str]], new_tokens: list[list[str]],
                    min_cosine: float, top_k: int = 1):
    """`TextIndex.candidates` over every row of two token lists (by default each row's
    best partner only: enough to say which rows have one)."""
    index = TextIndex.build(old_tokens, new_tokens)
    return index.candidates(range(len(old_tokens)), range(len(new_tokens)), min_cosine, top_k)


def text_similarities(a: list[str], b: list[str], cosines: np.ndarray) -> np.ndarray:
    """0..1 per pair of token strings (`" ".join(tokens(text))`): the better of TF-IDF
    cosine and the mean of two token ratios."""
    if not a:
        return np.array([])
    ratio = process.cpdist(a, b, scorer=fuzz.token_set_ratio, workers=-1) / 100
    sort_ratio = process.cpdist(a, b, scorer=fuzz.token_sort_ratio, workers=-1) / 100
    return np.maximum(cosines, 0.5 * ratio + 0.5 * sort_ratio)

