"""What the officer reads on screen after a run: the Summary sheet's counts, in words.

The run summary and the workbook are read independently (the text by pattern, the
workbook with openpyxl) and every count they share must agree.
"""

import io
import re
import warnings

import openpyxl
import pytest

from planrecon.cli import _Progress, _summary

SCREEN_WORDS = {"Slipped": "slipped", "Owner changed": "changed owner",
                "Rolled over": "rolled over", "New": "new", "Dropped": "dropped",
                "Completed": "completed"}
"""Summary change header → the words the screen counts it in."""
HEADER_ROW = 7


def _number(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found, f"{pattern!r} not in {text!r}"
    return int(found.group(1))


def _table_rows(ws) -> int:
    """Data rows of a table sheet (note in row 1, header in row 2)."""
    return sum(any(c.value is not None for c in row) for row in ws.iter_rows(min_row=3))


@pytest.fixture(scope="module")
def screen_and_book(sample_run):
    result, out = sample_run
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl drops the x14 data-bar extension, loudly
        book = openpyxl.load_workbook(out / "reconciliation.xlsx")
    return _summary(result), book


def _summary_sheet(book) -> tuple[dict[str, int], int, str, str]:
    """The 'All plans' row by header (first of a repeated header: the status
    'Rolled over' comes before the change), the number of plan rows, and the two lines
    above the table."""
    ws = book["Summary"]
    headers = [c.value for c in ws[HEADER_ROW]]
    row = next(r for r in range(HEADER_ROW + 1, ws.max_row + 1)
               if ws.cell(r, 1).value == "All plans")
    totals: dict[str, int] = {}
    for c, header in enumerate(headers, start=1):
        key = header if header not in totals else f"{header} (change)"
        totals[key] = ws.cell(row, c).value
    return totals, row - HEADER_ROW - 1, ws["A3"].value, ws.cell(3, 6).value


def test_screen_and_summary_sheet_agree_on_every_count(screen_and_book):
    screen, book = screen_and_book
    totals, plans, papers_line, review_line = _summary_sheet(book)
    assert _number(r"Papers: (\d+)", screen) == _number(r"(\d+) papers? read", papers_line)
    assert _number(r"(\d+) set aside", screen) == _number(r"(\d+) set aside", papers_line)
    assert _number(r"Plans: (\d+)", screen) == plans
    assert _number(r"in (\d+) versions", screen) == totals["Versions"]
    assert _number(r"Actions in the latest versions: (\d+)", screen) == totals["Actions"]
    for header, words in SCREEN_WORDS.items():
        sheet_count = totals["Rolled over (change)" if header == "Rolled over" else header]
        assert _number(rf"(\d+) {words}\b", screen) == sheet_count, header
    overdue = _number(r"Overdue in the latest versions: (\d+)", screen)
    assert overdue == totals["Overdue"]
    review = _number(r"(\d+) matched pairs on the Match review", screen)
    assert review == _number(r"(\d+) matched pairs? to check", review_line)
    notes = _number(r"(\d+) lines on the Data quality", screen)
    assert notes == _number(r"(\d+) data-quality notes?", papers_line)
    # and each count is the rows of the sheet it names
    assert overdue == _table_rows(book["Overdue"])
    assert review == _table_rows(book["Match review"])
    assert notes == _table_rows(book["Data quality"])


def test_screen_says_changes_in_words(screen_and_book):
    screen, _ = screen_and_book
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", screen.split("Workbook:")[0]), screen


def test_overdue_sheet_holds_only_each_plans_latest_version(screen_and_book, sample_run):
    _, book = screen_and_book
    versions = sample_run[0].report.live_versions()
    latest = set(versions.groupby("plan_id")["plan_version"].last().items())
    ws = book["Overdue"]
    rows = [(r[0].value, r[1].value) for r in ws.iter_rows(min_row=3) if r[0].value]
    assert rows and set(rows) <= latest


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_only():
    quiet, terminal = io.StringIO(), _Terminal()
    for stream in (quiet, terminal):
        progress = _Progress(stream)
        for n in (1, 2, 3):
            progress(n, 3, f"plan-{n}.xlsx")
    assert quiet.getvalue() == ""
    assert "3/3" in terminal.getvalue() and "plan-3.xlsx" in terminal.getvalue()


def test_screen_says_how_each_report_series_moved_as_the_summary_does(screen_and_book):
    screen, book = screen_and_book
    ws = book["Summary"]
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Report series")
    headers = [ws.cell(head, c).value for c in range(1, 11)]
    lines = []
    for r in range(head + 1, ws.max_row + 1):
        if not ws.cell(r, 1).value:
            break
        lines.append({h: ws.cell(r, c).value for c, h in enumerate(headers, start=1)})
    assert len(lines) >= 2  # Barnet's made quarter and Halton's made plans
    for line in lines:
        said = re.search(rf"Indicators of {line['Report series']} .*", screen).group()
        for header, words in (("Improved", "improved"), ("Stable", "stable"),
                              ("Worsened", "worsened"), ("Off track", "on KPIs off track")):
            assert _number(rf"(\d+) {words}", said) == line[header], header
    assert sum(line["Off track"] for line in lines) == _table_rows(book["KPIs off track"])
