"""The numbers of a run, computed once from a `Report`'s rows.

The Summary sheet, its charts, the KPIs off track ranking and the screen all read
these, so they cannot disagree; the sentences that say them are in `prose`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from planrecon.reconcile import Flag, IndicatorFlag
from planrecon.reconcile.figures import comparable, parse_figure

if TYPE_CHECKING:
    from .report import Report

SLIP_MONTHS = 6
LONG_SLIP_DAYS = 182
"""'slipped by more than six months' in the headline."""
COUNTED = (Flag.SLIPPED, Flag.OWNER_CHANGED, Flag.ROLLED_OVER, Flag.NEW, Flag.DROPPED,
           Flag.COMPLETED, Flag.OVERDUE)
"""The changes the Summary counts, in its column order."""
WORSENED = (IndicatorFlag.RAG_WORSENED, IndicatorFlag.RESULT_WORSENED)
IMPROVED = (IndicatorFlag.RAG_IMPROVED, IndicatorFlag.RESULT_IMPROVED)
OFF_TRACK = (*WORSENED, IndicatorFlag.MISSED_TARGET)
"""An indicator is off track in its report's latest version when its comparison with the
version before carries one of these."""
RAG_ORDER = {"red": 0, "amber": 1, "green": 2}
"""Worst first: red before amber before green, then no RAG."""


@dataclass(frozen=True)
class Counts:
    """The numbers of a run, computed once: the Summary sheet and the screen both show
    these, so they cannot disagree."""

    plans: list[dict]
    """Per plan series: `plan_summaries`."""
    papers: int
    """Papers reconciled (a byte-identical copy is not counted again)."""
    copies: int
    set_aside: int
    versions: int
    """Distinct plan versions (a paper saved as Word and PDF is one)."""
    actions: int
    """Actions in each plan's latest version."""
    changes: dict[Flag, int]
    """Flag (`COUNTED`) → rows since the previous version; overdue in the latest."""
    to_check: int
    """Matched pairs waiting on the Match review sheet."""
    quality_notes: int
    """Lines on the Data quality sheet."""
    indicators: list[dict] = field(default_factory=list)
    """Per report series with two versions or more: `indicator_summaries`."""
    long_slips: int = 0
    """Of the latest versions' slips, those of more than `SLIP_MONTHS` months."""


def count(report: Report) -> Counts:
    plans = plan_summaries(report)
    return Counts(
        plans=plans, papers=len(report.papers), copies=len(report.copies),
        set_aside=len(report.set_aside()), versions=sum(p["versions"] for p in plans),
        actions=sum(p["actions"] for p in plans),
        changes={flag: sum(p["flags"][flag] for p in plans) for flag in COUNTED},
        to_check=len(report.to_check()), quality_notes=len(report.quality_notes()),
        indicators=indicator_summaries(report), long_slips=_long_slips(report, plans),
    )


def plan_summaries(report: Report) -> list[dict]:
    """Per plan: latest version, status counts, and changes since the version before,
    counted from the very rows each detail sheet lists (`Report.detail`)."""
    detail = report.detail(COUNTED)
    out = []
    for plan_id, versions in report.live_versions().groupby("plan_id", sort=True):
        latest = versions.iloc[-1]
        actions = report.actions[report.actions["version_key"] == latest["key"]]
        flags = {flag: int(latest_rows(rows, plan_id, latest["plan_version"], flag).sum())
                 for flag, rows in detail.items()}
        out.append({
            "plan_id": plan_id, "latest_version": latest["plan_version"],
            "as_of": latest["version_date"], "versions": len(versions),
            "previous": versions.iloc[-2]["plan_version"] if len(versions) > 1 else "",
            "actions": len(actions), "status": actions["status"].value_counts().to_dict(),
            "flags": flags,
        })
    return out


def latest_rows(rows: pd.DataFrame, plan_id: str, version: str, flag: Flag) -> pd.Series:
    """Which of a detail sheet's rows a plan's Summary count covers: the comparison into
    its latest version, or (Overdue, a list of actions) that version itself."""
    if not len(rows):
        return pd.Series(dtype=bool)
    column = "plan_version" if flag is Flag.OVERDUE else "new_version"
    return (rows["plan_id"] == plan_id) & (rows[column] == version)


def _long_slips(report: Report, plans: list[dict]) -> int:
    """Slips of more than six months into each plan's latest version."""
    slipped = report.flagged(Flag.SLIPPED)
    if not len(slipped) or not plans:
        return 0
    latest = pd.concat([slipped[latest_rows(slipped, p["plan_id"], p["latest_version"],
                                            Flag.SLIPPED)] for p in plans])
    days = pd.to_numeric(latest["slip_days"], errors="coerce")
    return int((days > LONG_SLIP_DAYS).sum())


def kpis_off_track(report: Report) -> pd.DataFrame:
    """Indicators of each series' latest version that worsened or missed their target,
    worst first: most reasons first, then red before amber, then furthest off (its
    result's move for the worse, or its miss, as a share of the figure before or the
    target). The series with the worst comes first and each series' rows stay one
    block, for the Summary's links."""
    rows = report.latest_indicator_changes()
    if not len(rows):
        return rows
    flags = rows["flags"]
    reasons = flags.map(lambda f: sum(flag in f for flag in OFF_TRACK))
    rows = rows[reasons > 0]
    keys = pd.DataFrame({
        "reasons": -reasons[rows.index],
        "rag": rows["new_rag"].map(RAG_ORDER).fillna(len(RAG_ORDER)),
        "far": [-_how_far(row) for row in rows.to_dict("records")],
    }, index=rows.index)
    order = keys.sort_values(["reasons", "rag", "far"], kind="stable").index
    place = pd.Series(range(len(order)), index=order)
    first = place.groupby(rows.loc[order, "plan_id"]).transform("min")
    return rows.loc[pd.DataFrame({"first": first, "place": place})
                    .sort_values(["first", "place"]).index]


def indicator_summaries(report: Report) -> list[dict]:
    """Per report series with two versions or more: its latest version, and how its
    indicators moved since the version before (improved, stable, worsened, counted
    over those in both; worse wins when the RAG and the figure disagree)."""
    out = []
    off_track = kpis_off_track(report)
    for plan_id, rows in report.latest_indicator_changes().groupby("plan_id", sort=True):
        flags = rows["flags"]
        both = ~flags.map(lambda f: IndicatorFlag.NEW in f or IndicatorFlag.DROPPED in f)
        worse = flags.map(lambda f: any(flag in f for flag in WORSENED)) & both
        better = flags.map(lambda f: any(flag in f for flag in IMPROVED)) & both & ~worse
        out.append({
            "plan_id": plan_id, "latest_version": rows["new_version"].iloc[0],
            "previous": rows["old_version"].iloc[0],
            "as_of": rows["new_version_date"].iloc[0], "compared": int(both.sum()),
            "improved": int(better.sum()), "stable": int((both & ~worse & ~better).sum()),
            "worsened": int(worse.sum()),
            "off_track": int((off_track["plan_id"] == plan_id).sum()),
            "new": int(flags.map(lambda f: IndicatorFlag.NEW in f).sum()),
            "dropped": int(flags.map(lambda f: IndicatorFlag.DROPPED in f).sum()),
        })
    return out


def status_by_version(report: Report) -> pd.DataFrame:
    """Actions per status in every version of every plan (rows), for the Summary chart."""
    rows = []
    for _, version in report.live_versions().iterrows():
        actions = report.actions[report.actions["version_key"] == version["key"]]
        rows.append({"plan_id": version["plan_id"], "plan_version": version["plan_version"],
                     **actions["status"].value_counts().to_dict()})
    return pd.DataFrame(rows).fillna(0)


def slips_by_section(slipped: pd.DataFrame, top: int) -> pd.DataFrame:
    """The `top` sections with the most slipped actions: slips up to and over six months."""
    columns = ["plan_id", "section", "short", "long"]
    if not len(slipped):
        return pd.DataFrame(columns=columns)
    days = pd.to_numeric(slipped["slip_days"], errors="coerce").fillna(0)
    frame = slipped.assign(long=days > LONG_SLIP_DAYS, short=days <= LONG_SLIP_DAYS,
                           section=slipped["section"].replace("", "(no section)"))
    counts = frame.groupby(["plan_id", "section"], sort=True)[["short", "long"]].sum()
    counts = counts.assign(total=counts["short"] + counts["long"]).reset_index()
    counts = counts.sort_values(["total", "plan_id", "section"],
                                ascending=[False, True, True], kind="stable")
    return counts.head(top).reindex(columns=columns).reset_index(drop=True)


def _how_far(row: dict) -> float:
    """How far off an off-track indicator is, as a share: its result's move for the worse
    (of the figure before) and its miss (of the target), the larger; 0 when its figures
    are not in one unit."""
    flags = row["flags"]
    new = parse_figure(row["new_result"])
    shares = [abs(new.value - other.value) / abs(other.value)
              for flag, key in ((IndicatorFlag.RESULT_WORSENED, "old_result"),
                                (IndicatorFlag.MISSED_TARGET, "new_target"))
              if flag in flags
              for other in [parse_figure(row[key])] if comparable(new, other) and other.value]
    return max(shares, default=0.0)
