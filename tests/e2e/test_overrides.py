"""An officer's plans.yaml and overrides.csv change the next run, and each is reported."""


import pandas as pd
import pytest

from planrecon import pipeline
from planrecon.officer_files import OfficerFileError
from planrecon.pipeline import run
from tests.conftest import copy_samples

BARNET = ["barnet-sp/2006-07-action-plan-q1-progress.xlsx",
          "barnet-sp/forward-action-plan-2006-10.xlsx"]
HEADER = "decision,plan_id,old_version,new_version,old_ref,new_ref,old_action,new_action,note\n"


@pytest.fixture
def inbox(tmp_path):
    return copy_samples(BARNET, tmp_path / "inbox")


def _pair(result, old_ref):
    changes = result.report.changes
    rows = changes[changes["old_ref"] == old_ref]
    return list(zip(rows["old_ref"], rows["new_ref"], strict=True))


def test_reject_then_force_a_pair(inbox, tmp_path):
    before = run(inbox, tmp_path / "out")
    assert _pair(before, "1.16") == [("1.16", "1.4")]
    (inbox / "overrides.csv").write_text(
        HEADER + "reject,,,,1.16,1.4,,,not the same action\n", encoding="utf-8")
    rejected = run(inbox, tmp_path / "out")
    assert ("1.16", "1.4") not in _pair(rejected, "1.16")
    assert any("overrides.csv line 2: reject" in i.message for i in rejected.report.issues)
    (inbox / "overrides.csv").write_text(
        HEADER + "force,,,,1.12,2.2,,,officer says these are one\n", encoding="utf-8")
    forced = run(inbox, tmp_path / "out")
    assert _pair(forced, "1.12") == [("1.12", "2.2")]


def test_confirm_clears_the_review_mark(inbox, tmp_path):
    before = run(inbox, tmp_path / "out").report.changes
    unsure = before[before["review"] == True].iloc[0]  # noqa: E712
    (inbox / "overrides.csv").write_text(
        HEADER + f"confirm,,,,{unsure.old_ref},{unsure.new_ref},,,checked\n", encoding="utf-8")
    after = run(inbox, tmp_path / "out").report.changes
    row = after[(after["old_ref"] == unsure.old_ref) & (after["new_ref"] == unsure.new_ref)]
    assert len(row) == 1 and not row.iloc[0]["review"]


def test_a_bad_override_row_stops_the_run_before_any_paper_is_read(inbox, tmp_path,
                                                                    monkeypatch):
    (inbox / "overrides.csv").write_text(HEADER + "maybe,,,,1.16,1.4,,,\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "read_in_workers", _never)
    with pytest.raises(OfficerFileError, match="row 2, decision: Input should be 'confirm'"):
        run(inbox, tmp_path / "out")


def _never(*args):
    raise AssertionError("a paper was read before the officer's files were checked")


def test_an_override_that_matches_no_pair_is_said_on_screen_and_kept(inbox, tmp_path, caplog):
    (inbox / "overrides.csv").write_text(
        HEADER + "reject,,,,1.16,1.4,,,\nforce,,,,9.99,1.4,,,no such ref\n", encoding="utf-8")
    result = run(inbox, tmp_path / "out")
    unused = [i for i in result.report.issues if "matched no pair" in i.message]
    assert [(i.source_file, i.source_locator) for i in unused] == [("overrides.csv", "row 3")]
    assert "overrides.csv line 3: force '9.99'" in unused[0].message
    assert any("matched no pair" in r.message and r.levelname == "WARNING"
               for r in caplog.records)


def test_plans_yaml_names_series_versions_and_dates(inbox, tmp_path):
    (inbox / "plans.yaml").write_text(
        "papers:\n"
        "  - file: 'barnet-sp/2006-07-*.xlsx'\n    plan: barnet-supporting-people\n"
        "    version: '2006/07 Q1'\n    date: 2006-09-13\n"
        "  - file: 'barnet-sp/forward-*.xlsx'\n    plan: barnet-supporting-people\n"
        "  - file: 'kent/*.pdf'\n    plan: nope\n", encoding="utf-8")
    result = run(inbox, tmp_path / "out")
    actions = result.report.actions
    assert set(actions["plan_id"]) == {"barnet-supporting-people"}
    q1 = actions[actions["source_file"] == BARNET[0]]
    assert set(q1["plan_version"]) == {"2006/07 Q1"}
    assert set(q1["version_date"]) == {pd.Timestamp("2006-09-13")}
    assert any("'kent/*.pdf' matches no paper in the inbox" in i.message
               for i in result.report.issues)
