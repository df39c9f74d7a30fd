"""Each action's chain through every version: baseline, current due, slips.

As in project baselines, the first version an action appears in fixes its
original due date; every later slip is counted against it.
"""

from __future__ import annotations

import pandas as pd

from .flags import Flag, overdue

HISTORY_COLUMNS = ["baseline_version", "original_due_date", "times_slipped", "total_slip_days",
                   "versions_seen", "overdue"]


def action_history(actions: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """One row per action chain: its latest appearance plus baseline and slip counts."""
    live = actions[actions["copy_of"] == ""].copy()
    if live.empty:
        return live.reindex(columns=list(live.columns) + HISTORY_COLUMNS)
    live = live.sort_values(["version_date", "plan_period"], na_position="last", kind="stable")
    slips = changes[changes["flags"].map(lambda f: Flag.SLIPPED in f).astype(bool)]
    slip_at = dict(zip(zip(slips["new_source_file"], slips["new_locator"], strict=True),
                       pd.to_numeric(slips["slip_days"]), strict=True))
    live["_slip"] = [slip_at.get(key, 0) for key in
                     zip(live["source_file"], live["source_locator"], strict=True)]
    chains = live.groupby("action_key", sort=False)
    latest = chains.tail(1).set_index("action_key")
    latest["baseline_version"] = chains["plan_version"].first()
    latest["original_due_date"] = chains["due_date"].first()  # the first date given
    latest["times_slipped"] = live["_slip"].gt(0).groupby(live["action_key"]).sum().astype(int)
    latest["total_slip_days"] = chains["_slip"].sum().astype(int)
    latest["versions_seen"] = chains.size()
    latest["overdue"] = [overdue(row) for row in latest.to_dict("records")]
    out = latest.reset_index().drop(columns=["_slip"])
    return out.sort_values(["plan_id", "source_file", "source_locator"], kind="stable")
