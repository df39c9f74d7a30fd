"""Issues 15 and 17: a small paper that declares enormous work is set aside with the limit it
broke, a paper that hangs or kills its reader is set aside with the reason, and the run goes
on; papers are read in parallel with outputs identical whatever `--jobs`.

Every bomb is built here, a few kilobytes each: xlsx packages of hand-written XML, PDFs
whose one page is written by hand (`tests.pdfbytes`) and the .xls test paper with one record
rewritten (`scripts.legacy_xls.edited`).
"""

from __future__ import annotations

import struct
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from planrecon import ingest, workers
from planrecon.cli import main
from planrecon.ingest import IssueCode, limits, read_paper
from planrecon.normalise import NormaliseConfig
from scripts.legacy_xls import edited
from tests import misbehaving
from tests.conftest import SAMPLES, copy_samples
from tests.pdfbytes import one_page_pdf

pytestmark = pytest.mark.slow  # whole runs of the pipeline; `make quick` leaves them out

GOOD = ["barnet-sp/2006-07-action-plan-q1-progress.xlsx"]
BOMB_SECONDS = 60
"""The whole bomb run, good paper included; each bomb is refused in well under a second
(unbounded, the first of them grew to 5.5 GB in 150 s)."""

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PARTS = {
    "[Content_Types].xml":
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>',
    "_rels/.rels":
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml":
        f'<workbook xmlns="{_MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets>'
        '</workbook>',
    "xl/_rels/workbook.xml.rels":
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}
_ROWS = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Action</t></is></c>'
         '<c r="B1" t="inlineStr"><is><t>Lead officer</t></is></c></row>'
         '<row r="2"><c r="A2" t="inlineStr"><is><t>Review the plan</t></is></c>'
         '<c r="B2" t="inlineStr"><is><t>J Smith</t></is></c></row>')


def xlsx(path: Path, rows: str = _ROWS, before: str = "", after: str = "") -> Path:
    """A one-sheet workbook whose sheet part is written by hand: `before` the sheet data
    (column runs), its rows, and `after` it (merged ranges)."""
    sheet = (f'<worksheet xmlns="{_MAIN}">{before}<sheetData>{rows}</sheetData>{after}'
             '</worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in _PARTS.items():
            zf.writestr(name, text)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def chars_pdf(path: Path, count: int) -> Path:
    """A one-page PDF that shows `count` characters in one string (it deflates to KBs)."""
    path.write_bytes(one_page_pdf(b"BT /F1 1 Tf 10 700 Td (%s) Tj ET" % (b"A" * count),
                                  deflate=True))
    return path


BLANK, MERGEDCELLS = 0x0201, 0x00E5
"""The .xls records rewritten: the fixture's last blank cell (F6, a fill) and its one merge."""


def far_cell_xls(path: Path) -> Path:
    """The .xls test paper with its cell F6 moved to IV65536, Excel 97's last cell."""
    return edited(path, BLANK, lambda data: struct.pack("<HH", 65535, 255) + data[4:])


def merged_xls(path: Path, last_row: int, last_col: int) -> Path:
    """The .xls test paper with its merge A3:F3 stretched to (last_row, last_col), 0-based."""
    return edited(path, MERGEDCELLS,
                  lambda data: data[:2] + struct.pack("<4H", 2, last_row, 0, last_col))


BOMBS = {
    "merged.xlsx": (lambda p: xlsx(p, after='<mergeCells count="1"><mergeCell '
                                   'ref="A10:XFD1048576"/></mergeCells>'), "17.2 billion"),
    "far-cell.xlsx": (lambda p: xlsx(p, _ROWS + '<row r="1048576"><c r="XFD1048576" '
                                     't="inlineStr"><is><t>x</t></is></c></row>'), "17.2 billion"),
    "columns.xlsx": (lambda p: xlsx(p, before='<cols><col min="3" max="1000000000" '
                                    'hidden="1"/></cols>'), "column 1 billion"),
    "chars.pdf": (lambda p: chars_pdf(p, 8_000_000), "8 million characters"),
    "far-cell.xls": (far_cell_xls, "16.8 million"),
    "merged.xls": (lambda p: merged_xls(p, 65535, 255), "16.8 million"),
    "merged-columns.xls": (lambda p: merged_xls(p, 2, 65535), "past Excel's last cell"),
}
SHEET = {".xlsx": "sheet 'Plan'", ".xls": "sheet 'Action plan'"}
"""How each bomb's message names its sheet, as officers know it."""


@pytest.mark.parametrize("name", list(BOMBS))
def test_each_bomb_is_refused_with_the_limit_it_broke(name, tmp_path):
    build, declared = BOMBS[name]
    path = build(tmp_path / name)
    assert path.stat().st_size < 20_000
    started = time.monotonic()
    paper = read_paper(path, tmp_path)
    assert time.monotonic() - started < 10
    [issue] = [i for i in paper.issues if i.quarantine]
    assert issue.code is IssueCode.TOO_LARGE
    assert declared in issue.message and "the limit is" in issue.message
    assert SHEET.get(path.suffix, "") in issue.message


def test_a_run_sets_the_bombs_aside_and_reads_the_rest(tmp_path):
    inbox = copy_samples(GOOD, tmp_path / "inbox")
    for name, (build, _) in BOMBS.items():
        build(inbox / name)
    started = time.monotonic()
    code = main(["run", "--inbox", str(inbox), "--out", str(tmp_path / "out"), "--quiet"])
    assert code == 0 and time.monotonic() - started < BOMB_SECONDS
    quarantine = pd.read_csv(tmp_path / "out" / "quarantine.csv", dtype=str,
                             keep_default_na=False)
    set_aside = quarantine[quarantine["locator"] == ""].set_index("file")
    assert set(set_aside.index) == set(BOMBS)
    assert set(set_aside["code"]) == {IssueCode.TOO_LARGE.value}
    actions = pd.read_csv(tmp_path / "out" / "actions.csv", dtype=str)
    assert set(actions["source_file"]) == set(GOOD)


def test_papers_within_the_limits_are_read(tmp_path):
    merged = xlsx(tmp_path / "m.xlsx", after='<mergeCells count="1"><mergeCell ref="A3:B3"/>'
                  '</mergeCells>', before='<cols><col min="3" max="16384" hidden="1"/></cols>')
    for path in (merged, chars_pdf(tmp_path / "p.pdf", 2_000)):
        limits.check_xlsx(path) if path.suffix == ".xlsx" else limits.check_pdf(path)


@pytest.mark.parametrize("limit, value, sheet, words", [
    ("MAX_SHEET_ROWS", 3, "".join(f'<row r="{n}"/>' for n in range(3, 9)), "more than 3 rows"),
    ("MAX_SHEET_CELLS", 3, _ROWS, "over 4 cells"),
])
def test_rows_and_span_are_counted(monkeypatch, tmp_path, limit, value, sheet, words):
    monkeypatch.setattr(limits, limit, value)
    with pytest.raises(ingest.FormatError, match=words):
        limits.check_xlsx(xlsx(tmp_path / "s.xlsx", _ROWS + sheet if "ROWS" in limit else sheet))


def test_a_pdf_past_the_page_limit_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 0)
    with pytest.raises(ingest.FormatError, match="more than 0 pages"):
        limits.check_pdf(chars_pdf(tmp_path / "p.pdf", 10))


# ---- workers: a paper that hangs, kills its worker or needs too much memory ---------------

def test_a_paper_that_hangs_or_kills_its_worker_is_set_aside(monkeypatch, tmp_path):
    monkeypatch.setattr(workers, "_read_one", misbehaving.by_name)
    monkeypatch.setattr(workers, "PAPER_SECONDS", 5)  # the good papers take well under 1 s
    inbox = copy_samples(GOOD + ["hertfordshire-sp/action-plan-2007.xlsx"], tmp_path / "inbox")
    for bad in ("hang.csv", "crash.csv", "greedy.csv"):
        (inbox / bad).write_text(f"Action,Lead\nReview {bad},J Smith\n", encoding="utf-8")
    started = time.monotonic()
    code = main(["run", "--inbox", str(inbox), "--out", str(tmp_path / "out"), "--quiet",
                 "--jobs", "2"])
    assert code == 0 and time.monotonic() - started < 100
    quarantine = pd.read_csv(tmp_path / "out" / "quarantine.csv", dtype=str,
                             keep_default_na=False)
    reasons = dict(zip(quarantine["file"], quarantine["reason"], strict=True))
    assert set(reasons) == {"hang.csv", "crash.csv", "greedy.csv"}
    assert "longer than 5 seconds" in reasons["hang.csv"]
    assert reasons["crash.csv"].startswith("the process reading the paper stopped")
    assert "more memory than it may use" in reasons["greedy.csv"]
    actions = pd.read_csv(tmp_path / "out" / "actions.csv", dtype=str)
    assert len(set(actions["source_file"])) == 2


def test_a_worker_that_dies_while_an_answer_is_handed_on_stops_nothing(monkeypatch, tmp_path):
    """Regression (issue 15): a worker died while the run took in another paper's answer, and
    handing the next paper to the broken pool raised instead of finding the culprit."""
    monkeypatch.setattr(workers, "_read_one", misbehaving.by_name)
    names = ["fine.csv", "crash-late.csv", "next.csv"]
    for name in names:
        (tmp_path / name).write_text(f"Action,Lead\nReview {name},J Smith\n", encoding="utf-8")
    answers = {}
    for name, read in workers.read_in_workers(tmp_path, [(n, "") for n in names], 2,
                                              NormaliseConfig.load()):
        answers[name] = read.paper
        if len(answers) == 1:
            assert name == "fine.csv"
            (tmp_path / "go").touch()
            misbehaving.wait_for(tmp_path / "gone")  # the other worker dies meanwhile,
            time.sleep(1)  # and is gone by the time the next paper is handed out
    assert set(answers) == set(names)
    assert answers["crash-late.csv"].held_back
    assert answers["crash-late.csv"].issues[0].message == workers.DIED
    assert not answers["fine.csv"].quarantined and not answers["next.csv"].quarantined


def test_outputs_are_byte_identical_whatever_the_jobs(sample_run, tmp_path):
    """The sample papers read one at a time against the shared sample run, two at a time."""
    one = tmp_path / "out1"
    assert main(["run", "--inbox", str(SAMPLES), "--out", str(one), "--quiet", "--no-cache",
                 "--jobs", "1"]) == 0
    outs = [one, sample_run[1]]
    written = sorted(p.name for p in outs[0].glob("*.csv"))
    assert "actions.csv" in written and written == sorted(p.name for p in outs[1].glob("*.csv"))
    for name in written:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
