"""Everything the outputs are written from: the stages' results and the rows each sheet
and CSV lists.

The pipeline builds one `Report`; sheets and CSVs only read it. The numbers are
computed from its rows once, in `stats` (`Report.counts`); the sentences that say
them are in `prose`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from planrecon.ingest import Issue, Paper
from planrecon.normalise.schema import day
from planrecon.reconcile import INDICATOR_CHANGE_COLUMNS, Flag
from planrecon.reconcile.figures import parse_figure

from . import stats


@dataclass
class Report:
    inbox: Path
    out_dir: Path
    papers: list[Paper]
    actions: pd.DataFrame
    changes: pd.DataFrame
    history: pd.DataFrame
    indicators: pd.DataFrame
    versions: pd.DataFrame
    tables: pd.DataFrame
    issues: list[Issue]
    copies: dict[str, str] = field(default_factory=dict)
    """A byte-identical copy in the inbox → the paper it copies: read once, counted once."""
    indicator_changes: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=INDICATOR_CHANGE_COLUMNS))
    """Every indicator of each report version compared with the version before it."""

    def issue_frame(self) -> pd.DataFrame:
        rows = [{
            "source_file": i.source_file, "source_locator": i.source_locator, "code": str(i.code),
            "column": i.column, "value": i.value, "message": i.message,
            "quarantine": i.quarantine, "stage": i.stage,
        } for i in self.issues]
        columns = ["source_file", "source_locator", "code", "column", "value", "message",
                   "quarantine", "stage"]
        return pd.DataFrame(rows, columns=columns)

    def quality_notes(self) -> pd.DataFrame:
        """The Data quality sheet's lines: one per issue, except that the same note on the
        same value in one paper (its title or header reprinted on every page) is one line
        naming every place, so ten reprints do not bury the one unreadable date."""
        frame = self.issue_frame()
        same = [c for c in frame.columns if c != "source_locator"]
        places = frame.groupby(same, sort=False, dropna=False)["source_locator"].agg(_places)
        return places.reset_index()[frame.columns]

    def quarantine_frame(self) -> pd.DataFrame:
        issues = self.issue_frame()
        q = issues[issues["quarantine"] == True]  # noqa: E712 (pandas mask)
        return pd.DataFrame({"file": q["source_file"], "reason": q["message"],
                             "code": q["code"], "locator": q["source_locator"]})

    def set_aside(self) -> dict[str, str]:
        """Papers kept out of the reconciliation, with why: unreadable at ingest, or read
        but holding no action plan (decided in normalisation), so both count the same."""
        reasons: dict[str, list[str]] = {}
        for issue in self.issues:
            if issue.quarantine and issue.source_locator == "":
                reasons.setdefault(issue.source_file, []).append(issue.message)
        return {paper: "; ".join(why) for paper, why in reasons.items()}

    def sources_frame(self) -> pd.DataFrame:
        """One row per table read (and per paper with none), with its series and version."""
        tables = self.tables if len(self.tables) else pd.DataFrame(columns=["source_file"])
        versions = self.versions.drop_duplicates("source_file") if len(self.versions) else \
            pd.DataFrame(columns=["source_file"])
        merged = tables.merge(
            versions.reindex(columns=["source_file", "plan_id", "plan_version", "version_date",
                                      "why"]),
            on="source_file", how="left")
        read = set(tables["source_file"])
        set_aside = self.set_aside()
        extra = [{"source_file": p.source_file, "table": "",
                  "kind": "quarantined" if p.source_file in set_aside else "no tables",
                  "reason": set_aside.get(p.source_file, "")}
                 for p in self.papers if p.source_file not in read]
        extra += [{"source_file": copy, "table": "", "kind": "copy",
                   "reason": f"the same file as {original}: read once, counted once"}
                  for copy, original in sorted(self.copies.items())]
        frame = pd.concat([merged, pd.DataFrame(extra)], ignore_index=True)
        pages = {p.source_file: f"{p.pages[0]} of {p.pages[1]}" for p in self.papers if p.pages}
        frame["pages"] = frame["source_file"].map(pages)
        return frame.astype(object).fillna("")

    def live_versions(self) -> pd.DataFrame:
        """Versions in plan then date order, without a paper's second copy (Word and PDF)."""
        return self.versions[self.versions["copy_of"] == ""] if len(self.versions) else \
            pd.DataFrame(columns=["plan_id", "plan_version", "version_date", "key"])

    def as_of(self) -> dt.date | None:
        """The newest version date: what the workbook speaks as of (None when none is)."""
        return day(self.live_versions()["version_date"].max())

    def flagged(self, flag: Flag) -> pd.DataFrame:
        """Change rows carrying `flag`."""
        changes = self.changes
        if not len(changes):
            return changes
        return changes[changes["flags"].map(lambda flags: flag in flags).astype(bool)]

    def overdue(self) -> pd.DataFrame:
        """Overdue actions of each plan's latest version: an action dropped earlier was
        overdue only then, and the Dropped sheet lists it."""
        history = self.history
        if not len(history):
            return history
        latest = set(self.live_versions().groupby("plan_id", sort=False)["key"].last())
        return history[history["overdue"].astype(bool) & history["version_key"].isin(latest)]

    def to_check(self) -> pd.DataFrame:
        """Change rows the matcher was unsure of: the Match review sheet's rows."""
        changes = self.changes
        return changes[changes["review"] == True] if len(changes) else changes  # noqa: E712

    def detail(self, flags) -> dict[Flag, pd.DataFrame]:
        """Each flag → the rows its sheet lists: for `Flag.OVERDUE`, the overdue actions."""
        return {flag: self.overdue() if flag is Flag.OVERDUE else self.flagged(flag)
                for flag in flags}

    @cached_property
    def counts(self) -> stats.Counts:
        """The run's numbers (`stats.count`), computed once."""
        return stats.count(self)

    def latest_indicator_changes(self) -> pd.DataFrame:
        """The indicator rows comparing each report series' latest version with the one
        before it."""
        rows = self.indicator_changes
        if not len(rows):
            return rows
        latest = rows.groupby("plan_id", sort=False)["new_version"].last()
        return rows[rows["new_version"].eq(rows["plan_id"].map(latest))]

    def indicator_history(self) -> pd.DataFrame:
        """Every indicator as printed, with its results in the versions before it that
        `indicator_changes` paired it with, oldest first: `history` in words ("Q2 2014/15:
        99.1%; Q3 2014/15: 98.0%") and `trend`, the results in one unit as numbers (for a
        sparkline: the latest results that are figures in one unit, so a first version's
        'TBC' before two years of actuals leaves those two; empty when fewer than two)."""
        frame = self.indicators.copy()
        before: dict[tuple[str, str], tuple[str, str]] = {}
        for row in self.indicator_changes.to_dict("records"):
            if row["old_source_file"] and row["new_source_file"]:
                before[(row["new_source_file"], row["new_locator"])] = (
                    row["old_source_file"], row["old_locator"])
        printed = {(r["source_file"], r["source_locator"]): (r["plan_version"], r["result"])
                   for r in frame.to_dict("records")}
        histories, trends = [], []
        for key in zip(frame.get("source_file", []), frame.get("source_locator", []),
                       strict=True):
            chain = [key]
            while chain[-1] in before and before[chain[-1]] not in chain:
                chain.append(before[chain[-1]])
            results = [printed[k] for k in reversed(chain) if k in printed]
            shown = len(results) > 1 and any(r for _, r in results)
            histories.append("; ".join(f"{v}: {r or '(none)'}" for v, r in results)
                             if shown else "")
            trends.append(_latest_run([parse_figure(r) for _, r in results]))
        return frame.assign(history=histories, trend=trends)

def _places(locators: pd.Series) -> str:
    """'Plan!A17, A27, A36 (3 places)': the sheet or page named once when all share it."""
    first, *rest = locators.tolist()
    if not rest:
        return first
    sheet = first.rpartition("!")[0]
    if sheet and all(loc.startswith(f"{sheet}!") for loc in rest):
        rest = [loc.rpartition("!")[2] for loc in rest]
    return f"{', '.join([first, *rest])} ({len(rest) + 1} places)"


def _latest_run(figures: list) -> list[float]:
    """The values of the longest run of figures in one unit that ends with the latest
    (empty when that run is shorter than two)."""
    run: list = []
    for figure in reversed(figures):
        if figure is None or (run and figure.unit != run[0].unit):
            break
        run.append(figure)
    return [f.value for f in reversed(run)] if len(run) > 1 else []
