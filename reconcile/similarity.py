"""Vectorised text similarity between two lists of action texts.

TF-IDF cosine over stemmed word tokens finds candidates with one sparse
product per block of rows, keeping each action's best few (so 10,000 ×
10,000 stays fast), then rapidfuzz's token ratios refine every candidate in
one batched call, because council rewording mostly adds or drops words
around the same core ("Vision agreed" → "Vision agreed by the CB").
"""

from __future__ import annotations

import math
import re
from collections import Counter
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
TOP_K = 8
"""Blocking: each action keeps at most this many candidate partners from each side."""
BLOCK_ROWS = 2000


@cache
def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    return [stem(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


def _tfidf(docs: list[list[str]], vocab: dict[str, int], idf: np.ndarray) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for i, doc in enumerate(docs):
        for term, count in Counter(doc).items():
            j = vocab[term]
            rows.append(i)
            cols.append(j)
            vals.append((1 + math.log(count)) * idf[j])
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab)))
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
    norms[norms == 0] = 1
    return (sparse.diags(1 / norms) @ matrix).tocsr()


def _top_k(product: sparse.csr_matrix, k: int, floor: float):
    """(row, col, value) of each row's k largest values at or above `floor`."""
    out_r, out_c, out_v = [], [], []
    for r in range(product.shape[0]):
        start, end = product.indptr[r], product.indptr[r + 1]
        values, cols = product.data[start:end], product.indices[start:end]
        keep = values >= floor
        values, cols = values[keep], cols[keep]
        if len(values) > k:
            best = np.argpartition(-values, k)[:k]
            values, cols = values[best], cols[best]
        out_r.extend([r] * len(values))
        out_c.extend(cols.tolist())
        out_v.extend(values.tolist())
    return out_r, out_c, out_v


def candidate_pairs(
    old_tokens: list[list[str]], new_tokens: list[list[str]], min_cosine: float,
    top_k: int = TOP_K,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(old index, new index, cosine): each side's best `top_k` partners at or above
    `min_cosine`, the union of both directions. Texts come as `tokens()` lists."""
    vocab: dict[str, int] = {}
    df_count: Counter[str] = Counter()
    for doc in old_tokens + new_tokens:
        for term in set(doc):
            vocab.setdefault(term, len(vocab))
            df_count[term] += 1
    if not vocab:
        return np.array([], int), np.array([], int), np.array([])
    n_docs = len(old_tokens) + len(new_tokens)
    idf = np.ones(len(vocab))
    for term, j in vocab.items():
        idf[j] = math.log((1 + n_docs) / (1 + df_count[term])) + 1
    a, b = _tfidf(old_tokens, vocab, idf), _tfidf(new_tokens, vocab, idf)
    found: dict[tuple[int, int], float] = {}
    for left, right, flip in ((a, b, False), (b, a, True)):
        right_t = right.T.tocsc()
        for start in range(0, left.shape[0], BLOCK_ROWS):
            block = (left[start : start + BLOCK_ROWS] @ right_t).tocsr()
            for r, c, v in zip(*_top_k(block, top_k, min_cosine), strict=True):
                key = (c, start + r) if flip else (start + r, c)
                found[key] = v
    if not found:
        return np.array([], int), np.array([], int), np.array([])
    keys = np.array(list(found), dtype=int)
    return keys[:, 0], keys[:, 1], np.array(list(found.values()))


def text_similarities(a: list[str], b: list[str], cosines: np.ndarray) -> np.ndarray:
    """0..1 per pair of token strings (`" ".join(tokens(text))`): the better of TF-IDF
    cosine and the mean of two token ratios."""
    if not a:
        return np.array([])
    ratio = process.cpdist(a, b, scorer=fuzz.token_set_ratio, workers=-1) / 100
    sort_ratio = process.cpdist(a, b, scorer=fuzz.token_sort_ratio, workers=-1) / 100
    return np.maximum(cosines, 0.5 * ratio + 0.5 * sort_ratio)


def text_similarity(a: str, b: str, cosine: float = 0.0) -> float:
    """The same likeness for two raw texts (one pair; for inspection and tests)."""
    pair = [" ".join(tokens(a))], [" ".join(tokens(b))]
    return float(text_similarities(*pair, np.array([cosine]))[0])
