"""OpenDocument papers (.ods, .odt) read straight from their XML, like .xlsx and .docx."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from planrecon.ingest import IssueCode, read_paper, read_raw
from tests.odf_papers import PLAN_HEAD, bullet_list, write_ods, write_odt

PLAN = [
    ["Housing action plan 2025/26"],
    PLAN_HEAD,
    [("Objective 1: prevent homelessness", {"cols": 5})],
    ["1.1", "Review the allocations policy", "Head of Housing",
     ("Mar-25", {"date": "2025-03-31"}), ("Green", {"fill": "00B050"})],
    ["1.2", "Withdrawn action", "Finance Officer", "Dec 24", "Red"],
    ["1.3", "Publish the directory", "SP Manager", "March \u201826", ("", {"fill": "FF0000"})],
]


def _grid(table):
    return [[(c.text, c.locator, c.fill, c.spanned) for c in row] for row in table.grid]


def test_ods_sheet_is_read_to_the_grid_with_locators_merges_dates_and_fills(tmp_path):
    path = write_ods(tmp_path / "plan.ods", {"Plan": PLAN})
    fmt, extract = read_raw(path, "plan.ods")
    assert fmt == "ods" and len(extract.tables) == 1
    table = extract.tables[0]
    assert table.unit == "Plan"
    assert table.row_locators == [f"Plan!A{r}" for r in range(1, 7)]
    grid = _grid(table)
    assert grid[2] == [("Objective 1: prevent homelessness", f"Plan!{c}3", None, c != "A")
                       for c in "ABCDE"]
    assert grid[3][3:] == [("Mar-25", "Plan!D4", None, False),
                           ("Green", "Plan!E4", "00B050", False)]
    assert grid[5][4] == ("", "Plan!E6", "FF0000", False)
    assert table.grid[3][3].value == dt.date(2025, 3, 31)
    assert table.grid[3][0].value is None


def test_ods_hidden_sheet_rows_and_columns_are_left_out_and_reported(tmp_path):
    path = write_ods(tmp_path / "plan.ods", {"Plan": PLAN}, hidden_sheets={"Workings": PLAN},
                     hidden_rows={5}, hidden_cols={3})
    paper = read_paper(path, tmp_path)
    assert [t.unit for t in paper.tables] == ["Plan"]
    assert paper.tables[0].header_texts == ["Ref", "Action", "Target date", "RAG"]
    assert [r.cells[0].text for r in paper.tables[0].rows if r.cells[0].text.startswith("1.")] \
        == ["1.1", "1.3"]
    hidden = {i.source_locator: i.value for i in paper.issues if i.code is IssueCode.HIDDEN}
    assert hidden == {
        "Workings": "",
        "Plan!A5": "1.2 | Withdrawn action | Finance Officer | Dec 24 | Red",
        "Plan!C:C": "Lead officer | Head of Housing | Finance Officer | SP Manager",
    }


def test_ods_trailing_repeats_are_not_laid_out(tmp_path):
    """LibreOffice ends a sheet with ~16k empty columns and ~1M empty rows as repeat counts."""
    path = write_ods(tmp_path / "plan.ods", {"Plan": PLAN}, tail_cols=16_000,
                     tail_rows=1_000_000)
    _, extract = read_raw(path, "plan.ods")
    table = extract.tables[0]
    assert len(table.grid) == len(PLAN) and {len(r) for r in table.grid} == {5}


def test_ods_repeated_cells_with_text_are_expanded(tmp_path):
    rows = [PLAN_HEAD, ["1.1", "Review", ("TBC", {"repeat": 3})]]
    _, extract = read_raw(write_ods(tmp_path / "plan.ods", {"Plan": rows}), "plan.ods")
    assert [c.text for c in extract.tables[0].grid[1]] == ["1.1", "Review", "TBC", "TBC", "TBC"]


def test_ods_that_would_need_too_many_cells_is_refused(tmp_path):
    rows = [PLAN_HEAD, [("x", {"repeat": 16_000})]]
    path = write_ods(tmp_path / "plan.ods", {"Plan": rows}, tail_rows=0)
    content = zipfile.ZipFile(path).read("content.xml").replace(
        b"<table:table-row>", b'<table:table-row table:number-rows-repeated="1000">', 2)
    _rewrite(path, "content.xml", content)
    paper = read_paper(path, tmp_path)
    issue = paper.issues[0]
    assert paper.quarantined and issue.code is IssueCode.TOO_LARGE
    assert "the limit is 2 million cells" in issue.message


def _rewrite(path: Path, member: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as src:
        parts = [(i, src.read(i)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, content in parts:
            dst.writestr(info, data if info.filename == member else content)


def test_odt_tables_with_caption_merges_lists_and_fills(tmp_path):
    action = ("", {"paragraphs": ["Review the register to include:",
                                  bullet_list("allocations", "the waiting list")]})
    path = write_odt(tmp_path / "plan.odt", [
        ("h", "Housing Strategy"), ("p", "Appendix A: action plan"),
        ("table", [PLAN_HEAD, [("Objective 1", {"cols": 5})],
                   ["1.1", action, "Head of Housing", "Mar-25", ("Green", {"fill": "00B050"})]]),
        ("p", "Appendix B: indicators"),
        ("table", [["Indicator", "Target"], ["NI 156", "120"]]),
    ])
    fmt, extract = read_raw(path, "plan.odt")
    assert fmt == "odt" and extract.title == "Housing Strategy"
    assert [(t.unit, t.caption) for t in extract.tables] == [
        ("table 1", "Appendix A: action plan"), ("table 2", "Appendix B: indicators")]
    grid = _grid(extract.tables[0])
    assert grid[1][4] == ("Objective 1", "table 1 row 2 col 5", None, True)
    assert grid[2][1] == ("Review the register to include:; allocations; the waiting list",
                          "table 1 row 3 col 2", None, False)
    assert grid[2][4] == ("Green", "table 1 row 3 col 5", "00B050", False)
    assert extract.tables[0].row_locators == ["table 1 row 1", "table 1 row 2", "table 1 row 3"]
    assert "Appendix B: indicators" in extract.text


@pytest.mark.parametrize(("mimetype", "reason"), [
    ("application/vnd.oasis.opendocument.presentation", "not a text document or spreadsheet"),
    ("application/vnd.oasis.opendocument.spreadsheet", "damaged"),
])
def test_odf_that_is_not_a_table_paper_or_is_damaged_is_set_aside(tmp_path, mimetype, reason):
    path = tmp_path / "paper.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", mimetype)
        zf.writestr("content.xml", "<office:document-content xmlns:office=")
    paper = read_paper(path, tmp_path)
    assert paper.quarantined and reason in paper.issues[0].message


def test_password_protected_odf_is_set_aside_as_encrypted(tmp_path):
    path = tmp_path / "plan.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", b"\x8f\x13 encrypted bytes")
        zf.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:'
                    'tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path='
                    '"content.xml"><manifest:encryption-data/></manifest:file-entry>'
                    '</manifest:manifest>')
    paper = read_paper(path, tmp_path)
    assert paper.quarantined
    assert paper.issues[0].code is IssueCode.ENCRYPTED and "password" in paper.issues[0].message


def test_odf_is_known_by_content_not_name(tmp_path):
    write_ods(tmp_path / "plan.xlsx", {"Plan": PLAN})
    paper = read_paper(tmp_path / "plan.xlsx", tmp_path)
    assert paper.format == "ods" and not paper.quarantined
    assert any(i.code is IssueCode.WRONG_EXTENSION for i in paper.issues)
