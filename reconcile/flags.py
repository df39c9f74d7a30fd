"""One small pure function per change flag of the contract.

Each takes the old and new action (rows with the canonical columns plus
`version_date`) and says whether its flag applies; `flags_for_pair` lists
them in the contract's order. Dates are the typed frames' (NaT when none).
"""

from __future__ import annotations

import pandas as pd

from planrecon.ingest.text import folded
from planrecon.normalise.schema import day

FLAG_ORDER = (
    "slipped", "brought_forward", "owner_changed", "rolled_over", "new", "dropped",
    "completed", "status_changed", "reworded", "unchanged", "overdue",
)


def slip_days(old: pd.Series, new: pd.Series) -> int | None:
    """Days the due date moved (positive = later); None when either side has no date."""
    before, after = day(old["due_date"]), day(new["due_date"])
    if before is None or after is None:
        return None
    return (after - before).days


def slipped(old, new) -> bool:
    days = slip_days(old, new)
    return days is not None and days > 0


def brought_forward(old, new) -> bool:
    days = slip_days(old, new)
    return days is not None and days < 0


def owner_changed(old, new) -> bool:
    """Compared as sets, so "CB & CSG" and "CSG & CB" are the same owners; an action that
    gains its first owner, or loses its last, changed owner too (`flags_for_pair` leaves
    owners out where a version names none at all: its paper has no owner column)."""
    return set(old["owners"]) != set(new["owners"])


def rolled_over(old, new) -> bool:
    """Carried into the next period's plan unfinished, or said to be rolled over."""
    if new["status"] == "rolled_over":
        return True
    before, after = old.get("plan_period", ""), new.get("plan_period", "")
    return bool(before and after) and before != after and old["status"] != "complete"


def completed(old, new) -> bool:
    return new["status"] == "complete" and old["status"] != "complete"


def status_changed(old, new) -> bool:
    return old["status"] != new["status"]


def reworded(old, new) -> bool:
    return folded(old["action"]) != folded(new["action"])


def overdue(action) -> bool:
    """Due before the date the version speaks as of, and not complete."""
    due, as_of = day(action["due_date"]), day(action.get("version_date"))
    return due is not None and as_of is not None and due < as_of and action["status"] != "complete"


PAIR_FLAGS = {
    "slipped": slipped, "brought_forward": brought_forward, "owner_changed": owner_changed,
    "rolled_over": rolled_over, "completed": completed, "status_changed": status_changed,
    "reworded": reworded,
}


def flags_for_pair(old, new, owners_printed: bool = True) -> list[str]:
    """The pair's flags; `owners_printed` is False when either version names no owner
    anywhere, so a missing owner column is not read as every owner changing."""
    checks = {name: check for name, check in PAIR_FLAGS.items()
              if owners_printed or name != "owner_changed"}
    found = [name for name, check in checks.items() if check(old, new)]
    if not found:
        found.append("unchanged")
    if overdue(new):
        found.append("overdue")
    return sorted(found, key=FLAG_ORDER.index)


def flags_for_new(new) -> list[str]:
    return ["new"] + (["overdue"] if overdue(new) else [])
