"""LeanPage against pdfplumber's own page objects: the reader's fast path must read the same.

The words, ruling edges, ruled cells, cell fills and image flag the reader takes
from `LeanPage` are compared with what pdfplumber's full object dicts give, on
the Kent sample and on a drawn page that has what Kent lacks: a MediaBox not
at the origin, rotated text, a curve, a coloured fill and an inline image.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.table import TableFinder
from pdfplumber.utils import extract_words

from planrecon.ingest.pdf_fill import filled_rects
from planrecon.ingest.pdf_objects import LeanPage
from tests.pdfbytes import one_page_pdf

KENT = Path("kent-sp") / "annual-plan-report-2009-07-02.pdf"

DRAWING = b"""
0.9 0.2 0.2 rg 100 600 100 20 re f
0 G 1 w 100 580 200 60 re S
100 620 m 300 620 l S
200 580 m 200 640 l S
100 450 m 150 520 200 400 250 470 c S
BT /F1 9 Tf
1 0 0 1 105 625 Tm (Action) Tj
1 0 0 1 205 625 Tm (Due date) Tj
1 0 0 1 105 605 Tm (Repair the roof) Tj
1 0 0 1 205 605 Tm (March 2010) Tj
0 1 -1 0 400 500 Tm (Rotated label) Tj
ET
q 20 0 0 20 450 300 cm
BI /W 2 /H 1 /CS /G /BPC 8 ID \x80\xff EI
Q
"""


def _drawn_pdf(path: Path) -> Path:
    """One page drawn with `DRAWING`, its MediaBox starting at (30, 40)."""
    path.write_bytes(one_page_pdf(DRAWING, media_box=(30, 40, 642, 832)))
    return path


def _edges(container) -> list[tuple]:
    return [(e["x0"], e["top"], e["x1"], e["bottom"], e["orientation"]) for e in container.edges]


def _what_the_reader_takes(page) -> tuple:
    return (
        extract_words(page.chars),
        _edges(page),
        [t.cells for t in TableFinder(page).tables],
        filled_rects(page.rects),
        bool(page.images),
    )


def _compare(path: Path) -> list[tuple]:
    with pdfplumber.open(path) as pdf:
        seen = []
        for page in pdf.pages:
            lean = _what_the_reader_takes(LeanPage(page))
            assert lean == _what_the_reader_takes(page), f"page {page.page_number}"
            seen.append(lean)
        return seen


def test_drawn_page_reads_the_same(tmp_path):
    (words, edges, tables, fills, has_image), = _compare(_drawn_pdf(tmp_path / "drawn.pdf"))
    assert {"Repair", "roof", "2010"} <= {w["text"] for w in words}
    assert any(not w["upright"] for w in words)
    assert len(tables) == 1
    assert fills and fills[0][4] == "E63333"
    assert has_image
    assert len(edges) > 10  # two rects and two lines give ten; the curve adds its own


@pytest.mark.parametrize("paper", [KENT])
def test_sample_paper_reads_the_same(samples, paper):
    pages = _compare(samples / paper)
    assert sum(len(words) for words, *_ in pages) > 1000
    assert any(tables for _, _, tables, *_ in pages)
