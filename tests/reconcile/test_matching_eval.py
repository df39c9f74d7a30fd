"""Matching and flags against hand-labelled pairs read off the seeds (tests/data/eval/),
and the matcher's passes on small hand-made plans.

Floors sit at what the matcher reaches today, so a regression fails; the
issue's targets (precision 0.97, recall 0.95 on the real pairs) are printed
by `make bench`, every pair still missed by `python -m scripts.eval_matching
--mistakes`, and the gap is in the closing note rather than hidden here.
"""

import numpy as np
import pandas as pd
import pytest

from planrecon.reconcile.match import match_versions
from planrecon.reconcile.neighbours import anchor_windows, window_pairs
from planrecon.reconcile.rules import MatchSettings
from scripts.eval_matching import (
    LABELLED_PAPERS,
    changes_for,
    compare_frames,
    evaluate,
    evaluate_synthetic,
    label_file,
    mistakes,
)
from tests.conftest import SAMPLES

FLOORS = {
    "barnet_2006.csv": {"matching": (0.97, 0.83), "matching, sure": (0.97, 0.94),
                        "slipped": (1.0, 0.92),
                        "completed": (1.0, 1.0), "owner_changed": (1.0, 0.78)},
    "kent_2009.csv": {"matching": (1.0, 0.90), "matching, sure": (1.0, 1.0),
                      "slipped": (1.0, 0.92),
                      "rolled_over": (1.0, 1.0), "reworded": (1.0, 0.75)},
}


@pytest.fixture(scope="module")
def scores():
    return {name: evaluate(changes_for(papers, SAMPLES), label_file(name))
            for name, papers in LABELLED_PAPERS.items()}


@pytest.mark.parametrize(("name", "what"), [(n, w) for n, f in FLOORS.items() for w in f])
def test_precision_and_recall_floors(scores, name, what):
    precision, recall = FLOORS[name][what]
    score = scores[name][what]
    assert score.precision >= precision and score.recall >= recall, str(score)


def test_mistakes_list_every_missed_and_wrong_pair(scores):
    for name in LABELLED_PAPERS:
        found, score = mistakes(name, SAMPLES), scores[name]["matching"]
        hits = round(score.recall * score.expected)
        assert (found["kind"] == "missed").sum() == score.expected - hits
        assert (found["kind"] == "wrong").sum() == score.predicted - hits


def test_labels_cover_every_action_once():
    labels = label_file("barnet_2006.csv")
    olds = labels[labels["old_action"] != ""][["old_ref", "old_action"]]
    news = labels[labels["new_action"] != ""][["new_ref", "new_action"]]
    assert not olds.duplicated().any() and not news.duplicated().any()
    assert len(labels) >= 18 + 40  # issue 2: three examples and 15 more; issue 5: 40 pairs


def test_confident_pairs_are_labelled_pairs():
    """Every pair the matcher does not send for review is one a reader made too."""
    changes = changes_for(LABELLED_PAPERS["barnet_2006.csv"], SAMPLES)
    confident = changes[(changes["review"] == False) & (changes["old_action"] != "")  # noqa: E712
                        & (changes["new_action"] != "")]
    labels = label_file("barnet_2006.csv")
    gold = {(r.old_ref, r.new_ref) for r in labels.itertuples() if r.old_ref and r.new_ref}
    wrong = [(r.old_ref, r.new_ref) for r in confident.itertuples()
             if (r.old_ref, r.new_ref) not in gold]
    assert len(confident) >= 25 and not wrong


def test_synthetic_third_version_is_recovered_exactly():
    scores = evaluate_synthetic(SAMPLES)
    for what, score in scores.items():
        assert score.precision == 1.0 and score.recall == 1.0, (what, str(score))


def test_reporting_line_keeps_its_slip_in_history(sample_run):
    report, _ = sample_run
    history = report.report.history
    row = history[(history["ref"] == "1.4") & history["plan_id"].str.startswith("barnet")]
    assert len(row) == 1
    assert row.iloc[0]["original_due_date"] == pd.Timestamp("2006-12-31")
    assert row.iloc[0]["due_date"] == pd.Timestamp("2007-03-31")
    assert row.iloc[0]["times_slipped"] == 1 and row.iloc[0]["total_slip_days"] == 90


def _plan(*rows, **columns) -> pd.DataFrame:
    """A version's actions: one text per row; other columns given whole or left empty (no
    due date); the version's date given as ISO text."""
    frame = pd.DataFrame({"action": list(rows)})
    for name in ("ref", "section", "objective", "owners", "extra"):
        frame[name] = columns.get(name, [""] * len(rows))
    when = pd.Timestamp(columns.get("version_date", "2007-03-31"))
    return frame.assign(due_date=pd.NaT, status="unknown", version_date=when, plan_period="")


def _pairs(old, new, **settings):
    return {(p.old, p.new): p for p in match_versions(old, new, MatchSettings.resolve(settings))}


def test_row_context_tells_apart_actions_worded_alike():
    """Kent's plans put the task and outcome beside a terse action: 'Draft report' twice."""
    context = ['{"task": "Review long-term accommodation for homeless families"}',
               '{"task": "Pilot personal budgets for older people"}']
    old = _plan("Draft report", "Draft report", extra=context)
    new = _plan("Draft report", "Draft report", extra=context[::-1])
    assert set(_pairs(old, new)) == {(0, 1), (1, 0)}


def test_anchor_window_vouches_for_the_action_between_matched_neighbours():
    old = _plan("Publish the payment schedule for providers",
                "Agree the eligibility criteria for floating support services",
                "Report hospital discharge delays to the partnership board")
    new = _plan("Publish the payment schedule for providers",
                "Floating support access rules revised with providers",
                "Report hospital discharge delays to the partnership board",
                ref=["4.1", "4.2", "4.3"])
    assert set(_pairs(old, new, window_support=0)) == {(0, 0), (2, 2)}
    pairs = _pairs(old, new)
    assert set(pairs) == {(0, 0), (1, 1), (2, 2)} and pairs[(1, 1)].review


def test_anchor_windows_lie_between_the_partners_of_matched_neighbours():
    first, last = anchor_windows([(0, 0), (3, 5), (4, 1)], n_old=6, n_new=7, max_gap=12)
    assert (first[1], last[1]) == (first[2], last[2]) == (1, 4)  # between 0 -> 0 and 3 -> 5
    assert last[3] < first[3]  # between 0 -> 0 and 4 -> 1: nothing (and 3 is matched)
    assert (first[5], last[5]) == (2, 6)  # after 4 -> 1, to the end
    i, j = window_pairs(first, last, olds=[1, 2], news=[2, 4, 6])
    assert list(zip(i, j, strict=True)) == [(1, 2), (1, 4), (2, 2), (2, 4)]


def test_merged_and_split_actions_are_paired_for_review_as_parts():
    old = _plan("Consult providers on the revised charging policy for sheltered housing",
                "Publish leaflets explaining fairer charging to service users and carers")
    new = _plan("Consult providers on the revised charging policy for sheltered housing; "
                "publish leaflets explaining fairer charging to service users and carers")
    merged = _pairs(old, new)
    assert set(merged) == {(0, 0), (1, 0)}
    assert sorted(p.part for p in merged.values()) == [False, True]
    assert all(p.review for p in merged.values() if p.part)
    split = _pairs(new, old)
    assert set(split) == {(0, 0), (0, 1)}
    assert sorted(p.part for p in split.values()) == [False, True]


def test_a_split_off_action_keeps_its_own_history():
    old = _plan("Consult providers on the revised charging policy for sheltered housing; "
                "publish leaflets explaining fairer charging to service users and carers",
                version_date="2006-10-31")
    new = _plan("Consult providers on the revised charging policy for sheltered housing",
                "Publish leaflets explaining fairer charging to service users and carers")
    changes, chain = compare_frames(old, new)
    assert len(changes) == 2 and changes["review"].any()  # both pairs, the piece for review
    assert chain[1] != chain[2] and chain[0] in chain[1:]  # one continues, one starts afresh


def test_duplicate_refs_are_matched_by_their_text():
    old = _plan("Provider Forum dates set for the year ahead",
                "Provider Forum task groups share good practice across services",
                "Good practice development is reported back into CSG",
                ref=["2.53", "2.53", "2.533"])
    new = _plan("Provider Forum task groups share good practice across services",
                "Provider Forum dates set for the year ahead", ref=["11.6", "6.10"])
    assert set(_pairs(old, new)) == {(0, 1), (1, 0)}


def test_no_actions_no_pairs():
    empty = _plan()
    assert match_versions(empty, _plan("Vision agreed"), MatchSettings.resolve()) == []
    assert np.all(anchor_windows([], 0, 0, max_gap=12)[0] == [])


def test_sure_scores_leave_out_only_pairs_labelled_uncertain():
    labels = pd.DataFrame({"old_ref": ["1", "2"], "old_action": ["Vision agreed", "Audit done"],
                           "new_ref": ["1", "2"], "new_action": ["Vision agreed", "Audit done"],
                           "flags": ["unchanged", "unchanged"],
                           "note": ["", "uncertain: same audit?"]})
    changes = labels.drop(columns="note").iloc[:1]  # the matcher paired only the sure one
    scores = evaluate(changes, labels)
    assert (scores["matching"].recall, scores["matching, sure"].recall) == (0.5, 1.0)


_SCORES_SCRIPT = """
from pathlib import Path
from planrecon.reconcile.match import match_versions
from planrecon.reconcile.rules import MatchSettings
from scripts.eval_matching import LABELLED_PAPERS, version_frames
old, new = version_frames(LABELLED_PAPERS["barnet_2006.csv"], Path("sample_inputs"))
print([repr(p.score) for p in match_versions(old, new, MatchSettings.resolve())])
"""


@pytest.mark.slow  # three fresh interpreters, each importing the pipeline
def test_match_scores_do_not_depend_on_the_hash_seed():
    """Python salts string hashes per process; a score summed in set order would differ
    in its last bits between runs, and a rounded score in changes.csv with it."""
    import os
    import subprocess
    import sys

    started = [subprocess.Popen([sys.executable, "-c", _SCORES_SCRIPT], stdout=subprocess.PIPE,
                                text=True, cwd=SAMPLES.parent,
                                env={**os.environ, "PYTHONHASHSEED": seed})
               for seed in ("1", "2", "4")]  # side by side: each spends seconds importing
    runs = [process.communicate(timeout=300)[0] for process in started]
    assert [process.returncode for process in started] == [0, 0, 0]
    assert len(set(runs)) == 1 and "[" in runs[0]
