"""Plan series and versions: which tables are which version of which plan.

A version is the action tables of one paper that speak of one plan period
(Kent's report holds the 2008-09 update and the 2009-10 draft: two versions).
Versions join a series when their actions overlap; the same version arriving
twice (a Word paper and its PDF copy) is kept once and the copy is named.
`plans.yaml` in the inbox overrides any of it.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import pandas as pd

from planrecon.ingest import Paper

from .rules import MatchSettings
from .similarity import candidate_pairs, tokens

PERIOD = re.compile(r"\b(20\d\d)\s*(?:[-/–]|\s-\s)\s*(\d{1,4})\b")
SERIES_OVERLAP = 0.15
"""Share of the smaller version's actions that must recur for two versions to be one plan."""
DUPLICATE_OVERLAP = 0.9
FORMAT_PREFERENCE = {"xlsx": 0, "xls": 1, "docx": 2, "pdf": 3}
"""Of two copies of one version, keep the one whose format keeps most (cell colours, merges)."""


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


def plan_period(text: str) -> str:
    """`Annual Plan 2008-09` → `2008-09`; `2006/7 ACTION PLAN` → `2006/7`; else ''."""
    match = PERIOD.search(text or "")
    if not match:
        return ""
    start, end = int(match[1]), match[2]
    follows = int(end[-2:]) == (start + 1) % 100 or int(end[-1:]) == (start + 1) % 10
    return match[0].replace(" ", "") if follows else ""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "plan"


def build_versions(actions: pd.DataFrame, papers: list[Paper], entries: list[PlanEntry]):
    """Versions with their series ids, copies marked; in series and date order."""
    by_file = {p.source_file: p for p in papers}
    versions: dict[str, Version] = {}
    keys = []
    for row in actions[["source_file", "table_caption", "table_unit", "action"]].itertuples():
        paper = by_file[row.source_file]
        period = plan_period(row.table_caption) or plan_period(paper.title)
        key = f"{row.source_file}#{period}"
        keys.append(key)
        if key not in versions:
            versions[key] = Version(
                key,
                row.source_file,
                period,
                paper.as_of,
                "",
                paper.format,
                [],
            )
            versions[key].reasons.append(
                f"as-of date from '{paper.as_of_text}'"
                if paper.as_of_text
                else "no as-of date found in the paper"
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
    _mark_copies(list(versions.values()))
    _group_series(list(versions.values()), by_file)
    return versions, keys


def _apply_entry(version: Version, entry: PlanEntry | None) -> None:
    if entry is None:
        return
    if entry.plan:
        version.plan_id = entry.plan
    if entry.version:
        version.label = entry.version
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


def _overlap(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    same = MatchSettings.resolve().same_action  # the declared rule (reconcile/matching.yaml)
    rows, cols, _ = candidate_pairs([tokens(t) for t in a], [tokens(t) for t in b],
                                    same.min_cosine)
    return min(len(set(rows.tolist())), len(set(cols.tolist()))) / min(len(a), len(b))


def _stem(source_file: str) -> str:
    """`kent/report.docx` and `kent/report.pdf` are one paper saved twice."""
    return str(PurePosixPath(source_file).with_suffix(""))


def _mark_copies(versions: list[Version]) -> None:
    """The same version twice (same date and period, and the same file name in another
    format or near-identical actions): keep the copy whose format keeps most."""
    ordered = sorted(versions, key=lambda v: (FORMAT_PREFERENCE.get(v.fmt, 9), v.key))
    for i, copy in enumerate(ordered):
        for kept in ordered[:i]:
            if kept.duplicate_of or kept.period != copy.period:
                continue
            if kept.version_date != copy.version_date:
                continue
            same_paper = _stem(kept.source_file) == _stem(copy.source_file)
            if same_paper or _overlap(kept.actions, copy.actions) >= DUPLICATE_OVERLAP:
                copy.duplicate_of = kept.key
                copy.reasons.append(f"same version as {kept.source_file}: not reconciled twice")
                break


def _group_series(versions: list[Version], by_file) -> None:
    """Union versions whose actions overlap; name each series once."""
    live = [v for v in versions if not v.duplicate_of]
    parent = {v.key: v.key for v in live}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    for i, a in enumerate(live):
        for b in live[i + 1 :]:
            if a.plan_id and b.plan_id and a.plan_id != b.plan_id:
                continue
            if (a.plan_id and a.plan_id == b.plan_id) or _overlap(
                a.actions, b.actions
            ) >= SERIES_OVERLAP:
                parent[root(b.key)] = root(a.key)
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
            if len(members) > 1:
                v.reasons.append(f"{len(members)} versions share actions: one plan series")
    keys = {v.key: v for v in versions}
    for v in versions:
        if v.duplicate_of:
            v.plan_id = keys[v.duplicate_of].plan_id


def _series_name(members: list[Version], by_file) -> str:
    """The papers' common folder in the inbox, else the first paper's title."""
    return series_name_for_paper(by_file[members[0].source_file])


def series_name_for_paper(paper: Paper) -> str:
    """A readable series id from a paper's folder in the inbox, else its title or name."""
    folder = str(PurePosixPath(paper.source_file).parent)
    if folder != ".":
        return _slug(folder)
    return _slug(" ".join((paper.title or PurePosixPath(paper.source_file).stem).split()[:6]))


def version_order(v: Version) -> tuple:
    return (v.version_date or dt.date.max, v.period, v.source_file)
