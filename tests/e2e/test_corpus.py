"""Issue 17, item 3: the benchmark's synthetic corpus is papers the pipeline reads as the
plan series they were made as, so `make bench` times real work."""

import duckdb

from planrecon.outputs import STORE
from planrecon.pipeline import run
from scripts import corpus
from scripts.corpus import FORMATS, make_corpus


def test_a_corpus_reads_as_its_plan_series_with_their_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "ACTIONS", (12, 16))  # short plans: a quick test
    made = make_corpus(tmp_path / "inbox", 4)
    assert made["papers"] == 4 and made["series"] == 1
    assert all(made[fmt] >= 1 for fmt in FORMATS)  # a series holds every format
    summary = run(tmp_path / "inbox", tmp_path / "out", use_cache=False, jobs=1)
    assert summary.read == 4 and not summary.report.set_aside()
    con = duckdb.connect(str(tmp_path / "out" / STORE), read_only=True)
    versions = con.execute("SELECT plan_id, count(*) FROM versions GROUP BY ALL ORDER BY ALL"
                           ).fetchall()
    assert [n for _, n in versions] == [4]
    assert con.execute("SELECT sum(actions) FROM versions").fetchone()[0] == made["actions"]
    slipped = con.execute("SELECT count(*) FROM changes WHERE list_contains(flags, 'slipped')"
                          ).fetchone()[0]
    assert slipped > 0
    con.close()
