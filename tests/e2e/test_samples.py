"""The committed sample papers (sample_inputs/) match the seed extractions they render.

Regenerate with `.venv/bin/python -m scripts.build_samples`. Checks that compare with
the seeds read the repo's copies in tests/data/seeds.
"""

from __future__ import annotations

import datetime as dt
import re

import docx
import openpyxl
import pdfplumber

from tests.conftest import SAMPLES, SEEDS

FORWARD = SAMPLES / "barnet-sp" / "forward-action-plan-2006-10.xlsx"
PLAN_0607 = SAMPLES / "barnet-sp" / "2006-07-action-plan-q1-progress.xlsx"
HERTS = SAMPLES / "hertfordshire-sp" / "action-plan-2007.xlsx"
KENT_DOCX = SAMPLES / "kent-sp" / "annual-plan-report-2009-07-02.docx"
KENT_PDF = SAMPLES / "kent-sp" / "annual-plan-report-2009-07-02.pdf"
PART2_TITLE = "BARNET SUPPORTING PEOPLE 2006/7 ACTION PLAN"
REF = re.compile(r"(?m)^\d+\.\d+")


def seed_lines(prefix: str) -> list[str]:
    (path,) = sorted(SEEDS.glob(f"{prefix}*.txt"))
    return path.read_text(encoding="utf-8").splitlines()


def barnet_parts() -> tuple[list[str], list[str]]:
    lines = seed_lines("000_")
    cut = next(i for i, line in enumerate(lines) if line.strip() == PART2_TITLE)
    return lines[:cut], lines[cut:]


def seed_refs(lines: list[str]) -> list[str]:
    """The ref that starts each seed line ("**" markup aside)."""
    out = []
    for line in lines:
        m = REF.match(line.replace("**", ""))
        if m:
            out.append(m.group(0))
    return out


def sheet_refs(ws) -> list[str]:
    out = []
    for (value,) in ws.iter_rows(min_col=1, max_col=1, values_only=True):
        m = REF.search(str(value)) if value is not None else None
        if m:
            out.append(m.group(0))
    return out


def row_of(ws, ref: str) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == ref:
            return row[0].row
    raise AssertionError(f"no row with ref {ref}")


# --- Barnet Supporting People (xlsx) ---------------------------------------------


def test_forward_plan_ref_11_when_by_is_a_date_shown_as_nov_06():
    ws = openpyxl.load_workbook(FORWARD).active
    cell = ws.cell(row_of(ws, "1.1"), 5)
    assert cell.value == dt.datetime(2006, 11, 1)
    assert cell.number_format == "mmm-yy"
    # words stay words
    assert ws.cell(row_of(ws, "2.4"), 5).value == "by March 07"
    assert ws.cell(row_of(ws, "5.2"), 5).value == "Dc 06"


def test_forward_plan_header_and_refs_match_seed():
    part1, _ = barnet_parts()
    ws = openpyxl.load_workbook(FORWARD).active
    header = next(line for line in part1 if line.startswith("Ref\t")).split("\t")
    rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
    assert header in [list(r[: len(header)]) for r in rows]
    assert rows[0][0] == next(line for line in part1 if line.strip()).strip()
    assert sheet_refs(ws) == seed_refs(part1)
    assert len(sheet_refs(ws)) == 101


def test_plan_2006_07_header_titles_and_refs_match_seed():
    _, part2 = barnet_parts()
    ws = openpyxl.load_workbook(PLAN_0607).active
    header = next(line for line in part2 if line.startswith("Ref\t")).split("\t")
    values = list(ws.iter_rows(values_only=True))
    header_rows = [i for i, r in enumerate(values) if list(r[: len(header)]) == header]
    assert len(header_rows) == 1
    titles = [r for r in values if r[0] == PART2_TITLE]
    assert len(titles) == sum(1 for line in part2 if line.strip() == PART2_TITLE) == 11
    assert sheet_refs(ws) == seed_refs(part2)
    # a sub-action: ref, blank Topic/KLOE, action text
    r = row_of(ws, "2.311")
    assert ws.cell(r, 2).value is None and ws.cell(r, 3).value is None
    assert ws.cell(r, 4).value.startswith("Individual members of CSG")
    when = ws.cell(r, 6)
    assert when.value == dt.datetime(2006, 4, 1) and when.number_format == "mmm-yy"
    assert ws.cell(row_of(ws, "1.18"), 6).value == "March/April 2007"


# --- Hertfordshire (xlsx) -----------------------------------------------------------


def _traffic_rule_cells(ws) -> set[str]:
    covered = set()
    for cf in ws.conditional_formatting:
        for rng in cf.sqref.ranges:
            for row in ws[rng.coord]:
                for cell in row:
                    covered.add(cell.coordinate)
    return covered


def test_herts_dates_and_traffic_lights():
    ws = openpyxl.load_workbook(HERTS).active
    r = row_of(ws, "1.1.1")
    assert ws.cell(r, 4).value == dt.datetime(2007, 7, 1)
    assert ws.cell(r, 5).value == dt.datetime(2007, 11, 30)
    assert ws.cell(r, 4).number_format == ws.cell(r, 5).number_format == "dd-mmm-yy"
    covered = _traffic_rule_cells(ws)
    plain, ruled = [], []
    for row in ws.iter_rows(min_col=12, max_col=12):
        cell = row[0]
        if cell.value in ("GREEN", "AMBER", "RED"):
            if cell.fill.fill_type == "solid":
                assert cell.coordinate not in covered
                plain.append((cell.value, cell.fill.fgColor.rgb[-6:]))
            else:
                assert cell.coordinate in covered
                ruled.append(cell.value)
    assert ("GREEN", "00B050") in plain and ("AMBER", "FFC000") in plain
    assert {"GREEN", "AMBER"} <= set(ruled)
    assert abs(len(plain) - len(ruled)) <= 1


def test_herts_rows_match_seed():
    lines = seed_lines("001_")
    ws = openpyxl.load_workbook(HERTS).active
    lights = [f.strip() for line in lines for f in line.split("\t")[10:12]
              if f.strip() in ("GREEN", "AMBER")]
    cells = [c for (c,) in ws.iter_rows(min_col=12, max_col=12, values_only=True)
             if c in ("GREEN", "AMBER")]
    assert cells == lights
    section = next(r for r in ws.iter_rows(values_only=True)
                   if r[0] == "1.0 Governance and Partnerships")
    assert not any(section[1:])
    r = row_of(ws, "3.1.1 Profile budgets and target budgets to meet future demands")
    assert ws.cell(r, 3).value == "Budgets are correctly targeted to meet client need"


# --- Kent (docx + pdf) --------------------------------------------------------------


def _kent_doc():
    return docx.Document(str(KENT_DOCX))


def _preceding_paragraph_text(table) -> str:
    prev = table._tbl.getprevious()
    while prev is not None and not prev.tag.endswith("}p"):
        prev = prev.getprevious()
    return "".join(t.text or "" for t in prev.iter() if t.tag.endswith("}t"))


def test_kent_docx_captions_and_tables():
    doc = _kent_doc()
    texts = [p.text for p in doc.paragraphs]
    assert "Appendix 1\nFive-Year Strategy-Annual Plan 2008-09" in texts
    assert "Appendix 2" in texts and "Five-Year Strategy-Annual Plan 2009-10 (Draft)" in texts
    tables = doc.tables
    assert _preceding_paragraph_text(tables[0]).startswith("Appendix 1")
    first_app2 = next(t for t in tables if t.cell(0, 4).text == "Related to 5-Year Objective")
    assert _preceding_paragraph_text(first_app2) == "Five-Year Strategy-Annual Plan 2009-10 (Draft)"
    # the cut row: "2. Achieve a balanced" at the foot of one page, "budget" atop the next
    assert tables[0].rows[-1].cells[0].text == "2. Achieve a balanced"
    assert tables[1].rows[1].cells[0].text == "budget"
    # "1. Five Year Strategy" is one cell merged down five rows
    col0 = [r.cells[0] for r in tables[0].rows[1:6]]
    assert all(c._tc is col0[0]._tc for c in col0)
    assert col0[0].text == "1. Five Year Strategy"


def test_kent_tables_hold_every_seed_row():
    lines = seed_lines("002_")
    seed_rows = [line for line in lines if "\t" in line and not line.startswith("<b>")]
    doc = _kent_doc()
    body_rows = sum(len(t.rows) - 1 for t in doc.tables)
    assert body_rows == len(seed_rows)
    progress = [re.sub(r"<[^>]+>", "", line.split("\t")[4]).strip() for line in seed_rows[:3]]
    cells = [t.rows[i].cells[4].text for t in doc.tables[:1] for i in (1, 2, 3)]
    assert cells == progress


def test_kent_pdf_text():
    with pdfplumber.open(KENT_PDF) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
        widths = [(p.width > p.height) for p in pdf.pages]
    assert any("Annual Plan" in t for t in pages)
    assert pages[0].lstrip().startswith("REPORT")
    assert not widths[0] and widths[-1]  # report portrait, appendix tables landscape
    assert sum("Annual Objective Task Measurable Outcome" in t for t in pages) == 14


# --- Halton (docx + pdf) --------------------------------------------------------------

HALTON_DOCX = SAMPLES / "halton" / "service-plan-2008-11.docx"
HALTON_PDF = SAMPLES / "halton" / "service-plan-2008-11.pdf"
ADULTS_PDF = SAMPLES / "barnet-adults" / "q2-2014-15-performance-report.pdf"


def _halton_doc():
    return docx.Document(str(HALTON_DOCX))


def _milestone_tables(doc):
    return [t for t in doc.tables if len(t.columns) == 3 and "Key Milestones"
            in [c.text for c in t.rows[0].cells]]


def test_halton_milestones_have_merged_year_bands_and_embedded_dates():
    doc = _halton_doc()
    tables = _milestone_tables(doc)
    assert len(tables) == 4  # HP1 … HP4
    hp1 = tables[0]
    band = [r.cells[0] for r in hp1.rows[1:10]]
    assert band[0].text == "2008 - 09"
    assert all(c._tc is band[0]._tc for c in band)  # one cell merged down nine rows
    first = hp1.rows[1].cells[1]
    assert first.text == ("Monitor and review Joint Commissioning Strategies to ensure "
                          "priorities are still met Mar 2009. (AOF35)")
    assert first.paragraphs[0].style.name == "List Bullet"
    assert hp1.rows[1].cells[2].text == "Joint Commissioning Managers"


def test_halton_milestone_count_matches_seed():
    lines = seed_lines("004_")
    seed = [line for line in lines if "\t" in line and "<ul" in line.split("\t")[1]]
    doc = _halton_doc()
    docx_rows = []
    for t in doc.tables:
        for row in t.rows:
            cell = row.cells[1] if len(row.cells) > 1 else None
            if cell is not None and cell.paragraphs[0].style.name == "List Bullet":
                docx_rows.append(cell.text)
    assert len(docx_rows) == len(seed) == 34
    assert docx_rows[-1].endswith("March 2011 (AOF 34)")


def test_halton_pdf_text():
    with pdfplumber.open(HALTON_PDF) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert pages[0].split()[:2] == ["SERVICE", "PLAN"]
    assert any("Key Milestones" in t and "Responsible Officer" in t for t in pages)
    assert sum(t.count("Ref ¹ Description") for t in pages) == 4  # PI header on each page


# --- Barnet Adults & Communities (pdf only) ---------------------------------------------


def test_barnet_adults_pdf_is_landscape_and_has_the_tables():
    with pdfplumber.open(ADULTS_PDF) as pdf:
        assert all(p.width > p.height for p in pdf.pages)
        pages = [page.extract_text() or "" for page in pdf.pages]
    text = "\n".join(pages)
    assert "1.1 DELIVERY UNIT DASHBOARD" in text
    for ref in ("1001", "1010", "TC015", "CP012", "AC006 (c)", "AS0090"):
        assert ref in text
    assert "<p>" not in text and "<i>" not in text and "$\\frac" not in text
    assert not (SAMPLES / "barnet-adults" / "q2-2014-15-performance-report.docx").exists()
