"""Word reader quirks: merges, list cells, fills, captions, split tables, hostile packages.

Small documents are built here with python-docx so each quirk is visible in
the test; the sample council papers check the same things on real layouts.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from planrecon.ingest import FormatError, IssueCode, safezip
from planrecon.ingest._docx import read
from planrecon.ingest.pages import join_pages
from planrecon.ingest.tidy import tidy_table

SAMPLES = Path(__file__).resolve().parents[2] / "sample_inputs"
KENT = SAMPLES / "kent-sp" / "annual-plan-report-2009-07-02.docx"
HALTON = SAMPLES / "halton" / "service-plan-2008-11.docx"


def _save(doc, tmp_path: Path, name: str = "paper.docx") -> Path:
    path = tmp_path / name
    doc.save(str(path))
    return path


def _bold_row(table, texts):
    for cell, text in zip(table.rows[0].cells, texts, strict=True):
        cell.paragraphs[0].add_run(text).bold = True


def _fill(cell, colour: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shd)


def _joined(path: Path, name: str = "p.docx"):
    """The paper's tables as the reader gives them, continuations joined (`ingest.pages`)."""
    return join_pages(read(path, name).tables)


def _grid_texts(table):
    return [[c.text for c in row] for row in table.grid]


def test_vertical_and_horizontal_merges_fill_every_position(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Action plan")
    t = doc.add_table(rows=4, cols=3)
    _bold_row(t, ["Objective", "Action", "Due"])
    t.cell(1, 0).merge(t.cell(3, 0)).text = "1. Five Year Strategy"
    t.cell(1, 1).merge(t.cell(1, 2)).text = "Spans two columns"
    t.cell(2, 1).text, t.cell(2, 2).text = "Draft plans", "Nov 08"
    t.cell(3, 1).text, t.cell(3, 2).text = "Consult", "Mar 09"
    table = read(_save(doc, tmp_path), "p.docx").tables[0]

    assert _grid_texts(table)[1:] == [
        ["1. Five Year Strategy", "Spans two columns", "Spans two columns"],
        ["1. Five Year Strategy", "Draft plans", "Nov 08"],
        ["1. Five Year Strategy", "Consult", "Mar 09"],
    ]
    spanned = [[c.spanned for c in row] for row in table.grid[1:]]
    assert spanned == [[False, False, True], [True, False, False], [True, False, False]]
    assert table.grid[3][0].locator == "table 1 row 4 col 1"
    assert table.row_locators == [f"table 1 row {r}" for r in range(1, 5)]
    assert (table.unit, table.index, table.caption) == ("table 1", 1, "Action plan")


def test_grid_before_leaves_the_skipped_columns_empty(tmp_path):
    doc = docx.Document()
    t = doc.add_table(rows=2, cols=3)
    _bold_row(t, ["A", "B", "C"])
    tr = t.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    trpr = tr.get_or_add_trPr()
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    trpr.append(before)
    t.rows[1].cells[0].text = "late"
    table = read(_save(doc, tmp_path), "p.docx").tables[0]
    assert _grid_texts(table)[1] == ["", "late", ""]
    assert [len(row) for row in table.grid] == [3, 3]


def test_absurd_grid_span_is_capped_at_words_column_limit(tmp_path):
    doc = docx.Document()
    t = doc.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "huge"
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "1000000000")
    t.cell(0, 0)._tc.get_or_add_tcPr().append(span)
    table = read(_save(doc, tmp_path), "p.docx").tables[0]
    # the span fills Word's 63 columns; the cell after it still gets its own column
    assert len(table.grid[0]) == 64 and table.grid[0][62].text == "huge"


def test_list_paragraphs_and_typed_bullets_become_semicolon_items(tmp_path):
    doc = docx.Document()
    t = doc.add_table(rows=1, cols=2)
    cell = t.cell(0, 0)
    cell.paragraphs[0].add_run("Set up:")
    cell.add_paragraph("steering group", style="List Bullet")
    item = cell.add_paragraph("pilot sites Mar 2009.", style="List Bullet")
    item.add_run().add_break()
    item.add_run("(AOF35)")
    cell.add_paragraph("Then report")
    cell.add_paragraph("to the board")
    other = t.cell(0, 1)
    other.paragraphs[0].add_run("• first")
    other.paragraphs[0].add_run().add_break()
    other.paragraphs[0].add_run("- second")
    other.add_paragraph("✓ done")
    other.add_paragraph("-5% is not a bullet")
    table = read(_save(doc, tmp_path), "p.docx").tables[0]
    assert table.grid[0][0].text == (
        "Set up:; steering group; pilot sites Mar 2009. (AOF35); Then report to the board"
    )
    assert table.grid[0][1].text == "first; second; ✓ done; -5% is not a bullet"


def test_cell_fill_is_read_and_white_counts_as_none(tmp_path):
    doc = docx.Document()
    t = doc.add_table(rows=1, cols=3)
    colours = ["FF0000", "auto", "ffffff"]
    for cell, colour, text in zip(t.rows[0].cells, colours, "RAG", strict=True):
        cell.text = text
        _fill(cell, colour)
    table = read(_save(doc, tmp_path), "p.docx").tables[0]
    assert [c.fill for c in table.grid[0]] == ["FF0000", None, None]


def test_headerless_continuation_after_page_break_is_joined(tmp_path):
    doc = docx.Document()
    doc.add_heading("Appendix 1 Annual Plan", level=1)
    first = doc.add_table(rows=3, cols=3)
    _bold_row(first, ["Objective", "Action", "Due"])
    first.cell(1, 0).merge(first.cell(2, 0)).text = "2. Balanced budget"
    first.cell(1, 1).text, first.cell(2, 1).text = "Evaluate", "Benchmark"
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("")
    second = doc.add_table(rows=2, cols=3)
    second.cell(0, 1).text, second.cell(1, 1).text = "Tender", "Report"
    second.cell(0, 0).merge(second.cell(1, 0))
    # the merge began on the previous page: a bare "continue" (python-docx's own
    # row.cells cannot even read this, hence the reader's own XML walk)
    second.cell(0, 0)._tc.tcPr.find(qn("w:vMerge")).attrib.clear()
    tables = _joined(_save(doc, tmp_path))

    assert len(tables) == 1
    table = tables[0]
    assert table.row_locators[-2:] == ["table 2 row 1", "table 2 row 2"]
    assert [row[0].text for row in table.grid[1:]] == ["2. Balanced budget"] * 4
    assert table.grid[3][1].locator == "table 2 row 1 col 2"
    assert table.caption == "Appendix 1 Annual Plan"


def test_continuation_repeating_its_header_is_joined_without_it(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Appendix 1 Annual Plan")
    for rows in ([("1. Strategy", "Draft plans")], [("", "Consult"), ("", "Report")]):
        doc.add_paragraph("continued" if rows[0][0] == "" else "")
        t = doc.add_table(rows=1 + len(rows), cols=2)
        _bold_row(t, ["Objective", "Action"])
        for i, (objective, action) in enumerate(rows, start=1):
            t.cell(i, 1).text = action
            t.cell(i, 0).text = objective
        if len(rows) == 2:
            t.cell(1, 0).merge(t.cell(2, 0))
    path = _save(doc, tmp_path)

    assert [t.caption for t in read(path, "p.docx").tables] == ["Appendix 1 Annual Plan"] * 2
    (table,) = _joined(path)
    tidy_table(table)
    assert [r.texts() for r in table.rows] == [
        ["1. Strategy", "Draft plans"], ["1. Strategy", "Consult"], ["1. Strategy", "Report"],
    ]  # the empty merged objective began on the previous page: it carries over


def test_different_table_after_a_table_is_not_joined(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Milestones")
    a = doc.add_table(rows=2, cols=2)
    _bold_row(a, ["Milestone", "Officer"])
    a.cell(1, 0).text, a.cell(1, 1).text = "Review contracts", "QA Manager"
    doc.add_paragraph("")
    b = doc.add_table(rows=2, cols=2)
    _bold_row(b, ["Indicator", "Target"])
    b.cell(1, 0).text, b.cell(1, 1).text = "NI 141", "70%"
    extract = read(_save(doc, tmp_path), "p.docx")
    assert [t.unit for t in extract.tables] == ["table 1", "table 2"]
    assert [t.caption for t in extract.tables] == ["Milestones", "Milestones"]


def test_nested_table_follows_its_parent_with_a_path_locator(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("Outer")
    outer = doc.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "left"
    holder = outer.cell(0, 1)
    holder.paragraphs[0].add_run("Inner plan")
    inner = holder.add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "x", "y"
    doc.add_paragraph("After")
    extract = read(_save(doc, tmp_path), "p.docx")

    parent, child = extract.tables
    assert parent.grid[0][1].text == "Inner plan"
    assert child.unit == "table 1 row 1 col 2 table 1"
    assert child.grid[0][1].locator == "table 1 row 1 col 2 table 1 row 1 col 2"
    assert (child.index, child.caption) == (2, "Inner plan")


def test_text_and_title_come_from_body_paragraphs(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("")
    doc.add_paragraph("Cover note")
    doc.add_heading("REPORT", level=2)
    t = doc.add_table(rows=1, cols=1)
    t.cell(0, 0).text = "inside"
    doc.add_paragraph("Appendix 2")
    extract = read(_save(doc, tmp_path), "p.docx")
    assert extract.text == "Cover note\nREPORT\nAppendix 2"
    assert extract.title == "REPORT"


def test_empty_document_is_refused(tmp_path):
    with pytest.raises(FormatError) as err:
        read(_save(docx.Document(), tmp_path), "p.docx")
    assert err.value.code == IssueCode.EMPTY


def _rewrite_member(path: Path, member: str, data: bytes, out: Path) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, data if info.filename == member else src.read(info))
    return out


def test_entity_bomb_in_document_xml_is_refused(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("hello")
    path = _save(doc, tmp_path)
    with zipfile.ZipFile(path) as zf:
        body = zf.read("word/document.xml")
    lol = b"".join(
        b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10)
    )
    dtd = b'<!DOCTYPE w:document [<!ENTITY l0 "lol">' + lol + b"]>"
    head, rest = body.split(b"?>", 1)
    bomb = head + b"?>" + dtd + rest.replace(b"hello", b"&l9;")
    bad = _rewrite_member(path, "word/document.xml", bomb, tmp_path / "bomb.docx")
    with pytest.raises(FormatError, match="DOCTYPE"):
        read(bad, "bomb.docx")


def test_zip_with_absurd_compression_ratio_is_refused(tmp_path):
    doc = docx.Document()
    doc.add_paragraph("hello")
    path = _save(doc, tmp_path)
    padding = b" " * (20 * 1024 * 1024)
    bad = _rewrite_member(path, "word/document.xml", padding, tmp_path / "zipbomb.docx")
    with pytest.raises(FormatError, match="zip bomb"):
        read(bad, "zipbomb.docx")


def test_package_over_the_total_size_limit_is_refused(tmp_path, monkeypatch):
    doc = docx.Document()
    doc.add_paragraph("hello")
    path = _save(doc, tmp_path)
    monkeypatch.setattr(safezip, "MAX_TOTAL_BYTES", 1000)
    with pytest.raises(FormatError, match="would unpack"):
        read(path, "p.docx")


def test_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(FormatError):
        read(path, "fake.docx")


# --- sample council papers ---------------------------------------------------------------


def _row(table, prefix: str):
    return next(r for r in table.grid if r[1].text.startswith(prefix))


def test_kent_annual_plan_appendices_and_merged_objectives():
    extract = read(KENT, "kent-sp/annual-plan-report-2009-07-02.docx")
    captions = [t.caption for t in extract.tables]
    assert captions[0] == "Appendix 1 Five-Year Strategy-Annual Plan 2008-09"
    assert "Five-Year Strategy-Annual Plan 2009-10 (Draft)" in captions
    assert "Appendix 2" in extract.text
    first = extract.tables[0]
    assert [c.text for c in first.grid[0]] == [
        "Annual Objective", "Task", "Measurable Outcome", "Action", "Progress", "Target Date",
    ]
    assert first.grid[0][0].fill == "D9D9D9"
    # "1. Five Year Strategy" is one merged cell over five rows
    assert [r[0].text for r in first.grid[1:6]] == ["1. Five Year Strategy"] * 5
    assert [r[0].spanned for r in first.grid[1:6]] == [False, True, True, True, True]
    eligibility = _row(first, "Ensure that the Kent Eligibility Policy")
    assert [c.text for c in eligibility[2:]] == [
        "Eligibility Policy reviewed and report presented to the CB",
        "Review the Kent Eligibility Policy", "Achieved.", "Sept 08",
    ]
    assert _row(first, "Prepare for the Five Year Strategy")[5].text == "Nov 08"
    # an objective merged over a page break carries into the next Word table
    joined = join_pages(extract.tables)[0]
    gaps = joined.grid[joined.row_locators.index("table 3 row 3")]
    assert gaps[0].text.startswith("4. Carry out a strategic review")
    assert gaps[2].text == "Identification of gaps in services"


def test_kent_tables_stitch_into_the_two_appendices():
    tables = _joined(KENT, "kent.docx")
    for table in tables:
        tidy_table(table)
    assert [t.header_texts[4] for t in tables if t.header] == [
        "Progress", "Related to 5-Year Objective"]


def test_halton_milestone_keeps_officer_and_year_band():
    extract = read(HALTON, "halton/service-plan-2008-11.docx")
    hits = [
        (table, row)
        for table in extract.tables
        for row in table.grid
        if any("Review contract management and monitoring" in c.text for c in row)
    ]
    assert hits
    table, row = hits[0]
    texts = [c.text for c in row]
    assert "Quality Assurance Manager" in texts
    assert any("Mar 2009. (AOF35)" in t for t in texts)
    assert any(t.replace(" ", "").startswith("2008-09") for t in texts)


def test_a_table_with_no_headings_is_set_aside_with_its_first_row_quoted():
    """Halton's appendix lists the council's areas of focus ('1 | Improving the future
    health prospects…') with no headings: not a plan, and the officer can tell which."""
    extract = read(HALTON, "halton/service-plan-2008-11.docx")
    table = next(t for t in extract.tables if t.unit == "table 24")
    (issue,) = tidy_table(table)
    assert issue.code is IssueCode.NO_HEADER
    assert issue.value.startswith("1 | Improving the future health")
    assert "(7 rows;" in issue.message
