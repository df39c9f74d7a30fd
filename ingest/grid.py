"""Small pure helpers on rows of cells and on column edges, shared by readers and the steps
after them (`ingest.pages`, `ingest.tidy`); nothing here decides what a row is."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .text import clean_text

_LABEL = re.compile(r"^[^:]{1,60}:$")
"""A form label: a few words ending in a colon ("Service Objective:")."""

EDGE_DRIFT = 6.0
"""Column edges of a table printed over two pages may move this much (points) between them."""


def distinct_texts(cells: Sequence) -> list[str]:
    """Non-empty texts of a row with merged-cell repeats (neighbours equal) folded."""
    out: list[str] = []
    for cell in cells:
        text = clean_text(cell.text)
        if text and (not out or out[-1] != text):
            out.append(text)
    return out


def box_caption(rows: Sequence[Sequence]) -> str:
    """The last value of a label/value box, else "".

    Plans often put a form box ("Corporate Priority: | …", "Service Objective: |
    HP 1 - …") straight above each table, with no paragraph between; its last
    value is then the heading nearest above that table, i.e. its caption.
    """
    pairs = [texts for texts in map(distinct_texts, rows) if texts]
    if not pairs or any(len(p) != 2 or not _LABEL.match(p[0]) for p in pairs):
        return ""
    return pairs[-1][1]


def edges_line_up(a: Sequence[float], b: Sequence[float], open_right: bool = False) -> bool:
    """Two tables' column edges (left edges then the right edge) line up: the same outer
    edges, and every inner edge of the table with fewer lies on one of the other's (a
    merged cell on one page can hide a column line that the other page shows). With
    `open_right` the right edges are where each page's text stops (no line is drawn), so
    they need not agree."""
    if len(a) < 2 or len(b) < 2:
        return False
    if abs(a[0] - b[0]) > EDGE_DRIFT or not open_right and abs(a[-1] - b[-1]) > EDGE_DRIFT:
        return False
    if open_right:
        a, b = a[:-1], b[:-1]
    short, long = sorted((a, b), key=len)
    return all(any(abs(x - y) <= EDGE_DRIFT for y in long) for x in short)


def cluster_positions(values: list[float], tolerance: float) -> list[float]:
    """Sorted distinct positions, values closer than `tolerance` folded into their mean."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def nearest(edges: Sequence[float], value: float) -> int:
    """Index of the edge nearest `value` (edges sorted)."""
    i = bisect.bisect_left(edges, value)
    if i == len(edges) or (i > 0 and value - edges[i - 1] < edges[i] - value):
        return i - 1
    return i
