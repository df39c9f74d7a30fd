"""Everything the outputs are written from, and the counts the Summary shows.

The pipeline builds one `Report` from the stages' results; sheets and CSVs
only read it, so every number appears from one computation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from planrecon.ingest import Issue, Paper
from planrecon.reconcile import INDICATOR_CHANGE_COLUMNS
from planrecon.reconcile.figures import comparable, parse_figure

SLIP_MONTHS = 6
LONG_SLIP_DAYS = 182
"""'slipped by more than six months' in the headline."""
CHANGE_WORDS = {
    "slipped": "slipped", "owner_changed": "changed owner", "rolled_over": "rolled over",
    "new": "new", "dropped": "dropped", "completed": "completed", "overdue": "overdue",
}
"""The changes the Summary counts (its column order), as words an officer says."""
WORSENED = ("rag_worsened", "result_worsened")
IMPROVED = ("rag_improved", "result_improved")
OFF_TRACK = (*WORSENED, "missed_target")
"""An indicator is off track in its report's latest version when its comparison with the
version before carries one of these."""
RAG_ORDER = {"red": 0, "amber": 1, "green": 2}
"""Worst first: red before amber before green, then no RAG."""


@dataclass(frozen=True)
class Counts:
    """The numbers of a run, computed once: the Summary sheet and the screen both show
    these, so they cannot disagree."""

    plans: list[dict]
    """Per plan series: `Report.plan_summaries`."""
    papers: int
    """Papers reconciled (a byte-identical copy is not counted again)."""
    copies: int
    set_aside: int
    versions: int
    """Distinct plan versions (a paper saved as Word and PDF is one)."""
    actions: int
    """Actions in each plan's latest version."""
    changes: dict[str, int]
    """Flag (`CHANGE_WORDS`) → rows since the previous version; overdue in the latest."""
    to_check: int
    """Matched pairs waiting on the Match review sheet."""
    quality_notes: int
    """Lines on the Data quality sheet."""
    indicators: list[dict] = field(default_factory=list)
    """Per report series with two versions or more: `Report.indicator_summaries`."""


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

    def as_of(self) -> str:
        """The newest version date: what the workbook speaks as of (ISO, or '')."""
        dates = [d for d in self.live_versions()["version_date"] if d]
        return max(dates) if dates else ""

    def flagged(self, flag: str) -> pd.DataFrame:
        """Change rows carrying `flag`."""
        changes = self.changes
        if not len(changes):
            return changes
        return changes[changes["flags"].map(lambda flags: flag in flags.split(";")).astype(bool)]

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

    def detail(self) -> dict[str, pd.DataFrame]:
        """Each change flag (and `overdue`) → the rows its sheet lists."""
        return {flag: self.overdue() if flag == "overdue" else self.flagged(flag)
                for flag in CHANGE_WORDS}

    @cached_property
    def counts(self) -> Counts:
        plans = self.plan_summaries()
        return Counts(
            plans=plans, papers=len(self.papers), copies=len(self.copies),
            set_aside=len(self.set_aside()), versions=sum(p["versions"] for p in plans),
            actions=sum(p["actions"] for p in plans),
            changes={flag: sum(p["flags"][flag] for p in plans) for flag in CHANGE_WORDS},
            to_check=len(self.to_check()), quality_notes=len(self.quality_notes()),
            indicators=self.indicator_summaries(),
        )

    def plan_summaries(self) -> list[dict]:
        """Per plan: latest version, status counts, and changes since the version before,
        counted from the very rows each detail sheet lists (`detail`)."""
        detail = self.detail()
        out = []
        for plan_id, versions in self.live_versions().groupby("plan_id", sort=True):
            latest = versions.iloc[-1]
            actions = self.actions[self.actions["version_key"] == latest["key"]]
            flags = {flag: int(_latest_rows(rows, plan_id, latest["plan_version"], flag).sum())
                     for flag, rows in detail.items()}
            out.append({
                "plan_id": plan_id, "latest_version": latest["plan_version"],
                "as_of": latest["version_date"], "versions": len(versions),
                "previous": versions.iloc[-2]["plan_version"] if len(versions) > 1 else "",
                "actions": len(actions), "status": actions["status"].value_counts().to_dict(),
                "flags": flags,
            })
        return out

    def latest_indicator_changes(self) -> pd.DataFrame:
        """The indicator rows comparing each report series' latest version with the one
        before it."""
        rows = self.indicator_changes
        if not len(rows):
            return rows
        latest = rows.groupby("plan_id", sort=False)["new_version"].last()
        return rows[rows["new_version"].eq(rows["plan_id"].map(latest))]

    def kpis_off_track(self) -> pd.DataFrame:
        """Indicators of each series' latest version that worsened or missed their target,
        worst first: most reasons first, then red before amber, then furthest off (its
        result's move for the worse, or its miss, as a share of the figure before or the
        target). The series with the worst comes first and each series' rows stay one
        block, for the Summary's links."""
        rows = self.latest_indicator_changes()
        if not len(rows):
            return rows
        flags = rows["flags"].str.split(";")
        reasons = flags.map(lambda f: sum(flag in f for flag in OFF_TRACK))
        rows = rows[reasons > 0]
        keys = pd.DataFrame({
            "reasons": -reasons[rows.index],
            "rag": rows["new_rag"].map(RAG_ORDER).fillna(len(RAG_ORDER)),
            "far": [-_how_far(row) for row in rows.to_dict("records")],
        }, index=rows.index)
        order = keys.sort_values(["reasons", "rag", "far"], kind="stable").index
        place = pd.Series(range(len(order)), index=order)
        first = place.groupby(rows.loc[order, "plan_id"]).transform("min")
        return rows.loc[pd.DataFrame({"first": first, "place": place})
                        .sort_values(["first", "place"]).index]

    def indicator_summaries(self) -> list[dict]:
        """Per report series with two versions or more: its latest version, and how its
        indicators moved since the version before (improved, stable, worsened, counted
        over those in both; worse wins when the RAG and the figure disagree)."""
        out = []
        off_track = self.kpis_off_track()
        for plan_id, rows in self.latest_indicator_changes().groupby("plan_id", sort=True):
            flags = rows["flags"].str.split(";")
            both = ~flags.map(lambda f: "new" in f or "dropped" in f)
            worse = flags.map(lambda f: any(flag in f for flag in WORSENED)) & both
            better = flags.map(lambda f: any(flag in f for flag in IMPROVED)) & both & ~worse
            out.append({
                "plan_id": plan_id, "latest_version": rows["new_version"].iloc[0],
                "previous": rows["old_version"].iloc[0],
                "as_of": rows["new_version_date"].iloc[0], "compared": int(both.sum()),
                "improved": int(better.sum()), "stable": int((both & ~worse & ~better).sum()),
                "worsened": int(worse.sum()),
                "off_track": int((off_track["plan_id"] == plan_id).sum()),
                "new": int(flags.map(lambda f: "new" in f).sum()),
                "dropped": int(flags.map(lambda f: "dropped" in f).sum()),
            })
        return out

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

    def status_by_version(self) -> pd.DataFrame:
        """Actions per status in every version of every plan (rows), for the Summary chart."""
        rows = []
        for _, version in self.live_versions().iterrows():
            actions = self.actions[self.actions["version_key"] == version["key"]]
            rows.append({"plan_id": version["plan_id"], "plan_version": version["plan_version"],
                         **actions["status"].value_counts().to_dict()})
        return pd.DataFrame(rows).fillna(0)

    def slips_by_section(self, slipped: pd.DataFrame, top: int) -> pd.DataFrame:
        """The `top` sections with the most slipped actions: slips up to and over six months."""
        columns = ["plan_id", "section", "short", "long"]
        if not len(slipped):
            return pd.DataFrame(columns=columns)
        days = pd.to_numeric(slipped["slip_days"], errors="coerce").fillna(0)
        frame = slipped.assign(long=days > LONG_SLIP_DAYS, short=days <= LONG_SLIP_DAYS,
                               section=slipped["section"].replace("", "(no section)"))
        counts = frame.groupby(["plan_id", "section"], sort=True)[["short", "long"]].sum()
        counts = counts.assign(total=counts["short"] + counts["long"]).reset_index()
        counts = counts.sort_values(["total", "plan_id", "section"],
                                    ascending=[False, True, True], kind="stable")
        return counts.head(top).reindex(columns=columns).reset_index(drop=True)

    def headline(self) -> str:
        """One plain sentence of the latest changes, summed over the Summary's rows."""
        summaries, total = self.counts.plans, self.counts.changes
        slipped = self.flagged("slipped")
        slipped = pd.concat([_latest(slipped, s) for s in summaries]) if summaries else slipped
        days = pd.to_numeric(slipped.get("slip_days", pd.Series(dtype=float)), errors="coerce")
        long = int((days > LONG_SLIP_DAYS).sum())
        return (f"{_n(total['slipped'], 'action')} slipped, {long} by more than {SLIP_MONTHS} "
                f"months; {total['overdue']} overdue; {_n(total['owner_changed'], 'owner')} "
                f"changed; {total['new']} new and {total['dropped']} dropped since the "
                f"previous version.")

    def papers_line(self) -> str:
        counts = self.counts
        copies = f" (and {copies_text(counts.copies)} of them)" if counts.copies else ""
        return (f"{_n(counts.papers, 'paper')} read{copies}, {counts.set_aside} set aside; "
                f"{_n(counts.quality_notes, 'data-quality note')} (see Data quality).")

    def review_line(self) -> str:
        return f"{_n(self.counts.to_check, 'matched pair')} to check (see Match review)."


def _how_far(row: dict) -> float:
    """How far off an off-track indicator is, as a share: its result's move for the worse
    (of the figure before) and its miss (of the target), the larger; 0 when its figures
    are not in one unit."""
    flags = row["flags"].split(";")
    new = parse_figure(row["new_result"])
    shares = [abs(new.value - other.value) / abs(other.value)
              for flag, key in (("result_worsened", "old_result"), ("missed_target", "new_target"))
              if flag in flags
              for other in [parse_figure(row[key])] if comparable(new, other) and other.value]
    return max(shares, default=0.0)


def _places(locators: pd.Series) -> str:
    """'Plan!A17, A27, A36 (3 places)': the sheet or page named once when all share it."""
    first, *rest = locators.tolist()
    if not rest:
        return first
    sheet = first.rpartition("!")[0]
    if sheet and all(loc.startswith(f"{sheet}!") for loc in rest):
        rest = [loc.rpartition("!")[2] for loc in rest]
    return f"{', '.join([first, *rest])} ({len(rest) + 1} places)"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def copies_text(count: int) -> str:
    """'1 copy', '2 copies'."""
    return f"{count} cop{'y' if count == 1 else 'ies'}"


def _latest_rows(rows: pd.DataFrame, plan_id: str, version: str, flag: str) -> pd.Series:
    """Which of a detail sheet's rows a plan's Summary count covers: the comparison into
    its latest version, or (Overdue, a list of actions) that version itself."""
    if not len(rows):
        return pd.Series(dtype=bool)
    column = "plan_version" if flag == "overdue" else "new_version"
    return (rows["plan_id"] == plan_id) & (rows[column] == version)


def _latest(rows: pd.DataFrame, summary: dict) -> pd.DataFrame:
    return rows[_latest_rows(rows, summary["plan_id"], summary["latest_version"], "slipped")] \
        if len(rows) else rows


def _latest_run(figures: list) -> list[float]:
    """The values of the longest run of figures in one unit that ends with the latest
    (empty when that run is shorter than two)."""
    run: list = []
    for figure in reversed(figures):
        if figure is None or (run and figure.unit != run[0].unit):
            break
        run.append(figure)
    return [f.value for f in reversed(run)] if len(run) > 1 else []
