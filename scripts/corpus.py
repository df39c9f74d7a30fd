"""A synthetic corpus of N committee papers: several councils' plan series, each a plan
revised quarter by quarter with recorded changes, printed as xlsx, docx, PDF and odt.

Each series starts from a chunk of one of the sample plans' real actions
(`tests/variants/truth.json`: their wording, owners and due dates), and each next
version is made by `synthetic.next_version` as officers revise a plan (renumbered,
reworded, slipped, new owners, dropped and added actions; every change recorded). A
version is printed through the layout-variant renderers (`tests/variants/render.py`)
under a title naming the council and the date it reports at, in a folder per series;
formats take turns, so one series holds xlsx, docx, PDF and odt versions as a council's
papers do. Series cut from the same sample plan share actions, so the corpus names each
folder's series in its plans.yaml, as a body reading many councils' papers would. The
same `n` and `seed` always give the same papers.

    python -m scripts.corpus DIR N       # write N papers into DIR
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from planrecon.normalise.dates import parse_due
from scripts.synthetic import next_version, typed
from tests.variants import truth
from tests.variants.families import Grid
from tests.variants.render import RENDERERS

FORMATS = ("xlsx", "docx", "pdf-ruled", "odt")
VERSIONS = 4
"""Quarterly versions per plan series."""
ACTIONS = (20, 80)
"""Fewest and most actions in a series' first version (real plans hold tens)."""
COUNCILS = ("Barnet", "Camden", "Hackney", "Kent", "Halton", "Leeds", "Bristol", "Norfolk",
            "Devon", "Luton", "Wigan", "Sefton", "Dudley", "Bury", "Rutland", "Slough")
HEADINGS = ["Ref", "Theme", "Action", "Lead officer", "Due date", "Progress"]
FIRST_QUARTER_END = dt.date(2006, 6, 30)


def _quarter_end(first: dt.date, quarters: int) -> dt.date:
    month0 = first.month - 1 + 3 * quarters
    year, month = first.year + month0 // 12, month0 % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _first_version(plan: truth.Plan, rng: random.Random) -> pd.DataFrame:
    """A chunk of the plan's actions as `next_version` reads them (dates typed)."""
    size = rng.randint(*ACTIONS)
    start = rng.randrange(len(plan.actions))
    chosen = [plan.actions[(start + k) % len(plan.actions)] for k in range(size)]
    rows = []
    for n, action in enumerate(chosen):
        due = parse_due(action.due).date
        rows.append({
            "ref": action.ref or f"{n // 10 + 1}.{n % 10 + 1}", "section": action.section,
            "objective": action.section, "action": action.action,
            "owners": tuple(sorted(action.owner.split(" & "))) if action.owner else (),
            "due_raw": action.due,
            "due_date": due, "progress": action.progress,
            "status": "unknown", "version_date": None, "plan_period": "",
        })
    return typed(rows)


def _grid(actions: pd.DataFrame, title: str, name: str) -> Grid:
    rows = [[title] + [""] * (len(HEADINGS) - 1), HEADINGS]
    for row in actions.to_dict("records"):
        due = f"{row['due_date']:%d %b %Y}" if pd.notna(row["due_date"]) else row["due_raw"]
        rows.append([row["ref"], row["section"], row["action"],
                     " & ".join(row["owners"]), due, row["progress"]])
    return Grid("corpus", 0, name, rows, ["ref", "section", "action", "owner", "due",
                                           "progress"], [], head=2,
                merges=[(0, 0, len(HEADINGS) - 1)])


def make_corpus(folder: Path, n: int, seed: int = 0) -> dict:
    """Write `n` papers under `folder`; returns what was made (papers per format, series,
    actions printed, changes recorded)."""
    plans = truth.load()
    made: Counter = Counter()
    series = 0
    while made["papers"] < n:
        rng = random.Random(f"{seed}:{series}")
        council = COUNCILS[series % len(COUNCILS)]
        plan = plans[series % len(plans)]
        home = folder / f"{council.lower()}-{plan.name}-{series // len(COUNCILS) + 1}"
        home.mkdir(parents=True, exist_ok=True)
        first = FIRST_QUARTER_END.replace(year=FIRST_QUARTER_END.year + series % 5)
        actions = _first_version(plan, rng)
        for version in range(min(VERSIONS, n - made["papers"])):
            as_of = _quarter_end(first, version)
            if version:
                actions, labels = next_version(actions, seed=rng.randrange(10**6),
                                               version_date=as_of)
                made["changes recorded"] += int((labels["flags"] != "unchanged").sum())
            fmt = FORMATS[(series + version) % len(FORMATS)]
            title = (f"{council} Council: {plan.title.split(' - ')[0]} - progress at "
                     f"{as_of:%d %B %Y}")
            RENDERERS[fmt](_grid(actions, title, home.name), home / f"action-plan-{as_of}")
            made["papers"] += 1
            made[fmt] += 1
            made["actions"] += len(actions)
        series += 1
    made["series"] = series
    entries = [f'  - file: "{home.name}/*"\n    plan: "{home.name}"\n'
               for home in sorted(p for p in folder.iterdir() if p.is_dir())]
    (folder / "plans.yaml").write_text("papers:\n" + "".join(entries), encoding="utf-8")
    return dict(made)


if __name__ == "__main__":
    print(make_corpus(Path(sys.argv[1]), int(sys.argv[2])))
