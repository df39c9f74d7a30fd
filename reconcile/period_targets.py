"""A later paper's result for a year held against the target an earlier paper set for it.

A service plan prints targets for the years ahead across the top ("Halton Targets 08/09 |
09/10 | 10/11"); the next year's plan prints the actual for the year that was a target
("Halton 2008/9 Actual"). Normalise keeps, per indicator, the period its result speaks
for (`result_period`) and the target of each period a heading names (`period_targets`).

Before two versions' indicators are flagged, the older one's target is the one it set for
the period of the newer one's result, when it set one: so `target_changed` says the target
for that year moved, and `old_target` shows what was first aimed at. When the newer paper
prints no target for that year (a blank cell, or target columns for other years only), the
earlier paper's target still stands and the result is met or missed against it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from planrecon.normalise.schema import written


@dataclass(frozen=True)
class Aligned:
    """The pair as the flags read it, and what was done to it."""

    old: pd.Series | None
    new: pd.Series | None
    period: str = ""
    """The last day (ISO) of the period both targets are for, when they were aligned."""
    standing: bool = False
    """The newer paper printed no target for the period: the older one's is used."""


def period_targets(row: pd.Series | None) -> dict[str, str]:
    """{last day of a period: its target as printed} of one indicator ({} when none)."""
    text = "" if row is None else str(row.get("period_targets", "") or "")
    if not text:
        return {}
    try:
        said = json.loads(text)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in said.items()} if isinstance(said, dict) else {}


def align_targets(old: pd.Series | None, new: pd.Series | None) -> Aligned:
    """The pair with the older target taken for the newer result's period (see above)."""
    if old is None or new is None:
        return Aligned(old, new)
    period = written(new.get("result_period", pd.NaT))  # as the targets' JSON names it
    earlier = period_targets(old)
    if not period or period not in earlier:
        return Aligned(old, new)
    old = old.copy()
    old["target"] = earlier[period]
    later = period_targets(new)
    printed = later.get(period, "" if later else str(new.get("target", "") or ""))
    if printed.strip():
        if printed != new.get("target", ""):
            new = new.copy()
            new["target"] = printed
        return Aligned(old, new, period)
    if not earlier[period].strip():
        return Aligned(old, new, period)
    new = new.copy()
    new["target"] = earlier[period]
    return Aligned(old, new, period, standing=True)
