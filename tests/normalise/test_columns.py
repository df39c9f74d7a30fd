"""Header mapping and table kinds, driven by the shared header vectors and real seed rows.

`headers.csv` lists each header text once per paper with the field it should map to.
The mapping decides from a whole header row, so each vector row is checked inside every
real table of its paper that prints it (`header_rows.TABLES`, checked against the seed
text below): in an extracted table it must map to the vector's field; in a table the
product does not extract (budget, risk, dashboard, staffing) it must come out `ignore`.
A vector row that no reconstructed table prints fails, so all 146 are checked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from header_rows import SEEDS, TABLES, SeedTable

from planrecon.ingest import Cell, IssueCode, Paper, Row, RowKind, Table
from planrecon.normalise import NormaliseConfig, normalise
from planrecon.normalise._column_vocab import fold
from planrecon.normalise.columns import (
    ACTION_FIELDS,
    INDICATOR_FIELDS,
    ColumnSynonyms,
    default_synonyms,
    map_columns,
)
from tests.conftest import SEEDS as SEED_DIR
from tests.conftest import vector_rows

DEFAULTS = Path(__file__).resolve().parents[2] / "normalise" / "defaults" / "columns.yaml"


VECTORS = vector_rows("headers.csv")


@pytest.fixture(scope="module")
def synonyms() -> ColumnSynonyms:
    return default_synonyms()


def test_all_vector_rows_are_loaded():
    assert len(VECTORS) == 146


@pytest.mark.parametrize(
    "row", VECTORS, ids=[f"{i:03d}-{r['header_text'][:40]}" for i, r in enumerate(VECTORS)]
)
def test_header_vector(row, synonyms):
    header, field, document = row["header_text"], row["canonical_field"], row["document"]
    tables = [t for t in TABLES if t.document == document and header in t.headers]
    assert tables, f"no reconstructed table of {document!r} prints {header!r}"
    if field != "ignore":
        assert any(t.kind != "other" for t in tables), "vector field never checked in context"
    for table in tables:
        mapping = map_columns(table.headers, synonyms)
        expected = "ignore" if table.kind == "other" else field
        got = {c.field for c in mapping.columns if c.header == header}
        assert got == {expected}, (table.name, [(c.header, c.field, c.reason)
                                                for c in mapping.columns], mapping.reason)


def _prepared_seed(table: SeedTable) -> list[tuple[str, ...]]:
    """Seed lines as cells, prepared like the vectors: markup out, whitespace collapsed."""
    text = (SEED_DIR / SEEDS[table.document]).read_text(encoding="utf-8")
    return [
        tuple(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
              for cell in line.split("\t"))
        for line in text.splitlines()
    ]


@pytest.mark.parametrize("table", TABLES, ids=[f"{t.document[:12]}-{t.name}" for t in TABLES])
def test_reconstructed_rows_are_printed_in_the_seed(table):
    lines = _prepared_seed(table)
    cells = {cell for line in lines for cell in line}
    for row in table.rows:
        assert row in lines, row
    for label in table.labels:
        assert label in cells, label


@pytest.mark.parametrize("table", TABLES, ids=[f"{t.document[:12]}-{t.name}" for t in TABLES])
def test_kind_of_every_seed_table(table, synonyms):
    mapping = map_columns(table.headers, synonyms)
    assert mapping.kind == table.kind, mapping.reason
    assert len(mapping.columns) == len(table.headers)
    assert mapping.reason
    if mapping.kind == "other":
        assert {c.field for c in mapping.columns} == {"ignore"}
    else:
        fields = set(ACTION_FIELDS) | set(INDICATOR_FIELDS) | {"ignore"}
        assert all(c.field in fields or c.field.startswith("other:") for c in mapping.columns)
        assert all(0.0 <= c.score <= 1.0 and c.reason for c in mapping.columns)


def _table(document: str, name: str) -> SeedTable:
    return next(t for t in TABLES if t.document.startswith(document) and t.name == name)


@pytest.mark.parametrize(("document", "name", "kind"), [
    ("Barnet SP Forward", "forward action plan", "action"),
    ("Barnet SP 2006/7", "2006/7 action plan, Q1 progress", "action"),
    ("Hertfordshire", "action plan, shifted header", "action"),
    ("Kent SP Annual", "appendix 1", "action"),
    ("Kent SP draft", "appendix 2", "action"),
    ("Halton", "key milestones grid", "action"),
    ("Halton", "equality impact high priority actions", "action"),
    ("Barnet Adults", "2.1 corporate plan indicators", "indicator"),
    ("Barnet Adults", "3.3 key performance indicators", "indicator"),
    ("Halton", "housing strategy targets", "indicator"),
])
def test_plans_and_indicator_tables_are_confident(document, name, kind, synonyms):
    mapping = map_columns(_table(document, name).headers, synonyms)
    assert (mapping.kind, mapping.confident) == (kind, True), mapping.columns
    assert mapping.reason.startswith(f"{kind} table: ")


@pytest.mark.parametrize(("name", "named"), [
    ("4.1 revenue", "budget table"),
    ("4.2 capital", "budget table"),
    ("1.1 delivery unit dashboard", "dashboard table"),
    ("3.1 management agreement overview", "dashboard table"),
    ("5.3 risk register", "risk register table"),
    ("5.3 risk heat map", "risk register table"),
])
def test_non_plan_tables_say_what_they_are(name, named, synonyms):
    mapping = map_columns(_table("Barnet Adults", name).headers, synonyms)
    assert mapping.kind == "other"
    assert mapping.reason.startswith(named), mapping.reason


def test_budget_table_with_action_like_columns_is_still_a_budget(synonyms):
    # "Description" + "Comments" read as an action plan, but budget headers outnumber the
    # one column that follows an action up ("Description" is printed by any listing).
    mapping = map_columns(_table("Barnet Adults", "4.1 revenue").headers, synonyms)
    assert "against 1 action follow-up column (progress 'Comments')" in mapping.reason
    # the top row alone, as the PDF reader gives it: the merged "Variations" heading
    top = _table("Barnet Adults", "4.1 revenue").rows[0]
    spanned = [not c and i in (2, 3, 4) for i, c in enumerate(top)]
    assert map_columns(list(top), synonyms, spanned).reason.startswith("budget table")


def test_key_milestones_fields(synonyms):
    mapping = map_columns(["", "Key Milestones", "Responsible Officer"], synonyms)
    assert mapping.kind == "action"
    assert (mapping.column_of("action"), mapping.column_of("owner")) == (1, 2)
    assert mapping.column_of("due") is None


def test_blank_header_under_a_merged_heading_continues_it(synonyms):
    # Halton's PI header as a reader gives it: the cells a merged heading covers blank and
    # marked spanned, sub-headers in the body.
    top = list(_table("Halton", "performance indicators").rows[0])
    mapping = map_columns(top, synonyms, [not c for c in top])
    fields = [c.field for c in mapping.columns]
    assert fields[4:7] == ["benchmark"] * 3
    assert fields[9:] == ["other:future_targets", "other:future_targets_2",
                          "other:future_targets_3"]
    assert mapping.columns[5].score == 1.0 and mapping.confident
    assert mapping.columns[5].reason == "under the merged heading '2006/07 Quartiles (All England)'"


def test_blank_header_continues_the_merged_header_to_its_left(synonyms):
    # Hertfordshire's workbook merges "Actions" over the action number and its text.
    headers = ["Actions", "", "Outcomes", "Start Date", "End Date"]
    merged = map_columns(headers, synonyms, [False, True, False, False, False])
    assert [c.field for c in merged.columns[:2]] == ["action", "action"]
    assert merged.column_of("action") == 0 and merged.confident
    # Halton merges "Key Milestones" over the year band and the milestone on some pages.
    shifted = map_columns(["Key Milestones", "", "Responsible Officer"], synonyms,
                          [False, True, False])
    assert [c.field for c in shifted.columns] == ["action", "action", "owner"]


def test_blank_header_not_merged_is_a_guess_kept_as_extra_data(synonyms):
    # Halton's PI header with the blanks not marked merged: a guess from position only.
    top = list(_table("Halton", "performance indicators").rows[0])
    mapping = map_columns(top, synonyms)
    assert mapping.kind == "indicator" and not mapping.confident
    quartile = mapping.columns[5]
    assert (quartile.field, quartile.suggested, quartile.score) == (
        "other:column_6", "benchmark", 0.75)
    assert quartile.reason.startswith("blank header beside '2006/07 Quartiles")
    assert quartile.confirm == "confidence: 0.75"  # no words for a synonym to match
    assert [c.field for c in mapping.columns[4:7]] == [
        "benchmark", "other:column_6", "other:column_7"]


def test_blank_header_with_nothing_to_its_left_is_ignored(synonyms):
    mapping = map_columns(["", "Key Milestones", "Responsible Officer"], synonyms)
    assert mapping.columns[0].field == "ignore" and mapping.columns[0].reason == "blank header"
    unknown = map_columns(["%", "", "Action", "Owner"], synonyms)
    assert [c.field for c in unknown.columns[:2]] == ["ignore", "ignore"]


def test_italic_explanation_and_footnote_are_folded(synonyms):
    mapping = map_columns(
        ["Ref ¹", "Target <i>Achievement level expected</i>", "Result <i>Most recent</i>"],
        synonyms,
    )
    assert [c.field for c in mapping.columns] == ["ref", "target", "result"]
    assert mapping.kind == "indicator"


def test_fuzzy_match_records_its_score(synonyms):
    mapping = map_columns(["Action", "Responsibe Oficer", "When by"], synonyms)
    owner = mapping.columns[1]
    assert owner.field == "owner"
    assert re.fullmatch(r"fuzzy 0\.9\d to 'Responsible Officer'", owner.reason)
    assert mapping.confident


def test_unknown_column_is_kept_as_other_slug(synonyms):
    mapping = map_columns(["Action", "Who by", "Funding Source"], synonyms)
    extra = mapping.columns[2]
    assert (extra.field, extra.score, extra.reason) == ("other:funding_source", 0.0, "no match")
    assert mapping.kind == "action" and not mapping.confident


def test_extra_data_slugs_keep_years_and_never_collide(synonyms):
    mapping = map_columns(["Action", "Who by", "Budget 2008/9", "Funding", "Funding"], synonyms)
    assert [c.field for c in mapping.columns[2:]] == [
        "other:budget_2008_09", "other:funding", "other:funding_2"]
    assert mapping.kind == "action"


def test_doubtful_column_is_withheld_and_the_certain_ones_used(synonyms):
    mapping = map_columns(["Action", "Who by", "Progrees"], synonyms)
    progress = mapping.columns[2]
    assert (progress.field, progress.suggested) == ("other:progrees", "progress")
    assert progress.score == pytest.approx(0.875)
    assert progress.confirm == 'action_table: {progress: ["Progrees"]}'
    assert mapping.reason == "action table: action 'Action', owner 'Who by'"
    assert mapping.column_of("progress") is None and not mapping.confident


def test_doubtful_column_cannot_make_a_table_an_action_plan(synonyms):
    mapping = map_columns(["Action", "Ownr"], synonyms)  # owner only at 0.89
    assert mapping.kind == "other"
    assert mapping.reason.startswith("not an action or indicator table")


def test_confidence_threshold_comes_from_the_yaml(tmp_path, synonyms):
    headers = ["Ref", "Description", "Government Targets"]  # target scores 0.90
    assert synonyms.threshold == 0.9
    assert map_columns(headers, synonyms).column_of("target") == 2
    officer = tmp_path / "columns.yaml"
    officer.write_text("confidence: 0.95\n", encoding="utf-8")
    strict = synonyms.merged(ColumnSynonyms.from_yaml(officer))
    mapping = map_columns(headers, strict)
    assert [c.field for c in mapping.columns] == ["ref", "description", "other:government_targets"]
    assert mapping.kind == "indicator" and not mapping.confident  # ref + description still fit
    confirm = mapping.columns[2].confirm
    assert confirm == 'indicator_table: {target: ["Government Targets"]}'
    # the line the officer is given, pasted as it is, confirms the column
    officer.write_text(f"confidence: 0.95\n{confirm}\n", encoding="utf-8")
    confirmed = map_columns(headers, ColumnSynonyms.from_yaml(DEFAULTS, officer))
    assert (confirmed.column_of("target"), confirmed.confident) == (2, True)


def test_confirmation_lines_pasted_one_under_another_add_up(tmp_path):
    officer = tmp_path / "columns.yaml"
    officer.write_text('action_table: {progress: ["Progrees"]}\n'
                       'action_table: {owner: ["Ownr"]}\n'
                       'action_table: {owner: ["Accountable Body"]}\n', encoding="utf-8")
    synonyms = ColumnSynonyms.from_yaml(DEFAULTS, officer)
    mapping = map_columns(["Action", "Ownr", "Accountable Body", "Progrees"], synonyms)
    assert [c.field for c in mapping.columns] == ["action", "owner", "owner", "progress"]
    assert mapping.confident


@pytest.mark.parametrize("text", ["confidence: 1.5\n", "confidence: yes\n",
                                  "confidence: 0.9\nconfidence: 0.8\n"])
def test_confidence_mistakes_are_named(tmp_path, text):
    officer = tmp_path / "columns.yaml"
    officer.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="confidence"):
        ColumnSynonyms.from_yaml(officer)


def test_same_header_maps_by_table(synonyms):
    halton = map_columns(["Ref", "Description", "Government Targets"], synonyms)
    plan = map_columns(["Ref", "Description", "Lead Officer", "Deadline"], synonyms)
    assert halton.columns[1].field == "description" and halton.kind == "indicator"
    assert plan.columns[1].field == "action" and plan.kind == "action"


def test_year_columns_follow_the_table_kind(synonyms):
    action = map_columns(["Proposed Action(s)", "Officer Responsible", "2008/9"], synonyms)
    indicator = map_columns(["Ref", "Description", "Target", "08/09"], synonyms)
    assert action.columns[2].field == "due"
    assert indicator.columns[3].field == "other:target_2008_09"


def test_officer_yaml_adds_a_synonym(tmp_path, synonyms):
    headers = ["Action", "Accountable Body", "Deadline"]
    before = map_columns(headers, synonyms)
    assert before.columns[1].field == "other:accountable_body"
    officer = tmp_path / "columns.yaml"
    officer.write_text("action_table:\n  owner: [Accountable Body]\n", encoding="utf-8")
    extended = ColumnSynonyms.from_yaml(DEFAULTS, officer)
    after = map_columns(headers, extended)
    choice = after.columns[1]
    assert (choice.field, choice.reason) == ("owner", "synonym 'Accountable Body'")
    assert after.confident
    assert synonyms.merged(ColumnSynonyms.from_yaml(officer)) == extended


def test_officer_yaml_repoints_a_default_synonym(tmp_path, synonyms):
    officer = tmp_path / "columns.yaml"
    officer.write_text("other:\n  evidence_file: [Evidence]\n", encoding="utf-8")
    extended = ColumnSynonyms.from_yaml(DEFAULTS, officer)
    headers = _table("Hertfordshire", "action plan, usual header").headers
    fields = {c.header: c.field for c in map_columns(headers, extended).columns}
    assert (fields["Evidence"], fields["Comments"]) == ("other:evidence_file", "progress")


def test_officer_yaml_mistakes_are_named(tmp_path):
    officer = tmp_path / "columns.yaml"
    officer.write_text("action_table:\n  owners: [Accountable Body]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'owners' is not one of"):
        ColumnSynonyms.from_yaml(DEFAULTS, officer)


def test_empty_header_row(synonyms):
    mapping = map_columns([], synonyms)
    assert (mapping.kind, mapping.columns) == ("other", ())
    assert map_columns(["", ""], synonyms).reason.startswith(
        "not an action or indicator table (headers none)")


def test_withheld_column_is_on_data_quality_with_its_confirmation(tmp_path):
    def cells(row: int, *texts: str) -> tuple[Cell, ...]:
        return tuple(Cell(t, f"Sheet1!{c}{row}") for t, c in zip(texts, "ABC", strict=True))

    table = Table("plan.xlsx", "Sheet1", 1, "", [], [],
                  header=cells(1, "Action", "Who by", "Progrees"))
    table.rows = [Row(cells(2, "Agree the strategy", "Head of Service", "Completed in May"),
                      RowKind.DATA, "Sheet1!A2")]
    paper = Paper("plan.xlsx", "xlsx", "0", tables=[table])
    result = normalise([paper], NormaliseConfig.load())
    (issue,) = [i for i in result.issues if i.code is IssueCode.UNCERTAIN_COLUMN]
    assert (issue.column, issue.value) == ("Progrees", 'action_table: {progress: ["Progrees"]}')
    assert "looks like progress (score 0.88" in issue.message
    assert issue.message.endswith('add this line to config/columns.yaml: '
                                  'action_table: {progress: ["Progrees"]}')
    assert result.actions.loc[0, "progress"] == ""  # the text is not read as progress
    assert json.loads(result.actions.loc[0, "extra"]) == {"progrees": "Completed in May"}
    (summary,) = result.tables["columns"]
    assert summary.endswith("Progrees → other:progrees (0.88, progress if confirmed)")
    # the line pasted into the inbox's config confirms it
    (tmp_path / "columns.yaml").write_text(issue.value + "\n", encoding="utf-8")
    confirmed = normalise([paper], NormaliseConfig.load(tmp_path))
    assert confirmed.actions.loc[0, "progress"] == "Completed in May"
    assert not [i for i in confirmed.issues if i.code is IssueCode.UNCERTAIN_COLUMN]


def test_a_table_that_is_neither_kind_says_what_each_kind_needs_in_words(synonyms):
    mapping = map_columns(["Ward", "Councillor", "Surgery venue"], synonyms)
    assert mapping.kind == "other"
    assert ("no columns for an action plan (an action column with an owner, due, start, "
            "status, RAG or progress column, or a headline column and a progress column) nor "
            "an indicator table (a ref column with a description or intervention column, or a "
            "target, result or previous column)") in mapping.reason, mapping.reason


@pytest.mark.parametrize(("first", "second"), [
    ("Task", "Owner"), ("Action", "Lead"), ("Milestone", "Deadline"), ("Action", "Status"),
    ("Activity", "Due Date"), ("Lead Officer", "Comments"), ("Project", "Lead Officer"),
])
def test_a_heading_of_two_synonyms_names_what_the_second_says(synonyms, first, second):
    """"Task owner" is an owner, "Lead officer comments" comments: the head noun comes last."""
    heading = f"{first} {second}"
    match = synonyms.best_match(fold(heading), "action")
    alone = synonyms.best_match(fold(second), "action")
    assert synonyms.best_match(fold(first), "action").target != alone.target
    assert match.target == alone.target, match


def test_a_longer_tail_explains_the_first_synonym(synonyms):
    match = synonyms.best_match(fold("Action - what will be done by whom"), "action")
    assert match.target == "action"


@pytest.mark.parametrize(("earlier", "later"), [
    ("Q2 result", "Q3 result"), ("Q1 2014/15 Result", "Q2 2014/15 Result"),
    ("Result Q4 2013/14", "Result Q1 2014/15"), ("2012/13 Outturn", "2013/14 Outturn"),
])
@pytest.mark.parametrize("later_first", [False, True])
def test_a_result_column_per_period_reads_the_latest_as_the_result(synonyms, earlier, later,
                                                                   later_first):
    """A next quarter's report keeps last quarter's column beside its own: the result is
    the latest period's, wherever it stands, never the first column's, and the one before
    is the previous result."""
    figures = [later, earlier] if later_first else [earlier, later]
    mapping = map_columns(["Ref", "Indicator", *figures, "Target"], synonyms)
    assert mapping.kind == "indicator"
    assert mapping.columns[mapping.column_of("result")].header == later
    assert mapping.columns[mapping.column_of("previous")].header == earlier


def test_a_result_of_no_period_beside_another_is_not_taken_for_the_previous(synonyms):
    mapping = map_columns(["Ref", "Indicator", "Result", "Result YTD", "Target"], synonyms)
    assert mapping.column_of("previous") is None
