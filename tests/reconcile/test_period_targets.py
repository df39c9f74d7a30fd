"""Targets for several periods: read per period from the headings, whatever their shape,
and a later paper's result held against the target an earlier paper set for its period."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from planrecon.reconcile.indicator_flags import flags_for_indicators
from planrecon.reconcile.period_targets import align_targets, period_targets
from tests.normalise.test_indicator_layouts import NAMES, _paper, _read

RESULTS = ["12", "40", "95%", "21", "3.1"]
TARGETS = [["10", "45", "96%", "20", "3"], ["9", "44", "97%", "19", "3"],
           ["8", "43", "98%", "18", "2.5"]]


@pytest.mark.parametrize("headings,result_end,ends", [
    (["Indicator", "2009/10 Outturn", "Target 2009/10", "Target 2010/11", "Target 2011/12"],
     "2010-03-31", ["2010-03-31", "2011-03-31", "2012-03-31"]),
    (["Measure", "Actual 2009-10", "Target 2009-10", "Future Targets 2010-11", "2011-12"],
     "2010-03-31", ["2010-03-31", "2011-03-31", "2012-03-31"]),
    (["KPI", "Q2 2014/15 result", "Q2 2014/15 target", "Q3 2014/15 target",
      "Q4 2014/15 target"], "2014-09-30", ["2014-09-30", "2014-12-31", "2015-03-31"]),
    (["Performance measure", "Result 2012", "Target 2013", "Target 2012", "Target 2014"],
     "2012-12-31", ["2013-12-31", "2012-12-31", "2014-12-31"]),
])
def test_each_periods_target_is_kept_and_the_results_own_is_the_target(headings, result_end,
                                                                       ends):
    """Whichever column the vocabulary gives the target to (the latest period's), a row's
    target is the one for its result's period, and every period's target is kept; no
    target column is read as anything else."""
    result, rows = _read(_paper(headings, [NAMES, RESULTS, *TARGETS]))
    mapped = result.tables["columns"].iloc[0]
    assert " → ref" not in mapped, mapped
    own = ends.index(result_end)
    for n, row in enumerate(rows):
        assert row["result"] == RESULTS[n] and row["result_period"] == pd.Timestamp(result_end)
        assert row["target"] == TARGETS[own][n], mapped
        assert json.loads(row["period_targets"]) == {e: t[n] for e, t in zip(ends, TARGETS,
                                                                             strict=True)}


def _row(**values) -> pd.Series:
    base = {"ref": "", "description": "Percentage of invoices paid within 30 days",
            "previous": "", "result": "", "target": "", "rag": "none", "direction": "",
            "result_period": "", "period_targets": ""}
    base.update(values)
    if isinstance(base["period_targets"], dict):
        base["period_targets"] = json.dumps(base["period_targets"])
    base["result_period"] = pd.Timestamp(base["result_period"]) if base["result_period"] \
        else pd.NaT  # typed, as the schema hands it on
    return pd.Series(base)


EARLIER = _row(result="TBC", target="96", result_period="2008-03-31",
               period_targets={"2008-03-31": "96", "2009-03-31": "97", "2010-03-31": "98"})


def test_the_earlier_target_for_the_year_is_the_old_target():
    later = _row(result="97.5", target="97", previous="96.5", direction="Improving",
                 result_period="2009-03-31",
                 period_targets={"2009-03-31": "97", "2010-03-31": "98"})
    aligned = align_targets(EARLIER, later)
    assert aligned.old["target"] == "97" and aligned.period == "2009-03-31"
    assert not aligned.standing
    assert flags_for_indicators(aligned.old, aligned.new) == ("met_target",)
    assert "target_changed" in flags_for_indicators(EARLIER, later)  # 96 (2007/8) vs 97


def test_a_target_moved_for_the_same_year_is_a_changed_target():
    later = _row(result="97.5", target="98.5", previous="96.5", direction="Improving",
                 result_period="2009-03-31", period_targets={"2009-03-31": "98.5"})
    aligned = align_targets(EARLIER, later)
    assert flags_for_indicators(aligned.old, aligned.new) == ("target_changed",
                                                              "missed_target")


@pytest.mark.parametrize("later_targets", [{"2010-03-31": "98"}, {}, {"2009-03-31": ""}])
def test_no_target_printed_for_the_year_leaves_the_earlier_one_standing(later_targets):
    """A blank target, or targets for other years only: the earlier paper's target for
    the year is the one met or missed, and it has not changed."""
    later = _row(result="96.2", previous="96.5", direction="Worsening",
                 target=later_targets.get("2009-03-31", ""), result_period="2009-03-31",
                 period_targets=later_targets)
    aligned = align_targets(EARLIER, later)
    assert aligned.standing and aligned.new["target"] == "97"
    assert later["target"] == ""  # the paper's own row is not changed
    assert flags_for_indicators(aligned.old, aligned.new) == ("missed_target",)


@pytest.mark.parametrize("later", [
    _row(result="97", target="97"),  # no period named by the result's heading
    _row(result="97", target="97", result_period="2011-03-31"),  # a year not set before
])
def test_without_a_target_set_for_the_results_period_nothing_is_aligned(later):
    aligned = align_targets(EARLIER, later)
    assert aligned.old is EARLIER and aligned.new is later and not aligned.period


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '"97"'])
def test_period_targets_that_are_not_a_mapping_are_none(text):
    assert period_targets(_row(period_targets=text)) == {}
