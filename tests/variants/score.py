"""Run the real readers and normalisation on rendered variants and score what landed.

Per family and format: action recall (a printed action found among the extracted ones,
rapidfuzz ratio >= 90 on case- and space-folded text, each extracted action used once),
owner accuracy and due accuracy. Owner and due are counted over every action whose
layout still shows them, so an action not found counts against them too: the question
is whether the right cell landed in the right role. An owner is right when owner_raw
equals the printed text, or the owners equal its names as sets; a due date when due_raw
equals the printed text or due_date equals what `normalise.dates` makes of it. A paper
the readers set aside (on this branch, .odt and .csv) scores 0, it does not crash.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from planrecon.ingest import read_paper
from planrecon.normalise import NormaliseConfig, normalise
from planrecon.normalise.dates import parse_due

from .families import Grid
from .render import RENDERERS

MATCH = 90


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def _names(text: str) -> frozenset[str]:
    parts = re.split(r"\s*(?:[;,&/]|\band\b)\s*", fold(text))
    return frozenset(p for p in parts if p)


def owner_right(truth: str, found) -> bool:
    owners = found.owners if isinstance(found.owners, str) else ";".join(found.owners)
    return fold(found.owner_raw) == fold(truth) or (
        _names(owners) == _names(truth) and bool(owners))


def due_right(truth: str, found) -> bool:
    if fold(found.due_raw) == fold(truth):
        return True
    expected = parse_due(truth).date
    return expected is not None and found.due_date == pd.Timestamp(expected)


@dataclass
class Tally:
    actions: int = 0
    found: int = 0
    owners: int = 0
    owners_right: int = 0
    dues: int = 0
    dues_right: int = 0
    papers: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _share(right: int, total: int) -> float | None:
        return right / total if total else None

    @property
    def recall(self) -> float | None:
        return self._share(self.found, self.actions)

    @property
    def owner_accuracy(self) -> float | None:
        return self._share(self.owners_right, self.owners)

    @property
    def due_accuracy(self) -> float | None:
        return self._share(self.dues_right, self.dues)

    def figures(self) -> tuple[str, str, str]:
        """Recall, owner and due accuracy as printed ("-" where nothing was counted)."""
        return tuple("-" if v is None else f"{v:.2f}"
                     for v in (self.recall, self.owner_accuracy, self.due_accuracy))

    def __str__(self) -> str:
        recall, owner, due = self.figures()
        return f"recall {recall}, owner {owner}, due {due} ({self.actions} actions)"


def score_grid(grid: Grid, extracted: pd.DataFrame) -> Tally:
    """Match the grid's printed actions to the paper's extracted ones and count."""
    tally = Tally(papers=1)
    pool = list(extracted.itertuples(index=False))
    for truth in grid.actions:
        tally.actions += 1
        scores = [fuzz.ratio(fold(truth.action), fold(row.action)) for row in pool]
        best = max(range(len(pool)), key=scores.__getitem__, default=None)
        found = pool.pop(best) if best is not None and scores[best] >= MATCH else None
        tally.found += found is not None
        if "owner" in grid.roles and truth.owner:
            tally.owners += 1
            tally.owners_right += found is not None and owner_right(truth.owner, found)
        if "due" in grid.roles and truth.due:
            tally.dues += 1
            tally.dues_right += found is not None and due_right(truth.due, found)
    return tally


def extract(paths: list[Path], inbox: Path) -> dict[str, pd.DataFrame]:
    """The actions planrecon extracts from each paper, by file name."""
    papers = [read_paper(path, inbox) for path in paths]
    actions = normalise(papers, NormaliseConfig.load()).actions
    return {p.name: actions[actions["source_file"] == p.name] for p in paths}


def measure(grids: list[Grid], fmt: str) -> Tally:
    """Render each grid in one format, read them all, and add up the tallies."""
    total = Tally()
    with tempfile.TemporaryDirectory() as folder:
        inbox = Path(folder)
        paths = [RENDERERS[fmt](grid, inbox / grid.name) for grid in grids]
        found = extract(paths, inbox)
        for grid, path in zip(grids, paths, strict=True):
            total.add(score_grid(grid, found[path.name]))
    return total


def measure_all(grids: dict[str, list[Grid]], formats: list[str]) -> dict[tuple[str, str], Tally]:
    """(family, format) -> tally, for every family's grids in every format."""
    out: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for family, family_grids in grids.items():
        for fmt in formats:
            out[family, fmt] = measure(family_grids, fmt)
    return dict(out)
