"""A year band printed before an action ("2008 - 09") is never its ref.

Halton's HP 2 and HP 4 milestone tables merge the "Key Milestones" heading over the year
band column and the milestone column, so each milestone comes with its band in front.
Read as a leading ref, "2008 - 09; Review and revise…" gave ref "2008" and the action
"- 09; Review and revise…". Checked on made-up rows for each way a band is printed, and
on the Halton papers against the seed text.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from planrecon.ingest import Cell, Row, RowKind, Table, clean_text
from planrecon.normalise import NormaliseConfig, normalise
from planrecon.normalise.actions import TableContext, table_actions
from planrecon.normalise.columns import default_synonyms, map_columns
from planrecon.normalise.owners import default_aliases
from tests.conftest import sample_paper

HALTON = ("halton/service-plan-2008-11.docx", "halton/service-plan-2008-11.pdf")
_BAND = re.compile(r"^20\d\d ?- ?\d\d$")


def _actions(header: list[str], spanned: list[bool], rows: list[list[str]]) -> list[dict]:
    table = Table("plan.docx", "table 1", 1, "", [], [], header=tuple(
        Cell(text, f"table 1 row 1 col {c}", spanned=span)
        for c, (text, span) in enumerate(zip(header, spanned, strict=True))))
    table.rows = [Row(tuple(Cell(t, f"table 1 row {r} col {c}") for c, t in enumerate(cells)),
                      RowKind.DATA, f"table 1 row {r}") for r, cells in enumerate(rows, start=2)]
    mapping = map_columns(header, default_synonyms(), spanned)
    records, _ = table_actions(TableContext(table, mapping, default_aliases(), None))
    return records


@pytest.mark.parametrize("band", ["2008 - 09", "2008/09", "2009-10", "2010 -11", "2008 – 09"])
def test_year_band_under_a_merged_heading_is_not_a_ref(band):
    (record,) = _actions(["Key Milestones", "", "Responsible Officer"], [False, True, False],
                         [[band, "Review complaints procedures Nov 2008.", "DM (Business)"]])
    assert (record["ref"], record["action"]) == ("", "Review complaints procedures Nov 2008.")
    assert json.loads(record["extra"]) == {"year_band": band}
    assert (record["owner_raw"], record["due_date"]) == ("DM (Business)", dt.date(2008, 11, 30))


def test_year_band_in_the_action_sentence_stays_and_refs_still_split():
    records = _actions(["Action", "Lead Officer"], [False, False], [
        ["2008/09 budget agreed with the Board", "Head of Finance"],
        ["2008 - 09 review of charges", "Head of Finance"],
        ["1.16 Reporting line to the Board", "Head of Finance"],
        ["HP 1 Ensure that high quality services are commissioned", "Head of Finance"],
    ])
    assert [(r["ref"], r["action"]) for r in records] == [
        ("", "2008/09 budget agreed with the Board"),
        ("", "2008 - 09 review of charges"),
        ("1.16", "Reporting line to the Board"),
        ("HP 1", "Ensure that high quality services are commissioned"),
    ]
    assert not any(r["extra"] for r in records)


def _seed_milestones(seed: str, objectives: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
    """(objective, year band, milestone, officer) of the seed's milestone lines."""
    out, objective, band = [], "", ""
    for line in seed.splitlines():
        cells = [clean_text(re.sub(r"<[^>]+>", " ", c)) for c in line.split("\t")]
        if cells[0] == "Service Objective:":
            objective = cells[1][:4]
        elif "<ul" in line and objective in objectives:
            band = cells[0] if _BAND.match(cells[0]) else band
            texts = [c for c in cells[1:] if c]
            out.append((objective, band, texts[0], texts[-1]))
    return out


@pytest.fixture(scope="module")
def halton():
    papers = [sample_paper(name) for name in HALTON]
    return normalise(papers, NormaliseConfig.load()).actions


@pytest.mark.parametrize("paper", HALTON)
def test_halton_hp2_and_hp4_milestones_match_the_seed(halton, seed_text, paper):
    seed = _seed_milestones(seed_text("004"), ("HP 2", "HP 4"))
    assert len(seed) == 12
    rows = halton[(halton.source_file == paper) & halton.section.str.match("HP [24] ")]
    read = [(s[:4], json.loads(e)["year_band"], a, o)
            for s, e, a, o in zip(rows.section, rows.extra, rows.action, rows.owner_raw,
                                  strict=True)]
    assert read == seed
    assert set(rows.ref) == {""}
