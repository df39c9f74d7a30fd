"""One spreadsheet sheet (.xlsx, .xls, .ods) as a raw `Table`: the steps all sheet readers share.

Each sheet reader only says what every cell shows (`Shown`), which ranges are
merged and which rows and columns are hidden; laying those out as a grid with
`Sheet1!A12` locators, expanding merges, leaving hidden rows and columns out
(and reporting each one that holds text) and trimming the blank margin happens
here, once, so the three formats cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from .model import Cell, Issue, IssueCode, Table

MAX_BLANK_RUN = 25
"""Blank rows kept in one run; more carry nothing (tidy drops blank rows) and a stray cell a
million rows down must not make a million-row grid."""


@dataclass(frozen=True)
class Shown:
    """What one cell shows: its displayed text, background fill and typed value."""

    text: str
    fill: str | None = None
    value: object = None


@dataclass
class Sheet:
    """A sheet as its reader found it; rows and columns are 1-based, as officers count them."""

    name: str
    cells: dict[tuple[int, int], Shown]
    """Only cells that show something (text or a fill)."""
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(first row, first column, last row, last column) of each merged range, inclusive."""
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)


def hidden_sheet_issue(source_file: str, name: str, app: str) -> Issue:
    """A hidden sheet is not read: the committee did not see it."""
    return Issue(
        IssueCode.HIDDEN, "ingest", source_file, name,
        f"sheet '{name}' is hidden in the workbook, so it was not read (the committee did "
        f"not see it; unhide it in {app} if it belongs to the plan)")


def sheet_table(sheet: Sheet, source_file: str, index: int, issues: list[Issue],
                app: str = "Excel") -> Table | None:
    """The sheet's used range as one raw table, or None when nothing on it shows text.

    Rows and columns hidden in the paper are what officers do not see (old actions,
    working figures): they are left out, and each one with text is reported, so
    nothing goes unsaid. `app` names where the officer can unhide them.
    """
    if not any(shown.text for shown in sheet.cells.values()):
        return None
    covered = covered_positions(sheet.merged)
    first_col = min(c for _, c in sheet.cells)
    last_col = max(c for _, c in sheet.cells)
    columns = [c for c in range(first_col, last_col + 1) if c not in sheet.hidden_cols]
    rows: list[list[Cell]] = []
    locators: list[str] = []
    width = 0
    for row in _rows(sheet):
        start = f"{get_column_letter(first_col)}{row}"
        if row in sheet.hidden_rows:
            _report_hidden(sheet, [(row, c) for c in range(first_col, last_col + 1)],
                           f"{sheet.name}!{start}", "row", source_file, issues, app)
            continue
        cells = []
        for col in columns:
            origin = covered.get((row, col))
            shown = sheet.cells.get(origin or (row, col)) or Shown("")
            locator = f"{sheet.name}!{get_column_letter(col)}{row}"
            cells.append(Cell(shown.text, locator, shown.fill, shown.value,
                              spanned=origin is not None))
            if shown.text:
                width = max(width, len(cells))
        rows.append(cells)
        locators.append(f"{sheet.name}!{start}")
    used_rows = sorted({r for r, _ in sheet.cells})
    for col in sorted(c for c in sheet.hidden_cols if first_col <= c <= last_col):
        letter = get_column_letter(col)
        _report_hidden(sheet, [(r, col) for r in used_rows], f"{sheet.name}!{letter}:{letter}",
                       "column", source_file, issues, app)
    while rows and not any(c.text for c in rows[-1]):
        rows.pop()
        locators.pop()
    if not rows or width == 0:
        return None
    return Table(source_file, sheet.name, index, "", [r[:width] for r in rows], locators)


def covered_positions(merged: list[tuple[int, int, int, int]]
                      ) -> dict[tuple[int, int], tuple[int, int]]:
    """Every position a merged range covers, other than its origin → the origin."""
    out = {}
    for top, left, bottom, right in merged:
        for row in range(top, bottom + 1):
            for col in range(left, right + 1):
                if (row, col) != (top, left):
                    out[(row, col)] = (top, left)
    return out


def _rows(sheet: Sheet) -> list[int]:
    """Row numbers from the first used row to the last, blank runs cut to `MAX_BLANK_RUN`."""
    used = sorted({r for r, _ in sheet.cells})
    out: list[int] = []
    for row in used:
        if out:
            out.extend(range(out[-1] + 1, min(row, out[-1] + 1 + MAX_BLANK_RUN)))
        out.append(row)
    return out


def _report_hidden(sheet: Sheet, positions, where: str, what: str, source_file: str,
                   issues: list[Issue], app: str) -> None:
    texts = [s.text for s in map(sheet.cells.get, positions) if s is not None and s.text]
    if texts:
        issues.append(Issue(
            IssueCode.HIDDEN, "ingest", source_file, where,
            f"{what} hidden in the workbook, so it was not read (unhide it in {app} if it "
            "belongs to the plan)", value=" | ".join(texts)[:300]))
