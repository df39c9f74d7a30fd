"""Plan series across changing wording, undated versions placed by content, and copies of
one version merged (the fuller reading kept, disagreements reported). Small generated papers
in several spellings, so no rule rests on one real paper's words."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from planrecon.ingest import Paper
from planrecon.normalise import paper_facts
from planrecon.reconcile import reconcile
from planrecon.reconcile.versions import build_versions, version_order

TASKS = [f"{verb} the {thing}" for verb, thing in [
    ("Publish", "parish council register"), ("Agree", "terms of reference for the panel"),
    ("Draft", "benefits of transparency paper"), ("Invite", "procurement advisers to present"),
    ("Map", "policy areas against data collections"), ("Review", "arms length body data"),
    ("Circulate", "unique property identifier note"), ("Collect", "consultation responses"),
    ("Report", "programme funding spend"), ("Set up", "sub-group on open standards"),
]]


def _paper(name: str, title: str, as_of: dt.date | None, fmt: str = "docx") -> Paper:
    return Paper(name, fmt, name, title=title, as_of=as_of,
                 as_of_text=f"{as_of:%d %B %Y}" if as_of else "", text=f"{title}\n")


def _actions(name: str, tasks: list[str], owners: list[str] | None = None) -> pd.DataFrame:
    owners = [(o,) if o else () for o in owners or ["Secretariat"] * len(tasks)]
    return pd.DataFrame({
        "source_file": name, "table_caption": "", "table_unit": "table 1", "action": tasks,
        "plan_period": "",
        "ref": [str(i + 1) for i in range(len(tasks))], "owners": owners,
        "owner_raw": ["; ".join(o) for o in owners],
        "due_date": pd.NaT, "due_raw": "", "due_kind": "empty", "status": "unknown",
        "rag": "none", "progress": "", "section": "", "start_date": pd.NaT,
        "source_locator": "table 1",
    })


def _build(papers_and_tasks):
    papers = [p for p, _ in papers_and_tasks]
    actions = pd.concat([_actions(p.source_file, t) for p, t in papers_and_tasks],
                        ignore_index=True)
    versions, _ = build_versions(actions, paper_facts(papers), [])
    return {v.source_file: v for v in versions.values()}


@pytest.mark.parametrize(("title_a", "title_b", "name_a", "name_b"), [
    ("LOCAL PANEL – ACTIONS REPORT", "Local Panel Actions Report",
     "panel/110923 panel action report.doc", "panel/Panel Action Report May 2012.doc"),
    ("Housing Board action log", "HOUSING BOARD ACTION LOG",
     "housing/action log 02 03 11.docx", "housing/action-log-2011-06.docx"),
])
def test_one_plan_by_name_when_no_action_recurs(title_a, title_b, name_a, name_b):
    """A log whose every action was done and replaced between meetings is still one plan."""
    v = _build([(_paper(name_a, title_a, dt.date(2012, 3, 31)), TASKS[:5]),
                (_paper(name_b, title_b, dt.date(2012, 5, 31)), TASKS[5:])])
    assert v[name_a].plan_id == v[name_b].plan_id
    assert any("same folder and heading" in r for r in v[name_b].reasons)


def test_plans_headed_alike_but_on_other_goals_stay_apart():
    v = _build([
        (_paper("goals/Q1 Getting Payments Right.pdf", "CAP Goal Action Plan Getting Payments "
                "Right", dt.date(2018, 6, 30)), TASKS[:5]),
        (_paper("goals/Q1 Shifting Low Value to High Value Work.pdf", "CAP Goal Action Plan "
                "Shifting From Low-Value to High-Value Work", dt.date(2018, 6, 30)), TASKS[5:]),
    ])
    assert len({x.plan_id for x in v.values()}) == 2


def test_papers_in_different_folders_need_shared_actions():
    v = _build([
        (_paper("a/actions report.doc", "Actions report", dt.date(2012, 1, 31)), TASKS[:5]),
        (_paper("b/actions report.doc", "Actions report", dt.date(2012, 3, 31)), TASKS[5:])])
    assert len({x.plan_id for x in v.values()}) == 2


@pytest.mark.parametrize("undated_tasks", [TASKS[2:6], TASKS[3:7]])
def test_an_undated_version_is_placed_by_the_actions_it_carries(undated_tasks):
    jan = _paper("log/actions january.doc", "Actions log", dt.date(2012, 1, 31))
    mar = _paper("log/actions march.doc", "Actions log", dt.date(2012, 3, 31))
    may = _paper("log/actions may.doc", "Actions log", dt.date(2012, 5, 31))
    undated = _paper("log/actions.doc", "Actions log", None)
    v = _build([(jan, TASKS[0:4]), (mar, TASKS[4:8]), (may, TASKS[8:10]),
                (undated, undated_tasks)])
    order = [x.source_file for x in sorted(v.values(), key=version_order)]
    assert order.index("log/actions.doc") == 1, order
    assert any("placed by content" in r for r in v["log/actions.doc"].reasons)


def test_a_pdf_copy_that_reads_worse_gives_way_to_the_excel_original():
    when = dt.date(2013, 6, 30)
    xlsx = _paper("plan/action plan.xlsx", "Action plan", when, "xlsx")
    pdf = _paper("plan/action plan June 2013 (printed).pdf", "Action plan", when, "pdf")
    older = _paper("plan/action plan march.xlsx", "Action plan", dt.date(2013, 3, 31), "xlsx")
    owners = ["Housing team"] * 8
    actions = pd.concat([
        _actions(older.source_file, TASKS[:8], owners),
        _actions(pdf.source_file, TASKS[:6], ["Housing team"] * 4 + ["Finance team", "x"]).assign(
            owners=lambda f: f["owners"].where(f.index % 2 == 0, ())),
        _actions(xlsx.source_file, TASKS[:8], owners),
    ], ignore_index=True)
    result = reconcile(actions, pd.DataFrame(), paper_facts([older, pdf, xlsx]))
    kept = result.versions.set_index("source_file")
    assert kept.loc[pdf.source_file, "copy_of"] == xlsx.source_file
    assert kept.loc[xlsx.source_file, "copy_of"] == ""
    changes = result.changes
    assert len(changes) == 8 and (changes["old_version"] != changes["new_version"]).all()
    said = [i.message for i in result.issues if i.source_file == pdf.source_file]
    assert any("2 of the 8 actions" in m for m in said)
    assert any("owner reads 'Finance team'" in m for m in said)
