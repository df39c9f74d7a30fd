"""Vectorised text similarity between two lists of action texts.

TF-IDF cosine over word tokens finds candidates with one sparse product (so
10,000 × 10,000 stays fast), then rapidfuzz's token-set ratio refines each
candidate, because council rewording mostly adds or drops words around the
same core ("Vision agreed with clear objectives" → "… agreed by the CB").
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse

_TOKEN = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it of on or the to with this that be".split()
)


SUFFIXES = ("ations", "ation", "ings", "ing", "ised", "ises", "ise", "ied", "ies", "ed", "es",
            "al", "ly", "s")
"""Stripped so 'benchmarking', 'benchmarked' and 'benchmarks' compare as one word."""
MIN_STEM = 4


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
    return sparse.diags(1 / norms) @ matrix


def candidate_pairs(
    old: list[str], new: list[str], min_cosine: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(old index, new index, cosine) for every pair at or above `min_cosine`."""
    old_tokens = [tokens(t) for t in old]
    new_tokens = [tokens(t) for t in new]
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
    cosine = (_tfidf(old_tokens, vocab, idf) @ _tfidf(new_tokens, vocab, idf).T).tocoo()
    keep = cosine.data >= min_cosine
    return cosine.row[keep], cosine.col[keep], cosine.data[keep]


def text_similarity(a: str, b: str, cosine: float) -> float:
    """0..1: the better of TF-IDF cosine and a damped token-set ratio."""
    a, b = " ".join(tokens(a)), " ".join(tokens(b))
    ratio = fuzz.token_set_ratio(a, b) / 100
    sort_ratio = fuzz.token_sort_ratio(a, b) / 100
    return max(cosine, 0.5 * ratio + 0.5 * sort_ratio)
