"""Ground truth: the action rows of the sample plans, taken from the seed rows that the
sample builders (`scripts/samples`) lay out, never from planrecon's own reading.

    .venv/bin/python -m tests.variants.truth [--seeds DIR]

rewrites `data/truth.json` from the seeds (kept beside the repo, like the builders'
input). The suite reads the committed JSON, so it runs without the seeds; a test checks
that the JSON still equals what the seeds give, where the seeds are present.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from scripts.samples.barnet_sp import split_seed
from scripts.samples.herts import NCOL as HERTS_NCOL
from scripts.samples.herts import layout as herts_layout
from scripts.samples.herts import tidy as herts_tidy
from scripts.samples.kent import join_hard_breaks
from scripts.samples.seedtext import Table, blocks, plain, read_seed

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
TRUTH_FILE = Path(__file__).with_name("data") / "truth.json"
ROLES = ("ref", "section", "action", "owner", "due", "progress")


@dataclass(frozen=True)
class Action:
    """One action as printed: every field is the cell text the builder writes."""

    ref: str
    section: str
    action: str
    owner: str
    due: str
    progress: str


@dataclass(frozen=True)
class Plan:
    name: str
    title: str
    headings: dict[str, str]
    """Role -> the heading the paper prints for it (roles the paper lacks are absent)."""
    actions: tuple[Action, ...]


def _clean(text: str) -> str:
    return re.sub(r"[ \t]+", " ", plain(text)).strip()


def _row(ref="", section="", action="", owner="", due="", progress="") -> Action:
    return Action(*(_clean(v) for v in (ref, section, action, owner, due, progress)))


def barnet_forward(lines: list[str]) -> list[Action]:
    """Ref, Theme, Actions, Who by, When by, Progress; a 5-field row has ref and theme in
    one merged cell ("11.1 Outcomes"); a row with only its first cell is an objective."""
    out = []
    for f in (line.split("\t") for line in lines if "\t" in line):
        if f[0] == "Ref" or not any(x.strip() for x in f[1:]):
            continue
        if len(f) == 5:
            ref, _, theme = f[0].partition(" ")
            f = [ref, theme, *f[1:]]
        out.append(_row(*f[:6]))
    return out


def barnet_q1(lines: list[str]) -> list[Action]:
    """Ref, Topic, KLOE, Actions, Who by, When by, Q1 progress; objective rows skipped."""
    out = []
    for f in (line.split("\t") for line in lines if "\t" in line):
        f = f + [""] * (7 - len(f))
        if f[0] == "Ref" or any(plain(x).startswith("OBJECTIVE") for x in f[1:4]):
            continue
        if not f[3].strip():
            continue
        out.append(_row(f[0], f[1], f[3], f[4], f[5], f[6]))
    return out


def herts(lines: list[str]) -> list[Action]:
    """Ref, Actions, Outcomes, Start, End, Resource, …, Evidence; "1.1 Review …" rows
    are sections; a 12-field row holds ref and action in one merged cell."""
    out, section = [], ""
    for line in lines:
        fields = line.split("\t")
        stripped = [x.strip() for x in fields]
        if not line.strip() or ("Actions" in stripped[:2] and "Traffic Light" in stripped):
            continue
        if len([x for x in stripped if x]) == 1 and re.match(r"^\d+\.\d+ \S", stripped[0]):
            section = stripped[0]
            continue
        cells = dict(herts_layout(fields)[0])
        first = cells.get(1, "")
        if 2 not in cells:  # ref and action shared one cell
            ref, _, action = first.partition(" ")
        else:
            ref, action = first, cells[2]
        if not re.match(r"^\d+\.\d+\.\d+$", ref.strip()) or not action.strip():
            continue
        get = {c: herts_tidy(cells.get(c, "")) for c in range(1, HERTS_NCOL + 1)}
        out.append(_row(ref, section, herts_tidy(action), get[6], get[5], get[11]))
    return out


def kent(lines: list[str]) -> list[Action]:
    """Annual Objective, Task, Measurable Outcome, Action, Progress, Target Date. The
    objective carries down (vertically merged); a page whose first row has no target date
    finishes the row cut at the page break."""
    out: list[list[str]] = []
    objective = ""
    for blk in blocks(join_hard_breaks(lines)):
        if not isinstance(blk, Table):
            continue
        for i, seg in enumerate(blk.segments):
            for j, f in enumerate(seg[1:]):
                f = [plain(x).strip() for x in f] + [""] * (6 - len(f))
                if i and j == 0 and not f[5] and out:
                    out[-1] = [f"{a} {b}".strip() for a, b in zip(out[-1], f, strict=True)]
                    continue
                out.append(f)
    rows = []
    for f in out:
        objective = f[0] or objective
        if f[3]:
            rows.append(_row("", objective, f[3], "", f[5], f[4]))
    return rows


def build(seed_dir: Path) -> list[Plan]:
    forward, q1 = split_seed(read_seed(seed_dir, "000_"))
    return [
        Plan("barnet-forward", "Barnet Supporting People Forward Action Plan - October 2006",
             {"ref": "Ref", "section": "Theme", "action": "Actions to Achieve Objectives",
              "owner": "Who by", "due": "When by", "progress": "Progress & Comments"},
             tuple(barnet_forward(forward))),
        Plan("barnet-q1", "Barnet Supporting People 2006/7 Action Plan",
             {"ref": "Ref", "section": "Topic", "action": "ACTIONS TO ACHIEVE OBJECTIVES",
              "owner": "Who by", "due": "When by",
              "progress": "QUARTER 1 - PROGRESS & COMMENTS"},
             tuple(barnet_q1(q1))),
        Plan("herts", "Hertfordshire Supporting People Action Plan 2007",
             {"ref": "", "action": "Actions", "owner": "Resource", "due": "End Date",
              "progress": "Evidence"},
             tuple(herts(read_seed(seed_dir, "001_")))),
        Plan("kent", "Kent Supporting People Annual Plan 2009/2010",
             {"section": "Annual Objective", "action": "Action", "due": "Target Date",
              "progress": "Progress"},
             tuple(kent(read_seed(seed_dir, "002_")))),
    ]


def to_json(plans: list[Plan]) -> str:
    return json.dumps([asdict(p) for p in plans], ensure_ascii=False, indent=1) + "\n"


def load() -> list[Plan]:
    data = json.loads(TRUTH_FILE.read_text(encoding="utf-8"))
    return [Plan(p["name"], p["title"], p["headings"],
                 tuple(Action(**a) for a in p["actions"])) for p in data]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    args = ap.parse_args(argv)
    plans = build(args.seeds)
    TRUTH_FILE.write_text(to_json(plans), encoding="utf-8")
    for p in plans:
        print(f"{p.name}: {len(p.actions)} actions, "
              f"{sum(bool(a.owner) for a in p.actions)} with owner, "
              f"{sum(bool(a.due) for a in p.actions)} with due")


if __name__ == "__main__":
    main()
