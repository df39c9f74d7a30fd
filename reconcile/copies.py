"""Copies of one version are one version.

A committee paper often arrives twice: the Word original and its PDF, or a file
re-sent under another name. Papers of one plan that speak as of the same date
(and plan period), that plans.yaml names as the same version, or that are one
file saved in two formats, are one version. The fuller reading is kept (more
actions, more of their owner, due, status and progress cells filled); where the
copies disagree the Data quality sheet says so, and nothing is reconciled twice.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import pandas as pd
from rapidfuzz import fuzz, process

from planrecon.ingest import Issue, IssueCode
from planrecon.ingest.metadata import file_name_date
from planrecon.normalise.schema import written

FORMAT_PREFERENCE = {"xlsx": 0, "xls": 1, "ods": 2, "docx": 3, "doc": 4, "odt": 5, "csv": 6,
                     "pdf": 7}
"""Of two equally full copies, keep the one whose format keeps most (cell colours, merges)."""
FILLED = ("ref", "owners", "due_date", "status", "progress")
COMPARED = {"owners": "owner", "due_date": "due date", "status": "status", "ref": "ref"}
SAME_ACTION = 85
"""Text likeness (0-100) at which an action of one copy is the same action in the other."""


def _stem(source_file: str) -> str:
    """`kent/report.docx` and `kent/report.pdf` are one paper saved twice."""
    return str(PurePosixPath(source_file).with_suffix(""))


def _same_version(a, b) -> bool:
    if a.plan_id != b.plan_id or a.period != b.period:
        return False
    if a.named_version and a.named_version == b.named_version:
        return True
    if _stem(a.source_file) == _stem(b.source_file):
        return True
    named_a, named_b = file_name_date(a.source_file), file_name_date(b.source_file)
    if named_a and named_b and named_a != named_b:
        return False  # a Q1 and a Q2 file are two versions, however their text reads
    return a.version_date is not None and a.version_date == b.version_date


def fullness(actions: pd.DataFrame) -> int:
    """Actions read plus their filled cells: the reading that kept more wins."""
    filled = sum(int(actions[c].map(lambda v: _said(v).strip() not in ("", "unknown")).sum())
                 for c in FILLED if c in actions)
    return len(actions) + filled


def mark_copies(versions: list, actions: pd.DataFrame, keys: list[str]) -> None:
    """Mark every copy with the version kept in its place (the fullest reading)."""
    by_key = pd.Series(keys, index=actions.index)
    score = {v.key: fullness(actions[by_key == v.key]) for v in versions}
    ordered = sorted(versions, key=lambda v: (-score[v.key], FORMAT_PREFERENCE.get(v.fmt, 9),
                                              v.key))
    for i, copy in enumerate(ordered):
        kept = next((k for k in ordered[:i] if not k.duplicate_of and _same_version(k, copy)),
                    None)
        if kept:
            copy.duplicate_of = kept.key
            why = (f"reads fuller ({score[kept.key]} actions and filled cells against "
                   f"{score[copy.key]})" if score[kept.key] > score[copy.key] else
                   f"reads as full and its format ({kept.fmt}) keeps more")
            copy.reasons.append(f"same version as {kept.source_file}, which {why}: "
                                "not reconciled twice")


def copy_disagreements(actions: pd.DataFrame, versions: dict) -> list[Issue]:
    """What each copy says differently from the version kept in its place."""
    issues = []
    for copy in (v for v in versions.values() if v.duplicate_of):
        kept = versions[copy.duplicate_of]
        ours = actions[actions["version_key"] == kept.key]
        theirs = actions[actions["version_key"] == copy.key]
        issues += _compare(ours, theirs, kept.source_file, copy.source_file)
    return issues


def _compare(kept: pd.DataFrame, copy: pd.DataFrame, kept_file: str, copy_file: str):
    texts = kept["action"].tolist()
    issues, matched = [], set()
    for _, row in copy.iterrows():
        found = process.extractOne(row["action"], texts, scorer=fuzz.token_sort_ratio,
                                   score_cutoff=SAME_ACTION) if texts else None
        if found is None:
            issues.append(_issue(copy_file, row, f"this action of the copy is not in {kept_file}, "
                                 "the reading kept: check it was not lost"))
            continue
        matched.add(found[2])
        other = kept.iloc[found[2]]
        for column, name in COMPARED.items():
            if _said(row[column]) != _said(other[column]):
                issues.append(_issue(copy_file, row,
                                     f"{name} reads '{_said(row[column]) or '(none)'}' here "
                                     f"but '{_said(other[column]) or '(none)'}' in {kept_file}, "
                                     "the reading kept", column))
    missing = len(kept) - len(matched)
    if missing:
        issues.append(Issue(IssueCode.COPY_DISAGREES, "reconcile", copy_file, "",
                            f"{missing} of the {len(kept)} actions of {kept_file} were not "
                            "read from this copy of it"))
    return issues


def _issue(source_file: str, row: pd.Series, message: str, column: str = "") -> Issue:
    return Issue(IssueCode.COPY_DISAGREES, "reconcile", source_file, row["source_locator"],
                 message, column=column, value=_said(row[column]) if column else row["action"])


def _said(value) -> str:
    """A cell as the CSV says it: owners joined by `;`, a due date as ISO text."""
    return str(written(value))
