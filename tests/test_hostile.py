"""Issue 6: a run survives hostile and broken papers and says what it could not read.

The inbox comes from `scripts.hostile_papers` (one paper of each kind, two good
Barnet papers and a 50,000-row sheet) and is run once through the console
script; each test then reads what that run wrote. Legacy .doc/.xls papers are
tested with and without LibreOffice, and the inbox's own safety (links, control
files) separately.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from planrecon.cli import main
from planrecon.inbox import paper_paths, read_inbox_overrides, read_plans
from planrecon.ingest import IssueCode, read_paper
from planrecon.ingest import convert as convert_module
from planrecon.ingest.errors import FormatError
from scripts.cfb import compound_file
from scripts.hostile_papers import (
    BIG,
    BIG_ROWS,
    EXPECTED,
    GOOD,
    RENAMED,
    make_hostile_inbox,
)
from tests.conftest import SAMPLES, output_csv

BIG_RUN_LIMIT_S = 240
"""The whole hostile run (50,000-row sheet included) took about 45 s when written."""


def _run(inbox: Path, out: Path) -> int:
    return main(["run", "--inbox", str(inbox), "--out", str(out), "--quiet"])


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    inbox = make_hostile_inbox(tmp_path_factory.mktemp("hostile") / "inbox")
    out = inbox.parent / "out"
    started = time.monotonic()
    code = _run(inbox, out)
    return code, out, time.monotonic() - started


@pytest.fixture(scope="module")
def quarantine(hostile_run) -> dict[str, str]:
    frame = output_csv(hostile_run[1] / "quarantine.csv")
    papers = frame[frame["locator"] == ""]
    return dict(zip(papers["file"], papers["reason"].str.lower(), strict=True))


@pytest.fixture(scope="module")
def actions(hostile_run) -> pd.DataFrame:
    return output_csv(hostile_run[1] / "actions.csv")


def test_the_run_completes_within_bounds(hostile_run):
    code, out, seconds = hostile_run
    assert code == 0
    assert (out / "reconciliation.xlsx").is_file()
    assert seconds < BIG_RUN_LIMIT_S


def test_exactly_the_hostile_papers_are_set_aside(quarantine):
    assert set(quarantine) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_paper_has_a_reason_a_clerk_can_act_on(quarantine, name):
    for words in EXPECTED[name]:
        assert words in quarantine[name]


def test_renamed_papers_are_read_by_content_and_noted(hostile_run, actions):
    wb = openpyxl.load_workbook(hostile_run[1] / "reconciliation.xlsx", read_only=True)
    notes = [str(v) for row in wb["Data quality"].iter_rows(values_only=True) for v in row if v]
    for name, fmt in RENAMED.items():
        assert (actions["source_file"] == name).sum() > 0
        claimed = Path(name).suffix
        assert any(f"named {claimed} but its content is {fmt}" in note for note in notes), name


def test_good_papers_come_out_as_when_run_alone(tmp_path, actions):
    inbox = tmp_path / "inbox" / "barnet"
    inbox.mkdir(parents=True)
    for name in GOOD:
        shutil.copyfile(SAMPLES / name, inbox / Path(name).name)
    assert _run(inbox.parent, tmp_path / "out") == 0
    alone = output_csv(tmp_path / "out" / "actions.csv")
    for name in GOOD:
        source = f"barnet/{Path(name).name}"
        mine = actions[actions["source_file"] == source]
        theirs = alone[alone["source_file"] == source]
        assert len(mine) > 0 and len(mine) == len(theirs)
        assert sorted(mine["ref"]) == sorted(theirs["ref"])


def test_the_50000_row_sheet_is_read_whole(actions):
    big = actions[actions["source_file"] == BIG]
    assert len(big) == BIG_ROWS
    assert big["ref"].iloc[-1] == "500.100"


# --- legacy .doc / .xls through LibreOffice -------------------------------------------


def _no_libreoffice(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)


@pytest.mark.parametrize(("name", "stream", "hint"), [
    ("minutes.doc", "WordDocument", ".docx"), ("accounts.xls", "Workbook", ".xlsx"),
])
def test_legacy_paper_without_libreoffice_is_set_aside_with_the_hint(
        tmp_path, monkeypatch, name, stream, hint):
    _no_libreoffice(monkeypatch)
    (tmp_path / name).write_bytes(compound_file({stream: b"\x01" * 600}))
    paper = read_paper(tmp_path / name, tmp_path)
    assert paper.quarantined
    message = paper.issues[0].message
    assert "LibreOffice is not installed" in message and f"save it as {hint}" in message


def _soffice_save_as(source: Path, fmt: str, out_dir: Path) -> Path:
    """What an officer's older colleague would send: the paper saved in a legacy format."""
    profile = (out_dir / "profile").as_uri()
    subprocess.run([convert_module.libreoffice(), f"-env:UserInstallation={profile}",
                    "--headless", "--convert-to", fmt, "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True, timeout=120)
    return out_dir / f"{source.stem}.{fmt}"


needs_libreoffice = pytest.mark.skipif(
    convert_module.libreoffice() is None,
    reason="LibreOffice is not installed: planrecon reads legacy .doc/.xls papers through it "
           "(README), so without it they are set aside and there is nothing to convert")


@needs_libreoffice
def test_legacy_papers_are_converted_and_read_like_the_modern_ones(tmp_path):
    modern = tmp_path / "modern"
    modern.mkdir()
    shutil.copyfile(SAMPLES / GOOD[1], modern / "forward-plan.xlsx")
    shutil.copyfile(SAMPLES / "halton/service-plan-2008-11.docx", modern / "service-plan.docx")
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    for path in modern.iterdir():
        fmt = {".xlsx": "xls", ".docx": "doc"}[path.suffix]
        shutil.move(_soffice_save_as(path, fmt, tmp_path / "saved"), legacy / f"{path.stem}.{fmt}")
    assert _run(modern, tmp_path / "out-modern") == 0
    assert _run(legacy, tmp_path / "out-legacy") == 0
    want = output_csv(tmp_path / "out-modern" / "actions.csv")
    got = output_csv(tmp_path / "out-legacy" / "actions.csv")
    assert output_csv(tmp_path / "out-legacy" / "quarantine.csv").empty
    for stem in ("forward-plan", "service-plan"):
        old = got[got["source_file"].str.startswith(stem)]
        new = want[want["source_file"].str.startswith(stem)]
        assert len(old) == len(new) > 0
        assert list(old["action"]) == list(new["action"])


@needs_libreoffice
def test_a_damaged_legacy_paper_is_set_aside_with_the_hint(tmp_path):
    (tmp_path / "minutes.doc").write_bytes(compound_file({"WordDocument": os.urandom(700)}))
    paper = read_paper(tmp_path / "minutes.doc", tmp_path)
    assert paper.quarantined and "save it as .docx" in paper.issues[0].message


def test_a_conversion_that_hangs_is_stopped(monkeypatch):
    monkeypatch.setattr(convert_module, "TIMEOUT_S", 0.2)
    started = time.monotonic()
    with pytest.raises(FormatError, match="could not convert within"):
        convert_module._run(["sleep", "30"], "doc")
    assert time.monotonic() - started < 10


# --- the inbox itself --------------------------------------------------------------------


def test_links_in_the_inbox_are_not_followed_outside_it(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copyfile(SAMPLES / GOOD[0], outside / "secret.xlsx")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(SAMPLES / GOOD[1], inbox / "plan.xlsx")
    (inbox / "link.xlsx").symlink_to(outside / "secret.xlsx")
    (inbox / "linked-folder").symlink_to(outside, target_is_directory=True)
    assert [p.name for p in paper_paths(inbox)] == ["link.xlsx", "linked-folder", "plan.xlsx"]
    assert _run(inbox, tmp_path / "out") == 0
    assert set(output_csv(tmp_path / "out" / "actions.csv")["source_file"]) == {"plan.xlsx"}
    quarantine = output_csv(tmp_path / "out" / "quarantine.csv")
    assert set(quarantine["file"]) == {"link.xlsx", "linked-folder"}
    assert all("symbolic link" in why for why in quarantine["reason"])


def test_read_paper_refuses_a_link_even_when_asked(tmp_path):
    shutil.copyfile(SAMPLES / GOOD[0], tmp_path / "real.xlsx")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "link.xlsx").symlink_to(tmp_path / "real.xlsx")
    paper = read_paper(inbox / "link.xlsx", inbox)
    assert paper.quarantined and not paper.tables
    assert paper.issues[0].code is IssueCode.UNSUPPORTED and "link" in paper.issues[0].message


@pytest.mark.parametrize("file", ["/etc/passwd", "../outside/*.xlsx", "a/../../b.xlsx",
                                  "C:\\\\papers\\\\plan.xlsx"])
def test_plans_yaml_cannot_point_outside_the_inbox(tmp_path, file):
    (tmp_path / "plans.yaml").write_text(f"papers:\n  - file: '{file}'\n    plan: x\n",
                                         encoding="utf-8")
    entries, problems = read_plans(tmp_path)
    assert entries == [] and "must be a path inside the inbox" in problems[0]


@pytest.mark.parametrize("text", ["papers: [", "- just a list", "papers:\n  - 7\n", "\x00\xff"])
def test_a_broken_plans_yaml_is_reported_not_fatal(tmp_path, text):
    (tmp_path / "plans.yaml").write_bytes(text.encode("latin-1"))
    entries, problems = read_plans(tmp_path)
    assert entries == [] and "plans.yaml" in problems[0]


def test_control_files_that_are_links_are_not_read(tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("decision,old_ref,new_ref\nconfirm,1,1\n", encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "overrides.csv").symlink_to(outside)
    (inbox / "plans.yaml").symlink_to(outside)
    for read in (read_plans, read_inbox_overrides):
        found, problems = read(inbox)
        assert found == [] and "is a link to a file elsewhere" in problems[0]


def test_an_overrides_csv_that_is_not_utf8_is_reported_not_fatal(tmp_path):
    (tmp_path / "overrides.csv").write_bytes(b"decision,old_ref\n\xff\xfe\x00confirm,1\n")
    found, problems = read_inbox_overrides(tmp_path)
    assert found == [] and "overrides.csv could not be read" in problems[0]
