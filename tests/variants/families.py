"""Variant families: each a seeded function re-laying a chunk of a sample plan.

A family returns a `Grid`: the cell texts row by row, the horizontal merges, how many
rows are title and heading rows, and the role of each column, so the scorer knows which
actions, owners and due dates the layout still shows. The same family and seed always
give the same grid.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from string import ascii_uppercase

from .thesaurus import THESAURUS
from .truth import ROLES, Action, Plan

CHUNK = 12
"""Actions per variant: enough for a few sections, small enough to keep the suite quick."""


@dataclass(frozen=True)
class Grid:
    family: str
    seed: int
    plan: str
    rows: list[list[str]]
    roles: list[str]
    """Per column: a role from truth.ROLES, or "extra" for an irrelevant column."""
    actions: list[Action]
    head: int = 1
    """Rows above the first action row (title, group heading and heading rows)."""
    merges: list[tuple[int, int, int]] = field(default_factory=list)
    """(row, first column, last column): cells merged across."""

    @property
    def name(self) -> str:
        return f"{self.family}-{self.plan}-{self.seed}"


def _rng(family: str, seed: int) -> random.Random:
    return random.Random(f"{family}:{seed}")


def _accountable(action: Action, roles: list[str]) -> bool:
    """An action with an owner or a due date among the columns shown. A row whose only
    filled cell is the action's text reads as a section heading just as well (Herts'
    "✓ Gypsies and Travellers" once its ref is gone), so no layout is scored on it."""
    return any(getattr(action, r) for r in ("owner", "due") if r in roles)


def base(plan: Plan, rng: random.Random, family: str, seed: int) -> Grid:
    """A chunk of the plan's accountable actions in its own columns and headings."""
    roles = [r for r in ROLES if r in plan.headings]
    pool = [a for a in plan.actions if _accountable(a, roles)]
    start = rng.randrange(max(1, len(pool) - CHUNK))
    actions = pool[start:start + CHUNK]
    rows = [[plan.headings[r] for r in roles]]
    rows += [[getattr(a, r) for r in roles] for a in actions]
    return Grid(family, seed, plan.name, rows, roles, actions)


def _columns(grid: Grid, order: list[int]) -> Grid:
    """The grid with its columns taken in `order` (a subset: the rest dropped), and only
    the actions still accountable in what is left."""
    roles = [grid.roles[c] for c in order]
    kept = [i for i, a in enumerate(grid.actions) if _accountable(a, roles)]
    rows = [grid.rows[0]] + [grid.rows[i + 1] for i in kept]
    return replace(grid, rows=[[row[c] for c in order] for row in rows], roles=roles,
                   actions=[grid.actions[i] for i in kept])


def thesaurus(plan: Plan, seed: int) -> Grid:
    """(a) Every heading replaced by a phrase or question from the thesaurus."""
    rng = _rng("thesaurus", seed)
    grid = base(plan, rng, "thesaurus", seed)
    grid.rows[0] = [rng.choice(THESAURUS[role]) for role in grid.roles]
    return grid


def reordered(plan: Plan, seed: int) -> Grid:
    """(b) The same columns in another order."""
    rng = _rng("reordered", seed)
    grid = base(plan, rng, "reordered", seed)
    order = list(range(len(grid.roles)))
    while order == sorted(order):
        rng.shuffle(order)
    return _columns(grid, order)


def dropped(plan: Plan, seed: int) -> Grid:
    """(c) Optional columns left out, keeping the action and one of owner and due."""
    rng = _rng("dropped", seed)
    grid = base(plan, rng, "dropped", seed)
    optional = [r for r in grid.roles if r != "action"]
    keep_one = rng.choice([r for r in ("owner", "due") if r in grid.roles])
    gone = {r for r in optional if r != keep_one and rng.random() < 0.6}
    if not gone:
        gone = {rng.choice([r for r in optional if r != keep_one])}
    return _columns(grid, [c for c, r in enumerate(grid.roles) if r not in gone])


def _sectioned(grid: Grid, rng: random.Random, title: str) -> Grid:
    """Title rows above the headings, and the section column turned into section rows
    (the section's text in the first cell) wherever the section changes."""
    if "section" in grid.roles:
        grid = _columns(grid, [c for c, r in enumerate(grid.roles) if r != "section"])
    width = len(grid.roles)
    blank = [""] * width
    dated = f"Position at {rng.choice(['30 June', '30 September', '31 December'])}"
    rows = [[title] + blank[1:], [dated] + blank[1:], blank, grid.rows[0]]
    section_rows = []
    last = None
    for action, row in zip(grid.actions, grid.rows[1:], strict=True):
        if action.section and action.section != last:
            section_rows.append(len(rows))
            rows.append([action.section] + blank[1:])
        last = action.section
        rows.append(row)
    return replace(grid, rows=rows, head=4, merges=[(r, 0, width - 1) for r in section_rows])


def titled(plan: Plan, seed: int) -> Grid:
    """(d) Title rows above the table and section rows within it (not merged)."""
    rng = _rng("titled", seed)
    return replace(_sectioned(base(plan, rng, "titled", seed), rng, plan.title), merges=[])


def merged(plan: Plan, seed: int) -> Grid:
    """(e) Section rows merged across the table, the title merged across, and a group
    heading merged above the real headings (two heading rows)."""
    rng = _rng("merged", seed)
    grid = _sectioned(base(plan, rng, "merged", seed), rng, plan.title)
    width = len(grid.roles)
    split = grid.roles.index("action") + 1
    group = [""] * width
    group[0] = rng.choice(["What we plan", "The plan", "Our commitments"])
    merges = [(0, 0, width - 1), (3, 0, split - 1)]
    if split < width:
        group[split] = rng.choice(["Delivery", "Accountability and timing", "Monitoring"])
        merges.append((3, split, width - 1))
    rows = grid.rows[:3] + [group] + grid.rows[3:]
    merges += [(r + 1, a, b) for r, a, b in grid.merges]
    return replace(grid, rows=rows, head=5, merges=merges)


def unheaded(plan: Plan, seed: int) -> Grid:
    """(f) No heading row at all, or the spreadsheet's own "Column A", "Column B", …"""
    rng = _rng("unheaded", seed)
    grid = base(plan, rng, "unheaded", seed)
    if seed % 2:
        return replace(grid, rows=grid.rows[1:], head=0)
    grid.rows[0] = [f"Column {ascii_uppercase[c]}" for c in range(len(grid.roles))]
    return grid


EXTRAS = {
    "Budget £k": lambda rng: rng.choice(["", f"{rng.randrange(5, 400)}",
                                         f"{rng.randrange(1, 90)}.{rng.randrange(10)}"]),
    "Notes": lambda rng: rng.choice(["", "See report to Cabinet", "Links to LAA target",
                                     "Joint with health", "Carried forward"]),
    "Ward": lambda rng: rng.choice(["All", "Borough-wide", "East", "West", "Central"]),
    "Page": lambda rng: f"p. {rng.randrange(2, 60)}",
}


def extra(plan: Plan, seed: int) -> Grid:
    """(g) Irrelevant columns ("Budget £k", "Notes", …) put in among the real ones."""
    rng = _rng("extra", seed)
    grid = base(plan, rng, "extra", seed)
    for heading in rng.sample(sorted(EXTRAS), 2):
        at = rng.randrange(1, len(grid.roles) + 1)
        values = [heading] + [EXTRAS[heading](rng) for _ in grid.actions]
        for row, value in zip(grid.rows, values, strict=True):
            row.insert(at, value)
        grid.roles.insert(at, "extra")
    return grid


FAMILIES = {
    "thesaurus": thesaurus, "reordered": reordered, "dropped": dropped, "titled": titled,
    "merged": merged, "unheaded": unheaded, "extra": extra,
}


def variants(family: str, plans: list[Plan], count: int, first_seed: int = 0) -> list[Grid]:
    """`count` grids of one family, cycling through the plans."""
    make = FAMILIES[family]
    return [make(plans[s % len(plans)], s) for s in range(first_seed, first_seed + count)]
