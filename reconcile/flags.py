"""The change flags of the contract, and one small pure function per flag.

Each function takes the old and new action (rows with the canonical columns plus
`version_date`) and says whether its flag applies; `flags_for_pair` lists them in the
contract's order. Dates are the typed frames' (NaT when none).
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from typing import Self

import pandas as pd

from planrecon.ingest.text import folded
from planrecon.normalise.schema import day


class ContractFlag(enum.StrEnum):
    """A flag of the contract, whose value is the word the CSVs write. Members are declared
    in the contract's order, and a row's flags are a tuple in that order (`in_order`), not
    a set: the CSVs list them in that order. Being text already, a tuple of them is written
    by `normalise.schema.written` like any other list."""

    @classmethod
    def in_order(cls, found: Collection[Self]) -> tuple[Self, ...]:
        """`found` in the contract's order."""
        return tuple(flag for flag in cls if flag in found)


class Flag(ContractFlag):
    """A flag of changes.csv."""

    SLIPPED = "slipped"
    BROUGHT_FORWARD = "brought_forward"
    OWNER_CHANGED = "owner_changed"
    ROLLED_OVER = "rolled_over"
    NEW = "new"
    DROPPED = "dropped"
    COMPLETED = "completed"
    STATUS_CHANGED = "status_changed"
    REWORDED = "reworded"
    UNCHANGED = "unchanged"
    OVERDUE = "overdue"


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
    Flag.SLIPPED: slipped, Flag.BROUGHT_FORWARD: brought_forward,
    Flag.OWNER_CHANGED: owner_changed, Flag.ROLLED_OVER: rolled_over,
    Flag.COMPLETED: completed, Flag.STATUS_CHANGED: status_changed, Flag.REWORDED: reworded,
}


def flags_for_pair(old, new, owners_printed: bool = True) -> tuple[Flag, ...]:
    """The pair's flags; `owners_printed` is False when either version names no owner
    anywhere, so a missing owner column is not read as every owner changing."""
    checks = {flag: check for flag, check in PAIR_FLAGS.items()
              if owners_printed or flag is not Flag.OWNER_CHANGED}
    found = {flag for flag, check in checks.items() if check(old, new)} or {Flag.UNCHANGED}
    if overdue(new):
        found.add(Flag.OVERDUE)
    return Flag.in_order(found)


def flags_for_new(new) -> tuple[Flag, ...]:
    return (Flag.NEW, Flag.OVERDUE) if overdue(new) else (Flag.NEW,)
