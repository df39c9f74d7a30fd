"""The monthly run: inbox → ingest → normalise → reconcile → outputs.

The only module that imports all four stages. It loads the officer's files
into each stage's settings and passes them in; data flows one way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest import Issue, IssueCode, Paper, read_paper
from normalise import NormaliseConfig, normalise
from outputs import Report, write_outputs
from reconcile import MatchSettings, ReconcileSettings, reconcile

from .inbox import CONFIG_DIR, paper_paths, read_inbox_overrides, read_plans

MATCH_FILE = "matching.yaml"


@dataclass
class RunSummary:
    report: Report
    files: list[str]


def run(inbox: Path, out_dir: Path, progress=None) -> RunSummary:
    """Run the whole pipeline; raises InboxError only when nothing can be produced."""
    inbox, out_dir = inbox.resolve(), out_dir.resolve()
    paths = paper_paths(inbox)
    plans, plan_problems = read_plans(inbox)
    overrides, override_problems = read_inbox_overrides(inbox)
    config_dir = inbox / CONFIG_DIR
    match_file = config_dir / MATCH_FILE
    settings = ReconcileSettings(
        match=MatchSettings.resolve(match_file if match_file.is_file() else None),
        plans=tuple(plans), overrides=tuple(overrides),
    )
    papers: list[Paper] = []
    for n, path in enumerate(paths, start=1):
        if progress:
            progress(n, len(paths), path.relative_to(inbox).as_posix())
        papers.append(read_paper(path, inbox))
    config = NormaliseConfig.load(config_dir if config_dir.is_dir() else None)
    normalised = normalise(papers, config)
    result = reconcile(normalised.actions, normalised.indicators, papers, settings)
    control_issues = [
        Issue(IssueCode.OVERRIDE, "inbox", name, "", problem)
        for name, problems in (("plans.yaml", plan_problems), ("overrides.csv", override_problems))
        for problem in problems
    ]
    report = Report(
        inbox=inbox, out_dir=out_dir, papers=papers, actions=result.actions,
        changes=result.changes, history=result.history, indicators=result.indicators,
        versions=result.versions, tables=normalised.tables,
        issues=control_issues + normalised.issues + result.issues,
    )
    return RunSummary(report, write_outputs(report))
