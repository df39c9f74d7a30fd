"""Everything the outputs are written from, and the counts the Summary shows.

The pipeline builds one `Report` from the stages' results; sheets and CSVs
only read it, so every number appears from one computation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ingest import Issue, Paper

SLIP_MONTHS = 6
LONG_SLIP_DAYS = 182
"""'slipped by more than six months' in the headline."""


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

    def issue_frame(self) -> pd.DataFrame:
        rows = [{
            "source_file": i.source_file, "source_locator": i.source_locator, "code": str(i.code),
            "column": i.column, "value": i.value, "message": i.message,
            "quarantine": i.quarantine, "stage": i.stage,
        } for i in self.issues]
        columns = ["source_file", "source_locator", "code", "column", "value", "message",
                   "quarantine", "stage"]
        return pd.DataFrame(rows, columns=columns)

    def quarantine_frame(self) -> pd.DataFrame:
        issues = self.issue_frame()
        q = issues[issues["quarantine"] == True]  # noqa: E712 (pandas mask)
        return pd.DataFrame({"file": q["source_file"], "reason": q["message"],
                             "code": q["code"], "locator": q["source_locator"]})

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
        extra = [{"source_file": p.source_file, "table": "", "kind": "quarantined" if
                  p.quarantined else "no tables",
                  "reason": "; ".join(i.message for i in p.issues if i.quarantine)}
                 for p in self.papers if p.source_file not in read]
        frame = pd.concat([merged, pd.DataFrame(extra)], ignore_index=True)
        return frame.astype(object).fillna("")

    def plan_summaries(self, detail: dict[str, pd.DataFrame]) -> list[dict]:
        """Per plan: latest version, status counts, and changes since the version before."""
        out = []
        live = self.versions[self.versions["copy_of"] == ""] if len(self.versions) else \
            self.versions
        for plan_id, versions in live.groupby("plan_id", sort=True):
            latest = versions.iloc[-1]
            actions = self.actions[self.actions["version_key"] == latest["key"]]
            flags = {}
            for flag, rows in detail.items():
                if flag == "overdue":
                    mine = rows[(rows["plan_id"] == plan_id)
                                & (rows["plan_version"] == latest["plan_version"])]
                else:
                    mine = rows[(rows["plan_id"] == plan_id)
                                & (rows["new_version"] == latest["plan_version"])]
                flags[flag] = len(mine)
            completed = self.changes[(self.changes["plan_id"] == plan_id)
                                     & (self.changes["new_version"] == latest["plan_version"])]
            flags["completed"] = int(completed["flags"].str.split(";").map(
                lambda f: "completed" in f).sum()) if len(completed) else 0
            out.append({
                "plan_id": plan_id, "latest_version": latest["plan_version"],
                "as_of": latest["version_date"], "versions": len(versions),
                "actions": len(actions), "status": actions["status"].value_counts().to_dict(),
                "flags": flags,
            })
        return out

    def headline(self, detail: dict[str, pd.DataFrame]) -> str:
        slipped = detail.get("slipped", pd.DataFrame())
        days = pd.to_numeric(slipped.get("slip_days", pd.Series(dtype=float)), errors="coerce")
        quarantined = sum(p.quarantined for p in self.papers)
        parts = [
            f"{len(self.papers)} papers read ({quarantined} set aside)",
            f"{len(slipped)} actions slipped, {int((days > LONG_SLIP_DAYS).sum())} by more than "
            f"{SLIP_MONTHS} months",
            f"{len(detail.get('overdue', []))} overdue",
        ]
        return "; ".join(parts) + "."
