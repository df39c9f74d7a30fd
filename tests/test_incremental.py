"""Monthly operation: unchanged papers are not read again, outputs are deterministic."""

import shutil
import sqlite3

import openpyxl
import pytest

from planrecon.cache import CACHE_FILE
from planrecon.pipeline import run
from tests.conftest import SAMPLES, copy_samples

PAPERS = ["barnet-sp/2006-07-action-plan-q1-progress.xlsx",
          "barnet-sp/forward-action-plan-2006-10.xlsx",
          "hertfordshire-sp/action-plan-2007.xlsx"]
CSVS = ["actions.csv", "changes.csv", "indicators.csv", "quarantine.csv"]


@pytest.fixture
def inbox(tmp_path):
    return copy_samples(PAPERS, tmp_path / "inbox")


def _cells(path):
    wb = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb}


def test_fresh_runs_give_identical_outputs(inbox, tmp_path):
    run(inbox, tmp_path / "a", use_cache=False)
    run(inbox, tmp_path / "b", use_cache=False)
    for name in CSVS:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert _cells(tmp_path / "a/reconciliation.xlsx") == _cells(tmp_path / "b/reconciliation.xlsx")


def test_cached_run_equals_a_fresh_run(inbox, tmp_path):
    run(inbox, tmp_path / "out")
    (tmp_path / "out" / "actions.csv").unlink()  # outputs not intact: the run is redone
    second = run(inbox, tmp_path / "out")
    assert second.read == 0 and second.cached == len(PAPERS) and not second.unchanged
    run(inbox, tmp_path / "fresh", use_cache=False)
    for name in CSVS:
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()


def test_nothing_changed_means_nothing_redone(inbox, tmp_path):
    run(inbox, tmp_path / "out")
    before = {n: (tmp_path / "out" / n).read_bytes() for n in CSVS}
    again = run(inbox, tmp_path / "out")
    assert again.unchanged and again.read == 0
    assert before == {n: (tmp_path / "out" / n).read_bytes() for n in CSVS}


def test_a_changed_paper_alone_is_read_again(inbox, tmp_path):
    run(inbox, tmp_path / "out")
    shutil.copy(SAMPLES / PAPERS[2], inbox / PAPERS[0])  # same name, new content
    again = run(inbox, tmp_path / "out")
    assert (again.read, again.cached) == (1, 2)
    actions = again.report.actions
    assert set(actions[actions["source_file"] == PAPERS[0]]["ref"]) >= {"1.1.1"}


def test_a_removed_paper_keeps_its_history_and_is_marked(inbox, tmp_path):
    run(inbox, tmp_path / "out")
    (inbox / PAPERS[0]).unlink()
    again = run(inbox, tmp_path / "out")
    assert again.kept == [PAPERS[0]]
    assert set(again.report.changes["old_version"]) == {"Q1 2006/7 (saved 11 Sep 2006)"}
    marked = [i for i in again.report.issues if i.source_file == PAPERS[0]]
    assert any("no longer in the inbox" in i.message for i in marked)


def test_a_cache_from_another_version_is_rebuilt(inbox, tmp_path):
    run(inbox, tmp_path / "out")
    with sqlite3.connect(tmp_path / "out" / CACHE_FILE) as db:
        db.execute("UPDATE meta SET value='papers-v0/0.0.1' WHERE key='schema'")
    again = run(inbox, tmp_path / "out")
    assert again.read == len(PAPERS) and not again.unchanged


def test_a_new_version_of_the_tool_runs_an_unchanged_inbox_again(inbox, tmp_path, monkeypatch):
    """After an upgrade the officer gets the new tool's results, not last month's files."""
    run(inbox, tmp_path / "out")
    monkeypatch.setattr("planrecon.pipeline.TOOL", "another build of planrecon")
    again = run(inbox, tmp_path / "out")
    assert not again.unchanged and again.cached == len(PAPERS)
