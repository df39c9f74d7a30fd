"""End to end on the sample papers: the contract's files, sheets and Barnet changes."""

import csv
import shutil

import openpyxl
import pandas as pd

from planrecon.cli import main
from planrecon.normalise import ACTION_COLUMNS, INDICATOR_COLUMNS
from planrecon.reconcile import CHANGE_COLUMNS, INDICATOR_CHANGE_COLUMNS
from tests.conftest import SAMPLES, output_csv

CONTRACT_SHEETS = ["Summary", "Changes", "Slipped", "Owner changes", "Rolled over", "New",
                   "Dropped", "Overdue", "All actions", "Indicators", "Data quality", "Sources"]


def _header(path) -> list[str]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return next(csv.reader(fh))


def test_contract_files_and_columns(sample_run):
    _, out = sample_run
    assert _header(out / "actions.csv") == ACTION_COLUMNS
    assert _header(out / "changes.csv") == CHANGE_COLUMNS
    assert _header(out / "indicators.csv") == INDICATOR_COLUMNS
    assert _header(out / "indicator_changes.csv") == INDICATOR_CHANGE_COLUMNS == [
        "plan_id", "old_version", "new_version", "old_ref", "new_ref", "description",
        "old_result", "new_result", "old_target", "new_target", "old_rag", "new_rag",
        "direction", "flags"]  # the contract's list, written out: a renamed column fails
    assert _header(out / "quarantine.csv") == ["file", "reason", "code", "locator"]


def test_workbook_has_every_contract_sheet_in_order(sample_run):
    _, out = sample_run
    names = openpyxl.load_workbook(out / "reconciliation.xlsx", read_only=True).sheetnames
    assert [n for n in names if n in CONTRACT_SHEETS] == CONTRACT_SHEETS


def test_every_action_has_a_plan_and_version(sample_run):
    _, out = sample_run
    actions = output_csv(out / "actions.csv")
    assert len(actions) > 300
    assert (actions["plan_id"] != "").all() and (actions["plan_version"] != "").all()
    barnet = actions[actions["source_file"].str.startswith("barnet-sp/")]
    assert barnet["plan_id"].nunique() == 1
    kent = actions[actions["source_file"] == "kent-sp/annual-plan-report-2009-07-02.docx"]
    assert set(kent["plan_version"]) == {"2008-09 (as of 2 July 2009)",
                                         "2009-10 (as of 2 July 2009)"}


def _barnet_change(out, old_ref: str) -> pd.Series:
    changes = output_csv(out / "changes.csv")
    rows = changes[changes["plan_id"].str.startswith("barnet") & (changes["old_ref"] == old_ref)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_barnet_examples_of_the_issue(sample_run):
    _, out = sample_run
    reporting_line = _barnet_change(out, "1.16")
    assert reporting_line["new_ref"] == "1.4"
    assert reporting_line["flags"].split(";")[0] == "slipped"
    assert reporting_line["slip_days"] == "90"
    websites = _barnet_change(out, "6.14")
    assert websites["new_ref"] == "8.11"
    assert {"owner_changed", "slipped"} <= set(websites["flags"].split(";"))
    vision = _barnet_change(out, "1.11")
    assert vision["new_ref"] == "2.1"
    assert "completed" in vision["flags"].split(";")


def test_a_broken_paper_is_quarantined_and_the_run_goes_on(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "barnet").mkdir(parents=True)
    shutil.copy(SAMPLES / "barnet-sp/forward-action-plan-2006-10.xlsx", inbox / "barnet")
    (inbox / "barnet" / "broken.xlsx").write_bytes(b"PK\x03\x04 this is not a workbook")
    (inbox / "empty.pdf").write_bytes(b"")
    (inbox / "minutes.doc").write_bytes(b"just some text, not a paper format")
    assert main(["run", "--inbox", str(inbox), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    quarantine = output_csv(tmp_path / "out/quarantine.csv")
    reasons = dict(zip(quarantine["file"], quarantine["reason"], strict=True))
    assert set(reasons) == {"barnet/broken.xlsx", "empty.pdf", "minutes.doc"}
    assert "damaged" in reasons["barnet/broken.xlsx"]
    assert "empty" in reasons["empty.pdf"]
    assert ".docx" in reasons["minutes.doc"]
    actions = output_csv(tmp_path / "out/actions.csv")
    assert len(actions) == 89


def test_missing_inbox_exits_non_zero(tmp_path, capsys):
    assert main(["run", "--inbox", str(tmp_path / "nowhere"), "--out", str(tmp_path)]) == 3
    assert "does not exist" in capsys.readouterr().err


def test_a_paper_with_no_action_plan_counts_as_set_aside(tmp_path, capsys):
    """Set aside in normalisation (tables, but no plan) is told like set aside at read time."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLES / "barnet-sp/forward-action-plan-2006-10.xlsx", inbox)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ward", "Councillor", "Party", "Telephone"])
    for row in (["Brunswick Park", "Cllr A Smith", "Lab", "020 8359 0000"],
                ["Childs Hill", "Cllr B Jones", "LD", "020 8359 0001"]):
        sheet.append(row)
    book.save(inbox / "councillors.xlsx")
    assert main(["run", "--inbox", str(inbox), "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    assert "1 set aside" in printed
    assert "Overdue in the latest versions: " in printed
    assert ("set aside: councillors.xlsx: the paper has tables but none is an action plan or "
            "indicator table (1 table of another kind; see the Sources sheet)") in printed
    quarantine = output_csv(tmp_path / "out/quarantine.csv")
    assert list(quarantine["file"]) == ["councillors.xlsx"]
