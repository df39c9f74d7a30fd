"""An officer's corrections to matching, read from `overrides.csv` in the inbox.

Columns: `decision` (confirm, reject or force), `plan_id`, `old_version`,
`new_version` (version labels as shown in the workbook; empty = any
consecutive pair), and each side by `old_ref`/`new_ref` or by
`old_action`/`new_action` text (exact after whitespace folding, case-blind).
Every row is applied on the next run and reported on the Data quality sheet, and so is
a row that named no pair of actions. The file itself is read and checked by planrecon's
officer_files (it validates rows against this dataclass, so `decision` is typed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from planrecon.ingest.text import folded

DECISIONS = ("confirm", "reject", "force")
OVERRIDE_COLUMNS = (
    "decision", "plan_id", "old_version", "new_version", "old_ref", "new_ref",
    "old_action", "new_action", "note",
)


@dataclass(frozen=True)
class Override:
    decision: Literal["confirm", "reject", "force"]
    plan_id: str = ""
    old_version: str = ""
    new_version: str = ""
    old_ref: str = ""
    new_ref: str = ""
    old_action: str = ""
    new_action: str = ""
    note: str = ""
    line: int = 0
    """The row of overrides.csv it came from (the header is row 1)."""

    def __post_init__(self):
        if self.decision not in DECISIONS:
            raise ValueError(f"decision must be one of {', '.join(DECISIONS)}")
        if not (self.old_ref or self.old_action) or not (self.new_ref or self.new_action):
            raise ValueError("name each side of the pair by old_ref or old_action and by "
                             "new_ref or new_action")

    def applies_to(self, plan_id: str, old_version: str, new_version: str) -> bool:
        return (
            self.plan_id in ("", plan_id)
            and self.old_version in ("", old_version)
            and self.new_version in ("", new_version)
        )

    def rows(self, old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[int], list[int]]:
        """Positions in the old and new versions this override names."""
        return _find(old, self.old_ref, self.old_action), _find(new, self.new_ref, self.new_action)


def _find(frame: pd.DataFrame, ref: str, action: str) -> list[int]:
    hits = pd.Series(True, index=range(len(frame)))
    if ref:
        hits &= frame["ref"].reset_index(drop=True).eq(ref.strip())
    if action:
        hits &= frame["action"].reset_index(drop=True).map(folded).eq(folded(action))
    return [int(i) for i in hits[hits].index]
