"""Column roles from headings and cells, on plans laid out as no seed paper is.

The headings here live only in this test: each is checked to match no synonym of the
product's vocabulary, so what is read comes from the heading's word stems and the
cells, not from a list fitted to these words.
"""

from __future__ import annotations

import itertools
import json

import pandas as pd
import pytest

from planrecon.explain import explain
from planrecon.ingest import Cell, IssueCode, Paper, Row, RowKind, Table
from planrecon.normalise import NormaliseConfig, normalise
from planrecon.normalise._column_vocab import fold
from planrecon.normalise.columns import default_synonyms
from planrecon.normalise.reading import map_table
from planrecon.normalise.roles import heading_cues

# One plan's rows, by role: what councils print, in words no synonym was written for.
PLAN = {
    "ref": ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1"],
    "action": [
        "Agree a joint commissioning statement for floating support with health partners",
        "Review eligibility criteria for sheltered housing and consult tenants on changes",
        "Publish a directory of advice services for young people leaving care",
        "Set up a quarterly forum for providers to share good practice on move-on",
        "Commission an independent evaluation of the hospital discharge scheme",
        "Train frontline staff in the new safeguarding referral procedure",
        "Pilot a single assessment form shared by housing and adult social care",
    ],
    "owner": ["Commissioning Manager", "Housing Strategy Team", "J. Smith", "SP Team",
              "Head of Adult Services", "Safeguarding Board", "AD"],
    "due": ["Mar 2009", "June 2008", "Q3 2008/09", "Ongoing", "31/12/2008", "2009/10",
            "Sept 2008"],
    "status": ["On track", "Complete", "Slipping", "Not started", "On track", "Delayed",
               "Complete"],
}
STATUS_OF = {"On track": "on_track", "Complete": "complete", "Slipping": "at_risk",
             "Not started": "not_started", "Delayed": "at_risk"}
UNFAMILIAR = {"ref": "Item", "action": "What will happen", "owner": "Named person",
              "due": "By what date", "status": "Where are we"}
"""Headings no synonym matches: the word list lives only here."""


def _paper(headings: list[str], roles: list[str], rows: dict[str, list[str]] = PLAN) -> Paper:
    letters = "ABCDEFGHIJ"
    header = tuple(Cell(h, f"Sheet1!{letters[i]}1") for i, h in enumerate(headings))
    table = Table("plan.xlsx", "Sheet1", 1, "", [], [], header=header)
    count = len(next(iter(rows.values())))
    table.rows = [
        Row(tuple(Cell(rows[r][n], f"Sheet1!{letters[i]}{n + 2}") for i, r in enumerate(roles)),
            RowKind.DATA, f"Sheet1!A{n + 2}")
        for n in range(count)
    ]
    return Paper("plan.xlsx", "xlsx", "0", tables=[table])


def _mapping(headings, roles, rows=PLAN):
    table = _paper(headings, roles, rows).tables[0]
    return map_table(headings, [r.cells for r in table.rows], default_synonyms())


def test_the_test_headings_are_not_in_the_vocabulary():
    for heading in UNFAMILIAR.values():
        for kind in ("action", "indicator"):
            assert default_synonyms().best_match(fold(heading), kind) is None, heading


@pytest.mark.parametrize("order", list(itertools.permutations(UNFAMILIAR))[::17])
def test_unfamiliar_headings_in_any_order(order):
    roles = list(order)
    mapping = _mapping([UNFAMILIAR[r] for r in roles], roles)
    assert mapping.kind == "action", mapping.reason
    assert [c.field for c in mapping.columns] == roles, mapping.columns
    result = normalise([_paper([UNFAMILIAR[r] for r in roles], roles)], NormaliseConfig.load())
    actions = result.actions
    assert list(actions["action"]) == PLAN["action"]
    assert list(actions["ref"]) == PLAN["ref"]
    assert list(actions["status"]) == [STATUS_OF[s] for s in PLAN["status"]]
    assert actions.loc[0, "due_date"] == pd.Timestamp("2009-03-31")
    assert actions.loc[2, "owners"] == ("J. Smith",)


@pytest.mark.parametrize("headings", [
    ["", "", "", "", ""],
    ["Column A", "Column B", "Column C", "Column D", "Column E"],
])
def test_blank_and_generic_headings_are_read_from_the_cells(headings):
    roles = ["ref", "action", "owner", "due", "status"]
    mapping = _mapping(headings, roles)
    assert mapping.kind == "action", mapping.reason
    assert [c.field for c in mapping.columns] == roles
    assert not mapping.confident  # from cells alone: shown to the officer, not certain
    assert "% of cells are dates" in mapping.columns[3].reason


def test_a_heading_naming_the_action_number_is_the_ref():
    roles = ["ref", "action", "owner", "due"]
    mapping = _mapping(["Action No.", "What will happen", "Named person", "Timescale"], roles)
    assert [c.field for c in mapping.columns] == roles, mapping.columns
    assert mapping.columns[0].reason.startswith("heading word 'no'")
    result = normalise([_paper(["Action No.", "What will happen", "Named person", "Timescale"],
                               roles)], NormaliseConfig.load())
    assert list(result.actions["action"]) == PLAN["action"]


@pytest.mark.parametrize(("heading", "role", "stem"), [
    ("Timescale", "due", "time"), ("Timescales", "due", "time"), ("Time-scale", "due", "time"),
    ("by what date", "due", "date"), ("lead person", "owner", "lead"),
    ("Who will lead", "owner", "who"), ("Progress to date", "progress", "to date"),
    ("Planned start", "start", "start"), ("Action No.", "ref", "no"),
])
def test_heading_words_by_their_stems(heading, role, stem):
    cues = heading_cues(fold(heading))
    assert max(cues.values(), key=lambda c: c.weight).role == role, cues
    assert cues[role].stem == stem


@pytest.mark.parametrize(("heading", "column", "role"), [
    ("To be actioned by", "owner", "owner"), ("Delivered by", "owner", "owner"),
    ("Actioned by", "due", "due"), ("To be done by", "due", "due"),
])
def test_a_heading_ending_in_by_takes_the_role_its_cells_show(heading, column, role):
    """"… by" says a person or a date; the cells beneath say which."""
    roles = ["ref", "action", column]
    mapping = _mapping(["Item", "What will happen", heading], roles)
    assert mapping.kind == "action", mapping.reason
    assert mapping.columns[2].field == role, mapping.columns[2]
    assert "heading word 'by'" in mapping.columns[2].reason


def test_generic_headings_say_nothing():
    assert heading_cues(fold("Column C")) == {} and heading_cues(fold("")) == {}


def test_status_in_words_wins_over_progress_words_but_not_over_completion():
    rows = {**PLAN, "progress": ["Work delayed by procurement"] * 6 + ["Completed in May"]}
    rows["status"] = ["On track"] * 7
    paper = _paper(["Action", "Status", "Progress"], ["action", "status", "progress"], rows)
    statuses = list(normalise([paper], NormaliseConfig.load()).actions["status"])
    assert statuses == ["on_track"] * 6 + ["complete"]


def test_status_column_in_colours_feeds_rag():
    rows = {**PLAN, "status": ["Green", "Amber", "Red", "Green", "Green", "Amber", "Red"]}
    paper = _paper(["Action", "Status"], ["action", "status"], rows)
    actions = normalise([paper], NormaliseConfig.load()).actions
    assert list(actions["rag"]) == [s.lower() for s in rows["status"]]


def test_budget_table_with_text_is_still_set_aside():
    rows = {"action": PLAN["action"], "budget": ["£12,000", "£4,500", "£900", "£15,000",
                                                 "£2,000", "£7,250", "£1,100"],
            "due": PLAN["due"]}
    mapping = _mapping(["Description", "Original Budget", "Forecast"], ["action", "budget", "due"],
                       rows)
    assert mapping.kind == "other" and mapping.reason.startswith("budget table")


def test_a_list_that_is_no_plan_stays_set_aside():
    rows = {"ward": ["Abbey", "Bridge", "Castle", "Dale", "East", "Ford", "Green Lane"],
            "who": ["Cllr A. Jones", "Cllr B. Patel", "Cllr C. Lee", "Cllr D. Khan",
                    "Cllr E. Brown", "Cllr F. Green", "Cllr G. Hill"]}
    mapping = _mapping(["Ward", "Councillor"], ["ward", "who"], rows)
    assert mapping.kind == "other", mapping.reason


def test_data_quality_gives_the_lines_that_confirm_an_uncertain_reading(tmp_path):
    roles = ["action", "owner", "due"]
    headings = ["What will happen", "Column B", "by what date"]
    paper = _paper(headings, roles)
    result = normalise([paper], NormaliseConfig.load())
    assert len(result.actions) == 7 and result.actions.loc[6, "owners"] == ("AD",)
    lines = [i.value for i in result.issues if i.code is IssueCode.UNCERTAIN_COLUMN]
    assert lines == ['action_table: {owner: ["Column B"]}']  # read from its cells alone
    (tmp_path / "columns.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = NormaliseConfig.load(tmp_path)
    mapping = map_table(headings, [r.cells for r in paper.tables[0].rows], config.synonyms)
    assert (mapping.columns[1].field, mapping.columns[1].score) == ("owner", 1.0)
    confirmed = normalise([paper], config)
    assert not [i for i in confirmed.issues if i.code is IssueCode.UNCERTAIN_COLUMN]
    assert list(confirmed.actions["owner_raw"]) == PLAN["owner"]


def test_a_set_aside_table_shows_what_its_columns_would_be():
    rows = {"action": PLAN["action"], "who": PLAN["owner"]}
    paper = _paper(["Proposal", "Responsible"], ["action", "who"], rows)
    paper.tables[0].rows = paper.tables[0].rows[:2]  # too few cells to be sure of anything
    result = normalise([paper], NormaliseConfig.load())
    (issue,) = [i for i in result.issues if i.code is IssueCode.NOT_ACTION_TABLE]
    assert "would read" in issue.message and "config/columns.yaml" in issue.message
    assert 'action_table: {owner: ["Responsible"]}' in issue.value.splitlines()


def test_explain_prints_kind_roles_evidence_and_config_lines(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    roles = ["ref", "action", "owner", "due", "status"]
    sheet.append([UNFAMILIAR[r] for r in roles])
    for n in range(7):
        sheet.append([PLAN[r][n] for r in roles])
    path = tmp_path / "plan.xlsx"
    book.save(path)
    text = explain(path)
    assert "kind: action (confident): action table: ref 'Item', action 'What will" in text
    assert "By what date → due (" in text and "heading word 'date'" in text
    assert 'action_table: {owner: ["Named person"]}' in text
    extra = json.dumps("Where are we")
    assert f"action_table: {{status: [{extra}]}}" in text


SUBTASKS = [  # (parent action, [(sub-task, owner, due)]) as an action log breaks them down
    ("Publish the housing strategy refresh", [
        ("i) Draft the consultation summary for members", "Policy Team", "June 2012"),
        ("ii) Agree the final text with the portfolio holder", "Head of Housing", "Sept 2012"),
    ]),
    ("Review the hostel referral route", []),
    ("Set up the tenants' scrutiny panel", [
        ("i) Recruit six tenant members", "Tenant Participation", "End July 2012"),
    ]),
]


@pytest.mark.parametrize("subtask_heading", ["Sub tasks", "Breakdown", ""])
@pytest.mark.parametrize("sub_at", [2, 3])
def test_tasks_under_an_action_merged_down_are_actions_of_their_own(subtask_heading, sub_at):
    """An action merged down over the rows of its tasks: each task row is an action with
    its own owner and date, under its parent, not the parent's words again."""
    headings = ["Ref", "Action", "Owner", "Deadline"]
    headings.insert(sub_at, subtask_heading)
    rows, n = [], 0
    for k, (parent, tasks) in enumerate(SUBTASKS, 1):
        lines = [("", "Project Board", "Dec 2012", False)] + [
            (task, owner, due, True) for task, owner, due in tasks]
        for task, owner, due, merged in lines:
            n += 1
            texts = [(str(k), merged), (parent, merged), (owner, False), (due, False)]
            texts.insert(sub_at, (task, False))
            rows.append(Row(tuple(Cell(t, f"table 1 row {n} col {i + 1}", spanned=s)
                                  for i, (t, s) in enumerate(texts)), RowKind.DATA,
                            f"table 1 row {n}"))
    header = tuple(Cell(h, f"table 1 row 0 col {i + 1}") for i, h in enumerate(headings))
    table = Table("log.docx", "table 1", 1, "", [], [], header=header)
    table.rows = rows
    actions = normalise([Paper("log.docx", "docx", "0", tables=[table])],
                        NormaliseConfig.load()).actions
    want = [(parent, "Project Board", "") for parent, _ in SUBTASKS] + [
        (task, owner, parent) for parent, tasks in SUBTASKS for task, owner, _ in tasks]
    action_of = {r: a for r, a in zip(actions["ref"], actions["action"], strict=True) if r}
    got = [(a, o, action_of.get(p, "")) for a, o, p in zip(
        actions["action"], actions["owner_raw"], actions["parent_ref"], strict=True)]
    assert sorted(got) == sorted(want)
    assert actions.loc[actions["action"].str.startswith("ii)"), "due_date"].item() == \
        pd.Timestamp("2012-09-30")


def test_a_status_column_of_dates_is_when_the_action_is_due():
    rows = {**PLAN, "finish": ["21/05/12 COMPLETED", "Summer 2012 ONGOING", "Mid-June COMPLETED",
                               "End 2012 ONGOING", "06/06/12 COMPLETED", "End July", "Oct 2012"]}
    paper = _paper(["Item", "Action", "Owner", "Finish & Status"],
                   ["ref", "action", "owner", "finish"], rows)
    mapping = map_table(["Item", "Action", "Owner", "Finish & Status"],
                        [r.cells for r in paper.tables[0].rows], default_synonyms())
    assert mapping.columns[3].field == "due", mapping.columns[3]
    actions = normalise([paper], NormaliseConfig.load()).actions
    assert list(actions["due_date"])[:1] + list(actions["due_date"])[3:5] == [
        pd.Timestamp(d) for d in ("2012-05-21", "2012-12-31", "2012-06-06")]
    assert actions.loc[0, "status"] == "complete" or actions.loc[2, "status"] == "complete"
