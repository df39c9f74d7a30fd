"""Every format the inbox takes, through the whole run to actions.csv.

The same small plan is saved as .ods, .odt, .csv and .xls (the committed fixture
holds the same actions); each must come out as the same actions, owners and due
dates, located in the paper's own terms.
"""

from __future__ import annotations

import shutil

import pandas as pd

from planrecon.cli import main
from scripts.legacy_xls import FIXTURE
from tests.odf_papers import write_ods, write_odt

HEAD = ["Ref", "Action", "Lead officer", "Target date", "Progress"]
ACTIONS = [
    ["1.1", "Review the allocations policy", "Head of Housing", "Mar-25", "Started in May"],
    ["1.2", "Publish the provider directory", "Supporting People Manager", "March \u201826",
     "Draft circulated"],
    ["1.3", "Recommission floating support", "Commissioning Team", "commenced April 2024",
     "Tender out"],
]
EXPECTED = {"1.1": ("2025-03-31", "month", ""), "1.2": ("2026-03-31", "month", ""),
            "1.3": ("", "ongoing", "2024-04-01")}


def test_each_format_reaches_the_actions(tmp_path):
    inbox = tmp_path / "inbox"
    for folder in ("ods", "odt", "csv", "xls"):
        (inbox / folder).mkdir(parents=True)
    title = ["Housing action plan, October 2024"]
    write_ods(inbox / "ods" / "plan.ods", {"Plan": [title, HEAD, *ACTIONS]})
    write_odt(inbox / "odt" / "plan.odt",
              [("h", title[0]), ("p", "Appendix A"), ("table", [HEAD, *ACTIONS])])
    (inbox / "csv" / "plan.csv").write_bytes(
        "".join(",".join(row) + "\r\n" for row in [HEAD, *ACTIONS]).encode("cp1252"))
    shutil.copyfile(FIXTURE, inbox / "xls" / "plan.xls")
    out = tmp_path / "out"
    assert main(["run", "--inbox", str(inbox), "--out", str(out), "--quiet"]) == 0
    quarantine = pd.read_csv(out / "quarantine.csv", dtype=str, keep_default_na=False)
    assert quarantine.empty, quarantine.to_dict("records")
    actions = pd.read_csv(out / "actions.csv", dtype=str, keep_default_na=False)
    for folder, first_row in (("ods", "Plan!A3"), ("odt", "table 1 row 2"),
                              ("csv", "plan!A2")):
        got = actions[actions["source_file"] == f"{folder}/plan.{folder}"]
        assert list(got["ref"]) == ["1.1", "1.2", "1.3"], folder
        assert got["source_locator"].iloc[0] == first_row
        assert list(got["owner_raw"]) == [row[2] for row in ACTIONS]
        for _, action in got.iterrows():
            want = EXPECTED[action["ref"]]
            assert (action["due_date"], action["due_kind"], action["start_date"]) == want
    legacy = actions[actions["source_file"] == "xls/plan.xls"]
    assert list(legacy["ref"]) == ["1.1", "1.3"]
    assert list(legacy["due_date"]) == ["2009-11-30", "2010-03-31"]
    assert list(legacy["rag"]) == ["green", "red"]
