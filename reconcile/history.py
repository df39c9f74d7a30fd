"""Each action's chain through every version: baseline, current due, slips.

As in project baselines, the first version an action appears in fixes its
original due date; every later slip is counted against it.
"""

from __future__ import annotations

import pandas as pd

from .flags import overdue


def action_history(actions: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """One row per action chain: its latest appearance plus baseline and slip counts."""
    live = actions[actions["copy_of"] == ""].copy()
    if live.empty:
        return live.assign(baseline_version="", original_due_date="", times_slipped=0,
                           total_slip_days=0, versions_seen=0, overdue=False)
    live["_order"] = live["version_date"].replace("", "9999-12-31") + live["plan_period"]
    slips = changes[changes["flags"].str.contains("slipped", na=False)].copy()
    slips["slip_days"] = pd.to_numeric(slips["slip_days"], errors="coerce").fillna(0)
    rows = []
    for _, chain in live.sort_values("_order", kind="stable").groupby("action_key", sort=False):
        first, latest = chain.iloc[0], chain.iloc[-1]
        dated = chain[chain["due_date"] != ""]
        mine = slips[(slips["plan_id"] == latest["plan_id"])
                     & slips["new_locator"].isin(chain["source_locator"])
                     & slips["new_source_file"].isin(chain["source_file"])]
        record = latest.drop(labels=["_order"]).to_dict()
        record.update({
            "baseline_version": first["plan_version"],
            "original_due_date": dated.iloc[0]["due_date"] if len(dated) else "",
            "times_slipped": len(mine),
            "total_slip_days": int(mine["slip_days"].sum()),
            "versions_seen": len(chain),
            "overdue": overdue(latest),
        })
        rows.append(record)
    return pd.DataFrame(rows).sort_values(["plan_id", "source_file", "source_locator"])
