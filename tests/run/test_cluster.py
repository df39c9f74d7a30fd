"""Issue 17, item 2: papers read on a Dask cluster give the outputs of a plain run."""

import sys
from pathlib import Path

import pytest

from planrecon import cluster, pipeline
from planrecon.cli import main
from planrecon.normalise import NormaliseConfig
from tests.conftest import copy_samples

distributed = pytest.importorskip("distributed", reason="the [cluster] extra is not installed")
pytestmark = pytest.mark.slow  # whole runs on a LocalCluster; `make quick` leaves them out

PAPERS = ["barnet-sp/2006-07-action-plan-q1-progress.xlsx",
          "barnet-sp/forward-action-plan-2006-10.xlsx",
          "hertfordshire-sp/action-plan-2007.xlsx"]
CSVS = ["actions.csv", "changes.csv", "indicators.csv", "indicator_changes.csv",
        "quarantine.csv"]


def _no_pool(*args):
    raise AssertionError("the papers were read in the local process pool, not on the cluster")


def test_a_run_on_a_local_cluster_writes_the_csvs_of_a_plain_run(tmp_path, monkeypatch):
    inbox = copy_samples(PAPERS, tmp_path / "inbox")
    plain = pipeline.run(inbox, tmp_path / "plain", use_cache=False, jobs=1)
    monkeypatch.setattr(pipeline, "read_in_workers", _no_pool)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as local:
        on_dask = pipeline.run(inbox, tmp_path / "dask", use_cache=False,
                               scheduler=local.scheduler_address)
        prefixes = set(local.scheduler.task_prefixes)
    assert on_dask.read == plain.read == len(PAPERS)
    assert any("read_and_normalise" in prefix for prefix in prefixes)  # it handed out the papers
    for name in CSVS:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes()
    assert len((tmp_path / "dask" / "actions.csv").read_text(encoding="utf-8-sig")
               .splitlines()) > 100


def test_scheduler_without_dask_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    (tmp_path / "inbox").mkdir()
    code = main(["run", "--inbox", str(tmp_path / "inbox"), "--out", str(tmp_path / "out"),
                 "--scheduler", "local"])
    assert code == 2
    assert "pip install 'planrecon[cluster]'" in capsys.readouterr().err


def test_a_worker_that_cannot_see_the_inbox_holds_the_paper_back(tmp_path):
    inbox = tmp_path / "not-mounted-here"
    paper = cluster._read_here(inbox / "plan.xlsx", inbox, "abc")
    assert paper.quarantined and paper.held_back  # tried again next run, not remembered
    assert "shared file system" in paper.issues[0].message
    assert paper.source_file == Path("plan.xlsx").as_posix()


def test_a_paper_over_its_time_on_dask_is_held_back_and_the_rest_are_read(tmp_path,
                                                                          monkeypatch):
    import time

    from planrecon import workers
    from planrecon.ingest import Paper

    def slow_or_quick(path, inbox, sha256):
        if path.name == "slow.csv":
            time.sleep(4)
        return Paper(path.relative_to(inbox).as_posix(), "csv", sha256)

    monkeypatch.setattr(workers, "_read_one", slow_or_quick)
    monkeypatch.setattr(cluster, "PAPER_SECONDS", 2)
    todo = [("slow.csv", "1"), ("a.csv", "2"), ("b.csv", "3")]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as local:
        answers = {name: read.paper for name, read in cluster.read_on_cluster(
            tmp_path, todo, local.scheduler_address, 1, NormaliseConfig.load())}
    assert set(answers) == {"slow.csv", "a.csv", "b.csv"}
    slow = answers["slow.csv"]
    assert slow.held_back and "longer than 2 seconds" in slow.issues[0].message
    assert not answers["a.csv"].quarantined and not answers["b.csv"].quarantined
