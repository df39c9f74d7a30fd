"""Tables over page breaks, on papers drawn here so each layout is the test's own.

PDFs are drawn with fpdf2 cell by cell (ruled or not, bold headers or not), Word
papers with python-docx; every paper goes through `read_paper`, as in a run.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from planrecon.ingest import IssueCode, read_paper
from tests.conftest import needs_libreoffice, soffice_save_as

fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a dev dependency) draws the test PDFs")

LINE = 6.0


class Paper:
    """A4 pages drawn top to bottom: text lines and table rows at a running position."""

    def __init__(self) -> None:
        self.pdf = fpdf.FPDF(format="A4", unit="mm")
        self.pdf.set_auto_page_break(False)
        self.pdf.add_page()
        self.y = 20.0

    def page(self) -> None:
        self.pdf.add_page()
        self.y = 20.0

    def text(self, line: str, bold: bool = False) -> None:
        self.pdf.set_font("Helvetica", "B" if bold else "", 10)
        self.pdf.text(15, self.y + 4, line)
        self.y += LINE + 2

    def row(self, cells: list[str], widths: list[float], bold: bool = False,
            ruled: bool = True) -> None:
        """One table row; a cell's text may hold several lines ("\\n"), the row as tall
        as its tallest cell."""
        self.pdf.set_font("Helvetica", "B" if bold else "", 10)
        height = LINE * max(len(c.split("\n")) for c in cells)
        x = 15.0
        for text, width in zip(cells, widths, strict=True):
            if ruled:
                self.pdf.rect(x, self.y, width, height)
            for n, line in enumerate(text.split("\n")):
                self.pdf.text(x + 1.5, self.y + 4.5 + n * LINE, line)
            x += width
        self.y += height

    def foot_at(self, y: float) -> None:
        self.y = y

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path


def _read(path: Path):
    return read_paper(path, path.parent)


def _rows(paper) -> list[list[list[str]]]:
    return [[r.texts() for r in t.rows] for t in paper.tables]


WIDE = [25.0, 85.0, 45.0, 25.0]
HEADER = ["Ref", "Action", "Lead officer", "Due"]
DATA = [["1.1", "Review the housing strategy", "Head of Housing", "Mar 2010"],
        ["1.2", "Consult tenants on the draft", "Housing Manager", "Jun 2010"],
        ["1.3", "Publish the final strategy", "Head of Housing", "Sep 2010"]]


# --- a. a header alone at the foot of a page -----------------------------------------


def test_pdf_header_alone_at_a_page_foot_heads_the_rows_on_the_next_page(tmp_path):
    paper = Paper()
    paper.text("Cover note: the plan follows.")
    paper.foot_at(262)
    paper.text("Housing action plan", bold=True)
    paper.row(HEADER, WIDE, bold=True)
    paper.page()
    for row in DATA:
        paper.row(row, WIDE)
    read = _read(paper.save(tmp_path / "foot.pdf"))
    assert [t.header_texts for t in read.tables] == [HEADER]
    assert _rows(read) == [DATA]
    assert read.tables[0].caption == "Housing action plan"
    assert not [i for i in read.issues if i.code is IssueCode.NO_HEADER]


def test_word_header_alone_before_a_page_break_heads_the_next_table(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Housing action plan")
    head = doc.add_table(rows=1, cols=4)
    for cell, text in zip(head.rows[0].cells, HEADER, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    body = doc.add_table(rows=len(DATA), cols=4)
    for r, row in enumerate(DATA):
        for c, text in enumerate(row):
            body.cell(r, c).text = text
    path = tmp_path / "foot.docx"
    doc.save(str(path))
    read = _read(path)
    assert [t.header_texts for t in read.tables] == [HEADER]
    assert _rows(read) == [DATA]


# --- c. a small table of its own on the next page ------------------------------------


def test_pdf_small_table_with_its_own_header_on_the_next_page_stays_a_table(tmp_path):
    """Its columns lie on the big table's edges, and nothing but a page break lies
    between, but it prints a header of its own: a table of its own, rows kept."""
    paper = Paper()
    paper.text("Housing action plan", bold=True)
    paper.row(HEADER, WIDE, bold=True)
    for row in DATA:
        paper.row(row, WIDE)
    paper.foot_at(290)
    paper.page()
    small = [WIDE[0] + WIDE[1], WIDE[2] + WIDE[3]]
    paper.row(["Indicator", "Target"], small, bold=True)
    paper.row(["Homes brought back into use", "120"], small)
    paper.row(["Households kept out of temporary housing", "300"], small)
    read = _read(paper.save(tmp_path / "small.pdf"))
    assert [t.header_texts for t in read.tables] == [HEADER, ["Indicator", "Target"]]
    assert _rows(read)[1] == [["Homes brought back into use", "120"],
                              ["Households kept out of temporary housing", "300"]]


def test_pdf_table_continued_without_a_header_still_joins(tmp_path):
    """The counterpart of the above: no header of its own, so its rows go on the table."""
    paper = Paper()
    paper.row(HEADER, WIDE, bold=True)
    paper.row(DATA[0], WIDE)
    paper.foot_at(290)
    paper.page()
    for row in DATA[1:]:
        paper.row(row, WIDE)
    read = _read(paper.save(tmp_path / "joined.pdf"))
    assert _rows(read) == [DATA]
    assert read.tables[0].rows[2].locator == "page 2 table 1 row 2"


@pytest.mark.parametrize("wider", [1, 2])
def test_pdf_unruled_table_goes_on_where_the_next_page_s_text_stops_elsewhere(tmp_path, wider):
    """With no lines drawn, a table's right edge is where its text stops, which differs
    from page to page (long progress notes on one, "On track" on the other); the columns
    still start where they did, so the rows go on the table and none is taken as a
    header."""
    header, widths = [*HEADER, "Progress"], [*WIDE, 70.0]
    notes = {wider: "Consultation closed, report due", 3 - wider: "On track"}
    rows = [[*row, notes[1 if n == 0 else 2]] for n, row in enumerate(DATA)]
    paper = Paper()
    paper.row(header, widths, bold=True, ruled=False)
    paper.row(rows[0], widths, ruled=False)
    paper.foot_at(290)
    paper.page()
    for row in rows[1:]:
        paper.row(row, widths, ruled=False)
    read = _read(paper.save(tmp_path / "unruled.pdf"))
    assert [t.header_texts for t in read.tables] == [header]
    assert _rows(read) == [rows]


@pytest.mark.parametrize("own_header", [False, True])
def test_pdf_unruled_table_parted_by_a_blank_row_is_one_table(tmp_path, own_header):
    """A blank row (or a row taller than its text) parts an unruled table's lines as
    widely as two tables are parted; with nothing but white space between and no header
    below, it is one table. A header of its own below keeps two tables."""
    milestones = ["Ref", "Milestone", "Lead", "By"]
    paper = Paper()
    paper.row(HEADER, WIDE, bold=True, ruled=False)
    paper.row(DATA[0], WIDE, ruled=False)
    paper.y += 3 * LINE
    if own_header:
        paper.row(milestones, WIDE, bold=True, ruled=False)
    for row in DATA[1:]:
        paper.row(row, WIDE, ruled=False)
    read = _read(paper.save(tmp_path / "parted.pdf"))
    assert _rows(read) == ([DATA[:1], DATA[1:]] if own_header else [DATA])
    assert [t.header_texts for t in read.tables] == [HEADER] + [milestones] * own_header


# --- b. a heading wrapped over two lines ----------------------------------------------


def test_pdf_headings_wrapped_or_hyphenated_over_two_lines_are_one_heading(tmp_path):
    """An unruled table reads line by line; the bold lines atop it are one header row."""
    paper = Paper()
    paper.text("Housing action plan", bold=True)
    paper.row(["Ref", "Action", "Responsible\nOfficer", "Timescal-\ne"], WIDE, bold=True,
              ruled=False)
    for row in DATA:
        paper.row(row, WIDE, ruled=False)
    read = _read(paper.save(tmp_path / "wrapped.pdf"))
    assert [t.header_texts for t in read.tables] == [
        ["Ref", "Action", "Responsible Officer", "Timescale"]]
    assert _rows(read) == [DATA]


@needs_libreoffice
def test_rows_cut_by_page_breaks_all_over_a_long_table_are_whole_again(tmp_path):
    """A Word plan of 60 actions, each long enough that LibreOffice's PDF of it cuts a row at
    most page breaks (42 of 43 when this was written): the PDF gives every action as the
    Word paper does, with its owner and date."""
    import random

    rng = random.Random(5)
    words = ("review agree publish consult the plan budget charter with for tenants all new "
             "providers support services board housing strategy partners").split()
    document = docx.Document()
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, ["Ref", "Action", "Lead officer", "Deadline"],
                             strict=True):
        cell.text = heading
    for k in range(1, 61):
        action = " ".join(rng.choice(words) for _ in range(rng.randrange(30, 120))).capitalize()
        values = [f"{k // 10 + 1}.{k % 10}", action,
                  rng.choice(["Head of Housing", "SP Team", "Finance"]), f"Mar {10 + k % 15}"]
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    word = tmp_path / "long.docx"
    document.save(word)
    printed_pdf = soffice_save_as(word, "pdf", tmp_path)
    from planrecon.normalise import NormaliseConfig, normalise

    def actions(path):
        found = normalise([read_paper(path, tmp_path)], NormaliseConfig.load()).actions
        return found[["ref", "action", "owner_raw", "due_raw"]].values.tolist()

    printed = actions(printed_pdf)
    assert len(printed) == 60
    assert printed == actions(word)
