"""The declared matching rules (reconcile/matching.yaml) and their overrides do what they say."""

from __future__ import annotations

import pandas as pd
import pytest

from planrecon.reconcile.match import explain_pairs, match_versions
from planrecon.reconcile.rules import MatchSettings


def _plan(actions, **columns) -> pd.DataFrame:
    """Actions as reconcile reads them; due dates given as ISO text ('' for none), typed."""
    frame = pd.DataFrame({"action": list(actions)})
    for name in ("ref", "section", "objective", "owners", "due_date", "extra"):
        frame[name] = columns.get(name, [() if name == "owners" else ""] * len(actions))
    frame["due_date"] = pd.to_datetime(frame["due_date"].replace("", None), format="%Y-%m-%d")
    return frame.assign(status="unknown", version_date=pd.Timestamp("2007-03-31"),
                        plan_period="")


OLD = _plan(["Publish the payment schedule for providers"], owners=[("CSG",)])
NEW = _plan(["Publish the payment schedule for providers each quarter"],
            owners=[("CSG", "Providers")])


def _explained(settings) -> pd.Series:
    return explain_pairs(OLD, NEW, MatchSettings.resolve(settings), [(0, 0)]).iloc[0]


def test_a_missing_level_override_changes_the_score_by_its_weight():
    """No section on either side: the packaged `missing` level gives 0.5; declaring 0.9
    instead raises the pair's score by 0.10 (the section weight) x 0.4."""
    before = _explained(None)
    levels = [{"when": "missing", "score": 0.9}, {"when": "else", "score": "likeness"}]
    after = _explained({"comparisons": {"section": {"levels": levels}}})
    assert (before["section"], after["section"]) == (0.5, 0.9)
    assert after["score"] - before["score"] == pytest.approx(0.10 * 0.4)


def test_an_at_least_level_turns_a_likeness_into_a_fixed_score():
    """Owners CSG vs CSG;Providers: Jaccard 0.5, so `at_least 0.5 -> 1` gives 1 and
    `at_least 0.6 -> 1` leaves the likeness."""
    def owner(threshold):
        levels = [{"when": "missing", "score": 0.5},
                  {"when": "at_least", "threshold": threshold, "score": 1.0},
                  {"when": "else", "score": "likeness"}]
        return _explained({"comparisons": {"owner": {"levels": levels}}})["owner"]

    assert _explained(None)["owner"] == 0.5
    assert (owner(0.5), owner(0.6)) == (1.0, 0.5)


def test_a_weight_override_moves_the_score_as_declared(tmp_path):
    """The same weights from a flat dict (today's key), a nested dict and a YAML file."""
    weights = {"text": 0.5, "section": 0.1, "owner": 0.32, "ref": 0.08}
    path = tmp_path / "matching.yaml"
    path.write_text("comparisons:\n  text: {weight: 0.5}\n  owner: {weight: 0.32}\n",
                    encoding="utf-8")
    base = _explained(None)
    expected = base["score"] + (0.5 - 0.7) * base["text"] + (0.32 - 0.12) * base["owner"]
    for given in ({"weights": weights},
                  {"comparisons": {"text": {"weight": 0.5}, "owner": {"weight": 0.32}}}, path):
        assert _explained(given)["score"] == pytest.approx(expected)


def test_thresholds_and_later_passes_keep_todays_flat_keys():
    s = MatchSettings.resolve({"accept": 0.6, "review_below": 0.7, "candidate_min_text": 0.3,
                               "context_min_text": 0.5, "context_weight": 0.4,
                               "window_support": 0.5, "part_min": 0.9, "context_share": 0.2})
    assert (s.thresholds.accept, s.thresholds.review_below) == (0.6, 0.7)
    assert [b.min_cosine for b in s.blocking if b.rule == "similar_text"] == [0.3]
    assert (s.neighbours.min_text, s.neighbours.weight, s.neighbours.window_support) == (
        0.5, 0.4, 0.5)
    assert (s.parts.min_share, s.context_share) == (0.9, 0.2)
    assert MatchSettings.resolve(None) == MatchSettings.resolve({})


@pytest.mark.parametrize(("old_due", "new_due", "score"), [
    ("2007-03-31", "2007-03-31", 1.0), ("2007-03-31", "2007-06-30", 0.0),
    ("2007-03-31", "", 0.5), ("", "", 0.5)])
def test_a_comparison_an_officer_adds_on_due_dates_reads_no_date_as_missing(old_due, new_due,
                                                                            score):
    """Due dates are dates between the stages; compared, one without a date is missing
    (no evidence either way), never unequal to the other."""
    due = {"column": "due_date", "measure": "equal", "weight": 0.0, "levels": [
        {"when": "missing", "score": 0.5}, {"when": "exact", "score": 1.0},
        {"when": "else", "score": 0.0}]}
    old = _plan(["Publish the payment schedule for providers"], due_date=[old_due])
    new = _plan(["Publish the payment schedule for providers"], due_date=[new_due])
    settings = MatchSettings.resolve({"comparisons": {"due": due}})
    assert explain_pairs(old, new, settings, [(0, 0)]).iloc[0]["due"] == score


def test_raising_accept_drops_a_pair_it_accepted():
    assert [(p.old, p.new) for p in match_versions(OLD, NEW, MatchSettings.resolve())] == [(0, 0)]
    score = _explained(None)["score"]
    stricter = MatchSettings.resolve({"accept": min(score + 0.01, 1.0), "review_below": 1.0})
    # the neighbour pass has no anchors here, so nothing else can pair them
    assert match_versions(OLD, NEW, stricter) == []


def test_a_same_ref_blocking_rule_lets_unlike_texts_be_scored():
    """Texts with no word in common are never candidates under the text rule alone; a
    declared `same` rule on ref makes them candidates, and ref-heavy weights pair them."""
    old = _plan(["Publish the payment schedule", "Review hospital discharge delays"],
                ref=["4.1", "4.2"])
    new = _plan(["Carers' leaflets reprinted", "Audit of floating support"], ref=["4.1", "9.9"])
    weights = {"weights": {"text": 0.2, "section": 0.1, "owner": 0.1, "ref": 0.6}}
    text_only = MatchSettings.resolve(weights)
    assert match_versions(old, new, text_only) == []
    blocking = [{"rule": "similar_text", "min_cosine": 0.25, "top_k": 8},
                {"rule": "same", "column": "ref", "top_k": 2}]
    with_ref = MatchSettings.resolve({**weights, "blocking": blocking})
    assert [(p.old, p.new) for p in match_versions(old, new, with_ref)] == [(0, 0)]


def test_similar_text_within_a_section_looks_for_partners_there_only():
    """Issue 17: `within: section` keeps a very large plan from being compared all against
    all; the same text under another section is then no first-pass candidate, and only
    the neighbour pass pairs it (so for review)."""
    old = _plan(["Publish the payment schedule for providers",
                 "Review hospital discharge delays with the trust"],
                section=["Finance", "Health"])
    new = _plan(["Publish the payment schedule for providers each quarter",
                 "Review hospital discharge delays with the trust"],
                section=["Finance", "Housing"])
    everywhere = MatchSettings.resolve(None)
    within = MatchSettings.resolve({"blocking": [
        {"rule": "similar_text", "min_cosine": 0.25, "top_k": 8, "within": "section"}]})
    assert [(p.old, p.new, p.review) for p in match_versions(old, new, everywhere)] == [
        (0, 0, False), (1, 1, False)]
    assert [(p.old, p.new, p.review) for p in match_versions(old, new, within)] == [
        (0, 0, False), (1, 1, True)]


def test_a_large_group_is_assigned_on_its_sparse_graph_with_the_same_pairs(monkeypatch):
    """Issue 17: a group of candidates too large for a full cost matrix is assigned on the
    sparse graph of its pairs (LAPJVsp), and picks what the Hungarian algorithm picks."""
    from planrecon.reconcile import match
    from scripts.synthetic import next_version, random_plan

    old = random_plan(400, seed=5)
    new, _ = next_version(old, seed=11)
    settings = MatchSettings.resolve(None)
    dense = match_versions(old, new, settings)
    monkeypatch.setattr(match, "DENSE_CELLS", 0)
    sparse = match_versions(old, new, settings)
    assert len(dense) > 300 and sparse == dense


@pytest.mark.parametrize(("given", "named"), [
    ({"acept": 0.6}, "'acept'"),
    ({"comparisons": {"text": {"wieght": 0.7}}}, "comparisons.text"),
    ({"comparisons": {"ref": {"levels": [{"when": "else", "score": 0, "bonus": 1}]}}},
     "'bonus'"),
    ({"neighbours": {"max_gap": 12, "gap": 3}}, "'gap'"),
    ({"weights": {"text": 0.7, "title": 0.3}}, "'title'"),
    ({"comparisons": {"due": {"weight": 0.0}}}, "comparisons.due"),
    ({"same_action": {"min_cosine": 0.7}}, "same_action"),
])
def test_a_bad_key_is_refused_by_name(given, named):
    with pytest.raises(ValueError, match=named.replace(".", r"\.")):
        MatchSettings.resolve(given)


@pytest.mark.parametrize("given", [
    {"weights": {"text": 0.8}},  # weights no longer add up to 1
    {"accept": 0.9},  # above review_below
    {"comparisons": {"section": {"levels": [{"when": "missing", "score": 0.5}]}}},  # no else
    {"comparisons": {"section": {"levels": [{"when": "at_least", "score": 1.0},
                                            {"when": "else", "score": "likeness"}]}}},
    {"comparisons": {"owner": {"measure": "soundex"}}},
    {"blocking": [{"rule": "same", "top_k": 2}]},  # same what?
    {"blocking": [{"rule": "same", "column": "ref", "top_k": 2, "within": "section"}]},
    {"thresholds": {"accept": "high"}},
])
def test_an_inconsistent_declaration_is_refused(given):
    with pytest.raises(ValueError):
        MatchSettings.resolve(given)


def test_every_declarable_measure_is_executed():
    """rules.MEASURES (what a declaration may name) and the matcher's measures agree."""
    from planrecon.reconcile import match, rules

    assert set(rules.MEASURES) == set(match.MEASURES) | {"text"}
