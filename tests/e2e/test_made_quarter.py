"""The made next quarter of Barnet's Adults & Communities report against the record of
its changes (`tests/data/made_quarter/`, which `scripts.build_next_quarter` applied to
the Q2 seed): each recorded change found with the flags the record expects, every other
indicator unchanged, and no indicator of the samples compared with a different one."""

from __future__ import annotations

import pytest

from planrecon.reconcile.indicator_flags import IndicatorFlag
from scripts.build_next_quarter import COLUMNS, PAPER, next_quarter, read_record
from scripts.samples.seedtext import read_seed
from tests.conftest import SEEDS

Q2 = "barnet-adults/q2-2014-15-performance-report.pdf"
Q3 = PAPER.as_posix()
CHANGE_FLAGS = set(IndicatorFlag) - {IndicatorFlag.MET_TARGET, IndicatorFlag.MISSED_TARGET,
                                     IndicatorFlag.UNCHANGED}


@pytest.fixture(scope="module")
def record():
    return read_record()


@pytest.fixture(scope="module")
def compared(sample_run):
    """The indicator rows compared from the Q2 paper into the made Q3."""
    changes = sample_run[0].report.indicator_changes
    into_q3 = changes["new_source_file"].eq(Q3) | changes["old_source_file"].eq(Q2) \
        & changes["new_source_file"].eq("")
    return changes[into_q3]


def _truth(report, record) -> set[tuple[str, str]]:
    """(Q2 ref, Q3 ref) of every indicator in both: the same ref unless the record says."""
    indicators = report.indicators
    q2 = set(indicators.loc[indicators["source_file"] == Q2, "ref"])
    changed = {c["ref"] for c in record}
    return {(ref, ref) for ref in q2 - changed} | {
        (c["ref"], c["new_ref"]) for c in record if c["ref"] and c["new_ref"]}


def test_every_recorded_change_is_found_with_its_flags(compared, record):
    assert {c["new_ref"] for c in record} - {""} <= set(compared["new_ref"])
    for change in record:
        rows = compared[(compared["old_ref"] == change["ref"])
                        & (compared["new_ref"] == change["new_ref"])]
        assert len(rows) == 1, change
        assert set(rows.iloc[0]["flags"]) == set(change["expected_flags"].split(";")), \
            (change, rows.iloc[0]["flags"])


def test_what_the_record_does_not_change_is_unchanged(compared, record):
    recorded = {(c["ref"], c["new_ref"]) for c in record}
    rest = compared[[pair not in recorded
                     for pair in zip(compared["old_ref"], compared["new_ref"], strict=True)]]
    assert len(rest) > 20
    for flags in rest["flags"]:
        assert "unchanged" in flags and not CHANGE_FLAGS & set(flags)


def test_no_indicator_is_compared_against_a_different_one(sample_run, record):
    """Precision 1.0 on the labels: every pair the Barnet report makes is the same
    indicator, by the record (Halton's made plans are judged in `test_made_plans`)."""
    changes = sample_run[0].report.indicator_changes
    paired = changes[(changes["old_source_file"] != "") & (changes["new_source_file"] != "")]
    paired = paired[paired["new_source_file"].str.startswith("barnet")]
    truth = _truth(sample_run[0].report, record)
    made = set(zip(paired["old_ref"], paired["new_ref"], strict=True))
    assert set(paired["new_source_file"]) == {Q3}
    assert len(made) == len(paired)
    assert made == truth  # precision and recall 1.0


def test_the_made_paper_prints_what_the_record_made(sample_run, record):
    """The committed Q3 paper holds the figures `next_quarter` makes of the seed and the
    record (so a change to either without rebuilding the sample fails here)."""
    lines = next_quarter(read_seed(SEEDS, "003_"), record)
    made = {}
    for line in lines:
        cells = line.split("\t")
        if len(cells) > len(COLUMNS) and cells[0] and cells[0] not in made:
            made[cells[0]] = dict(zip(COLUMNS, cells[1:], strict=False))
    indicators = sample_run[0].report.indicators
    read = indicators[indicators["source_file"] == Q3].drop_duplicates("ref").set_index("ref")
    for change in record:
        if not change["new_ref"]:
            assert change["ref"] not in read.index
            continue
        row, printed = read.loc[change["new_ref"]], made[change["new_ref"]]
        for column in ("previous", "target", "result", "direction"):
            assert row[column] == printed[column], (change["new_ref"], column)
        assert row["description"].startswith(printed["description"])
