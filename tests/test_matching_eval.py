"""Matching and flags against hand-labelled pairs read off the seeds (tests/data/eval/).

Floors sit at what the matcher reaches today, so a regression fails; the
issue's targets (precision 0.97, recall 0.95 on the real pairs) are printed
by `make bench`, and the gap is in the closing note rather than hidden here.
"""

import pytest

from scripts.eval_matching import (
    LABELLED_PAPERS,
    changes_for,
    evaluate,
    evaluate_synthetic,
    label_file,
)
from tests.conftest import SAMPLES

FLOORS = {
    "barnet_2006.csv": {"matching": (0.95, 0.80), "slipped": (0.95, 0.90),
                        "completed": (1.0, 1.0), "owner_changed": (0.95, 0.70)},
    "kent_2009.csv": {"matching": (0.85, 0.80), "slipped": (0.80, 0.80),
                      "rolled_over": (1.0, 1.0)},
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
    assert row.iloc[0]["original_due_date"] == "2006-12-31"
    assert row.iloc[0]["due_date"] == "2007-03-31"
    assert row.iloc[0]["times_slipped"] == 1 and row.iloc[0]["total_slip_days"] == 90
