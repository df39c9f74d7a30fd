"""Smoke test on nine real town-council papers (minutes, grants, accounts, a scan).

They are not action plans and come with no expected tables (see PROVENANCE.md
beside them), so this checks only what must hold for any real paper: the run
completes, and every paper either yields tables or is set aside with a reason
a clerk can read (no Python exception names); the scanned statement of
accounts is set aside for having no text layer. The papers stay outside the
repository (no licence to redistribute), so the test skips without them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from planrecon.pipeline import run

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "real_council"
SCANNED = "sctc_statement-of-accounts-2016-17.pdf"
PROGRAMMER_WORDS = re.compile(r"\b\w+(Error|Exception)\b|Traceback|NoneType")

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="real council papers not present")


@pytest.fixture(scope="module")
def real_run(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("real") / "inbox"
    inbox.mkdir()
    for pdf in sorted(REAL.glob("*.pdf")):
        shutil.copyfile(pdf, inbox / pdf.name)
    out = inbox.parent / "out"
    return run(inbox, out).report, out


def test_all_nine_papers_are_accounted_for(real_run):
    report, out = real_run
    assert len(report.papers) == 9
    assert (out / "reconciliation.xlsx").is_file()


def test_each_paper_gives_tables_or_a_reason_a_clerk_understands(real_run):
    report, out = real_run
    quarantine = pd.read_csv(out / "quarantine.csv", dtype=str, keep_default_na=False)
    reasons = quarantine.groupby("file")["reason"].apply(list).to_dict()
    for paper in report.papers:
        if paper.quarantined:
            assert reasons.get(paper.source_file), paper.source_file
        else:
            assert paper.tables and any(t.rows for t in paper.tables), paper.source_file
    for reason in quarantine["reason"]:
        assert not PROGRAMMER_WORDS.search(reason), reason


def test_the_scanned_accounts_are_set_aside_for_having_no_text_layer(real_run):
    report, _ = real_run
    scanned = next(p for p in report.papers if p.source_file == SCANNED)
    assert scanned.quarantined and not scanned.tables
    assert any("no text layer" in i.message for i in scanned.issues if i.quarantine)
