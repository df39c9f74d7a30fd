"""Reconcile: the same action across every version of a plan, and what changed.

Public surface: `reconcile(actions, indicators, papers, settings) -> Reconciliation`, where
the three frames are normalise's: it reads nothing of the papers but their facts there. Its
change frames' flags are tuples of `Flag` and `IndicatorFlag` members.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planrecon.ingest import Issue
from planrecon.normalise.schema import DATE_TYPE

from .changes import CHANGE_COLUMNS, compare_versions, unused_overrides
from .copies import copy_disagreements
from .flags import Flag
from .history import action_history
from .indicator_changes import INDICATOR_CHANGE_COLUMNS, compare_indicators
from .indicator_flags import IndicatorFlag
from .overrides import Override
from .rules import MatchSettings
from .versions import (
    PlanEntry,
    Version,
    build_versions,
    papers_by_file,
    series_name_for_paper,
    version_order,
)

__all__ = [
    "CHANGE_COLUMNS", "INDICATOR_CHANGE_COLUMNS", "Flag", "IndicatorFlag", "MatchSettings",
    "Override", "PlanEntry", "Reconciliation", "ReconcileSettings", "reconcile",
]


@dataclass(frozen=True)
class ReconcileSettings:
    match: MatchSettings = field(default_factory=MatchSettings.resolve)
    plans: tuple[PlanEntry, ...] = ()
    overrides: tuple[Override, ...] = ()


@dataclass
class Reconciliation:
    actions: pd.DataFrame
    """Every extracted action with its plan, version, version date and chain key."""
    changes: pd.DataFrame
    indicators: pd.DataFrame
    indicator_changes: pd.DataFrame
    """Every indicator of each report version compared with the version before it."""
    versions: pd.DataFrame
    """One row per version: which paper went to which series and version, and why."""
    history: pd.DataFrame
    """The latest appearance of every action with its baseline and slip history."""
    issues: list[Issue]


def _version_frame(versions: dict[str, Version]) -> pd.DataFrame:
    rows = [{
        "plan_id": v.plan_id, "plan_version": v.label, "version_date": v.version_date,
        "plan_period": v.period, "source_file": v.source_file, "format": v.fmt,
        "actions": len(v.actions), "copy_of": v.duplicate_of.split("#")[0],
        "why": "; ".join(v.reasons), "key": v.key,
    } for v in sorted(versions.values(), key=lambda v: (v.plan_id, version_order(v)))]
    frame = pd.DataFrame(rows)
    if len(frame):
        frame["version_date"] = frame["version_date"].astype(DATE_TYPE)
    return frame


def reconcile(
    actions: pd.DataFrame, indicators: pd.DataFrame, papers: pd.DataFrame,
    settings: ReconcileSettings | None = None,
) -> Reconciliation:
    settings = settings or ReconcileSettings()
    versions, keys = build_versions(actions, papers, list(settings.plans))
    actions = actions.copy()
    actions["version_key"] = keys
    for column, get in {
        "plan_id": lambda v: v.plan_id,
        "plan_version": lambda v: v.label,
        "version_date": lambda v: v.version_date,  # plans.yaml may give it
        "copy_of": lambda v: v.duplicate_of.split("#")[0],
    }.items():
        actions[column] = [get(versions[k]) for k in keys]
    actions["version_date"] = actions["version_date"].astype(DATE_TYPE)
    applied: set[int] = set()
    changes, chain, issues = compare_versions(actions, versions, settings, applied)
    indicators = _label_indicators(indicators, versions, papers)
    copies = {v.source_file for v in versions.values() if v.duplicate_of}
    indicator_changes, indicator_issues = compare_indicators(indicators, copies, settings,
                                                             applied)
    issues = copy_disagreements(actions, versions) + issues + indicator_issues \
        + unused_overrides(settings, applied)
    actions["action_key"] = chain
    return Reconciliation(
        actions=actions,
        changes=changes,
        indicators=indicators,
        indicator_changes=indicator_changes,
        versions=_version_frame(versions),
        history=action_history(actions, changes),
        issues=issues,
    )


def _label_indicators(
    indicators: pd.DataFrame, versions: dict[str, Version], papers: pd.DataFrame
) -> pd.DataFrame:
    """Indicators take their paper's series and version, or the paper's own title; their
    date is their paper's, as normalise stamped it."""
    out = indicators.copy()
    by_file = papers_by_file(papers)
    by_paper = {v.source_file: v for v in versions.values()}
    ids, labels = [], []
    for source_file in out.get("source_file", pd.Series(dtype=str)):
        version = by_paper.get(source_file)
        paper = by_file[source_file]
        ids.append(version.plan_id if version else series_name_for_paper(paper))
        labels.append(version.label if version else (paper.as_of_text or paper.title))
    out["plan_id"], out["plan_version"] = ids, labels
    return out

