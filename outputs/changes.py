"""The change sheets: what each one lists, its columns, and the order of its rows.

Every sheet is sorted by plan first and, within a plan, the comparison into
its latest version first, so the rows a Summary count covers are one block
the count's link can select. Within that block the rows that matter most
come first (largest slip first on Slipped).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planrecon.reconcile import Flag

from .cells import Column
from .report import Report
from .sheets import Sheet, SheetWriter, Written
from .styles import PAPER_A3

PAIR = [Column("plan_id", "Plan"), Column("old_version", "Old version"),
        Column("new_version", "New version")]
SECTION = Column("section", "Section")
OLD_REF, NEW_REF = Column("old_ref", "Old ref"), Column("new_ref", "New ref", compare="old_ref")
OLD_ACTION = Column("old_action", "Old action")
NEW_ACTION = Column("new_action", "New action", compare="old_action")
ACTION = Column("new_action", "Action")
"""The latest wording, unhighlighted: for sheets that do not show the old wording."""
OLD_DUE = Column("old_due_date", "Old due", "date")
NEW_DUE = Column("new_due_date", "New due", "date", compare="old_due_date")
SLIP = Column("slip_days", "Slip (days)", "number")
OLD_OWNERS = Column("old_owners", "Old owners")
NEW_OWNERS = Column("new_owners", "New owners", compare="old_owners")
OLD_STATUS, NEW_STATUS = Column("old_status", "Old status", "status"), \
    Column("new_status", "New status", "status")
NEW_RAG = Column("new_rag", "RAG", "rag")
PROGRESS = Column("new_progress", "Latest progress")
NEW_PAPER = [Column("new_source_file", "Paper (new)", "source", compare="new_locator"),
             Column("new_locator", "Where (new)")]
OLD_PAPER = [Column("old_source_file", "Paper (old)", "source", compare="old_locator"),
             Column("old_locator", "Where (old)")]

CHANGES_COLUMNS = PAIR + [
    Column("flags", "What changed", "flags"), Column("review", "Check match?", "review"),
    Column("match_score", "Match", "score"), SECTION, OLD_REF, NEW_REF, OLD_ACTION, NEW_ACTION,
    OLD_DUE, NEW_DUE, SLIP, OLD_OWNERS, NEW_OWNERS, OLD_STATUS, NEW_STATUS,
    Column("paper", "Paper", "source", compare="locator"), Column("locator", "Where"),
]
"""The full register, kept narrow enough to print on A3: one paper per row (the newer,
or the older for a dropped action); progress and RAG are on the sheets per change."""

IMPORTANCE = (Flag.SLIPPED, Flag.OVERDUE, Flag.OWNER_CHANGED, Flag.ROLLED_OVER, Flag.DROPPED,
              Flag.NEW, Flag.COMPLETED, Flag.BROUGHT_FORWARD, Flag.STATUS_CHANGED,
              Flag.REWORDED, Flag.UNCHANGED)
"""Order of the Changes sheet within a plan: what a committee asks about first."""


@dataclass(frozen=True)
class ChangeSheet:
    """A sheet listing the change rows that carry one flag."""

    flag: Flag
    sheet: Sheet
    by_slip: bool = False
    """Largest slip first; otherwise the papers' own order."""


def _sheet(name: str, note: str, columns: list[Column]) -> Sheet:
    return Sheet(name, note, columns, PAPER_A3, "changes.csv")


CHANGE_SHEETS = [
    ChangeSheet(Flag.SLIPPED, _sheet(
        "Slipped", "Actions whose due date moved later since the previous version, largest "
        "slip first (the bar shows the days). Ask each owner why and agree a realistic date; "
        "slips of more than six months are the ones to report.",
        PAIR + [SECTION, OLD_REF, NEW_REF, ACTION, OLD_DUE, NEW_DUE, SLIP,
                Column("new_owners", "Owners"), NEW_STATUS, NEW_RAG, PROGRESS, *NEW_PAPER]),
        by_slip=True),
    ChangeSheet(Flag.OWNER_CHANGED, _sheet(
        "Owner changes", "Actions whose owners changed between versions (new owners "
        "highlighted). Check the new owner has accepted the action and that nothing was lost "
        "in the handover.",
        PAIR + [SECTION, OLD_REF, NEW_REF, ACTION, OLD_OWNERS, NEW_OWNERS, NEW_DUE, NEW_STATUS,
                NEW_RAG, PROGRESS, *NEW_PAPER])),
    ChangeSheet(Flag.ROLLED_OVER, _sheet(
        "Rolled over", "Unfinished actions carried into the next period's plan, largest slip "
        "first. Decide whether each is still needed and whether its new date is realistic.",
        PAIR + [SECTION, OLD_REF, NEW_REF, OLD_ACTION, NEW_ACTION, OLD_DUE, NEW_DUE, SLIP,
                OLD_STATUS, NEW_STATUS, PROGRESS, *NEW_PAPER]), by_slip=True),
    ChangeSheet(Flag.NEW, _sheet(
        "New", "Actions in the latest version that the previous one did not have. Check each "
        "has an owner and a due date.",
        PAIR + [SECTION, Column("new_ref", "Ref"), Column("new_action", "Action"),
                Column("new_owners", "Owners"), Column("new_due_date", "Due", "date"),
                NEW_STATUS, NEW_RAG, PROGRESS, *NEW_PAPER])),
    ChangeSheet(Flag.DROPPED, _sheet(
        "Dropped", "Actions of the previous version not found in the latest one. Confirm each "
        "was finished or deliberately removed; if it was reworded beyond recognition, pair it "
        "in overrides.csv.",
        PAIR + [SECTION, Column("old_ref", "Ref"), Column("old_action", "Action"),
                Column("old_owners", "Owners"), Column("old_due_date", "Due", "date"),
                Column("old_status", "Last status", "status"), Column("old_rag", "RAG", "rag"),
                Column("old_progress", "Last progress"), *OLD_PAPER])),
]
COMPLETED = ChangeSheet(Flag.COMPLETED, _sheet(
    "Completed", "Actions reported complete in the latest version that were not complete in "
    "the previous one. Check the evidence in the progress text before closing them.",
    PAIR + [SECTION, OLD_REF, NEW_REF, ACTION, Column("new_owners", "Owners"), OLD_DUE, NEW_DUE,
            OLD_STATUS, NEW_STATUS, PROGRESS, *NEW_PAPER]))


def version_rank(report: Report) -> dict[tuple[str, str], int]:
    """(plan, version label) → its place in the plan's series: 0 oldest."""
    ranks: dict[tuple[str, str], int] = {}
    for plan_id, versions in report.live_versions().groupby("plan_id", sort=False):
        for n, label in enumerate(versions["plan_version"]):
            ranks[(plan_id, label)] = n
    return ranks


def newest_first(frame: pd.DataFrame, ranks: dict, version_column: str) -> list[int]:
    """Sort key putting each plan's latest version (or comparison into it) first."""
    return [-ranks.get(key, -1) for key in
            zip(frame["plan_id"], frame[version_column], strict=True)]


def sort_changes(rows: pd.DataFrame, ranks: dict, by_slip: bool = False,
                 by_importance: bool = False) -> pd.DataFrame:
    """Plan, latest comparison first, then what matters most; ties keep the papers' order.

    By slip, the plan with the largest slip comes first, so the sheet's first row is the
    largest slip and each plan's rows still form one block."""
    if not len(rows):
        return rows
    slip = pd.to_numeric(rows["slip_days"], errors="coerce").fillna(0)
    keys = pd.DataFrame({
        "first": -slip.groupby(rows["plan_id"]).transform("max") if by_slip else 0,
        "plan": rows["plan_id"],
        "pair": newest_first(rows, ranks, "new_version"),
        "importance": rows["flags"].map(_importance) if by_importance else 0,
        "slip": -slip if by_slip or by_importance else 0,
    }, index=rows.index)
    order = keys.sort_values(["first", "plan", "pair", "importance", "slip"], kind="stable").index
    return rows.loc[order]


def _importance(flags: tuple[Flag, ...]) -> int:
    return min((IMPORTANCE.index(f) for f in flags if f in IMPORTANCE), default=len(IMPORTANCE))


CHANGES = _sheet(
    "Changes", "Every action of each version compared with the version before it, most "
    "important first (slipped, overdue, owner changed, rolled over, dropped, new). Cells that "
    "changed are highlighted yellow. Rows marked 'Check match?' were paired with less "
    "certainty: confirm or correct them in overrides.csv (the Match review sheet lists them "
    "together).", CHANGES_COLUMNS)
MATCH_REVIEW = _sheet(
    "Match review", "Pairs the matcher was unsure of. Read the old and new action side by "
    "side; add a row to overrides.csv to confirm, reject or force a pair, and the next run "
    "applies it.", CHANGES_COLUMNS)


def changes_rows(report: Report) -> pd.DataFrame:
    """Every change row in the Changes sheet's order, each with the paper it is read in
    (the newer, or the older for a dropped action)."""
    rows = sort_changes(report.changes, version_rank(report), by_importance=True)
    if len(rows):
        newer = rows["new_source_file"] != ""
        rows = rows.assign(paper=rows["new_source_file"].where(newer, rows["old_source_file"]),
                           locator=rows["new_locator"].where(newer, rows["old_locator"]))
    return rows


def review_rows(changes: pd.DataFrame) -> pd.DataFrame:
    """The Match review sheet's rows: those of Changes the matcher was unsure of."""
    return changes[changes["review"] == True] if len(changes) else changes  # noqa: E712


def write_change_sheet(writer: SheetWriter, sheet: ChangeSheet, report: Report) -> Written:
    rows = sort_changes(report.flagged(sheet.flag), version_rank(report), by_slip=sheet.by_slip)
    return writer.frame(sheet.sheet, rows)
