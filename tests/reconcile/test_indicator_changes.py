"""Indicators paired across two versions of a report, on small hand-made versions."""

import pandas as pd

from planrecon.reconcile import Override, ReconcileSettings
from planrecon.reconcile.indicator_changes import compare_indicators

Q2 = [("1001", "Increase the percentage of carers receiving support", "33%", "30%"),
      ("HP LI", "Number of rough sleepers", "0", "0"),
      ("HP LI", "Average length of stay in B&B accommodation", "5.33", "1.6"),
      ("1", "Reduce adult reoffending per 1000 caseload", "242", "220"),
      ("2", "Telecare: contributing to independence", "152", "171"),
      ("VA026", "Day care costs per week for people with learning disabilities", "£397", "£575"),
      ("VA027", "Day care costs per week for people with physical disabilities", "£233", "£250")]
Q3 = [("1001", "Increase the number of carers receiving support services", "35%", "30%"),
      ("HP LI", "The average length of stay in B&B accommodation of families", "4", "1.6"),
      ("HP LI", "Number of Rough Sleepers", "1", "0"),
      ("1", "Hate crimes reported by protected characteristic", "12", "10"),
      ("2", "Reduce adult reoffending per 1000 caseload", "230", "220"),
      ("VA027", "Day care costs per week for people with physical disabilities", "£240", "£250"),
      ("VA028", "Day care costs per week for people with learning disabilities", "£390", "£575")]


def _version(label: str, date: str, source: str, rows, plan_id: str = "kpis") -> pd.DataFrame:
    return pd.DataFrame([{
        "plan_id": plan_id, "plan_version": label, "version_date": pd.Timestamp(date),
        "source_file": source,
        "source_locator": f"table 1 row {n}", "ref": ref, "description": description,
        "result": result, "target": target, "rag": "none", "direction": "", "section": "",
    } for n, (ref, description, result, target) in enumerate(rows, 1)])


def _compare(*versions, overrides=(), copies=frozenset()):
    settings = ReconcileSettings(overrides=tuple(overrides))
    applied: set[int] = set()
    frame, issues = compare_indicators(pd.concat(versions, ignore_index=True), set(copies),
                                       settings, applied)
    return frame, issues, applied


def _pairs(frame) -> set[tuple[str, str]]:
    return set(zip(frame["old_description"], frame["description"], strict=True))


def test_by_ref_where_refs_agree_else_by_description():
    frame, _, _ = _compare(_version("Q3", "2014-12-31", "q3.pdf", Q3),
                           _version("Q2", "2014-09-30", "q2.pdf", Q2))
    assert set(frame["old_version"]) == {"Q2"} and set(frame["new_version"]) == {"Q3"}
    pairs = _pairs(frame[(frame["old_ref"] != "") & (frame["new_ref"] != "")])
    assert pairs == {
        (Q2[0][1], Q3[0][1]),  # the same ref, reworded
        (Q2[1][1], Q3[2][1]), (Q2[2][1], Q3[1][1]),  # a ref printed on every row: by text
        (Q2[3][1], Q3[4][1]),  # renumbered 1 -> 2, while 1 now names another indicator
        (Q2[6][1], Q3[5][1]),
        (Q2[5][1], Q3[6][1]),  # renumbered VA026 -> VA028
    }
    only = frame["flags"].map(lambda f: f[0] if len(f) == 1 else "")
    assert frame.loc[only == "new", "description"].tolist() == [Q3[3][1]]
    assert frame.loc[only == "dropped", "old_description"].tolist() == [Q2[4][1]]
    assert frame.loc[frame["old_ref"] == "1001", "match_score"].tolist() == [1.0]


def test_one_to_one():
    frame, _, _ = _compare(_version("Q2", "2014-09-30", "q2.pdf", Q2),
                           _version("Q3", "2014-12-31", "q3.pdf", Q3))
    matched = frame[(frame["old_locator"] != "") & (frame["new_locator"] != "")]
    assert matched["old_locator"].is_unique and matched["new_locator"].is_unique
    assert len(frame) == len(matched) + 2  # one new, one dropped


def test_copies_of_one_version_are_not_compared_with_each_other():
    frame, _, _ = _compare(_version("April 2008", "2008-04-30", "plan.docx", Q2),
                           _version("April 2008", "2008-04-30", "plan.pdf", Q2))
    assert frame.empty
    frame, _, _ = _compare(_version("Q2", "2014-09-30", "q2.docx", Q2),
                           _version("Q2", "2014-09-30", "q2.pdf", Q2[:3]),
                           _version("Q3", "2014-12-31", "q3.pdf", Q3), copies={"q2.docx"})
    assert set(frame["old_source_file"]) - {""} == {"q2.pdf"}


def test_each_plan_is_its_own_series():
    frame, _, _ = _compare(_version("Q2", "2014-09-30", "a.pdf", Q2, "adults"),
                           _version("Q3", "2014-12-31", "b.pdf", Q3, "children"))
    assert frame.empty


def test_overrides_force_and_reject_indicator_pairs():
    forced = Override("force", old_ref="2", new_ref="1", line=2)
    rejected = Override("reject", old_action=Q2[6][1], new_action=Q3[5][1], line=3)
    unused = Override("force", old_ref="9.9", new_ref="9.9", line=4)
    frame, issues, applied = _compare(_version("Q2", "2014-09-30", "q2.pdf", Q2),
                                      _version("Q3", "2014-12-31", "q3.pdf", Q3),
                                      overrides=[forced, rejected, unused])
    assert (Q2[4][1], Q3[3][1]) in _pairs(frame)
    assert (Q2[6][1], Q3[5][1]) not in _pairs(frame)
    assert applied == {2, 3}
    assert sum("applied" in issue.message for issue in issues) == 2
