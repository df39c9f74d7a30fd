"""Smoke test on nine real town-council papers (minutes, grants, accounts, a scan).

They are not action plans and come with no expected tables (see PROVENANCE.md
beside them), so this checks what must hold for any real paper: the run
completes, and every paper either yields tables or is set aside (or has each table
set aside) with a reason a clerk can read (no Python exception names); the scanned statement of
accounts is set aside for having no text layer; and no table of theirs gives
an action or an indicator, the grant lists and the contracts register saying
what they are. The papers stay outside the repository (no licence to
redistribute), so the test skips without them.
"""

from __future__ import annotations

import re
import shutil

import pytest

from planrecon.ingest import read_paper
from planrecon.normalise import NormaliseConfig, normalise
from planrecon.pipeline import run
from tests.conftest import SHARED, output_csv

REAL = SHARED / "bench" / "real_council"
SCANNED = "sctc_statement-of-accounts-2016-17.pdf"
PROGRAMMER_WORDS = re.compile(r"\b\w+(Error|Exception)\b|Traceback|NoneType")

pytestmark = pytest.mark.skipif(
    not REAL.is_dir(),
    reason="needs ../shared/bench/real_council beside the repo (real council PDFs the repo "
           "does not ship)",
)


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
    quarantine = output_csv(out / "quarantine.csv")
    reasons = quarantine.groupby("file")["reason"].apply(list).to_dict()
    for paper in report.papers:
        if paper.quarantined:
            assert reasons.get(paper.source_file), paper.source_file
        elif not (paper.tables and any(t.rows for t in paper.tables)):
            # no table read as one: each says why on the Data quality sheet
            assert paper.issues, paper.source_file
            for issue in paper.issues:
                assert not PROGRAMMER_WORDS.search(issue.message), issue.message
    for reason in quarantine["reason"]:
        assert not PROGRAMMER_WORDS.search(reason), reason


def test_a_paper_with_no_plan_says_what_its_tables_are(real_run):
    report, _ = real_run
    set_aside = report.set_aside()
    assert set_aside["sctc_contracts-2017-18-open.pdf"].endswith(
        "(1 contracts register table; see the Sources sheet)")
    assert "2 budget tables, 7 others" in set_aside["sctc_accounts-2017-18.pdf"]


def test_the_scanned_accounts_are_set_aside_for_having_no_text_layer(real_run):
    report, _ = real_run
    scanned = next(p for p in report.papers if p.source_file == SCANNED)
    assert scanned.quarantined and not scanned.tables
    assert any("no text layer" in i.message for i in scanned.issues if i.quarantine)


# Three of the papers hold tables with an action-like text column and a Status or date
# column, read as action plans until registers were weighed against follow-up columns:
# the grant lists' "Status" is the applicant's legal status ("Registered Charity"), and
# the contracts register's start and end dates bound a contract with a supplier and a
# value. None of the nine is an action plan or an indicator report (PROVENANCE.md).
NOT_PLANS = {
    "sctc_community-grant-fund-amenities-15-november.pdf": "grants table (headers "
    "'Organisation', 'Amount (£)'): 2 of 4 headers belong to grants tables, against 1 "
    "action follow-up column (status 'Status')",
    "sctc_community-grant-notes-2018-03-13.pdf": "grants table (headers 'Organisation', "
    "'Amount Requested'): 2 of 4 headers belong to grants tables, against 1 action "
    "follow-up column (status 'Status')",
    "sctc_contracts-2017-18-open.pdf": "contracts register table (headers 'Supplier', "
    "'Supplier InformationRef', 'Estimated Annual Value 2017/18', …): 4 of 8 headers belong "
    "to contracts register tables, against 2 action follow-up columns (start 'Start Date', "
    "due 'End Date')",
}


@pytest.fixture(scope="module")
def normalised():
    papers = [read_paper(pdf, REAL) for pdf in sorted(REAL.glob("*.pdf"))]
    return normalise(papers, NormaliseConfig.load())


def test_no_real_paper_gives_actions_or_indicators(normalised):
    assert normalised.actions.empty, normalised.actions[["source_file", "action"]]
    assert normalised.indicators.empty
    assert set(normalised.tables["kind"]) == {"other"}


@pytest.mark.parametrize("paper", sorted(NOT_PLANS))
def test_registers_and_grant_lists_say_what_they_are(normalised, paper):
    tables = normalised.tables[normalised.tables.source_file == paper]
    listings = tables[tables.reason.str.contains("follow-up column")]
    assert list(listings.reason) == [NOT_PLANS[paper]]
    assert listings.iloc[0]["rows"] > 0 and listings.iloc[0]["records"] == 0
