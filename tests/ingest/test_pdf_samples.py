"""PDF sample papers checked against the seed texts they were rendered from.

Halton's service plan (a LibreOffice PDF of the Word original): every milestone
row of the four objective tables, with its year band and responsible officer,
and the same milestone actions as the Word file. Barnet's Q2 performance report:
the CPI, CP and KPI indicator rows with their values.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from planrecon.ingest import clean_text
from planrecon.normalise import NormaliseConfig, normalise
from tests.conftest import sample_paper

HALTON_PDF = Path("halton") / "service-plan-2008-11.pdf"
HALTON_DOCX = Path("halton") / "service-plan-2008-11.docx"
BARNET_Q2 = Path("barnet-adults") / "q2-2014-15-performance-report.pdf"

_MARKUP = re.compile(r"<[^>]+>|\$\\frac\{(\d+)\}\{(\d+)\}\$")
_YEAR_BAND = re.compile(r"^20\d\d ?- ?\d\d$")
_INDICATOR_REF = re.compile(r"^(?:\d{4}|[A-Z]{2}\d{3})(?: \([a-z]\))?$")


def _cells(line: str) -> list[str]:
    """A seed line's tab-separated cells, markup removed ("$\\frac{a}{b}$" read as "a b")."""
    def plain(match: re.Match) -> str:
        return f" {match[1]} {match[2]} " if match[1] else " "

    return [clean_text(_MARKUP.sub(plain, cell)) for cell in line.split("\t")]


def _seed_milestones(seed: str) -> list[tuple[str, str, str]]:
    """(year band, milestone, responsible officer) of every milestone line of the seed."""
    out, band = [], ""
    for line in seed.splitlines():
        if "<ul" not in line or "Service Objective" in line:
            continue
        cells = _cells(line)
        band = cells[0] if _YEAR_BAND.match(cells[0]) else band
        texts = [c for c in cells[1:] if c]
        out.append((band, texts[0], texts[-1]))
    return out


def _seed_objectives(seed: str) -> list[str]:
    return [_cells(ln)[1] for ln in seed.splitlines() if ln.startswith("Service Objective:")]


def _seed_indicators(seed: str) -> dict[str, list[str]]:
    """Indicator rows of the seed by ref: description, period, previous, target,
    numerator/denominator, result, variance, direction, benchmark."""
    rows = {}
    for line in seed.splitlines():
        cells = _cells(line)
        if len(cells) >= 10 and _INDICATOR_REF.match(cells[0]) and cells[0] not in rows:
            rows[cells[0]] = cells[1:10]
    return rows


@pytest.fixture(scope="module")
def normalised():
    papers = [sample_paper(p) for p in (HALTON_PDF, HALTON_DOCX, BARNET_Q2)]
    return normalise(papers, NormaliseConfig.load()), papers


def _actions(normalised, paper: Path):
    frame = normalised[0].actions
    return frame[frame.source_file == paper.as_posix()]


def _milestone_rows(paper) -> list[list[str]]:
    """Body rows (cell texts) of the tables headed Key Milestones / Responsible Officer."""
    return [
        [clean_text(c.text) for c in row.cells]
        for table in paper.tables
        if "Responsible Officer" in table.header_texts and "Key Milestones" in table.header_texts
        for row in table.rows
    ]


def test_halton_pdf_milestone_rows_match_the_seed(normalised, seed_text):
    seed = _seed_milestones(seed_text("004"))
    assert len(seed) == 34
    rows = _milestone_rows(normalised[1][0])
    assert [(r[0], r[1], r[-1]) for r in rows] == seed


def test_halton_pdf_milestone_actions_embedded_due_and_owner(normalised):
    actions = _actions(normalised, HALTON_PDF).set_index("action")
    joint = actions.loc["Monitor and review Joint Commissioning Strategies to ensure priorities "
                        "are still met Mar 2009. (AOF35)"]
    assert (joint.owner_raw, joint.due_date, joint.due_kind) == (
        "Joint Commissioning Managers", pd.Timestamp("2009-03-31"), "month")
    assert joint.due_raw == "Mar 2009"  # the date as printed, inside the milestone's text
    peer = actions.loc["Invite Peer Review of the Consumer Protection Service, aimed at furthering "
                       "service improvement and maximising efficiency in service delivery "
                       "Sep 2010. (AOF27 & 30)"]
    assert (peer.owner_raw, peer.due_date, peer.due_raw) == (
        "DM (Consumer Protection)", pd.Timestamp("2010-09-30"), "Sep 2010")
    # the last HP 1 rows sit on the next page, below the break
    housing = actions.loc["Work with Planning to introduce affordable housing policy with Local "
                          "Development Framework Apr 2010. (AOF 11)"]
    assert housing.source_locator.startswith("page 13 ")
    assert housing.owner_raw == "Housing Strategy Manager"


def test_halton_milestones_carry_their_service_objective(normalised, seed_text):
    objectives = _seed_objectives(seed_text("004"))
    assert [o[:4] for o in objectives] == ["HP 1", "HP 2", "HP 3", "HP 4"]
    for paper in (HALTON_PDF, HALTON_DOCX):
        actions = _actions(normalised, paper)
        milestones = actions[actions.section.str.startswith("HP ")]
        assert len(milestones) == 34
        assert list(dict.fromkeys(milestones.section)) == objectives


def test_halton_docx_and_pdf_give_the_same_milestones(normalised):
    # a list, not a set: HP 4 prints one milestone under both 2008 - 09 and 2009 - 10
    def milestones(paper: Path) -> list[tuple[str, str, str, str]]:
        actions = _actions(normalised, paper)
        actions = actions[actions.section.str.startswith("HP ")]
        return sorted(zip(actions.action, actions.owner_raw, actions.section,
                          actions.due_date, strict=True))

    pdf = milestones(HALTON_PDF)
    assert len(pdf) == 34
    assert pdf == milestones(HALTON_DOCX)


def test_barnet_q2_indicator_rows_match_the_seed(normalised, seed_text):
    seed = _seed_indicators(seed_text("003"))
    frame = normalised[0].indicators
    read = frame[frame.source_file == BARNET_Q2.as_posix()].set_index("ref")
    found = [ref for ref in seed if ref in read.index]
    assert found == list(seed)  # 31, 1103 (b) alone atop page 16 included
    for ref in found:
        description, period, previous, target, _, result, variance, direction, _ = seed[ref]
        row = read.loc[ref]
        # the seed cuts VA025's description at the page break; the reader joins it back
        assert row.description.startswith(description), ref
        if not previous:  # "Not due to be reported…" is one cell merged over the values,
            assert row.period.startswith(period), ref  # so it is said once, not per column
            values = [row.period, row.previous, row.target, row.result, row.variance]
            assert sum(bool(v) for v in values) <= 1, (ref, values)
            continue
        assert (row.period, row.previous, row.target, row.result, row.variance, row.direction) \
            == (period, previous, target, result, variance, direction), ref


def test_barnet_q2_cpi_and_kpi_refs(normalised):
    frame = normalised[0].indicators
    refs = set(frame[frame.source_file == BARNET_Q2.as_posix()].ref)
    assert {f"10{n:02d}" for n in range(1, 11)} <= refs
    assert {"TC015", "CP012", "RN024", "VA025", "VA026", "VA027", "EQ031", "AC002", "AC004",
            "AC005", "AC006 (a)", "AC006 (b)", "AC006 (c)", "1111", "1103 (a)"} <= refs
    assert "KPI NO" not in refs  # the header reprinted on each page is not an indicator


def test_barnet_q2_headerless_one_row_table(normalised):
    """1103 (b), alone atop page 16 with no header reprinted, continues the CP table."""
    frame = normalised[0].indicators
    assert "1103 (b)" in set(frame[frame.source_file == BARNET_Q2.as_posix()].ref)


def test_barnet_q2_headerless_row_reads_as_the_seed(normalised, seed_text):
    seed = _seed_indicators(seed_text("003"))["1103 (b)"]
    frame = normalised[0].indicators
    frame = frame[frame.source_file == BARNET_Q2.as_posix()].set_index("ref")
    row = frame.loc["1103 (b)"]
    assert row.description == seed[0] == ("Effectiveness of Telecare: Reducing care costs "
                                          "(estimate of impact to be included)")
    assert row.period == seed[1] == ("This is part of a change project and will be reported "
                                     "in quarter 3.")
    assert row.target == row.result == row.benchmark == ""  # the merged note is said once
    assert row.source_locator.startswith("page 16 table 1 row 1")
    cp = frame.loc[["1104", "1110", "1103 (b)"]]
    assert cp.section.nunique() == 1  # the same (CP appendix) table


@pytest.mark.parametrize("paper", [HALTON_DOCX, HALTON_PDF])
def test_halton_two_row_heading_is_one_header(paper):
    """'Timetable' over the three years, other headings merged down: one header, no data row."""
    table = next(t for t in sample_paper(paper).tables if "Proposed Action(s)" in t.header_texts)
    assert table.header_texts[3:6] == ["Timetable 2008/9", "Timetable 2009/10",
                                       "Timetable 2010/11"]
    assert [r.texts()[0] for r in table.rows] == ["TBC"]


def test_barnet_q2_headlines_name_their_commentary(normalised):
    """'Headline | Commentary' has no action column: each headline is the item reported on."""
    actions = _actions(normalised, BARNET_Q2)
    business = actions[actions.source_locator.str.startswith("page 10 table 1 ")]
    assert list(business.action) == ["Financial escalation", "Staff Performance", "FOI's",
                                     "Complaints"]
    assert business.iloc[0].progress.startswith("Budget monitoring is a priority")


def test_barnet_q2_change_project_alone_atop_page_11_continues_its_table(normalised):
    """The last change project sits alone atop page 11, no header reprinted: a row of the
    page 10 table, not a headerless table of its own."""
    actions = _actions(normalised, BARNET_Q2)
    row = actions[actions.source_locator.str.startswith("page 11 table 1 row 1")].iloc[0]
    assert row.action == "Implementation of community safety enhancements and CCTV procurement"
    assert row.progress.startswith("The 3 community safety enhancement projects are:")


def test_kent_word_and_pdf_agree_on_every_action_and_its_objective():
    """Objectives cut or left blank at a page break read whole in both files: the Word
    paper is a table per page, the PDF the same pages printed."""
    kent = [sample_paper(f"kent-sp/annual-plan-report-2009-07-02.{ext}") for ext in ("docx", "pdf")]
    actions = normalise(kent, NormaliseConfig.load(None)).actions
    by_file = [sorted(zip(a.section, a.action, strict=True))
               for _, a in actions.groupby("source_file")]
    assert len(by_file) == 2 and len(by_file[0]) == 63 and by_file[0] == by_file[1]
    assert "" not in {section for section, _ in by_file[0]}
    cut = "9. Improve access and information in relation to the Supporting People programme"
    assert sum(section == cut for section, _ in by_file[0]) == 3 + 8  # 2008-09, 2009-10


@pytest.mark.parametrize("paper", [HALTON_DOCX, HALTON_PDF])
def test_halton_indicator_cut_by_a_page_break_reads_whole(paper):
    """'No. of assessed social work practice learning days per whole' / 'time equivalent
    social worker' (seed lines 389 and 395): the tail atop the next page, under a reprinted
    two-row header and a table with merged section rows, joins its row in both formats."""
    result = normalise([sample_paper(paper)], NormaliseConfig.load(None))
    descriptions = list(result.indicators["description"])
    assert ("No. of assessed social work practice learning days per whole time equivalent "
            "social worker") in descriptions
    assert "time equivalent social worker" not in descriptions
    assert "Number of Rough Sleepers" in descriptions  # a short row of its own stays so
