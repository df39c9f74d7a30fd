"""Halton's made 2009-12 and 2010-13 plans against the record of their changes
(`tests/data/made_plans/`, which `scripts.build_next_plans` applied to the 2008-11 seed):
each year's actual held against the target an earlier plan set for that year, every
recorded change found with the flags the record expects (RAG flags read from the papers'
traffic lights), every other indicator without a change flag, and no indicator compared
with a different one."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from planrecon.reconcile.figures import parse_figure
from planrecon.reconcile.indicator_flags import IndicatorFlag
from scripts.build_next_plans import PAPERS, made_plans, paper_path, read_record
from tests.conftest import SEEDS

SEED_PAPERS = ("halton/service-plan-2008-11.docx", "halton/service-plan-2008-11.pdf")
CHANGE_FLAGS = set(IndicatorFlag) - {IndicatorFlag.MET_TARGET, IndicatorFlag.MISSED_TARGET,
                                     IndicatorFlag.UNCHANGED}


def _fold(text: str) -> str:
    return " ".join(str(text).split())


@pytest.fixture(scope="module")
def record():
    return read_record()


@pytest.fixture(scope="module")
def plans(record):
    return made_plans(SEEDS, record)


def _transitions(plans):
    """(earlier paper name, later paper name) in order: 2008-11 → 2009-12 → 2010-13."""
    names = list(plans)
    return list(zip(names, names[1:], strict=False))


def _files(name: str) -> set[str]:
    return set(SEED_PAPERS) if name == "2008-11" else {paper_path(name).as_posix()}


@pytest.fixture(scope="module")
def compared(sample_run, plans):
    """(earlier, later) → the indicator rows compared from the earlier paper into the later."""
    changes = sample_run[0].report.indicator_changes
    out = {}
    for before, after in _transitions(plans):
        into = changes["new_source_file"].isin(_files(after)) | (
            changes["old_source_file"].isin(_files(before)) & changes["new_source_file"].eq(""))
        out[(before, after)] = changes[into]
    return out


def _by_key(indicators) -> dict[str, str]:
    return {i.key: _fold(i.description) for i in indicators}


def _row(frame, old_text: str, new_text: str):
    old = frame["old_description"].map(_fold)
    new = frame["description"].map(_fold)
    if not new_text:
        rows = frame[(old == old_text) & frame["new_source_file"].eq("")]
    elif not old_text:
        rows = frame[(new == new_text) & frame["old_source_file"].eq("")]
    else:
        rows = frame[(old == old_text) & (new == new_text)]
    assert len(rows) == 1, (old_text, new_text, len(rows))
    return rows.iloc[0]


def test_targets_for_future_years_are_read(sample_run, plans):
    """Every PI of the 2008-11 plan, read from Word and PDF, keeps the target of each year
    its headings name (2007/8 and 08/09, 09/10, 10/11 across the top), as the seed prints
    them."""
    indicators = sample_run[0].report.indicators
    seed = {_fold(i.description): i.targets for i in plans["2008-11"]}
    for source in SEED_PAPERS:
        rows = indicators[indicators["source_file"] == source]
        read = {_fold(d): json.loads(t) for d, t in zip(rows["description"],
                                                         rows["period_targets"], strict=True)
                if t}
        assert set(read) == set(seed), source
        for text, targets in seed.items():
            assert read[text] == {f"{year}-03-31": t for year, t in targets.items()}, text


def test_every_recorded_change_is_found_with_its_flags(compared, plans, record):
    for before, after in _transitions(plans):
        old, new = _by_key(plans[before]), _by_key(plans[after])
        for change in (c for c in record if c["paper"] == after):
            key = next(k for k in {**old, **new} if k.startswith(change["key"]))
            row = _row(compared[(before, after)], old.get(key, ""), new.get(key, ""))
            assert set(row["flags"]) == set(change["expected_flags"].split(";")), \
                (after, change["key"], row["flags"], change["why"])
            if change["new_ref"]:
                assert row["new_ref"] == change["new_ref"]


def test_what_the_record_does_not_change_meets_its_target(compared, plans, record):
    """An indicator the record leaves alone printed the target its plan before set for the
    year as its actual: no change flag, and met wherever that target is a figure."""
    checked = 0
    for before, after in _transitions(plans):
        recorded = {c["key"] for c in record if c["paper"] == after}
        old, start = _by_key(plans[before]), PAPERS[after]
        for ind in plans[after]:
            if ind.key not in old or any(ind.key.startswith(k) for k in recorded):
                continue
            flags = set(_row(compared[(before, after)], old[ind.key],
                             _fold(ind.description))["flags"])
            assert not flags & CHANGE_FLAGS and "missed_target" not in flags, (ind.key, flags)
            if parse_figure(ind.targets[start]) is not None:
                assert "met_target" in flags, (ind.key, flags)
            checked += 1
    assert checked > 25


def test_no_indicator_is_compared_against_a_different_one(sample_run, plans, compared):
    """Precision and recall 1.0: the pairs Halton's papers make are exactly the indicators
    the papers share (by the made plans' keys, whatever their refs and wording), and what
    the 2008-11 plan prints outside its PI tables (a national floor target) is dropped."""
    for before, after in _transitions(plans):
        old, new = _by_key(plans[before]), _by_key(plans[after])
        truth = {(old[k], new[k]) for k in old if k in new}
        frame = compared[(before, after)]
        paired = frame[(frame["old_source_file"] != "") & (frame["new_source_file"] != "")]
        made = set(zip(paired["old_description"].map(_fold), paired["description"].map(_fold),
                       strict=True))
        assert len(made) == len(paired)
        assert made == truth, (before, after, made ^ truth)
        outside = set()
        if before == "2008-11":
            read = sample_run[0].report.indicators
            outside = set(read.loc[read["source_file"].isin(SEED_PAPERS), "description"]
                          .map(_fold)) - set(old.values())
        dropped = frame[frame["new_source_file"].eq("")]
        assert set(dropped["old_description"].map(_fold)) == \
            {old[k] for k in old if k not in new} | outside
    changes = sample_run[0].report.indicator_changes
    series = changes[(changes["old_source_file"] != "") & (changes["new_source_file"] != "")]
    assert set(series["plan_id"]) == {"barnet-adults", "halton"}


def test_the_made_papers_print_what_the_record_made(sample_run, plans):
    """The committed PDFs hold the figures `made_plans` makes of the seed and the record
    (so a change to either without rebuilding the samples fails here)."""
    indicators = sample_run[0].report.indicators
    for name, start in PAPERS.items():
        rows = indicators[indicators["source_file"] == paper_path(name).as_posix()]
        read = {_fold(d): r for d, r in zip(rows["description"],
                                             rows.to_dict("records"), strict=True)}
        assert len(read) == len(plans[name])
        for ind in plans[name]:
            row = read[_fold(ind.description)]
            assert row["ref"] == ind.ref
            assert (row["result"], row["target"]) == (ind.actuals[start], ind.targets[start])
            assert row["rag"] == (ind.rag.lower() or "none")
            assert row["result_period"] == pd.Timestamp(f"{start}-03-31")
