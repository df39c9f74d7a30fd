"""Each indicator change flag, figures read with their units, and the indicator's polarity,
on small hand-made pairs."""

import pandas as pd
import pytest

from planrecon.outputs.csvs import write_csv
from planrecon.reconcile import INDICATOR_CHANGE_COLUMNS
from planrecon.reconcile.figures import Figure, parse_figure
from planrecon.reconcile.indicator_flags import IndicatorFlag, flags_for_indicators, polarity

CONTRACT_FLAGS = ("rag_worsened", "rag_improved", "result_worsened", "result_improved",
                  "target_changed", "missed_target", "met_target", "new", "dropped", "unchanged")
"""indicator_changes.csv's flags as the contract lists them, written out: a renamed or
reordered flag fails."""


def _kpi(**values) -> pd.Series:
    base = {"ref": "1001", "description": "Increase the number of carers receiving support",
            "period": "", "previous": "", "target": "30%", "result": "33.9%", "direction": "",
            "rag": "none"}
    base.update(values)
    return pd.Series(base)


@pytest.mark.parametrize(("text", "figure"), [
    ("99.4%", Figure(99.4, "%")), ("53.2 %", Figure(53.2, "%")),
    ("30 per cent", Figure(30, "%")), ("£473", Figure(473, "£")),
    ("£1.2m", Figure(1.2e6, "£")), ("319,509", Figure(319509, "")), ("-15", Figure(-15, "")),
    ("(264)", Figure(-264, "")), ("12 days", Figure(12, "days")), ("1 day", Figure(1, "days")),
    ("1 in 4", Figure(0.25, "ratio")), ("432/641", Figure(432 / 641, "ratio")),
    ("11.05 per 1,000", Figure(11.05, "per 1000")), ("42 carers", Figure(42, "carers")),
    ("N/A", None), ("TBC", None), ("New measure", None), ("2014/15", None), ("", None),
    ("2566 service users £190.42 average cost", None),
])
def test_figures_read_with_their_units(text, figure):
    assert parse_figure(text) == figure


def test_flags_are_the_contracts_words_in_its_order():
    assert tuple(flag.value for flag in IndicatorFlag) == CONTRACT_FLAGS


@pytest.mark.parametrize(("old", "new", "expected"), [
    ({"rag": "green"}, {"rag": "amber"}, ("rag_worsened", "met_target")),
    ({"rag": "red"}, {"rag": "green"}, ("rag_improved", "met_target")),
    ({"rag": "none"}, {"rag": "red"}, ("met_target",)),  # a RAG first printed: no move
    ({}, {"result": "29%"}, ("result_worsened", "missed_target")),  # "Increase …" below
    ({}, {"result": "35%"}, ("result_improved", "met_target")),
    ({}, {"target": "35%"}, ("target_changed", "missed_target")),
    ({}, {"target": "30.0%"}, ("met_target",)),  # the same figure printed otherwise
    ({}, {"target": "TBC"}, ("target_changed",)),
    ({}, {}, ("met_target", "unchanged")),
    ({}, {"result": "30%"}, ("result_worsened", "met_target")),  # equal to target meets it
    ({}, {"result": "1,300"}, ()),  # another unit: neither compared nor unchanged
    ({"description": "Reduce the number of younger adults in residential care",
      "result": "302", "target": "300"},
     {"description": "Reduce the number of younger adults in residential care",
      "result": "296", "target": "290"}, ("result_improved", "target_changed",
                                          "missed_target")),
    ({"description": "Telecare", "result": "£240", "target": "£250", "rag": "green"},
     {"description": "Telecare", "result": "£260", "target": "£250", "rag": "amber"},
     ("rag_worsened", "result_worsened")),  # no polarity: the RAG says which way
])
def test_pair_flags(old, new, expected):
    assert flags_for_indicators(_kpi(**old), _kpi(**new)) == expected


def test_new_and_dropped():
    assert flags_for_indicators(None, _kpi()) == ("met_target", "new")
    assert flags_for_indicators(None, _kpi(target="N/A")) == ("new",)
    assert flags_for_indicators(_kpi(), None) == ("dropped",)


@pytest.mark.parametrize(("row", "sign"), [
    ({"description": "Average days to relet a home (smaller is better)"}, -1),
    ({"description": "Rent collected", "direction": "Higher is better"}, 1),
    ({"description": "Reduce adult reoffending", "previous": "330", "result": "242",
      "direction": "Worsening"}, -1),  # Barnet 1009: the aim before the arrow
    ({"description": "Reduction in per cent of repeat incidents of DV"}, -1),
    ({"description": "Improve customer satisfaction levels"}, 1),
    ({"description": "Exit enablement without any home care services", "previous": "65.0%",
      "result": "67.4%", "direction": "Improving"}, 1),
    ({"description": "Homecare spend per week", "previous": "£473", "result": "£319",
      "direction": "Improving"}, -1),
    ({"description": "Number of older people placed into care", "previous": "30",
      "result": "42", "direction": "Worsening"}, -1),
    ({"description": "DV sanction detection rates", "previous": "53%", "result": "53.2%",
      "direction": "Same"}, 0),
    ({"description": "Hate crimes", "previous": "53%", "result": "£5",
      "direction": "Improving"}, 0),  # figures in two units say nothing
])
def test_polarity_is_the_papers_own_word(row, sign):
    assert polarity(None, _kpi(**row))[0] == sign


def test_polarity_falls_back_to_the_older_paper():
    old = _kpi(description="Homecare spend", previous="£473", result="£319",
               direction="Improving")
    new = _kpi(description="Homecare spend", previous="£319", result="£319", direction="Same")
    assert polarity(old, new)[0] == -1


def test_indicator_changes_csv_is_written_like_the_others(tmp_path):
    frame = pd.DataFrame([{c: "" for c in INDICATOR_CHANGE_COLUMNS} | {
        "description": "=HYPERLINK(\"http://x\")", "new_result": "-15", "flags": "new",
        "old_result": "+44 20 7946 0000"}])
    write_csv(frame, INDICATOR_CHANGE_COLUMNS, tmp_path / "indicator_changes.csv")
    raw = (tmp_path / "indicator_changes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + ",".join(INDICATOR_CHANGE_COLUMNS).encode())
    row = pd.read_csv(tmp_path / "indicator_changes.csv", dtype=str, keep_default_na=False,
                      encoding="utf-8-sig").iloc[0]
    assert row["description"].startswith("'=")
    assert (row["new_result"], row["old_result"]) == ("-15", "+44 20 7946 0000")
