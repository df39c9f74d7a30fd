"""PDF reader: the Kent sample paper checked against its seed, plus the pure geometry steps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from planrecon.ingest import Cell, FormatError, IssueCode, Table, clean_text, read_raw
from planrecon.ingest._pdf import read
from planrecon.ingest.model import Follows
from planrecon.ingest.pages import join_pages
from planrecon.ingest.pdf_geometry import words_text, words_to_lines
from planrecon.ingest.pdf_pages import find_furniture
from tests.pdfbytes import one_page_pdf

KENT = Path("kent-sp") / "annual-plan-report-2009-07-02.pdf"


@pytest.fixture(scope="module")
def kent(samples):
    return read_raw(samples / KENT, KENT.as_posix())[1]


def _row(table, first_cell: str):
    for i, row in enumerate(table.grid):
        if row[0].text.startswith(first_cell) and not row[0].spanned:
            return i, row
    raise AssertionError(f"no row starting {first_cell!r}")


def _seed_cells(seed: str, starts: str) -> list[str]:
    """The tab-separated cells of the seed line starting `starts`, markup removed."""
    line = next(ln for ln in seed.splitlines() if ln.startswith(starts))
    return [clean_text(re.sub(r"<[^>]+>", "", c)) for c in line.split("\t")]


def test_kent_tables_captions_and_title(kent):
    assert kent.title == "REPORT"
    assert [t.caption for t in kent.tables] == [
        "Appendix 1 Five-Year Strategy-Annual Plan 2008-09",
        "Appendix 2 Five-Year Strategy-Annual Plan 2009-10 (Draft)",
    ]
    assert [t.unit for t in kent.tables] == ["page 4", "page 11"]
    assert [t.index for t in kent.tables] == [1, 2]
    header = [c.text for c in kent.tables[0].grid[0]]
    assert header == ["Annual Objective", "Task", "Measurable Outcome", "Action", "Progress",
                      "Target Date"]
    assert all(len(row) == 6 for t in kent.tables for row in t.grid)


def test_kent_row_split_by_page_break_is_joined(kent, seed_text):
    table = kent.tables[0]
    i, row = _row(table, "2. Achieve a balanced")
    texts = [c.text for c in row]
    assert texts[0] == "2. Achieve a balanced budget"
    assert texts[1] == ("Incorporate the requirements of the National SP strategy relating to "
                        "full cost recovery")
    assert texts[5] == "Dec 10"
    assert texts[4].startswith("In progress. To be rolled forward and incorporated")
    assert table.row_locators[i] == "page 4 table 1 row 7"
    assert not any(r[0].text == "budget" for r in table.grid)
    # the seed carries the same row cut in two by the page break
    first = _seed_cells(seed_text("002"), "2. Achieve a balanced")
    assert first[-1] == texts[5] and first[3] == texts[3]


def test_kent_repeated_header_dropped_and_rows_keep_their_page(kent):
    table = kent.tables[0]
    headers = [r for r in table.grid if r[0].text == "Annual Objective"]
    assert len(headers) == 1
    assert table.row_locators[0] == "page 4 table 1 row 1"
    pages = {loc.split(" table")[0] for loc in table.row_locators}
    assert pages == {f"page {n}" for n in range(4, 11)}
    cell = table.grid[1][2]
    assert cell.locator == f"{table.row_locators[1]} col 3"


def test_kent_merged_objective_repeated_as_spanned(kent):
    table = kent.tables[0]
    i, row = _row(table, "1. Five Year Strategy")
    below = table.grid[i + 1][0]
    assert below.text == "1. Five Year Strategy" and below.spanned
    assert not row[0].spanned


def test_kent_multiline_and_bulleted_cells(kent, seed_text):
    table = kent.tables[1]
    _, row = _row(table, "1. Five Year Strategy")
    seed = _seed_cells(seed_text("002"), "1. Five Year Strategy\tUpdate Annual Plan 2008-09")
    assert [c.text for c in row][2:] == seed[2:]
    action = next(r[3].text for r in table.grid if "Consult with stakeholders" in r[3].text)
    assert action.startswith(
        "Consult with stakeholders including service providers and service users; "
        "Carry out a strategic review of investment; "
    )


def test_kent_header_fill_and_no_page_numbers_as_rows(kent):
    assert kent.tables[0].grid[0][0].fill == "D9D9D9"
    assert kent.tables[0].grid[1][0].fill is None
    for table in kent.tables:
        for row in table.grid:
            texts = [c.text for c in row if c.text]
            assert not (len(texts) == 1 and texts[0].isdigit()), row
    assert not any(line.strip().isdigit() for line in kent.text.splitlines())


def test_scanned_pdf_has_no_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    Image.new("RGB", (400, 300), "white").save(path, "PDF")
    with pytest.raises(FormatError) as caught:
        read(path, "scan.pdf")
    assert caught.value.code is IssueCode.NO_TEXT
    assert "scanned" in str(caught.value)


def test_not_a_pdf_is_a_format_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really")
    with pytest.raises(FormatError):
        read(path, "broken.pdf")


def _word(text: str, x0: float, top: float) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": top, "bottom": top + 10}


def test_words_to_lines_and_words_text():
    words = [_word("b", 40, 1), _word("a", 10, 0), _word("next", 10, 14)]
    assert [ln.text for ln in words_to_lines(words)] == ["a b", "next"]
    items = [_word("•", 0, 0), _word("one", 10, 0), _word("two", 10, 12), _word("•", 0, 24),
             _word("three", 10, 24)]
    assert words_text(items) == "one two; three"
    assert words_text([_word("-", 0, 0)]) == "-"


def _page_table(page: int, rows: list[list[str]], edges: list[float], after: bool) -> Table:
    """A PDF page's table as the reader hands it over: cells, x-edges, what lies before it."""
    locators = [f"page {page} table 1 row {r}" for r in range(1, len(rows) + 1)]
    grid = [[Cell(t, f"{where} col {c}") for c, t in enumerate(row, 1)]
            for row, where in zip(rows, locators, strict=True)]
    follows = Follows(page - 2 if page > 1 else None, after)
    return Table("p.pdf", f"page {page}", page, "", grid, locators, follows=follows,
                 x_edges=tuple(edges))


def _texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.grid]


def test_join_drops_repeated_header_and_joins_split_row():
    header = ["Ref", "Action", "Due"]
    first = _page_table(1, [header, ["1", "Achieve a", "Mar 10"]], [0, 30, 60, 100], True)
    nxt = _page_table(2, [header, ["", "balanced budget", ""], ["2", "Next", "Apr 10"]],
                      [0, 31, 60, 100], True)
    (joined,) = join_pages([first, nxt])
    assert _texts(joined) == [
        ["Ref", "Action", "Due"], ["1", "Achieve a balanced budget", "Mar 10"],
        ["2", "Next", "Apr 10"],
    ]
    assert joined.row_locators == ["page 1 table 1 row 1", "page 1 table 1 row 2",
                                   "page 2 table 1 row 3"]


def test_join_takes_a_headerless_row_whose_merged_cell_spans_the_columns():
    """A lone row atop the next page, no header reprinted, its last cell merged over the
    value columns (Barnet's "1103 (b)"): its column edges lie on the table's, so it goes on."""
    first = _page_table(1, [["Ref", "What", "Target", "Result"], ["1", "One", "5", "6"]],
                        [0, 20, 50, 75, 100], True)
    lone = _page_table(2, [["2", "Two", "Reported in Q3"]], [0, 21, 50, 100], True)
    (joined,) = join_pages([first, lone])
    assert _texts(joined)[2] == ["2", "Two", "Reported in Q3", "Reported in Q3"]
    assert joined.grid[2][3].spanned
    assert joined.grid[2][3].locator == "page 2 table 1 row 1 col 4"
    assert joined.row_locators[2] == "page 2 table 1 row 1"


def test_one_row_ruled_table_that_continues_nothing_is_reported(tmp_path):
    """A ruled row with no header and no table before it is not read, and says so."""
    box = "50 700 m 450 700 l 50 730 m 450 730 l 50 700 m 50 730 l 150 700 m 150 730 l " \
          "300 700 m 300 730 l 450 700 m 450 730 l S"
    text = "BT /F1 10 Tf 55 712 Td (1103 b) Tj 100 0 Td (Telecare) Tj 150 0 Td (Quarter 3) Tj " \
           "-250 -100 Td (Some narrative text) Tj ET"
    path = tmp_path / "lone.pdf"
    path.write_bytes(one_page_pdf(f"{box}\n{text}".encode()))
    extract = read(path, "lone.pdf")
    issue = next(i for i in extract.issues if i.code is IssueCode.NO_HEADER)
    assert issue.source_locator == "page 1"
    assert issue.value == "1103 b | Telecare | Quarter 3"
    assert "Telecare" in extract.text  # the text is kept, not lost


def test_join_keeps_tables_apart_when_text_sits_between():
    table = _page_table(1, [["a", "b"], ["c", "d"]], [0, 50, 100], False)
    later = _page_table(2, [["e", "f"], ["g", "h"]], [0, 50, 100], False)
    assert len(join_pages([table, later])) == 2


def test_furniture_repeated_lines_and_page_numbers():
    pages = [
        words_to_lines([_word("Council plan", 10, 5), _word("Body text", 10, 300),
                        _word(str(n), 300, 780)])
        for n in (1, 2)
    ]
    furniture = find_furniture(pages, [800.0, 800.0])
    assert [sorted(pages[0][i].text for i in f) for f in furniture[:1]] == [["1", "Council plan"]]
    assert all(pages[1][i].text != "Body text" for i in furniture[1])


@pytest.mark.parametrize("size", [6, 7, 8])
def test_small_print_run_up_to_the_next_column_is_two_cells(tmp_path, size):
    """A spreadsheet printed small: an owner's text runs right up to the next column, the
    gap a space wide at that size but under pdfplumber's fixed 3 points. Words part at a
    gap wider than a fifth of the font size, so the cells stay apart."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a dev dependency) draws the test PDF")
    pdf = fpdf.FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    owners = ["CSG and Providers", "SP Team", "CSG and Providers", "Providers"]
    topics = ["Diversity", "Access", "Outcomes", "Diversity"]
    refs = [f"7.1{k}" for k in range(1, 5)]
    column = 60 + pdf.get_string_width(owners[0]) + 0.3 * size  # a space's width on
    for k, (ref, owner, topic) in enumerate(zip(refs, owners, topics, strict=True)):
        y = 80 + 2 * size * k
        pdf.text(20, y, ref)
        pdf.text(60, y, owner)
        pdf.text(column, y, topic)
    path = tmp_path / "small.pdf"
    pdf.output(str(path))
    table = read(path, path.name).tables[0]
    assert [[c.text for c in row] for row in table.grid] == [
        list(row) for row in zip(refs, owners, topics, strict=True)]
