"""Monthly operation: unchanged papers are not read again, outputs are deterministic."""

import shutil
import sqlite3

import openpyxl
import pytest

from planrecon.cache import CACHE_FILE
from planrecon.pipeline import run
from tests.conftest import SAMPLES, copy_samples

pytestmark = pytest.mark.slow  # whole runs of the pipeline; `make quick` leaves them out

PAPERS = ["barnet-sp/2006-07-action-plan-q1-progress.xlsx",
          "barnet-sp/forward-action-plan-2006-10.xlsx",
          "hertfordshire-sp/action-plan-2007.xlsx"]
CSVS = ["actions.csv", "changes.csv", "indicators.csv", "indicator_changes.csv",
        "quarantine.csv"]


@pytest.fixture
def inbox(tmp_path):
    return copy_samples(PAPERS, tmp_path / "inbox")


@pytest.fixture(scope="module")
def month_before(tmp_path_factory):
    """PAPERS run once with the cache, for the module: (the run's summary, the folder
    holding its `inbox` and `out`)."""
    folder = tmp_path_factory.mktemp("month-before")
    return run(copy_samples(PAPERS, folder / "inbox"), folder / "out"), folder


@pytest.fixture
def first(month_before, inbox, tmp_path):
    """The test's inbox as run once into tmp_path/out: a copy of `month_before`'s output
    folder, cache included. A run depends on the papers' contents and their names within
    the inbox, not on where the inbox or the output folder is, so this is the folder the
    test's own first run would leave; made once, it saves a whole run per test."""
    summary, folder = month_before
    shutil.copytree(folder / "out", tmp_path / "out")
    return summary


def _cells(path):
    wb = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb}


def test_fresh_runs_give_identical_outputs(inbox, tmp_path):
    run(inbox, tmp_path / "a", use_cache=False)
    run(inbox, tmp_path / "b", use_cache=False)
    for name in CSVS:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert _cells(tmp_path / "a/reconciliation.xlsx") == _cells(tmp_path / "b/reconciliation.xlsx")


def test_cached_run_equals_a_fresh_run(first, inbox, tmp_path):
    (tmp_path / "out" / "actions.csv").unlink()  # outputs not intact: the run is redone
    second = run(inbox, tmp_path / "out")
    assert second.read == 0 and second.cached == len(PAPERS) and not second.unchanged
    run(inbox, tmp_path / "fresh", use_cache=False)
    for name in CSVS:
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()


def test_nothing_changed_means_nothing_redone(first, inbox, tmp_path):
    before = {n: (tmp_path / "out" / n).read_bytes() for n in CSVS}
    again = run(inbox, tmp_path / "out")
    assert again.unchanged and again.read == 0
    assert before == {n: (tmp_path / "out" / n).read_bytes() for n in CSVS}


def test_a_changed_paper_alone_is_read_again(first, inbox, tmp_path):
    openpyxl.load_workbook(SAMPLES / PAPERS[2]).save(inbox / PAPERS[0])  # same name, new content
    again = run(inbox, tmp_path / "out")
    assert (again.read, again.cached) == (1, 2)
    assert again.kept == []  # the edited paper's earlier reading is forgotten, not kept
    actions = again.report.actions
    assert set(actions[actions["source_file"] == PAPERS[0]]["ref"]) >= {"1.1.1"}


def _series(summary) -> list[tuple[str, ...]]:
    """Each plan series as its versions (a series is named by its folder, so not by name)."""
    versions = summary.report.live_versions()
    return sorted(tuple(labels) for labels in versions.groupby("plan_id")["plan_version"]
                  .agg(list))


@pytest.mark.parametrize("new_name", [
    "barnet-sp/q1-progress-2006.xlsx",  # renamed
    "barnet/2006-07-action-plan-q1-progress.xlsx",  # moved to another folder
])
def test_a_renamed_or_moved_paper_keeps_its_history(first, inbox, tmp_path, new_name):
    (inbox / new_name).parent.mkdir(parents=True, exist_ok=True)
    (inbox / PAPERS[0]).rename(inbox / new_name)
    again = run(inbox, tmp_path / "out")
    assert (again.read, again.cached, again.kept) == (0, len(PAPERS), [])
    report = again.report
    assert set(report.actions["source_file"]) == {new_name, *PAPERS[1:]}
    assert not [i for i in report.issues if PAPERS[0] in (i.source_file, i.message)]
    assert _series(again) == _series(first)
    assert report.counts.changes == first.report.counts.changes
    assert set(report.changes["old_source_file"]) - {""} == {new_name}


def test_a_copy_in_the_inbox_is_read_once_and_listed(month_before, inbox, tmp_path):
    plain, _ = month_before
    copy = PAPERS[0].replace(".xlsx", " (copy).xlsx")  # sorts before its original
    shutil.copy(inbox / PAPERS[0], inbox / copy)
    both = run(inbox, tmp_path / "out", use_cache=False)
    assert both.read == len(PAPERS) and both.copies == {copy: PAPERS[0]}
    assert copy not in set(both.report.actions["source_file"])
    assert _series(both) == _series(plain)
    assert both.report.counts.papers == plain.report.counts.papers
    notes = [i for i in both.report.issues if i.source_file == copy]
    assert len(notes) == 1 and PAPERS[0] in notes[0].message and not notes[0].quarantine
    sources = _cells(tmp_path / "out/reconciliation.xlsx")["Sources"]
    listed = [row for row in sources if row[0] == copy]
    assert len(listed) == 1 and PAPERS[0] in " ".join(str(v) for v in listed[0] if v)


def test_a_copy_never_takes_the_history_from_its_original(first, inbox, tmp_path):
    """The cache knows which name came first, even when the copy's name is shorter."""
    shutil.copy(inbox / PAPERS[0], inbox / "plan.xlsx")
    again = run(inbox, tmp_path / "out")
    assert again.copies == {"plan.xlsx": PAPERS[0]}
    assert (again.read, again.cached, again.kept) == (0, len(PAPERS), [])


def test_a_removed_paper_keeps_its_history_and_is_marked(first, inbox, tmp_path):
    (inbox / PAPERS[0]).unlink()
    again = run(inbox, tmp_path / "out")
    assert again.kept == [PAPERS[0]]
    assert set(again.report.changes["old_version"]) == {"Q1 2006/7 (saved 11 Sep 2006)"}
    marked = [i for i in again.report.issues if i.source_file == PAPERS[0]]
    assert any("no longer in the inbox" in i.message for i in marked)


def test_a_cache_from_another_version_is_rebuilt(first, inbox, tmp_path):
    with sqlite3.connect(tmp_path / "out" / CACHE_FILE) as db:
        db.execute("UPDATE meta SET value='papers-v0/0.0.1' WHERE key='schema'")
    again = run(inbox, tmp_path / "out")
    assert again.read == len(PAPERS) and not again.unchanged


def test_a_new_version_of_the_tool_runs_an_unchanged_inbox_again(first, inbox, tmp_path,
                                                                  monkeypatch):
    """After an upgrade the officer gets the new tool's results, not last month's files."""
    monkeypatch.setattr("planrecon.pipeline.TOOL", "another build of planrecon")
    again = run(inbox, tmp_path / "out")
    assert not again.unchanged and again.cached == len(PAPERS)
