"""Plan series and versions: which tables are which version of which plan.

A version is the action tables of one paper that speak of one plan period
(Kent's report holds the 2008-09 update and the 2009-10 draft: two versions).
Versions join a series by content or by name (`series`); copies of one version
(a Word paper and its PDF) are kept once, the fuller reading winning (`copies`);
an undated version is placed by content. `plans.yaml` overrides any of it.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import pandas as pd

from .copies import mark_copies
from .series import place_undated, same_plan


@dataclass(frozen=True)
class PlanEntry:
    """One `papers:` entry of plans.yaml."""

    file: str
    plan: str = ""
    version: str = ""
    date: dt.date | None = None
    table: str = ""

    def matches(self, source_file: str, caption: str, unit: str) -> bool:
        if not fnmatch.fnmatch(source_file, self.file):
            return False
        return not self.table or any(
            fnmatch.fnmatch(text.lower(), f"*{self.table.lower()}*") for text in (caption, unit)
        )


@dataclass
class Version:
    """One version of a plan: the action tables of one paper for one period."""

    key: str
    source_file: str
    period: str
    version_date: dt.date | None
    label: str
    fmt: str
    actions: list[str]
    plan_id: str = ""
    duplicate_of: str = ""
    reasons: list[str] = field(default_factory=list)
    named_version: str = ""
    """The version name plans.yaml gives it: papers given one name are copies of it."""
    order_date: dt.date | None = None
    """Where an undated version sorts: placed by content between its dated neighbours."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "plan"


def papers_by_file(papers: pd.DataFrame) -> dict:
    """Each paper's facts (normalise's `paper_facts` rows) by its name."""
    return {p.source_file: p for p in papers.itertuples(index=False)}


def build_versions(actions: pd.DataFrame, papers: pd.DataFrame, entries: list[PlanEntry]):
    """Versions with their series ids, copies marked; in series and date order. `papers`
    is one row per paper (normalise's `paper_facts`)."""
    by_file = papers_by_file(papers)
    versions: dict[str, Version] = {}
    keys = []
    columns = ["source_file", "plan_period", "table_caption", "table_unit", "action"]
    for row in actions[columns].itertuples():
        paper = by_file[row.source_file]
        period = row.plan_period
        key = f"{row.source_file}#{period}"
        keys.append(key)
        if key not in versions:
            versions[key] = Version(
                key,
                row.source_file,
                period,
                _date(paper.as_of),
                "",
                paper.format,
                [],
            )
            versions[key].reasons.append(
                f"as-of date from '{paper.as_of_text}' ({paper.as_of_from or 'paper'})"
                if paper.as_of_text
                else "no as-of date found in the paper or its file name"
            )
            entry = next(
                (
                    e
                    for e in entries
                    if e.matches(row.source_file, row.table_caption, row.table_unit)
                ),
                None,
            )
            _apply_entry(versions[key], entry)
        versions[key].actions.append(row.action)
    _label(versions.values(), by_file)
    _group_series(list(versions.values()), by_file)
    mark_copies(list(versions.values()), actions, keys)
    series: dict[str, list[Version]] = {}
    for v in versions.values():
        if not v.duplicate_of:
            series.setdefault(v.plan_id, []).append(v)
    for members in series.values():
        place_undated(members)
        _unique_labels(members)
    return versions, keys


def _date(value) -> dt.date | None:
    """A paper's as-of date from its facts row: a date, or None (NaT/NaN once framed)."""
    return value if isinstance(value, dt.date) else None


def _apply_entry(version: Version, entry: PlanEntry | None) -> None:
    if entry is None:
        return
    if entry.plan:
        version.plan_id = entry.plan
    if entry.version:
        version.label = version.named_version = entry.version
    if entry.date:
        version.version_date = entry.date
    version.reasons.append(f"plans.yaml entry '{entry.file}'")


def _label(versions, by_file) -> None:
    """A version's label as officers would say it: the paper's own date words, after the
    plan period when one paper holds plans for two periods ("2008-09 (as of 2 July 2009)")."""
    for version in versions:
        if version.label:
            continue
        paper = by_file[version.source_file]
        when = paper.as_of_text or (
            version.version_date.isoformat() if version.version_date else ""
        )
        period = "" if version.period and version.period in when else version.period
        version.label = (f"{period} (as of {when})" if period and when
                         else period or when or version.source_file)


def _group_series(versions: list[Version], by_file) -> None:
    """Union versions that are one plan by content or by name; name each series once."""
    live = versions
    parent = {v.key: v.key for v in live}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    why: dict[str, list[str]] = {}
    for i, a in enumerate(live):
        for b in live[i + 1 :]:
            if root(a.key) == root(b.key) and not (a.plan_id or b.plan_id):
                continue
            said = same_plan(a, b, by_file[a.source_file], by_file[b.source_file])
            if said:
                parent[root(b.key)] = root(a.key)
                why.setdefault(b.key, []).append(f"one plan with {a.label}: {said}")
    groups: dict[str, list[Version]] = {}
    for v in live:
        groups.setdefault(root(v.key), []).append(v)
    used: set[str] = set()
    for members in groups.values():
        given = next((v.plan_id for v in members if v.plan_id), "")
        plan_id = given or _series_name(members, by_file)
        base, n = plan_id, 2
        while plan_id in used:
            plan_id, n = f"{base}-{n}", n + 1
        used.add(plan_id)
        for v in members:
            v.plan_id = plan_id
            v.reasons += why.get(v.key, [])


def _series_name(members: list[Version], by_file) -> str:
    """The papers' common folder in the inbox, else the first paper's title."""
    return series_name_for_paper(by_file[members[0].source_file])


def series_name_for_paper(paper) -> str:
    """A readable series id from a paper's folder in the inbox, else its title or name."""
    folder = str(PurePosixPath(paper.source_file).parent)
    if folder != ".":
        return _slug(folder)
    return _slug(" ".join((paper.title or PurePosixPath(paper.source_file).stem).split()[:6]))


def _unique_labels(members: list[Version]) -> None:
    """Two versions of one plan never share a label (a change row names both sides)."""
    seen: dict[str, int] = {}
    for v in sorted(members, key=version_order):
        seen[v.label] = seen.get(v.label, 0) + 1
        if seen[v.label] > 1:
            v.label = f"{v.label} ({PurePosixPath(v.source_file).name})"


def version_order(v: Version) -> tuple:
    """Date order; an undated version sorts where its content placed it, else last."""
    return (v.version_date or v.order_date or dt.date.max, v.version_date is None, v.period,
            v.source_file)
