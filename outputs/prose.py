"""The sentences of a run: the Summary's headline and lines, and their words on screen.

Only wording lives here; every number comes from `stats.Counts`, so a sentence
cannot count differently from the sheet it names.
"""

from __future__ import annotations

import datetime as dt

from planrecon.reconcile import Flag

from .stats import COUNTED, SLIP_MONTHS, Counts

CHANGE_WORDS = dict(zip(COUNTED, ("slipped", "changed owner", "rolled over", "new", "dropped",
                                  "completed", "overdue"), strict=True))
"""The changes the Summary counts, in its column order, as words an officer says."""


def headline(counts: Counts) -> str:
    """One plain sentence of the latest changes, summed over the Summary's rows."""
    total = counts.changes
    return (f"{plural(total[Flag.SLIPPED], 'action')} slipped, {counts.long_slips} by more "
            f"than {SLIP_MONTHS} months; {total[Flag.OVERDUE]} overdue; "
            f"{plural(total[Flag.OWNER_CHANGED], 'owner')} changed; {total[Flag.NEW]} new and "
            f"{total[Flag.DROPPED]} dropped since the previous version.")


def papers_line(counts: Counts, more_notes: int = 0) -> str:
    """Papers read and set aside, and the Data quality sheet's lines (`more_notes`: lines
    the workbook adds itself, a sheet too long for Excel)."""
    copies = f" (and {copies_text(counts.copies)} of them)" if counts.copies else ""
    return (f"{plural(counts.papers, 'paper')} read{copies}, {counts.set_aside} set aside; "
            f"{plural(counts.quality_notes + more_notes, 'data-quality note')} "
            "(see Data quality).")


def review_line(counts: Counts) -> str:
    return f"{plural(counts.to_check, 'matched pair')} to check (see Match review)."


def plural(count: int, noun: str) -> str:
    """'1 action', '2 actions'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def copies_text(count: int) -> str:
    """'1 copy', '2 copies'."""
    return f"{count} cop{'y' if count == 1 else 'ies'}"


def uk_date(day: dt.date | None) -> str:
    """A date as officers write it in text: '30 Sep 2014' ('' for none)."""
    return f"{day.day} {day:%b %Y}" if day else ""
