"""Each change flag on small hand-made pairs."""

import pandas as pd
import pytest

from planrecon.outputs.csvs import write_csv
from planrecon.reconcile import CHANGE_COLUMNS
from planrecon.reconcile.flags import Flag, flags_for_new, flags_for_pair, slip_days

CONTRACT_FLAGS = ("slipped", "brought_forward", "owner_changed", "rolled_over", "new",
                  "dropped", "completed", "status_changed", "reworded", "unchanged", "overdue")
"""changes.csv's flags as the contract lists them, written out: a renamed or reordered flag
fails."""


def _action(**values) -> pd.Series:
    """An action row as reconcile reads it, its dates (given here as ISO text, '' for none)
    typed as the schema types them."""
    base = {"ref": "1.1", "action": "Vision agreed", "owners": ("Commissioning Body",),
            "due_date": "2006-12-31", "status": "unknown", "version_date": "2006-10-31",
            "plan_period": ""}
    base.update(values)
    for key in ("due_date", "version_date"):
        base[key] = pd.Timestamp(base[key]) if base[key] else pd.NaT
    return pd.Series(base)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ({}, {"due_date": "2007-03-31"}, ("slipped",)),
    ({}, {"due_date": "2006-11-30"}, ("brought_forward",)),
    ({}, {"owners": ("Supporting People Team",)}, ("owner_changed",)),
    ({"owners": ("CSG", "Commissioning Body")}, {"owners": ("Commissioning Body", "CSG")},
     ("unchanged",)),
    ({"owners": ()}, {"owners": ("Providers",)}, ("owner_changed",)),  # Barnet 2.53 -> 11.6
    ({}, {"owners": ()}, ("owner_changed",)),
    ({}, {"status": "complete"}, ("completed", "status_changed")),
    ({}, {"action": "Vision agreed with clear objectives"}, ("reworded",)),
    ({}, {"action": "  vision   AGREED "}, ("unchanged",)),
    ({}, {"status": "rolled_over"}, ("rolled_over", "status_changed")),
    ({"plan_period": "2008-09"}, {"plan_period": "2009-10"}, ("rolled_over",)),
    ({"plan_period": "2008-09", "status": "complete"},
     {"plan_period": "2009-10", "status": "complete"}, ("unchanged",)),
    ({"plan_period": "2006/7"}, {"plan_period": ""}, ("unchanged",)),
    ({}, {"version_date": "2007-01-31"}, ("unchanged", "overdue")),
    ({}, {"version_date": "2007-01-31", "status": "complete"}, ("completed", "status_changed")),
])
def test_pair_flags(old, new, expected):
    assert flags_for_pair(_action(**old), _action(**new)) == expected


def test_owners_say_nothing_when_a_version_names_none():
    """A paper with no owner column: its actions' owners did not all change."""
    assert flags_for_pair(_action(), _action(owners=()), owners_printed=False) == ("unchanged",)


def test_slip_days_counts_calendar_days():
    assert slip_days(_action(), _action(due_date="2007-03-31")) == 90
    assert slip_days(_action(due_date=""), _action()) is None


def test_a_date_as_text_is_refused_not_guessed():
    """Dates reach reconcile typed; one that arrives as text missed the schema."""
    with pytest.raises(TypeError, match="not a date"):
        slip_days(pd.Series({"due_date": "2006-12-31"}), _action())


def test_new_action_can_be_overdue():
    assert flags_for_new(_action()) == ("new",)
    assert flags_for_new(_action(version_date="2007-06-30")) == ("new", "overdue")


def test_flags_are_the_contracts_words_in_its_order():
    assert tuple(flag.value for flag in Flag) == CONTRACT_FLAGS


def test_a_changes_flags_are_written_as_the_contract_lists_them(tmp_path):
    """Four flags at once reach changes.csv as the contract's words, `;`-joined in its order."""
    new = _action(due_date="2007-03-31", owners=("CSG",), action="Vision agreed by March",
                  version_date="2007-06-30")
    row = {"flags": flags_for_pair(_action(), new)}
    write_csv(pd.DataFrame([row]), CHANGE_COLUMNS, tmp_path / "changes.csv")
    written = pd.read_csv(tmp_path / "changes.csv", dtype=str, keep_default_na=False,
                          encoding="utf-8-sig")
    assert written["flags"].tolist() == ["slipped;owner_changed;reworded;overdue"]
