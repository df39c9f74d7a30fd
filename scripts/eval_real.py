"""Score the pipeline on the real action logs of ../shared/real_dev/ against the hand
labels in tests/data/real_dev/ (see its README): extraction recall, owner and due
accuracy, as-of dates, series and version order, and pairing between versions.

The papers are development material outside the repository; without them every
figure is skipped with the reason. Pairing is scored by `eval_matching.evaluate`,
the same code that scores the sample papers.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pandas as pd

from planrecon.normalise.schema import written
from scripts.eval_matching import Score, _fold, _identify, _score, evaluate

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "tests" / "data" / "real_dev"
REAL_DEV = REPO.parent / "shared" / "real_dev"


def missing_reason(real_dev: Path = REAL_DEV) -> str:
    """Why the real papers cannot be scored here, or '' when they can."""
    if not real_dev.is_dir():
        return (f"../{real_dev.parent.name}/{real_dev.name} is absent (development papers, "
                "not part of the repository)")
    return ""


def labels(name: str) -> pd.DataFrame:
    return pd.read_csv(LABELS / f"{name}.csv", dtype=str, keep_default_na=False)


@dataclass(frozen=True)
class Accuracy:
    right: int
    found: int
    """Labelled cells whose action we found."""
    labelled: int

    def __str__(self) -> str:
        share = self.right / max(self.found, 1)
        return f"{self.right} of {self.found} found right ({share:.3f}); {self.labelled} labelled"


@dataclass
class RealScores:
    extraction: Score
    """Recall: labelled actions found; precision: share of the actions read that are labelled."""
    owner: Accuracy
    due: Accuracy
    as_of: Score
    order: Score
    series: Score
    pairing: dict[str, dict[str, Score]]
    risk_register: str


def _same(label: str, printed: str) -> bool:
    """The printed cell says what the label says (a cell may hold more, e.g. a status)."""
    label, printed = _fold(label), _fold(printed)
    return bool(label) and label in printed


def _extraction(actions: pd.DataFrame, gold: pd.DataFrame):
    found = owner_ok = due_ok = owners = dues = owners_found = dues_found = 0
    for paper, rows in gold.groupby("paper", sort=False):
        ours = actions[actions["source_file"] == paper]
        texts = list(zip(ours["ref"], ours["action"], strict=True))
        for row in rows.itertuples():
            index = _identify(row.ref, row.action, texts, fragment=True)
            owners += bool(row.owner)
            dues += bool(row.due)
            if index is None:
                continue
            found += 1
            owners_found += bool(row.owner)
            dues_found += bool(row.due)
            owner_ok += bool(row.owner) and _same(row.owner, ours["owner_raw"].iat[index])
            due_ok += bool(row.due) and _same(row.due, ours["due_raw"].iat[index])
    read = len(actions[actions["source_file"].isin(set(gold["paper"]))])
    return (Score(found / read if read else 1.0, found / len(gold), read, len(gold)),
            Accuracy(owner_ok, owners_found, owners), Accuracy(due_ok, dues_found, dues))


def _versions(versions: pd.DataFrame, gold: pd.DataFrame):
    """As-of dates, series sameness (pairs of papers) and order of consecutive versions."""
    live = versions[versions["copy_of"] == ""].set_index("source_file")
    dated = gold[gold["plan"] != ""]
    sure = dated[(dated["as_of"] != "") & ~dated["note"].str.startswith("uncertain")]
    as_of_hits = sum(written(live["version_date"].get(p, pd.NaT)) == d  # the gold's ISO text
                     for p, d in zip(sure["paper"], sure["as_of"], strict=True))
    with_date = len(sure)
    plan = live["plan_id"].to_dict()
    truth = {frozenset(pair) for _, rows in dated.groupby("plan")
             for pair in combinations(rows["paper"], 2)}
    ours = {frozenset(pair) for pair in combinations(sorted(plan), 2)
            if plan[pair[0]] == plan[pair[1]]}
    rank = {p: i for i, p in enumerate(live.index)}  # versions come in series and date order
    steps = []
    for _, rows in dated.groupby("plan"):
        papers = rows.sort_values("order", key=lambda s: s.astype(int))["paper"].tolist()
        steps += list(zip(papers, papers[1:], strict=False))
    in_order = sum(a in rank and b in rank and plan[a] == plan[b] and rank[a] < rank[b]
                   for a, b in steps)
    return (Score(as_of_hits / max(len(live), 1), as_of_hits / with_date, len(live), with_date),
            _score(ours, truth), Score(in_order / max(len(steps), 1), in_order / len(steps),
                                       len(steps), len(steps)))


def _pairing(changes: pd.DataFrame, versions: pd.DataFrame, gold: pd.DataFrame):
    """Each labelled step scored on our change rows between the two papers' versions."""
    live = versions[versions["copy_of"] == ""].set_index("source_file")
    scores = {}
    for (old, new), rows in gold.groupby(["old_paper", "new_paper"], sort=False):
        step = f"{Path(old).stem} -> {Path(new).stem}"
        if old in live.index and new in live.index:
            o, n = live.loc[old], live.loc[new]
            same_plan = o["plan_id"] == n["plan_id"]
            ours = changes[same_plan & (changes["plan_id"] == o["plan_id"])
                           & (changes["old_version"] == o["plan_version"])
                           & (changes["new_version"] == n["plan_version"])]
        else:
            ours = changes.iloc[0:0]
        scores[step] = evaluate(ours, rows.reset_index(drop=True), fragment=True)
    return scores


def _risk_register(report) -> str:
    paper = labels("versions").query("plan == ''")["paper"].iat[0]
    said = report.set_aside().get(paper, "")
    read = int((report.actions["source_file"] == paper).sum())
    return f"{paper}: {f'{read} actions read' if read else 'set aside: ' + said}"


def evaluate_real(real_dev: Path = REAL_DEV) -> RealScores:
    from planrecon.pipeline import run

    with tempfile.TemporaryDirectory() as out:
        report = run(real_dev, Path(out), use_cache=False).report
    extraction, owner, due = _extraction(report.actions, labels("actions"))
    as_of, series, order = _versions(report.versions, labels("versions"))
    return RealScores(extraction, owner, due, as_of, order, series,
                      _pairing(report.changes, report.versions, labels("pairs")),
                      _risk_register(report))


def print_real(real_dev: Path = REAL_DEV) -> None:
    why = missing_reason(real_dev)
    if why:
        print(f"  skipped: {why}")
        return
    s = evaluate_real(real_dev)
    print(f"  extraction (labelled actions found)  {s.extraction}")
    print(f"  owner as printed (of found)          {s.owner}")
    print(f"  due as printed (of found)            {s.due}")
    print(f"  as-of date (sure labels)             {s.as_of}")
    print(f"  series (pairs of papers in one plan) {s.series}")
    print(f"  consecutive versions in order        {s.order}")
    for step, scores in s.pairing.items():
        print(f"  pairing {step}: {scores['matching']}; sure only {scores['matching, sure']}")
    print(f"  risk register: {s.risk_register}")


if __name__ == "__main__":
    print_real()
