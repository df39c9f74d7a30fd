"""The Excel reader on the sample papers, checked against the seed text."""

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from planrecon.ingest import IssueCode, RowKind, read_paper
from planrecon.ingest.items import bulleted_lines
from tests.conftest import SAMPLES, sample_paper

BARNET = {
    "barnet-sp/forward-action-plan-2006-10.xlsx": "forward",
    "barnet-sp/2006-07-action-plan-q1-progress.xlsx": "q1",
}
REF = re.compile(r"^\d+\.\d+")


def _seed_part(seed_text, part: str) -> str:
    text = seed_text("000")
    split = text.index("BARNET SUPPORTING PEOPLE 2006/7 ACTION PLAN")
    return text[:split] if part == "forward" else text[split:]


def _seed_rows(seed_text, part: str) -> list[list[str]]:
    """Seed lines that are action rows (tab-separated, first field a bare ref), in order."""
    rows = []
    for line in _seed_part(seed_text, part).splitlines():
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) >= 4 and re.fullmatch(r"\d+\.\d+", fields[0]):
            rows.append(fields)
    return rows


@pytest.mark.parametrize("name", sorted(BARNET))
def test_barnet_rows_match_the_seed(name, seed_text):
    paper = sample_paper(name)
    assert paper.format == "xlsx" and len(paper.tables) == 1
    table = paper.tables[0]
    data = [r for r in table.rows if r.kind is RowKind.DATA]
    got = [r.cells[0].text for r in data if re.fullmatch(r"\d+\.\d+", r.cells[0].text)]
    seed = _seed_rows(seed_text, BARNET[name])
    assert got == [fields[0] for fields in seed]
    ours = [r for r in data if re.fullmatch(r"\d+\.\d+", r.cells[0].text)]
    for row, fields in zip(ours, seed, strict=True):
        assert [" ".join(t.split()) for t in row.texts()[1:3]] == fields[1:3], fields[0]


def test_barnet_q1_cells_and_locators():
    paper = sample_paper("barnet-sp/2006-07-action-plan-q1-progress.xlsx")
    table = paper.tables[0]
    assert table.header_texts[0] == "Ref"
    assert table.header_texts[-1] == "QUARTER 1 - PROGRESS & COMMENTS"
    row = next(r for r in table.rows if r.cells[0].text == "1.16")
    texts = row.texts()
    assert texts[3].startswith("Reporting line agreed for CB")
    assert texts[4] == "CB & Lead Member"
    assert texts[5] == "Dec-06"  # a date cell shown through its mmm-yy format
    assert row.locator.endswith(f"!A{row.cells[0].locator.split('!A')[1]}")
    # the repeated page-title rows are set aside with a reason, not read as actions
    assert any(i.code is IssueCode.TITLE_ROW for i in paper.issues)
    # dated by its quarter only; written, and saved, in September (issue 2: "as of Sept 2006")
    assert paper.as_of is not None and paper.as_of.isoformat() == "2006-09-11"
    assert paper.as_of_text == "Q1 2006/7 (saved 11 Sep 2006)"


def test_barnet_forward_plan_metadata_and_sections():
    paper = sample_paper("barnet-sp/forward-action-plan-2006-10.xlsx")
    assert paper.as_of.isoformat() == "2006-10-31" and paper.as_of_text == "October 2006"
    sections = [r for r in paper.tables[0].rows if r.kind is RowKind.SECTION]
    assert len(sections) == 12
    assert sections[0].texts()[0].startswith("1.0 Governance OBJECTIVE")


def test_hertfordshire_traffic_lights_from_fills_and_rules():
    name = "hertfordshire-sp/action-plan-2007.xlsx"
    paper = sample_paper(name)
    table = paper.tables[0]
    col = table.header_texts.index("Traffic Light")
    by_word: dict[str, set] = {}
    for row in table.rows:
        word = row.cells[col].text.upper()
        if word in ("GREEN", "AMBER", "RED"):
            by_word.setdefault(word, set()).add(row.cells[col].fill)
    assert set(by_word) >= {"GREEN", "AMBER"}
    assert all(None not in fills for fills in by_word.values())
    assert len({next(iter(f)) for f in by_word.values()}) == len(by_word)
    # some of those colours exist only as conditional-format rules in the file
    ws = openpyxl.load_workbook(SAMPLES / name).worksheets[0]
    plain = [ws[r.cells[col].locator.split("!")[1]].fill.fill_type for r in table.rows
             if r.cells[col].text.upper() in by_word]
    assert None in plain or "none" in plain


def test_hertfordshire_is_dated_by_its_print_header():
    """The draft dates itself only in the page header; page numbering is not paper text."""
    paper = sample_paper("hertfordshire-sp/action-plan-2007.xlsx")
    assert paper.as_of.isoformat() == "2007-12-14" and paper.as_of_text == "14.12.07"
    assert "DRAFT – 14.12.07" in paper.text.splitlines() and "Page" not in paper.text


def test_hertfordshire_dates_show_as_printed():
    table = sample_paper("hertfordshire-sp/action-plan-2007.xlsx").tables[0]
    row = next(r for r in table.rows if r.cells[0].text == "1.1.1")
    assert "01-Jul-07" in row.texts() and "30-Nov-07" in row.texts()


def test_merged_header_keeps_its_text_once():
    table = sample_paper("hertfordshire-sp/action-plan-2007.xlsx").tables[0]
    assert table.header_texts.count("Actions") == 1


def _plan_workbook(rows: list[list[str]]) -> tuple[openpyxl.Workbook, object]:
    """A workbook whose first sheet, 'Plan', holds `rows`; (workbook, that sheet)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    for row in rows:
        ws.append(row)
    return wb, ws


def test_sheet_locators_name_sheet_and_cell(tmp_path: Path):
    wb, _ = _plan_workbook([["Ref", "Action", "Owner", "Due"], ["1", "Do it", "SPT", "Mar-07"]])
    wb.save(tmp_path / "p.xlsx")
    paper = read_paper(tmp_path / "p.xlsx", tmp_path)
    row = paper.tables[0].rows[0]
    assert row.locator == "Plan!A2"
    assert [c.locator for c in row.cells] == ["Plan!A2", "Plan!B2", "Plan!C2", "Plan!D2"]


def test_hertfordshire_reprinted_header_is_set_aside_though_its_first_heading_moved():
    """Each page reprints 'Actions' in the second of the two merged columns it heads."""
    paper = sample_paper("hertfordshire-sp/action-plan-2007.xlsx")
    rows = paper.tables[0].rows
    assert not [r for r in rows if "Actions" in r.texts()]
    repeated = [i.source_locator for i in paper.issues if i.code is IssueCode.REPEATED_HEADER]
    assert repeated == [f"Action Plan 2007!A{n}" for n in (14, 29, 42, 58, 70)]


def test_ticked_lines_in_a_cell_are_items_of_the_action():
    """Contract: bullets kept as `; ` separated items; a tick starts an item and is kept."""
    table = sample_paper("hertfordshire-sp/action-plan-2007.xlsx").tables[0]
    row = next(r for r in table.rows if r.cells[0].text == "1.2.2")
    assert row.cells[1].text.split("; ") == [
        "Develop a process to ensure Service users are involved in Hertfordshire Supporting "
        "People Programme Strategy to include:-",
        "✓ Service users comments fed into strategy",
        "✓ Service user easy-to-read version of strategy produced following adoption of "
        "strategy by partners",
        "✓ New strategy communicated to service users",
    ]


@pytest.mark.parametrize(("cell", "text"), [
    ("Review rents\nand service charges", "Review rents\nand service charges"),
    ("Options:\n• Tender\n• Extend contract\n  for one year",
     "Options:; Tender; Extend contract for one year"),
    ("Sept 06 - see sheet 2", "Sept 06 - see sheet 2"),
])
def test_only_typed_bullets_split_a_cell(cell, text):
    assert bulleted_lines(cell) == text


def test_an_objective_printed_in_the_theme_column_is_a_section_not_an_action():
    """Barnet Q1 A113: '2.5 | OBJECTIVE Performance of SP-funded services …' (no action)."""
    from planrecon.normalise import NormaliseConfig, normalise

    result = normalise([sample_paper("barnet-sp/2006-07-action-plan-q1-progress.xlsx")],
                       NormaliseConfig.load(None))
    assert not [i for i in result.issues if i.source_locator.endswith("!A113")]
    assert "Action Plan 2006-07!A113" not in set(result.actions["source_locator"])


def test_hidden_sheets_and_rows_are_reported_not_read(tmp_path: Path):
    """Officers read what Excel shows: hidden content is left out, and each piece is named."""
    wb, ws = _plan_workbook([
        ["Ref", "Action", "Who by", "When by"],
        ["1.1", "Review the housing register", "Head of Housing", "Mar-09"],
        ["1.2", "Old action, withdrawn", "SPT", "Dec-08"],
        ["1.3", "Publish the directory", "SPT", "Jun-09"],
    ])
    ws.row_dimensions[3].hidden = True
    lookups = wb.create_sheet("Lookups")
    lookups.append(["Owner", "Team"])
    lookups.append(["SPT", "Supporting People Team"])
    lookups.sheet_state = "hidden"
    wb.save(tmp_path / "plan.xlsx")
    paper = read_paper(tmp_path / "plan.xlsx", tmp_path)
    assert [t.unit for t in paper.tables] == ["Plan"]
    assert [r.texts()[0] for r in paper.tables[0].rows] == ["1.1", "1.3"]
    hidden = {i.source_locator: i for i in paper.issues if i.code is IssueCode.HIDDEN}
    assert set(hidden) == {"Plan!A3", "Lookups"}
    assert hidden["Plan!A3"].value.startswith("1.2 | Old action, withdrawn")
    assert not paper.quarantined


def test_hidden_columns_are_reported_not_read_and_hidden_text_reads_as_shown(tmp_path: Path):
    """A hidden working column (budget codes) is left out like a hidden row, and what is
    quoted from hidden cells reads as Excel would show it (a date through its format)."""
    wb, ws = _plan_workbook([
        ["Ref", "Action", "Budget code", "Cost centre", "Who by", "When by"],
        ["1.1", "Review the housing register", "B-114", "CC9", "Head of Housing", "Mar-09"],
        ["1.2", "Publish the directory", "B-220", "CC9", "SPT", dt.datetime(2009, 6, 30)],
    ])
    ws["F3"].number_format = "mmm-yy"
    ws.column_dimensions.group("C", "D", hidden=True)
    ws.row_dimensions[3].hidden = True
    wb.save(tmp_path / "plan.xlsx")
    paper = read_paper(tmp_path / "plan.xlsx", tmp_path)
    assert [r.texts() for r in paper.tables[0].rows] == [
        ["1.1", "Review the housing register", "Head of Housing", "Mar-09"]]
    assert paper.tables[0].header_texts == ["Ref", "Action", "Who by", "When by"]
    hidden = {i.source_locator: i.value for i in paper.issues if i.code is IssueCode.HIDDEN}
    assert hidden == {"Plan!A3": "1.2 | Publish the directory | B-220 | CC9 | SPT | Jun-09",
                      "Plan!C:C": "Budget code | B-114 | B-220",
                      "Plan!D:D": "Cost centre | CC9 | CC9"}


def test_a_data_cell_merged_across_columns_is_said_once(tmp_path: Path):
    """'Not due this quarter' merged over Target and Actual is one statement, not a target."""
    wb, ws = _plan_workbook([
        ["Ref", "Indicator", "Target", "Actual", "Comment"],
        ["1005", "Older people at home 91 days on", "Not due this quarter", None, "See Q3"],
        ["1006", "Satisfaction with care", "65%", "61%", "Survey"],
    ])
    ws.merge_cells("C2:D2")
    wb.save(tmp_path / "plan.xlsx")
    rows = read_paper(tmp_path / "plan.xlsx", tmp_path).tables[0].rows
    assert [r.texts() for r in rows] == [
        ["1005", "Older people at home 91 days on", "Not due this quarter", "", "See Q3"],
        ["1006", "Satisfaction with care", "65%", "61%", "Survey"]]


def test_a_ref_merged_with_its_theme_gives_the_theme_as_section():
    """Barnet's October plan merges '11.1 Outcomes' over the Ref and Theme columns: each
    action sits under 'Outcomes', not under a section of its own."""
    from planrecon.normalise import NormaliseConfig, normalise

    actions = normalise([sample_paper("barnet-sp/forward-action-plan-2006-10.xlsx")],
                        NormaliseConfig.load(None)).actions
    outcomes = actions[actions["ref"].str.match(r"^11\.\d$")]
    assert len(outcomes) == 7
    assert set(outcomes["section"]) == {"Outcomes"}


def test_a_lone_word_right_of_the_first_column_is_no_section_heading():
    """Hertfordshire row 40 holds only 'Green', under Traffic Light: a stray cell (reported
    as a row with no action), not a heading that the rows below would sit under."""
    from planrecon.normalise import NormaliseConfig, normalise

    paper = sample_paper("hertfordshire-sp/action-plan-2007.xlsx")
    kinds = {r.locator: r.kind for t in paper.tables for r in t.rows}
    assert kinds["Action Plan 2007!A40"] is RowKind.DATA
    assert kinds["Action Plan 2007!A37"] is RowKind.DATA
    result = normalise([paper], NormaliseConfig.load(None))
    assert "Green" not in set(result.actions["section"])
    assert any(i.source_locator == "Action Plan 2007!A40" for i in result.issues)
