"""The README's own-folder example, month after month: one inbox for every month's papers
and planrecon's output folder inside it. What planrecon wrote is never read as a paper."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from planrecon.cache import PaperCache, file_hash
from planrecon.cli import main
from planrecon.inbox import InboxError
from planrecon.ingest import read_paper
from planrecon.pipeline import run
from tests.conftest import SAMPLES, output_csv

MONTH_1 = "barnet-sp/2006-07-action-plan-q1-progress.xlsx"
MONTH_2 = "barnet-sp/forward-action-plan-2006-10.xlsx"
OUT_NAME = "planrecon"


def _add(inbox, name):
    (inbox / name).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLES / name, inbox / name)


def _sources(out) -> set[str]:
    """Every paper named in the actions, the set-aside list and the Sources sheet."""
    named = set()
    for csv in ("actions.csv", "quarantine.csv"):
        frame = output_csv(out / csv)
        named |= set(frame["source_file" if csv == "actions.csv" else "file"])
    sheet = openpyxl.load_workbook(out / "reconciliation.xlsx", read_only=True)["Sources"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if "Paper" in row)
    column = rows[header].index("Paper")
    return named | {row[column] for row in rows[header + 1:] if row[column]}


@pytest.fixture
def inbox(tmp_path):
    inbox = tmp_path / "Committee papers"
    inbox.mkdir()
    return inbox


def test_month_two_never_reads_month_one_outputs(inbox):
    out = inbox / OUT_NAME
    _add(inbox, MONTH_1)
    assert main(["run", "--inbox", str(inbox), "--out", str(out), "--quiet"]) == 0
    assert _sources(out) == {MONTH_1}
    written = {p.name for p in out.iterdir()}
    assert {"actions.csv", "reconciliation.xlsx", "planrecon.log"} <= written

    _add(inbox, MONTH_2)
    assert main(["run", "--inbox", str(inbox), "--out", str(out), "--quiet"]) == 0
    month_2 = _sources(out)
    assert month_2 == {MONTH_1, MONTH_2}
    assert not [name for name in month_2 if name.startswith(OUT_NAME + "/")]


def test_an_output_read_back_by_an_older_version_is_not_kept_as_history(inbox):
    """An older planrecon cached its own workbook as a paper; it is not carried on as a
    paper that left the inbox."""
    out = inbox / OUT_NAME
    _add(inbox, MONTH_1)
    run(inbox, out)
    stale = out / "reconciliation.xlsx"
    with PaperCache(out) as cache:
        cache.put(read_paper(stale, inbox, file_hash(stale)))
    _add(inbox, MONTH_2)
    again = run(inbox, out)
    assert again.kept == []
    assert set(again.report.actions["source_file"]) == {MONTH_1, MONTH_2}


def test_the_inbox_itself_as_output_folder_is_refused(inbox):
    _add(inbox, MONTH_1)
    with pytest.raises(InboxError, match="is the inbox itself"):
        run(inbox, inbox)
