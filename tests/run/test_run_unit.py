"""Issue 15: never stop the run, never lose a page in silence.

Every inbox entry is read or said why not (odd names included); a run's outputs are
published together or not at all; one run at a time per output folder; a full disk
is one clear message; a paper set aside by the machine is tried again next run."""

import errno
import os
import sqlite3
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from planrecon import outputs as outputs_stage
from planrecon import pipeline, workers
from planrecon.cache import PaperCache
from planrecon.cli import LOG_FILE, main
from planrecon.ingest import Issue, IssueCode, Paper
from planrecon.outfolder import LOCK, STAGING, locked
from tests import misbehaving

PLAN = ("Ref,Action,Lead officer,Due date,Status\n"
        "1.1,Review the housing strategy,Head of Housing,Mar-07,On track\n"
        "1.2,Publish the tenancy guide,Tenancy Manager,Jun-07,Complete\n")
OUTPUTS = ["actions.csv", "changes.csv", "indicators.csv", "indicator_changes.csv",
           "quarantine.csv", "planrecon.duckdb", "reconciliation.xlsx"]


def _run(inbox: Path, out: Path, *more: str) -> int:
    return main(["run", "--inbox", str(inbox), "--out", str(out), "--quiet", *more])


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _leftovers(out: Path) -> list[str]:
    """Anything in OUT that is not an output, the log, the cache or the lock."""
    own = set(OUTPUTS) | {LOG_FILE, LOCK, ".planrecon-cache.sqlite"}
    return sorted(p.name for p in out.iterdir() if p.name not in own)


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "plan.csv").write_text(PLAN, encoding="utf-8")
    return folder


def test_every_inbox_entry_is_read_or_said_why(inbox, tmp_path):
    (inbox / "~$plan.xlsx").write_bytes(b"\x0bowner")
    (inbox / ".hidden.xlsx").write_bytes(b"PK")
    (inbox / ".old").mkdir()
    (inbox / ".old" / "plan.csv").write_text(PLAN, encoding="utf-8")
    os.mkfifo(inbox / "pipe.csv")
    odd = os.fsdecode(b"caf\xe9 plan.csv")  # as a Windows zip leaves a name on Linux
    (inbox / odd).write_text(PLAN.replace("housing", "leisure"), encoding="utf-8")
    (inbox / "q\x1b[2J.csv").write_text(PLAN.replace("housing", "parks"), encoding="utf-8")
    out = tmp_path / "out"
    assert _run(inbox, out) == 0
    why = dict(zip(_csv(out / "quarantine.csv")["file"], _csv(out / "quarantine.csv")["reason"],
                   strict=True))
    assert set(why) == {"~$plan.xlsx", ".hidden.xlsx", ".old", "pipe.csv"}
    assert "lock file" in why["~$plan.xlsx"]
    assert "hidden file" in why[".hidden.xlsx"] and "hidden folder" in why[".old"]
    assert "not a regular file" in why["pipe.csv"]
    papers = set(_csv(out / "actions.csv")["source_file"])
    assert papers == {"plan.csv", "caf\\xe9 plan.csv", "q[2J.csv"}
    book = openpyxl.load_workbook(out / "reconciliation.xlsx")
    noted = {row[0].value for row in book["Data quality"].iter_rows(min_row=3)}
    assert {"~$plan.xlsx", ".hidden.xlsx", ".old", "pipe.csv"} <= noted
    (out / LOG_FILE).read_text(encoding="utf-8")  # the log stays valid UTF-8
    assert _run(inbox, out) == 0  # the cache keeps the odd names too
    assert _run(inbox, out, "--no-cache") == 0
    assert set(_csv(out / "actions.csv")["source_file"]) == papers


def test_a_file_or_folder_that_cannot_be_read_is_said(inbox, tmp_path, monkeypatch):
    (inbox / "secret.csv").write_text(PLAN, encoding="utf-8")
    (inbox / "locked").mkdir()
    (inbox / "locked" / "plan.csv").write_text(PLAN, encoding="utf-8")
    if os.geteuid() == 0:  # root reads everything: the system's answer is simulated
        real = os.access
        monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if Path(path).name in {
            "secret.csv", "locked"} else real(path, mode, **kw))
    else:
        (inbox / "secret.csv").chmod(0)
        (inbox / "locked").chmod(0)
    try:
        assert _run(inbox, tmp_path / "out") == 0
    finally:
        (inbox / "secret.csv").chmod(0o644)
        (inbox / "locked").chmod(0o755)
    quarantine = _csv(tmp_path / "out" / "quarantine.csv")
    assert set(quarantine["file"]) == {"secret.csv", "locked"}
    assert all("permission denied" in why for why in quarantine["reason"])
    assert set(_csv(tmp_path / "out" / "actions.csv")["source_file"]) == {"plan.csv"}


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"),
                                     RuntimeError("a bug in a writer")])
def test_a_run_that_fails_writing_leaves_the_last_outputs_whole(inbox, tmp_path, monkeypatch,
                                                               capsys, failure):
    out = tmp_path / "out"
    assert _run(inbox, out) == 0
    before = _snapshot(out)
    written = []

    def fails_after_the_csvs(report, path):
        written.extend(p.name for p in path.parent.iterdir())
        raise failure

    monkeypatch.setattr(outputs_stage, "write_workbook", fails_after_the_csvs)
    (inbox / "plan.csv").write_text(PLAN.replace("Mar-07", "Sep-07"), encoding="utf-8")
    if isinstance(failure, OSError):
        assert _run(inbox, out) == 3
        said = capsys.readouterr().err.strip().splitlines()
        assert len(said) == 1 and "is full" in said[0] and "no output was changed" in said[0]
    else:
        with pytest.raises(RuntimeError):
            _run(inbox, out)
    assert {"actions.csv", "quarantine.csv"} <= set(written)  # it failed part way
    assert _snapshot(out) == before
    assert _leftovers(out) == []


def test_a_second_run_on_the_same_folder_stops_with_exit_3(inbox, tmp_path, capsys):
    out = tmp_path / "out"
    with locked(out):
        assert _run(inbox, out) == 3
    assert "another planrecon run is writing to" in capsys.readouterr().err
    assert not (out / "actions.csv").exists()
    assert _run(inbox, out) == 0  # the lock went with the first run


def test_a_killed_runs_staging_folder_is_cleared(inbox, tmp_path):
    left = tmp_path / "out" / f"{STAGING}killed"
    left.mkdir(parents=True)
    (left / "actions.csv").write_text("half", encoding="utf-8")
    assert _run(inbox, tmp_path / "out") == 0
    assert _leftovers(tmp_path / "out") == []


def test_a_full_disk_under_the_cache_is_one_clear_message(inbox, tmp_path, monkeypatch,
                                                           capsys):
    class FullCache(PaperCache):
        """SQLite's own 'database or disk is full', at the size the cache has now."""

        def _open(self):
            super()._open()
            pages = self.db.execute("PRAGMA page_count").fetchone()[0]
            self.db.execute(f"PRAGMA max_page_count = {pages}")

    out = tmp_path / "out"
    monkeypatch.setattr(pipeline, "PaperCache", FullCache)
    for n in range(40):  # enough readings to need a new page
        (inbox / f"plan-{n}.csv").write_text(PLAN.replace("1.1", f"{n}.1"), encoding="utf-8")
    assert _run(inbox, out) == 3
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1 and "is full" in said[0]
    assert _leftovers(out) == [] and not (out / "actions.csv").exists()
    with pytest.raises(sqlite3.OperationalError, match="full"):  # the simulation is real
        cache = FullCache(tmp_path / "probe")
        cache.db.execute("CREATE TABLE big (x BLOB)")
        cache.db.execute("INSERT INTO big VALUES (zeroblob(1000000))")


def _held_back(path, inbox, sha256=None) -> Paper:
    name = path.relative_to(inbox).as_posix()
    paper = Paper(name, "doc", sha256 or "")
    paper.issues.append(Issue(IssueCode.UNSUPPORTED, "ingest", name, "", "LibreOffice is not "
                              "installed here", quarantine=True, machine=True))
    return paper


def _held_back_in_workers(inbox, todo, jobs, config):
    """The workers' answer when the machine, not the paper, set each paper aside (read in
    this process: a patched reader would not reach the worker processes)."""
    for name, sha in todo:
        yield name, workers.Read(_held_back(inbox / name, inbox, sha))


def test_a_paper_the_machine_set_aside_is_tried_again(inbox, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real = pipeline.read_in_workers
    monkeypatch.setattr(pipeline, "read_in_workers", _held_back_in_workers)
    first = pipeline.run(inbox, out)
    assert first.read == 1 and set(first.report.set_aside()) == {"plan.csv"}
    monkeypatch.setattr(pipeline, "read_in_workers", real)  # LibreOffice installed since
    second = pipeline.run(inbox, out)
    assert not second.unchanged and (second.read, second.cached) == (1, 0)
    assert set(_csv(out / "actions.csv")["source_file"]) == {"plan.csv"}
    third = pipeline.run(inbox, out)  # what the paper decided is kept
    assert third.unchanged


@pytest.mark.parametrize("limit", ["time", "memory"])
def test_a_paper_over_its_time_or_memory_is_tried_again(inbox, tmp_path, monkeypatch, limit):
    out = tmp_path / "out"
    (tmp_path / "limit").write_text(limit, encoding="utf-8")
    real, budget = workers._read_one, workers.PAPER_SECONDS
    monkeypatch.setattr(workers, "_read_one", misbehaving.over_a_limit)
    monkeypatch.setattr(workers, "PAPER_SECONDS", 3)
    first = pipeline.run(inbox, out, jobs=1)
    why = first.report.set_aside()
    assert set(why) == {"plan.csv"}
    assert ("longer than 3 seconds" if limit == "time" else "more memory") in why["plan.csv"]
    monkeypatch.setattr(workers, "_read_one", real)  # a quieter machine, the usual budget
    monkeypatch.setattr(workers, "PAPER_SECONDS", budget)
    second = pipeline.run(inbox, out, jobs=1)
    assert not second.unchanged and (second.read, second.cached) == (1, 0)
    assert set(_csv(out / "actions.csv")["source_file"]) == {"plan.csv"}
    assert pipeline.run(inbox, out, jobs=1).unchanged  # what the paper decided is kept


def test_a_paper_that_decided_is_cached_even_when_set_aside(tmp_path):
    cache = PaperCache(tmp_path)
    decided = Paper("empty.csv", "csv", "a" * 64)
    decided.issues.append(Issue(IssueCode.NO_TABLES, "ingest", "empty.csv", "", "no tables",
                                quarantine=True))
    cache.put(decided)
    cache.put(_held_back(tmp_path / "x.doc", tmp_path, "b" * 64))
    assert cache.get("empty.csv", "a" * 64).quarantined
    assert cache.get("x.doc", "b" * 64) is None


def test_quiet_means_quiet_for_library_warnings_too(inbox, tmp_path, monkeypatch, capsys):
    real = outputs_stage.write_workbook

    def noisy(report, path):
        for n in range(3):
            warnings.warn(f"library warning {n}", UserWarning, stacklevel=1)
        real(report, path)

    monkeypatch.setattr(outputs_stage, "write_workbook", noisy)
    assert _run(inbox, tmp_path / "out") == 0
    assert capsys.readouterr().err == ""
    assert "library warning 2" in (tmp_path / "out" / LOG_FILE).read_text(encoding="utf-8")


def test_an_output_folder_inside_the_inbox_is_neither_read_nor_listed(inbox):
    """Its CSVs, log, cache, lock and staging folder are ours, not the officer's."""
    out = inbox / "out"
    assert _run(inbox, out) == 0
    assert _run(inbox, out, "--no-cache") == 0
    assert set(_csv(out / "actions.csv")["source_file"]) == {"plan.csv"}
    assert list(_csv(out / "quarantine.csv")["file"]) == []
