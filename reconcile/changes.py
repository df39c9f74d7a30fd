"""Walk each plan series version by version and record what changed.

For consecutive versions the matcher pairs actions; each pair, each new and
each dropped action becomes one row of `changes.csv` with the contract's
flags. Matched actions share a chain key, so history can follow an action
from its baseline (first appearance) to its latest version; the piece of a
split or merge is listed as a pair for review but keeps a chain of its own, so
history never folds two current actions into one.
"""

from __future__ import annotations

import pandas as pd

from planrecon.ingest import Issue, IssueCode
from planrecon.normalise.schema import DATE_TYPE

from .flags import Flag, flags_for_new, flags_for_pair, slip_days
from .match import match_versions
from .versions import Version, version_order

CHANGE_COLUMNS = [
    "plan_id", "old_version", "new_version", "old_ref", "new_ref", "old_action", "new_action",
    "match_score", "flags", "old_due_date", "new_due_date", "slip_days", "old_owners",
    "new_owners", "old_status", "new_status",
]
DETAIL_COLUMNS = [
    "review", "section", "old_source_file", "old_locator", "new_source_file", "new_locator",
    "old_due_raw", "new_due_raw", "old_progress", "new_progress", "old_rag", "new_rag",
    "new_version_date",
]
DATES = ["old_due_date", "new_due_date", "new_version_date"]
"""Dates, as in the actions frame (NaT when none): the outputs write them."""


def _side(row: pd.Series | None, prefix: str) -> dict:
    if row is None:
        empty = {"owners": (), "due_date": pd.NaT}
        return {f"{prefix}_{k}": empty.get(k, "")
                for k in ("ref", "action", "due_date", "owners", "status", "source_file",
                          "locator", "due_raw", "progress", "rag")}
    return {
        f"{prefix}_ref": row["ref"], f"{prefix}_action": row["action"],
        f"{prefix}_due_date": row["due_date"], f"{prefix}_owners": row["owners"],
        f"{prefix}_status": row["status"], f"{prefix}_source_file": row["source_file"],
        f"{prefix}_locator": row["source_locator"], f"{prefix}_due_raw": row["due_raw"],
        f"{prefix}_progress": row["progress"], f"{prefix}_rag": row["rag"],
    }


def _change(plan_id, old_v, new_v, old, new, score, flags, review) -> dict:
    days = slip_days(old, new) if old is not None and new is not None else None
    record = {
        "plan_id": plan_id, "old_version": old_v.label if old_v else "",
        "new_version": new_v.label if new_v else "",
        "match_score": "" if score is None else round(score, 3),
        "flags": flags, "slip_days": "" if days is None else days,
        "review": review, "section": (new if new is not None else old)["section"],
        "new_version_date": new_v.version_date if new_v else None,
    }
    record.update(_side(old, "old"))
    record.update(_side(new, "new"))
    return record


def resolve_overrides(plan_id, old_v, new_v, old, new, settings, issues, applied):
    """The pairs overrides.csv forces, rejects and confirms between two versions (`old` and
    `new` have `ref` and `action` columns: actions, or indicators by their description);
    each row used is noted in `applied` (its row number) and reported."""
    forced, rejected, confirmed = [], set(), set()
    for o in settings.overrides:
        if not o.applies_to(plan_id, old_v.label, new_v.label):
            continue
        olds, news = o.rows(old, new)
        if len(olds) != 1 or len(news) != 1:
            continue
        applied.add(o.line)
        pair = (olds[0], news[0])
        {"force": forced.append, "reject": rejected.add, "confirm": confirmed.add}[o.decision](pair)
        issues.append(Issue(
            IssueCode.OVERRIDE, "reconcile", new_v.source_file, "",
            f"overrides.csv line {o.line}: {o.decision} {o.old_ref or o.old_action!r} → "
            f"{o.new_ref or o.new_action!r} between {old_v.label} and {new_v.label} applied",
        ))
    return forced, rejected, confirmed


def unused_overrides(settings, applied: set[int]) -> list[Issue]:
    """A row that named no pair (of actions, nor of indicators) is a warning, not silence:
    the officer believes it acts."""
    return [Issue(
        IssueCode.OVERRIDE, "reconcile", "overrides.csv", f"row {o.line}",
        f"overrides.csv line {o.line}: {o.decision} {o.old_ref or o.old_action!r} → "
        f"{o.new_ref or o.new_action!r} matched no pair of actions or indicators (exactly one "
        "on each side) in any two consecutive versions, so it was not applied; check plan_id, "
        "the version labels and the refs or texts as the workbook shows them",
    ) for o in settings.overrides if o.line not in applied]


def compare_versions(actions: pd.DataFrame, versions: dict[str, Version], settings,
                     applied: set[int] | None = None):
    """(changes frame, chain key per action row, issues). The overrides.csv rows used are
    added to `applied`; the caller warns of the rest once indicators have had theirs."""
    chain = pd.Series("", index=actions.index, dtype=object)
    records, issues, applied = [], [], set() if applied is None else applied
    series: dict[str, list[Version]] = {}
    for v in versions.values():
        if not v.duplicate_of:
            series.setdefault(v.plan_id, []).append(v)
    for plan_id, members in sorted(series.items()):
        members.sort(key=version_order)
        first = actions.index[actions["version_key"] == members[0].key]
        chain[first] = [f"{plan_id}#{members[0].label}#{i}" for i in range(len(first))]
        for old_v, new_v in zip(members, members[1:], strict=False):
            old = actions[actions["version_key"] == old_v.key]
            new = actions[actions["version_key"] == new_v.key]
            forced, rejected, confirmed = resolve_overrides(
                plan_id, old_v, new_v, old, new, settings, issues, applied)
            pairs = match_versions(old, new, settings.match, forced, rejected)
            owners_printed = bool(old["owners"].map(bool).any()
                                  and new["owners"].map(bool).any())
            chain[new.index] = [f"{plan_id}#{new_v.label}#{j}" for j in range(len(new))]
            seen_old, seen_new = set(), set()
            for p in pairs:
                o, n = old.iloc[p.old], new.iloc[p.new]
                seen_old.add(p.old)
                seen_new.add(p.new)
                if not p.part:  # a split-off or merged piece keeps its own chain
                    chain[new.index[p.new]] = chain[old.index[p.old]]
                review = p.review and (p.old, p.new) not in confirmed
                records.append(_change(plan_id, old_v, new_v, o, n, p.score,
                                       flags_for_pair(o, n, owners_printed), review))
            for j in range(len(new)):
                if j not in seen_new:
                    n = new.iloc[j]
                    records.append(_change(plan_id, old_v, new_v, None, n, None,
                                           flags_for_new(n), False))
            for i in range(len(old)):
                if i not in seen_old:
                    records.append(_change(plan_id, old_v, new_v, old.iloc[i], None, None,
                                           (Flag.DROPPED,), False))
    frame = pd.DataFrame(records, columns=CHANGE_COLUMNS + DETAIL_COLUMNS)
    frame[DATES] = frame[DATES].astype(DATE_TYPE)
    return frame, chain.tolist(), issues
