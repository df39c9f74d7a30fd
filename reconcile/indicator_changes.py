"""Walk each report series version by version and compare its indicators.

A report series is the indicators of one plan id (the series their paper's actions
joined, or the paper's own folder or title); its versions are its papers in date order,
a second copy of one version (the Word paper and its PDF) left out. Between consecutive
versions indicators are paired one-to-one: first by ref where the ref is printed once on
each side and the descriptions do not contradict it, then by the action matcher
(`match.match_versions`, the description standing for the action text) with those ref
pairs and the officer's `overrides.csv` pairs forced, its rejections never proposed.
Each pair, each new and each dropped indicator becomes one row of
`indicator_changes.csv`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from planrecon.ingest import Issue
from planrecon.normalise.schema import DATE_TYPE, day

from .changes import resolve_overrides
from .indicator_flags import flags_for_indicators, polarity
from .match import explain_pairs, match_versions
from .period_targets import align_targets

INDICATOR_CHANGE_COLUMNS = [
    "plan_id", "old_version", "new_version", "old_ref", "new_ref", "description",
    "old_result", "new_result", "old_target", "new_target", "old_rag", "new_rag",
    "direction", "flags",
]
INDICATOR_DETAIL_COLUMNS = [
    "match_score", "review", "polarity", "section", "old_description", "old_direction",
    "old_source_file", "old_locator", "new_source_file", "new_locator", "new_version_date",
    "target_period",
]
REF_MIN_TEXT = 0.5
"""The least description likeness (the matcher's text comparison) for two indicators with
the same ref to be paired by it: a table numbered 1, 2, 3 afresh in each paper reuses its
refs for other indicators (two unrelated KPI names score about 0.35-0.4 on the token
ratios), while a renamed indicator keeps most of its words (0.8 and more)."""
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class IndicatorVersion:
    """One paper's indicators in a report series (what `resolve_overrides` reads of a
    version: its label and paper)."""

    plan_id: str
    label: str
    version_date: dt.date | None
    source_file: str


def report_versions(indicators: pd.DataFrame, copies: set[str]) -> dict[str, list]:
    """Plan id → its indicator versions in date order. A version printed in several papers
    (a Word paper and its PDF) is read from one: not the one the action versions call a
    copy, else the one with most indicators."""
    series: dict[str, list[IndicatorVersion]] = {}
    if not len(indicators):
        return series
    counts = indicators.groupby(["plan_id", "plan_version", "version_date", "source_file"],
                                sort=False, dropna=False).size()  # undated papers too
    chosen: dict[tuple[str, str], tuple] = {}
    for (plan_id, label, date, source), n in counts.items():
        rank = (source not in copies, n, [-ord(c) for c in source])
        if (plan_id, label) not in chosen or rank > chosen[(plan_id, label)][0]:
            chosen[(plan_id, label)] = (rank, IndicatorVersion(plan_id, label, day(date),
                                                               source))
    for _, version in chosen.values():
        series.setdefault(version.plan_id, []).append(version)
    for members in series.values():
        members.sort(key=lambda v: (v.version_date or dt.date.max, v.label, v.source_file))
    return series


def _fold_ref(ref: str) -> str:
    return _SPACE.sub("", ref).lower()


def _as_matched(frame: pd.DataFrame) -> pd.DataFrame:
    """Indicators in the columns the action matcher reads: the description is the text."""
    return frame.reset_index(drop=True).assign(action=frame["description"].tolist(),
                                                  owners=[()] * len(frame))


def ref_pairs(old: pd.DataFrame, new: pd.DataFrame, settings) -> list[tuple[int, int]]:
    """(old, new) positions whose ref (spacing and case aside) is printed once on each side,
    with descriptions alike enough (`REF_MIN_TEXT`) or one side without a description."""
    def once(frame: pd.DataFrame) -> dict[str, int]:
        refs = [_fold_ref(r) for r in frame["ref"]]
        return {r: i for i, r in enumerate(refs) if r and refs.count(r) == 1}

    left, right = once(old), once(new)
    pairs = [(left[r], right[r]) for r in left if r in right]
    if not pairs:
        return []
    text = explain_pairs(old, new, settings, pairs)["text"].to_numpy()
    described = [bool(old["action"].iloc[a] and new["action"].iloc[b]) for a, b in pairs]
    return [p for p, t, d in zip(pairs, text, described, strict=True)
            if t >= REF_MIN_TEXT or not d]


def match_indicators(old: pd.DataFrame, new: pd.DataFrame, settings,
                     forced: list[tuple[int, int]] = (),
                     rejected: set[tuple[int, int]] = frozenset()):
    """One-to-one pairs (`match.Pair`) between two versions' indicators (frames as
    `_as_matched` makes them): by ref, then by description with the action matcher. The
    matcher's pieces of split or merged actions are left out: an indicator that splits in
    two is a new pair of indicators, whose figures say nothing of the old one's."""
    taken_old, taken_new = {o for o, _ in forced}, {n for _, n in forced}
    by_ref = [(o, n) for o, n in ref_pairs(old, new, settings)
              if o not in taken_old and n not in taken_new and (o, n) not in rejected]
    pairs = match_versions(old, new, settings, list(forced) + by_ref, rejected)
    return [p for p in pairs if not p.part]


def _side(row: pd.Series | None, prefix: str) -> dict:
    keys = {"ref": "ref", "description": "description", "result": "result", "target": "target",
            "rag": "rag", "direction": "direction", "source_file": "source_file",
            "locator": "source_locator"}
    if row is None:
        return {f"{prefix}_{k}": "" for k in keys}
    return {f"{prefix}_{k}": row.get(column, "") for k, column in keys.items()}


def _change(version_pair, old, new, score, review) -> dict:
    old_v, new_v = version_pair
    aligned = align_targets(old, new)
    sign, why = polarity(aligned.old, aligned.new)
    flags = flags_for_indicators(aligned.old, aligned.new, sign)
    old = aligned.old
    record = {
        "plan_id": new_v.plan_id, "old_version": old_v.label, "new_version": new_v.label,
        "match_score": "" if score is None else round(score, 3), "review": review,
        "section": (new if new is not None else old).get("section", ""),
        "new_version_date": new_v.version_date, "flags": flags,
        "target_period": aligned.period + (" (the earlier paper's target stands)"
                                           if aligned.standing else ""),
        "polarity": {1: "larger is better", -1: "smaller is better"}.get(sign, "not known")
        + (f" ({why})" if why else ""),
    }
    record.update(_side(old, "old"))
    record.update(_side(new, "new"))
    record["description"] = record["new_description"] or record["old_description"]
    record["direction"] = record["new_direction"] or record["old_direction"]
    return record


def compare_indicators(indicators: pd.DataFrame, copies: set[str], settings,
                       applied: set[int]) -> tuple[pd.DataFrame, list[Issue]]:
    """(indicator changes frame, issues): every indicator of each version compared with
    the version before it. The overrides.csv rows used are added to `applied`."""
    records, issues = [], []
    for members in report_versions(indicators, copies).values():
        frames = [_as_matched(indicators[indicators["source_file"] == v.source_file])
                  for v in members]
        for (old_v, new_v), (old, new) in zip(zip(members, members[1:], strict=False),
                                              zip(frames, frames[1:], strict=False),
                                              strict=True):
            forced, rejected, confirmed = resolve_overrides(
                new_v.plan_id, old_v, new_v, old, new, settings, issues, applied)
            pairs = match_indicators(old, new, settings.match, forced, rejected)
            pair = (old_v, new_v)
            for p in pairs:
                review = p.review and (p.old, p.new) not in confirmed
                records.append(_change(pair, old.iloc[p.old], new.iloc[p.new], p.score,
                                       review))
            seen_old, seen_new = {p.old for p in pairs}, {p.new for p in pairs}
            records += [_change(pair, None, new.iloc[j], None, False)
                        for j in range(len(new)) if j not in seen_new]
            records += [_change(pair, old.iloc[i], None, None, False)
                        for i in range(len(old)) if i not in seen_old]
    frame = pd.DataFrame(records, columns=INDICATOR_CHANGE_COLUMNS + INDICATOR_DETAIL_COLUMNS)
    frame["new_version_date"] = frame["new_version_date"].astype(DATE_TYPE)
    return frame, issues
