"""Delimited text trackers (.csv, .tsv): encoding and separator found from the content."""

from __future__ import annotations

import pytest

from planrecon.ingest import IssueCode, read_paper, read_raw

ROWS = [
    ["Ref", "Action", "Lead officer", "Target date", "Budget"],
    ["1.1", "Review the allocations policy – phase 1", "Head of Housing", "Mar-25", "£1,200"],
    ["1.2", "Publish the directory; consult providers", "SP Manager", "Q4 2024/25", "£300"],
]


def _text(sep: str, rows=ROWS) -> str:
    def field(value: str) -> str:
        return f'"{value}"' if any(ch in value for ch in (sep, '"', "\n")) else value
    return "".join(sep.join(field(v) for v in row) + "\r\n" for row in rows)


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_tracker_is_read_whatever_its_separator_and_encoding(tmp_path, sep, encoding):
    path = tmp_path / "tracker.csv"
    path.write_bytes(_text(sep).encode(encoding))
    fmt, extract = read_raw(path, "q3/tracker.csv")
    assert fmt == "csv" and len(extract.tables) == 1
    table = extract.tables[0]
    assert [[c.text for c in row] for row in table.grid] == ROWS
    assert table.unit == "tracker"
    assert table.row_locators == ["tracker!A1", "tracker!A2", "tracker!A3"]
    assert table.grid[2][3].locator == "tracker!D3"


def test_quoted_line_breaks_and_bullets_stay_in_one_cell(tmp_path):
    rows = [ROWS[0], ["1.1", "Review:\n• policy\n• register", "Head of Housing", "Mar-25", ""]]
    (tmp_path / "tracker.tsv").write_text(_text("\t", rows), encoding="utf-8")
    paper = read_paper(tmp_path / "tracker.tsv", tmp_path)
    assert paper.format == "csv" and not paper.issues
    assert paper.tables[0].rows[0].texts()[:2] == ["1.1", "Review:; policy; register"]


def test_a_csv_named_otherwise_is_read_by_content(tmp_path):
    (tmp_path / "tracker.txt").write_text(_text(","), encoding="utf-8")
    paper = read_paper(tmp_path / "tracker.txt", tmp_path)
    assert paper.format == "csv"
    assert [i.code for i in paper.issues] == [IssueCode.WRONG_EXTENSION]


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("notes.csv", "Minutes of the meeting held on 3 March.\nPresent: the board.\n",
     "not a format planrecon reads"),
    ("plan.xls", "<html><body><table><tr><td>Ref</td><td>Action</td></tr></table></body></html>",
     "not a format planrecon reads"),
    ("forwarded.eml", "From: clerk@example.org\nSubject: plan\n\nPlease find attached.\n",
     "attached papers"),
])
def test_text_that_is_not_a_table_is_set_aside(tmp_path, name, content, reason):
    (tmp_path / name).write_text(content, encoding="utf-8")
    paper = read_paper(tmp_path / name, tmp_path)
    assert paper.quarantined and reason in paper.issues[0].message
    assert paper.issues[0].code is IssueCode.UNSUPPORTED


@pytest.mark.parametrize("name", ["SOURCES.md", "readme.markdown", "run.log", "notes.json"])
def test_a_table_in_a_note_beside_the_papers_is_not_read_as_a_paper(tmp_path, name):
    """A Markdown or log file may hold a delimited table (the folder's own index of
    papers), but it is not a committee paper: set aside, saying how to make it one."""
    (tmp_path / name).write_text(_text("|"), encoding="utf-8")
    paper = read_paper(tmp_path / name, tmp_path)
    assert paper.quarantined and paper.issues[0].code is IssueCode.UNSUPPORTED
    assert "save it as .csv" in paper.issues[0].message


@pytest.mark.parametrize("name", ["export.xls", "tracker", "tracker.ods"])
def test_a_csv_export_under_a_spreadsheet_name_is_still_read(tmp_path, name):
    (tmp_path / name).write_text(_text(","), encoding="utf-8")
    assert read_paper(tmp_path / name, tmp_path).format == "csv"
