"""Score reconciliation against the hand-labelled pairs in tests/data/eval/.

Used by the matching test (thresholds) and by `make bench` (figures). Labels
name actions by ref and text as printed; they are aligned to our actions by
ref plus near-identical text, or by text alone when the paper prints no ref.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

EVAL_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "eval"
SCORED_FLAGS = ("slipped", "brought_forward", "owner_changed", "rolled_over", "completed",
                "reworded", "unchanged", "new", "dropped")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _fold(text: str) -> str:
    return _NON_WORD.sub(" ", str(text).lower()).strip()


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    predicted: int
    expected: int

    def __str__(self) -> str:
        return (f"P {self.precision:.3f}  R {self.recall:.3f}  "
                f"(predicted {self.predicted}, expected {self.expected})")


def _score(predicted: set, expected: set) -> Score:
    hits = len(predicted & expected)
    return Score(hits / len(predicted) if predicted else 1.0,
                 hits / len(expected) if expected else 1.0, len(predicted), len(expected))


def _identify(ref: str, text: str, ours: list[tuple[str, str]],
              fragment: bool = False) -> int | None:
    """Index of our action that is this labelled action (ref as printed, text near-equal).

    `fragment`: the label gives only part of the action's words (its opening words, or the
    action words of a cell that also holds the issue title), so a near-equal part counts."""
    best, best_score = None, 0.0
    label = _fold(text)
    for i, (our_ref, our_text) in enumerate(ours):
        if ref and our_ref and _fold(ref) != _fold(our_ref):
            continue
        our = _fold(our_text)
        # a part only counts inside a text at least about as long (never 'OMB' in a label)
        part = fragment and len(our) >= 0.8 * len(label)
        score = (fuzz.partial_ratio if part else fuzz.ratio)(label, our)
        if score > best_score:
            best, best_score = i, score
    return best if best_score >= 85 else None


def _in_scope(key, flags: set[str], labelled: set[str]) -> set[str]:
    """Our flags limited to those the labels speak of; a pair with none left is unchanged
    (the labels leave status_changed and overdue out, so they cannot spoil 'unchanged')."""
    kept = flags & labelled
    if None not in key and not kept - {"unchanged"}:
        kept = {"unchanged"}
    return kept


def evaluate(changes: pd.DataFrame, labels: pd.DataFrame,
             fragment: bool = False) -> dict[str, Score]:
    """Matching and per-flag precision/recall of `changes` (one version pair) against labels.

    'matching, sure' leaves out the pairs whose label note begins 'uncertain' (the reader
    was unsure the two are one action): such a pair counts neither for nor against."""
    old_side = changes[changes["old_action"] != ""][["old_ref", "old_action"]].drop_duplicates()
    new_side = changes[changes["new_action"] != ""][["new_ref", "new_action"]].drop_duplicates()
    ours_old = list(old_side.itertuples(index=False, name=None))
    ours_new = list(new_side.itertuples(index=False, name=None))

    def key(ref, text, side):
        if not text:
            return None
        index = _identify(ref, text, ours_old if side == "old" else ours_new, fragment)
        return (side, index if index is not None else f"unaligned:{text[:40]}")

    def items(frame: pd.DataFrame, aligned: bool):
        for row in frame.itertuples(index=False):
            old = key(row.old_ref, row.old_action, "old") if aligned else \
                (("old", ours_old.index((row.old_ref, row.old_action))) if row.old_action else None)
            new = key(row.new_ref, row.new_action, "new") if aligned else \
                (("new", ours_new.index((row.new_ref, row.new_action))) if row.new_action else None)
            flags = row.flags if isinstance(row.flags, tuple) else str(row.flags).split(";")
            yield (old, new), set(filter(None, flags))  # ours a tuple, the labels' text

    gold = list(items(labels.fillna(""), aligned=True))
    labelled = set().union(*(f for _, f in gold))
    ours = [(k, _in_scope(k, f, labelled)) for k, f in items(changes, aligned=False)]
    made = {k for k, _ in ours if None not in k}
    pairs = {k for k, _ in gold if None not in k}
    notes = labels["note"].fillna("") if "note" in labels else [""] * len(labels)
    unsure = {k for (k, _), note in zip(gold, notes, strict=True) if note.startswith("uncertain")}
    results = {"matching": _score(made, pairs),
               "matching, sure": _score(made - unsure, pairs - unsure)}
    for flag in SCORED_FLAGS:
        if flag in labelled:
            results[flag] = _score({k for k, f in ours if flag in f},
                                   {k for k, f in gold if flag in f})
    return results


def label_file(name: str) -> pd.DataFrame:
    return pd.read_csv(EVAL_DIR / name, dtype=str, keep_default_na=False)


LABELLED_PAPERS = {
    "barnet_2006.csv": ("barnet-sp/2006-07-action-plan-q1-progress.xlsx",
                        "barnet-sp/forward-action-plan-2006-10.xlsx"),
    "kent_2009.csv": ("kent-sp/annual-plan-report-2009-07-02.docx",),
}


def changes_for(papers: tuple[str, ...], samples: Path, settings=None) -> pd.DataFrame:
    """Reconcile just these sample papers (no other series can interfere)."""
    from planrecon.ingest import read_paper
    from planrecon.normalise import NormaliseConfig, normalise
    from planrecon.reconcile import ReconcileSettings, reconcile

    read = [read_paper(samples / name, samples) for name in papers]
    normalised = normalise(read, NormaliseConfig.load())
    result = reconcile(normalised.actions, normalised.indicators, normalised.papers,
                       settings or ReconcileSettings())
    return result.changes


def evaluate_samples(samples: Path, settings=None) -> dict[str, dict[str, Score]]:
    """Scores per labelled file, e.g. {'barnet_2006.csv': {'matching': Score, ...}}."""
    return {
        name: evaluate(changes_for(papers, samples, settings), label_file(name))
        for name, papers in LABELLED_PAPERS.items()
    }


def version_frames(papers: tuple[str, ...], samples: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The older and newer version's actions of these papers, as the matcher sees them."""
    from planrecon.ingest import read_paper
    from planrecon.normalise import NormaliseConfig, normalise
    from planrecon.reconcile.versions import build_versions, version_order

    read = [read_paper(samples / name, samples) for name in papers]
    normalised = normalise(read, NormaliseConfig.load())
    actions = normalised.actions
    versions, keys = build_versions(actions, normalised.papers, [])
    old_v, new_v = sorted((v for v in versions.values() if not v.duplicate_of),
                          key=version_order)[:2]
    keys = pd.Series(keys, index=actions.index)
    return tuple(actions[keys == v.key].reset_index(drop=True) for v in (old_v, new_v))


def mistakes(name: str, samples: Path, settings=None) -> pd.DataFrame:
    """Every labelled pair the matcher missed and every pair it made that the labels do
    not have, with both actions' columns, the label's note and the comparisons."""
    from planrecon.reconcile.match import explain_pairs, match_versions
    from planrecon.reconcile.rules import MatchSettings

    settings = settings or MatchSettings.resolve()
    old, new = version_frames(LABELLED_PAPERS[name], samples)
    ours = {side: list(zip(frame["ref"], frame["action"], strict=True))
            for side, frame in (("old", old), ("new", new))}
    gold = {}
    for row in label_file(name).itertuples():
        if row.old_action and row.new_action:
            key = (_identify(row.old_ref, row.old_action, ours["old"]),
                   _identify(row.new_ref, row.new_action, ours["new"]))
            gold[key] = row.note
    made = {(p.old, p.new): p for p in match_versions(old, new, settings)}
    partner_of = {side: {getattr(p, side): p for p in made.values()} for side in ("old", "new")}
    rows = []
    for (o, n), note in gold.items():
        if (o, n) not in made and None not in (o, n):
            rows.append({"kind": "missed", "old": o, "new": n, "note": note,
                         "instead": _instead(partner_of, old, new, o, n)})
    for (o, n), pair in made.items():
        if (o, n) not in gold:
            said = "marked for review" if pair.review else "CONFIDENT"
            rows.append({"kind": "wrong", "old": o, "new": n, "instead": "",
                         "note": f"not in the labels; {'a part, ' if pair.part else ''}{said}"})
    frame = pd.DataFrame(rows, columns=["kind", "old", "new", "note", "instead"])
    evidence = explain_pairs(old, new, settings, list(zip(frame["old"], frame["new"],
                                                          strict=True)))
    columns = ["ref", "section", "owners", "due_date", "action"]
    return pd.concat([frame.reset_index(drop=True), evidence,
                      old.loc[frame["old"], columns].add_prefix("old_").reset_index(drop=True),
                      new.loc[frame["new"], columns].add_prefix("new_").reset_index(drop=True)],
                     axis=1)


def _instead(partner_of, old, new, o: int, n: int) -> str:
    """What the matcher paired each side of a missed pair with."""
    said = []
    if o in partner_of["old"]:
        said.append(f"old went to {new['ref'].iat[partner_of['old'][o].new] or '(no ref)'}")
    if n in partner_of["new"]:
        said.append(f"new came from {old['ref'].iat[partner_of['new'][n].old] or '(no ref)'}")
    return "; ".join(said)


def print_mistakes(samples: Path) -> None:
    for name in LABELLED_PAPERS:
        print(f"== {name}")
        for row in mistakes(name, samples).itertuples():
            print(f"{row.kind.upper()} {row.old_ref or '-'} -> {row.new_ref or '-'}: text "
                  f"{row.text:.2f} (words {row.words:.2f}, context {row.context:.2f}), section "
                  f"{row.section:.2f}, owner {row.owner:.2f}, first-pass score {row.score:.2f}"
                  f"{'; ' + row.instead if row.instead else ''}\n"
                  f"  old [{row.old_section} | {row.old_owners} | due {row.old_due_date or '-'}]"
                  f" {row.old_action}\n"
                  f"  new [{row.new_section} | {row.new_owners} | due {row.new_due_date or '-'}]"
                  f" {row.new_action}\n  label note: {row.note}")


def compare_frames(old: pd.DataFrame, new: pd.DataFrame, settings=None):
    """(changes, chain key per action row: old rows first) between two action frames as if
    they were consecutive versions of one plan."""
    from planrecon.normalise.schema import day
    from planrecon.reconcile import ReconcileSettings
    from planrecon.reconcile.changes import compare_versions
    from planrecon.reconcile.versions import Version

    versions = {}
    frames = []
    for n, frame in enumerate((old, new)):
        key = f"v{n}"
        when = day(frame["version_date"].iloc[0])
        versions[key] = Version(key, f"synthetic-{n}", "", when, key, "xlsx",
                                frame["action"].tolist(), plan_id="synthetic")
        frames.append(frame.assign(version_key=key))
    actions = pd.concat(frames, ignore_index=True)
    for column in ("source_file", "source_locator", "due_raw", "progress", "rag"):
        if column not in actions:
            actions[column] = ""
    changes, chain, _ = compare_versions(actions, versions, settings or ReconcileSettings())
    return changes, chain


def evaluate_synthetic(samples: Path, seed: int = 7, settings=None) -> dict[str, Score]:
    """A third Barnet version made with known changes from the October 2006 plan."""
    from planrecon.ingest import read_paper
    from planrecon.normalise import NormaliseConfig, normalise
    from scripts.synthetic import next_version

    paper = read_paper(samples / LABELLED_PAPERS["barnet_2006.csv"][1], samples)
    old = normalise([paper], NormaliseConfig.load()).actions
    old = old.assign(version_date=pd.Timestamp("2006-10-31"), plan_period="")
    new, labels = next_version(old, seed)
    return evaluate(compare_frames(old, new, settings)[0], labels)


def print_report(samples: Path) -> None:
    results = evaluate_samples(samples)
    results["synthetic third Barnet version"] = evaluate_synthetic(samples)
    for name, scores in results.items():
        print(name)
        for what, score in scores.items():
            print(f"  {what:16} {score}")


if __name__ == "__main__":
    import sys

    show = print_mistakes if "--mistakes" in sys.argv else print_report
    show(EVAL_DIR.parents[2] / "sample_inputs")
