"""Issue 6: a run survives hostile and broken papers and says what it could not read.

The inbox comes from `scripts.hostile_papers` (one paper of each kind and two good
Barnet papers) and is run once through the console
script; each test then reads what that run wrote. Legacy .doc/.xls papers are
tested with and without LibreOffice, and the inbox's own safety (links, control
files) separately.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from planrecon.cli import main
from planrecon.inbox import paper_paths
from planrecon.ingest import IssueCode, read_paper
from planrecon.ingest import convert as convert_module
from planrecon.ingest.errors import FormatError
from planrecon.officer_files import OfficerFileError, load_officer_files
from scripts.cfb import compound_file
from scripts.hostile_papers import (
    EXPECTED,
    GOOD,
    RENAMED,
    make_hostile_inbox,
)
from tests.conftest import SAMPLES, needs_libreoffice, output_csv, soffice_save_as


def _run(inbox: Path, out: Path) -> int:
    return main(["run", "--inbox", str(inbox), "--out", str(out), "--quiet"])


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    inbox = make_hostile_inbox(tmp_path_factory.mktemp("hostile") / "inbox")
    out = inbox.parent / "out"
    return _run(inbox, out), out


@pytest.fixture(scope="module")
def quarantine(hostile_run) -> dict[str, str]:
    frame = output_csv(hostile_run[1] / "quarantine.csv")
    papers = frame[frame["locator"] == ""]
    return dict(zip(papers["file"], papers["reason"].str.lower(), strict=True))


@pytest.fixture(scope="module")
def actions(hostile_run) -> pd.DataFrame:
    return output_csv(hostile_run[1] / "actions.csv")


def test_the_run_completes(hostile_run):
    """Each paper is held to its own time budget (tests/run/test_bounds.py); how long the
    whole run takes is measured by `make bench`, not asserted on a shared machine."""
    code, out = hostile_run
    assert code == 0
    assert (out / "reconciliation.xlsx").is_file()


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


# --- legacy .doc / .xls through LibreOffice -------------------------------------------


def _no_libreoffice(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)


def test_legacy_word_paper_without_libreoffice_is_set_aside_with_the_hint(tmp_path, monkeypatch):
    """Only .doc needs LibreOffice now; .xls is read by xlrd (tests/ingest/test_xls_reader.py)."""
    _no_libreoffice(monkeypatch)
    (tmp_path / "minutes.doc").write_bytes(compound_file({"WordDocument": b"\x01" * 600}))
    paper = read_paper(tmp_path / "minutes.doc", tmp_path)
    assert paper.quarantined
    message = paper.issues[0].message
    assert "LibreOffice is not installed" in message and "save it as .docx" in message


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
        shutil.move(soffice_save_as(path, fmt, tmp_path / "saved"), legacy / f"{path.stem}.{fmt}")
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


def _officer_errors(inbox: Path) -> str:
    with pytest.raises(OfficerFileError) as caught:
        load_officer_files(inbox, [])
    return str(caught.value)


@pytest.mark.parametrize("file", ["/etc/passwd", "../outside/*.xlsx", "a/../../b.xlsx",
                                  "C:\\\\papers\\\\plan.xlsx", "//server/share/plan.xlsx"])
def test_plans_yaml_cannot_point_outside_the_inbox(tmp_path, file):
    (tmp_path / "plans.yaml").write_text(f"papers:\n  - file: '{file}'\n    plan: x\n",
                                         encoding="utf-8")
    assert "must be a path inside the inbox" in _officer_errors(tmp_path)


@pytest.mark.parametrize("text", ["papers: [", "- just a list", "papers:\n  - 7\n", "\x00\xff"])
def test_a_broken_plans_yaml_stops_the_run_naming_it(tmp_path, text):
    (tmp_path / "plans.yaml").write_bytes(text.encode("latin-1"))
    assert _officer_errors(tmp_path).startswith("plans.yaml")


def test_control_files_that_are_links_are_not_read(tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("decision,old_ref,new_ref\nconfirm,1,1\n", encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "overrides.csv").symlink_to(outside)
    (inbox / "plans.yaml").symlink_to(outside)
    errors = _officer_errors(inbox).splitlines()
    assert len(errors) == 2 and all("is a link to a file elsewhere" in e for e in errors)


def test_an_overrides_csv_that_is_not_text_stops_the_run(tmp_path):
    (tmp_path / "overrides.csv").write_bytes(b"decision,old_ref,new_ref\n\x81\x8d\x00,1\n")
    assert "save it as UTF-8" in _officer_errors(tmp_path)
