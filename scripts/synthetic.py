"""Synthetic plan versions with known changes, for evaluation and the speed benchmark.

`next_version` takes a real version's actions and makes the next one the way
officers do: renumbered refs, reworded actions, slipped dates, new owners,
some actions dropped and some added. Every change is recorded, so the
result is ground truth by construction. `random_plan` makes large plans for
timing the matcher. Both give frames as reconcile reads them: dates typed
(`DATE_TYPE`, NaT for none).
"""

from __future__ import annotations

import calendar
import datetime as dt
import random

import pandas as pd

from planrecon.normalise.schema import DATE_TYPE

SYNONYMS = {
    "agreed": "approved", "review": "revisit", "reviewed": "revisited", "report": "paper",
    "reported": "presented", "providers": "provider organisations", "service": "services",
    "develop": "draw up", "ensure": "make sure", "annually": "every year",
    "strategy": "strategic plan", "consultation": "engagement", "monitoring": "tracking",
}
"""Rewording officers commonly do: a word for a near-synonym."""
OWNERS = ["CSG", "Commissioning Body", "Supporting People Team", "Lead Member", "Providers"]


def _reword(text: str, rng: random.Random) -> str:
    words = text.split()
    swaps = [i for i, w in enumerate(words) if w.lower() in SYNONYMS]
    for i in rng.sample(swaps, k=min(len(swaps), 2)):
        words[i] = SYNONYMS[words[i].lower()]
    if len(words) > 6 and rng.random() < 0.5:
        del words[rng.randrange(1, len(words) - 1)]
    if rng.random() < 0.3:
        words.append(rng.choice(["by the CSG", "across all sectors", "where possible"]))
    return " ".join(words)


def _later(day: pd.Timestamp, months: int) -> pd.Timestamp:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return pd.Timestamp(year, month, calendar.monthrange(year, month)[1])


def typed(rows: list[dict]) -> pd.DataFrame:
    """Rows as a frame with their dates typed, as reconcile reads them."""
    frame = pd.DataFrame(rows).reset_index(drop=True)
    dates = ["due_date", "version_date"]
    frame[dates] = frame[dates].astype(DATE_TYPE)
    return frame


def next_version(old: pd.DataFrame, seed: int = 7,
                 version_date: dt.date = dt.date(2007, 4, 30)):
    """(new actions frame, labels frame in the tests/data/eval/ shape)."""
    rng = random.Random(seed)
    version_date = pd.Timestamp(version_date)
    new_rows, labels = [], []
    order = list(range(len(old)))
    rng.shuffle(order)
    for n, i in enumerate(order):
        row = old.iloc[i].to_dict()
        if rng.random() < 0.12:
            labels.append({"old_ref": row["ref"], "old_action": row["action"], "new_ref": "",
                           "new_action": "", "flags": "dropped"})
            continue
        flags, new = [], dict(row)
        new["ref"] = f"{n // 10 + 1}.{n % 10 + 1}"
        new["version_date"] = version_date
        if rng.random() < 0.4:
            new["action"] = _reword(row["action"], rng)
        if pd.notna(row["due_date"]) and rng.random() < 0.3:
            new["due_date"] = _later(row["due_date"], rng.choice([1, 3, 6]))
            flags.append("slipped")
        if rng.random() < 0.15:
            owners = tuple(sorted(set(rng.sample(OWNERS, 2))))
            if owners != row["owners"]:
                new["owners"] = owners
                flags.append("owner_changed")
        if " ".join(new["action"].lower().split()) != " ".join(row["action"].lower().split()):
            flags.append("reworded")
        new_rows.append(new)
        labels.append({"old_ref": row["ref"], "old_action": row["action"], "new_ref": new["ref"],
                       "new_action": new["action"], "flags": ";".join(flags) or "unchanged"})
    for k in range(max(3, len(old) // 10)):
        text = f"New action {k + 1}: " + " ".join(rng.sample(
            ["publish", "quarterly", "dashboard", "tenants", "forum", "digital", "pilot",
             "hospital", "discharge", "scheme", "volunteers", "budget"], 5))
        new_rows.append({**old.iloc[0].to_dict(), "ref": f"99.{k + 1}", "action": text,
                         "section": "New theme", "objective": "New theme",
                         "version_date": version_date})
        labels.append({"old_ref": "", "old_action": "", "new_ref": f"99.{k + 1}",
                       "new_action": text, "flags": "new"})
    return typed(new_rows), pd.DataFrame(labels)


def random_plan(size: int, seed: int = 1) -> pd.DataFrame:
    """A plan of `size` actions with council-like wording, for timing the matcher."""
    rng = random.Random(seed)
    vocab = [f"{stem}{suffix}" for stem in (
        "review", "publish", "agree", "consult", "monitor", "commission", "tender", "audit",
        "report", "survey", "contract", "provider", "tenant", "housing", "support", "budget",
        "strategy", "outcome", "referral", "access", "charging", "diversity", "service",
        "forum", "panel", "board", "scheme", "pilot", "target", "quality")
        for suffix in ("", "s", "ed", "ing", "al", "ment")]
    rows = []
    for i in range(size):
        words = rng.sample(vocab, rng.randint(6, 14))
        rows.append({"ref": f"{i // 50 + 1}.{i % 50 + 1}", "action": " ".join(words),
                     "section": f"Theme {i // 50}", "objective": f"Theme {i // 50}",
                     "owners": (rng.choice(OWNERS),), "due_date": dt.date(2007, 3, 31),
                     "status": "unknown", "version_date": dt.date(2006, 10, 31),
                     "plan_period": ""})
    return typed(rows)
