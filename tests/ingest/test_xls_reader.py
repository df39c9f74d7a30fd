"""Excel 97-2003 (.xls) papers read natively by xlrd, exactly as the same plan in .xlsx."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

from planrecon.ingest import IssueCode, read_paper, read_raw
from scripts.cfb import compound_file
from scripts.legacy_xls import FIXTURE, plan_workbook


def _cells(extract):
    return [[dataclasses.astuple(c) for c in row] for t in extract.tables for row in t.grid]


def test_xls_reads_like_the_same_plan_saved_as_xlsx(tmp_path):
    """The fixture is `plan_workbook()` saved as .xls by LibreOffice (scripts.legacy_xls)."""
    plan_workbook().save(tmp_path / "plan.xlsx")
    shutil.copyfile(FIXTURE, tmp_path / "plan.xls")
    fmt, legacy = read_raw(tmp_path / "plan.xls", "plan.xls")
    _, modern = read_raw(tmp_path / "plan.xlsx", "plan.xls")
    assert fmt == "xls"
    assert _cells(legacy) == _cells(modern)
    assert [t.row_locators for t in legacy.tables] == [t.row_locators for t in modern.tables]
    assert legacy.issues == modern.issues


def test_xls_grid_details(tmp_path):
    shutil.copyfile(FIXTURE, tmp_path / "plan.xls")
    paper = read_paper(tmp_path / "plan.xls", tmp_path)
    assert paper.format == "xls" and not paper.quarantined
    table = paper.tables[0]
    assert table.header_texts == ["Ref", "Action", "Lead officer", "Target date", "RAG"]
    row = next(r for r in table.rows if r.cells[0].text == "1.1")
    assert row.locator == "Action plan!A4"
    assert [c.locator for c in row.cells] == [f"Action plan!{c}4" for c in "ABDEF"]
    assert row.cells[3].text == "Nov-09" and row.cells[3].value == dt.datetime(2009, 11, 30)
    assert row.cells[4].fill == "00FF00"
    hidden = {i.source_locator for i in paper.issues if i.code is IssueCode.HIDDEN}
    assert hidden == {"Action plan!A5", "Action plan!C:C", "Workings"}


def test_damaged_xls_is_set_aside_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    (tmp_path / "accounts.xls").write_bytes(compound_file({"Workbook": b"\x01" * 600}))
    paper = read_paper(tmp_path / "accounts.xls", tmp_path)
    assert paper.quarantined
    message = paper.issues[0].message
    assert "legacy Excel .xls" in message and "damaged" in message
    assert "LibreOffice" not in message
