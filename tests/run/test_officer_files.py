"""Issue 12: the officer's five files are read and checked before any paper, and a mistake
names the file, the line (or row) and the key, and says what was expected."""

import datetime as dt
from pathlib import Path

import pytest

from planrecon.officer_files import OfficerFileError, load_officer_files

PAPERS = ["barnet/plan-2006.xlsx", "barnet/plan-2007.xlsx"]
HEADER = "decision,plan_id,old_version,new_version,old_ref,new_ref,old_action,new_action,note\n"


def _write(inbox: Path, name: str, text: str | bytes) -> None:
    path = inbox / name
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)


def _errors(inbox: Path) -> list[str]:
    with pytest.raises(OfficerFileError) as caught:
        load_officer_files(inbox, PAPERS)
    return [str(p) for p in caught.value.problems]


def test_no_files_at_all_is_the_defaults(tmp_path):
    loaded = load_officer_files(tmp_path, PAPERS)
    assert loaded.reconcile.plans == () and loaded.reconcile.overrides == ()
    assert loaded.warnings == ()


def test_broken_yaml_names_the_file_and_line(tmp_path):
    _write(tmp_path, "plans.yaml", "papers:\n  - file: a.xlsx\n    plan: [unclosed\n")
    [error] = _errors(tmp_path)
    assert error.startswith("plans.yaml, line 4") and "not valid YAML" in error


def test_an_unknown_top_level_key_suggests_the_right_one(tmp_path):
    _write(tmp_path, "plans.yaml", "paper:\n  - file: barnet/plan-2006.xlsx\n")
    assert _errors(tmp_path) == [
        "plans.yaml, line 1, paper: unknown key 'paper': did you mean 'papers'? "
        "(expected papers)"]


def test_a_misspelt_key_in_an_entry_and_every_other_error_are_all_reported(tmp_path):
    _write(tmp_path, "plans.yaml",
           "papers:\n  - file: barnet/plan-2006.xlsx\n    versoin: Q1\n"
           "  - file: barnet/plan-2007.xlsx\n    date: 13/09/2007\n")
    errors = _errors(tmp_path)
    assert errors[0].startswith("plans.yaml, line 3, papers[1].versoin: unknown key 'versoin':"
                                " did you mean 'version'?")
    assert errors[1].startswith("plans.yaml, line 5, papers[2].date: expected a")
    assert "YYYY-MM-DD" in errors[1] and "'13/09/2007'" in errors[1]


@pytest.mark.parametrize("date", ["2007-02-30", "20070913", "next week"])
def test_a_date_that_is_not_a_date(tmp_path, date):
    _write(tmp_path, "plans.yaml", f"papers:\n  - file: '*.xlsx'\n    date: {date}\n")
    [error] = _errors(tmp_path)
    assert error.startswith("plans.yaml, line 3, papers[1].date:") and "YYYY-MM-DD" in error


def test_an_unknown_matching_setting(tmp_path):
    _write(tmp_path, "config/matching.yaml", "accept: 0.6\nreview_bellow: 0.7\n")
    [error] = _errors(tmp_path)
    assert error.startswith("config/matching.yaml, line 2, review_bellow: unknown key")
    assert "did you mean 'review_below'?" in error


def test_matching_settings_are_checked_by_reconcile_s_own_rules(tmp_path):
    _write(tmp_path, "config/matching.yaml", "accept: 0.8\nreview_below: 0.6\n")
    assert _errors(tmp_path) == [
        "config/matching.yaml, line 1: need 0 < accept <= review_below <= 1"]
    _write(tmp_path, "config/matching.yaml", "accept: 0.6\nreview_below: 0.75\n")
    match = load_officer_files(tmp_path, PAPERS).reconcile.match
    assert (match.thresholds.accept, match.thresholds.review_below) == (0.6, 0.75)


@pytest.mark.parametrize(("text", "line", "says"), [
    ("action_table:\n  owenr: [Who by]\n", 2, "'owenr' is not an action plan column (did you "
                                               "mean 'owner'?)"),
    ("confidence: 1.5\n", 1, "less than or equal to 1, got 1.5"),
    ("kinds:\n  action:\n    - [action, duedate]\n", 3, "'duedate' is not a column name"),
    ("other:\n  notes: {a: b}\n", 2, "expected a list"),
])
def test_a_bad_value_in_columns_yaml(tmp_path, text, line, says):
    _write(tmp_path, "config/columns.yaml", text)
    [error] = _errors(tmp_path)
    assert error.startswith(f"config/columns.yaml, line {line}") and says in error


def test_columns_yaml_lines_pasted_twice_add_up(tmp_path):
    _write(tmp_path, "config/columns.yaml", "action_table: {owner: [Accountable Body]}\n"
                                            "action_table: {progress: [Progres to date]}\n")
    synonyms = load_officer_files(tmp_path, PAPERS).normalise.synonyms
    written = {e.written: e.target for e in synonyms.entries}
    assert written["Accountable Body"] == "owner"
    assert written["Progres to date"] == "progress"


def test_owners_yaml_in_either_shape(tmp_path):
    _write(tmp_path, "config/owners.yaml", "Housing Options Team: [HOT]\n")
    aliases = load_officer_files(tmp_path, PAPERS).normalise.aliases
    assert aliases.resolve("HOT") == "Housing Options Team"
    _write(tmp_path, "config/owners.yaml", "councills:\n  kent:\n    aliases: {A: [B]}\n")
    [error] = _errors(tmp_path)
    assert error.startswith("config/owners.yaml, line 1, councills: unknown key")
    _write(tmp_path, "config/owners.yaml", "aliases:\n  Finance: [NO]\n")
    [error] = _errors(tmp_path)  # YAML read NO as false
    assert error.startswith("config/owners.yaml, line 2, aliases.Finance[1]:")


def test_a_key_nobody_reads_is_a_warning_and_the_rest_is_used(tmp_path):
    _write(tmp_path, "plans.yaml", "papers:\n  - file: barnet/plan-2006.xlsx\n"
                                   "    comment: agreed at committee\n    version: 2007\n")
    loaded = load_officer_files(tmp_path, PAPERS)
    assert loaded.reconcile.plans[0].version == "2007"
    [warning] = map(str, loaded.warnings)
    assert warning.startswith("plans.yaml, line 3, papers[1].comment: 'comment' is not a key")


def test_an_entry_that_matches_no_paper_is_a_warning(tmp_path):
    _write(tmp_path, "plans.yaml", "papers:\n  - file: barnet/plan-2006.xlsx\n    plan: b\n"
                                   "  - file: kent/*.pdf\n    plan: k\n")
    loaded = load_officer_files(tmp_path, PAPERS)
    assert [e.plan for e in loaded.reconcile.plans] == ["b", "k"]
    assert [str(w) for w in loaded.warnings] == [
        "plans.yaml, line 4, papers[2].file: 'kent/*.pdf' matches no paper in the inbox, so "
        "this entry was not used"]


@pytest.mark.parametrize("written", ["barnet\\\\plan-2006.xlsx", "barnet\\plan-2006.xlsx"])
def test_windows_paths_are_folders(tmp_path, written):
    quoted = f'"{written}"' if "\\\\" in written else written
    _write(tmp_path, "plans.yaml", f"papers:\n  - file: {quoted}\n    date: 2006-09-13\n")
    loaded = load_officer_files(tmp_path, PAPERS)
    assert loaded.reconcile.plans[0].file == "barnet/plan-2006.xlsx"
    assert loaded.reconcile.plans[0].date == dt.date(2006, 9, 13)
    assert loaded.warnings == ()


def test_overrides_saved_by_excel_in_cp1252_with_semicolons(tmp_path):
    text = ("Decision;Old ref;New ref;Old action;Checked by\r\n"
            "Confirm;1.2;2.1;Café review £5k;me\r\n;;;;\r\n")
    _write(tmp_path, "overrides.csv", text.encode("cp1252"))
    loaded = load_officer_files(tmp_path, PAPERS)
    [row] = loaded.reconcile.overrides
    assert (row.decision, row.old_ref, row.old_action, row.line) == (
        "confirm", "1.2", "Café review £5k", 2)
    [warning] = map(str, loaded.warnings)
    assert warning.startswith("overrides.csv, row 1, Checked by: a column planrecon does not")


def test_overrides_with_a_bom(tmp_path):
    _write(tmp_path, "overrides.csv", (HEADER + "reject,,,,1.16,1.4,,,\n").encode("utf-8-sig"))
    [row] = load_officer_files(tmp_path, PAPERS).reconcile.overrides
    assert (row.decision, row.old_ref, row.new_ref) == ("reject", "1.16", "1.4")


def test_wrong_headers_are_reported_as_headers(tmp_path):
    _write(tmp_path, "overrides.csv", "descision,old_refs,new_ref\nconfirm,1,2\n")
    [error] = _errors(tmp_path)
    assert error.startswith("overrides.csv, row 1: wrong header 'descision' (did you mean "
                            "'decision'?); wrong header 'old_refs' (did you mean 'old_ref'?)")
    assert "expected columns: decision, plan_id" in error and "confirm" not in error


def test_a_bad_override_row_names_its_row_and_column(tmp_path):
    _write(tmp_path, "overrides.csv", HEADER + "confirm,,,,1,2,,,\nmaybe,,,,1.16,1.4,,,\n"
                                               "force,,,,1.16,,,,\n")
    assert _errors(tmp_path) == [
        "overrides.csv, row 3, decision: Input should be 'confirm', 'reject' or 'force', "
        "got 'maybe'",
        "overrides.csv, row 4: name each side of the pair by old_ref or old_action and by "
        "new_ref or new_action"]


def test_a_misnamed_config_file_is_an_error_and_a_stray_one_a_warning(tmp_path):
    _write(tmp_path, "config/column.yaml", "action_table: {}\n")
    _write(tmp_path, "config/notes.txt", "why we did it\n")
    [error] = _errors(tmp_path)
    assert error.startswith("config/column.yaml: is not a file planrecon reads")
    assert error.endswith("did you mean columns.yaml?")
    (tmp_path / "config/column.yaml").unlink()
    [warning] = load_officer_files(tmp_path, PAPERS).warnings
    assert warning.file == "config/notes.txt"


def test_a_linked_config_folder_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    _write(elsewhere, "matching.yaml", "accept: 0.6\n")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "config").symlink_to(elsewhere)
    assert _errors(inbox) == ["config/matching.yaml: is a link to a file elsewhere, which "
                              "planrecon does not follow: copy the file itself into the inbox"]


def test_the_built_in_lists_pass_the_checks_an_officer_s_copy_would(tmp_path):
    """The models accept everything the shipped defaults use, so an officer may start
    from a copy of them."""
    defaults = Path(__file__).resolve().parents[2] / "normalise" / "defaults"
    for name in ("columns.yaml", "owners.yaml"):
        _write(tmp_path, f"config/{name}", (defaults / name).read_text(encoding="utf-8"))
    loaded = load_officer_files(tmp_path, PAPERS)
    assert loaded.warnings == ()
    assert loaded.normalise.aliases.resolve("SPT") == "Supporting People Team"
