"""No page lost in silence: a PDF page with nothing on it while other pages carry text
(as a damaged content stream reads) gets a Data quality line, and Sources says how many
of each paper's pages were read, from a fresh read and from the cache alike."""

from __future__ import annotations

import re
import shutil

import openpyxl
import pdfplumber
import pytest
from fpdf import FPDF

from planrecon.ingest import IssueCode
from planrecon.ingest._pdf import read
from planrecon.pipeline import run
from tests.conftest import SAMPLES

KENT = "kent-sp/annual-plan-report-2009-07-02.pdf"


def _paper(path, pages: list[str]) -> None:
    pdf = FPDF()
    pdf.set_compression(False)  # so a test can damage one page's stream by hand
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.cell(0, 10, text)
    pdf.output(str(path))


def _blank_lines(extract) -> list[str]:
    return [i.source_locator for i in extract.issues if i.code is IssueCode.BLANK_PAGE]


def test_a_blank_page_among_pages_with_text_is_named(tmp_path):
    path = tmp_path / "plan.pdf"
    _paper(path, ["Action plan, page one", "", "Action plan, page three", ""])
    extract = read(path, "plan.pdf")
    assert _blank_lines(extract) == ["page 2", "page 4"]
    assert extract.pages == (2, 4)


def test_a_page_whose_stream_length_is_wrong_is_not_lost_in_silence(tmp_path):
    path = tmp_path / "plan.pdf"
    _paper(path, ["Action plan, page one", "Action plan, page two", "Action plan, page three"])
    data = path.read_bytes()
    length = list(re.finditer(rb"/Length \d+", data[:data.index(b"page two")]))[-1]
    # same byte count, so the cross-reference offsets stay right, as a viewer would accept
    damaged = b"/Length 0".ljust(length.end() - length.start())
    path.write_bytes(data[:length.start()] + damaged + data[length.end():])
    extract = read(path, "plan.pdf")
    assert "page two" not in extract.text
    assert _blank_lines(extract) == ["page 2"]
    assert extract.pages == (2, 3)


def test_every_page_with_text_gives_no_line(tmp_path):
    path = tmp_path / "plan.pdf"
    _paper(path, ["one", "two"])
    extract = read(path, "plan.pdf")
    assert _blank_lines(extract) == [] and extract.pages == (2, 2)


def _pages_read(out) -> dict[str, str]:
    sheet = openpyxl.load_workbook(out / "reconciliation.xlsx", read_only=True)["Sources"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row and "Pages read" in row)
    paper, pages = rows[header].index("Paper"), rows[header].index("Pages read")
    return {row[paper]: row[pages] for row in rows[header + 1:] if row[paper]}


@pytest.mark.parametrize("cached", [False, True])
def test_sources_says_how_many_pages_were_read(tmp_path, cached):
    inbox = tmp_path / "inbox"
    (inbox / "kent-sp").mkdir(parents=True)
    shutil.copy(SAMPLES / KENT, inbox / KENT)
    with pdfplumber.open(inbox / KENT) as pdf:
        total = len(pdf.pages)
    run(inbox, tmp_path / "out")
    if cached:
        (tmp_path / "out" / "reconciliation.xlsx").unlink()
        summary = run(inbox, tmp_path / "out")
        assert (summary.read, summary.cached) == (0, 1)
    assert _pages_read(tmp_path / "out") == {KENT: f"{total} of {total}"}
