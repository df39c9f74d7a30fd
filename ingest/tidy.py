"""Shared steps after every reader: header row, title rows, repeated headers, sections.

Readers only return raw grids (pandas' `parse()` over each engine's
`get_sheet_data()`); everything about where a table's header is and which rows
are data lives here once. Nothing is dropped without an `Issue` saying so,
except rows that are blank in every cell.
"""

from __future__ import annotations

import re

from .header import HeaderChoice, choose_header, clean_text, distinct_texts, find_header
from .model import Cell, Issue, IssueCode, Row, RowKind, Table

__all__ = ["box_caption", "clean_text", "distinct_texts", "find_header", "repeats_header",
           "tidy_table"]

REPEAT_MIN_HEADINGS = 4
REPEAT_SHARE = 0.75
"""A row with at least this share of a header's headings (of four or more) repeats it."""

_LABEL = re.compile(r"^[^:]{1,60}:$")
"""A form label: a few words ending in a colon ("Service Objective:")."""


def box_caption(rows: list) -> str:
    """The last value of a label/value box, else "".

    Plans often put a form box ("Corporate Priority: | …", "Service Objective: |
    HP 1 - …") straight above each table, with no paragraph between; its last
    value is then the heading nearest above that table, i.e. its caption. `rows`
    hold anything with a `text` (a reader's cells or slots).
    """
    pairs = [texts for texts in map(distinct_texts, rows) if texts]
    if not pairs or any(len(p) != 2 or not _LABEL.match(p[0]) for p in pairs):
        return ""
    return pairs[-1][1]


def repeats_header(row: list[str], header: list[str]) -> bool:
    """True when `row` prints `header` again (after a page break).

    A reprinted header may differ by a word inside an explanatory heading (Barnet's
    "how far the outturn is" on one page, "the outcome" on the next), so with four
    or more headings most must be equal and the rest must start with the same word.
    A heading merged over two columns may be reprinted in the other of the two
    (Hertfordshire's "Actions" over ref and action), so the same headings in the
    same order count too, wherever the blanks fall.
    """
    a = [clean_text(t).lower() for t in row]
    b = [clean_text(t).lower() for t in header]
    if a == b:
        return True
    shown = [x for x in a if x]
    if len(shown) >= REPEAT_MIN_HEADINGS and shown == [y for y in b if y]:
        return True
    if len(a) != len(b) or any(bool(x) != bool(y) for x, y in zip(a, b, strict=True)):
        return False
    filled = [(x, y) for x, y in zip(a, b, strict=True) if y]
    same = sum(x == y for x, y in filled)
    return (
        len(filled) >= REPEAT_MIN_HEADINGS
        and same >= REPEAT_SHARE * len(filled)
        and all(x.split()[0] == y.split()[0] for x, y in filled)
    )


def tidy_table(table: Table) -> list[Issue]:
    """Fill `table.header`, `table.rows` and `table.title_lines`; return what was set aside."""
    issues: list[Issue] = []
    choice = choose_header(table.grid, _is_subheader)
    if choice is None:
        rows = [texts for texts in map(distinct_texts, table.grid) if texts]
        issues.append(_set_aside(
            table, table.unit, IssueCode.NO_HEADER,
            f"no row looks like column headings, so the table ({len(rows)} rows; its first "
            "row is quoted) was not read as a plan", rows[0] if rows else []))
        return issues
    titles_end, body_from = _take_header(table, choice)
    titles = [t for row in table.grid[:titles_end] for t in distinct_texts(row)]
    table.title_lines = tuple(titles)
    title_set = {t.lower() for t in titles} | {clean_text(table.caption).lower()}
    width = len(table.header)
    body = zip(table.grid[body_from:], table.row_locators[body_from:], strict=True)
    for cells, locator in body:
        texts = distinct_texts(cells)
        if not texts:
            continue
        printed = ["" if c.spanned else c.text for c in cells]  # as the header was kept
        if repeats_header(printed, [c.text for c in table.header]):
            issues.append(_set_aside(table, locator, IssueCode.REPEATED_HEADER,
                                     "header row repeated after a page break", texts))
            continue
        if len(texts) == 1 and texts[0].lower() in title_set:
            issues.append(_set_aside(table, locator, IssueCode.TITLE_ROW,
                                     "paper title repeated inside the table", texts))
            continue
        kind = RowKind.SECTION if _is_heading(cells, texts, width) else RowKind.DATA
        if kind is RowKind.DATA:
            cells = _said_once(cells)
        table.rows.append(Row(tuple(cells), kind, locator))
    return issues


def _take_header(table: Table, choice: HeaderChoice) -> tuple[int, int]:
    """Set `table.header`; return where the title rows end and the body starts. A
    headless table gets one blank heading per column, so every column is left for its
    cells to name."""
    if choice.at is None:
        width = max(len(r) for r in table.grid)
        first = table.grid[choice.data_from]
        table.header = tuple(Cell("", first[c].locator if c < len(first) else "")
                             for c in range(width))
        return choice.data_from, choice.data_from
    header_at = choice.at
    table.header = tuple(
        Cell("", c.locator, c.fill, None, True) if c.spanned else c for c in table.grid[header_at]
    )
    below = table.grid[header_at + 1] if header_at + 1 < len(table.grid) else []
    if _is_subheader(below, table.header):
        table.header = _fold_subheader(table.header, below)
        header_at += 1
    return choice.at, header_at + 1


def _is_heading(cells: list[Cell], texts: list[str], width: int) -> bool:
    """One text alone on its row, starting in the first column, heads the rows below
    ("2.6 Access to Service"); a lone word further right ("Green" under Traffic Light)
    is a stray cell of a row, not a heading."""
    return len(texts) == 1 and width >= 3 and bool(cells) and bool(clean_text(cells[0].text))


def _said_once(cells: list[Cell]) -> list[Cell]:
    """A data cell merged across columns ("will be reported in quarter 3" over previous,
    target, result and variance) is one statement: it stays in the first column it
    covers, and the columns it spans to the right are left empty rather than each
    claiming it as their value."""
    out = list(cells)
    for c in range(len(cells) - 1, 0, -1):
        cell, left = cells[c], cells[c - 1]
        if cell.spanned and cell.text.strip() and cell.text == left.text:
            out[c] = Cell("", cell.locator, cell.fill, None, True)
    return out


def _heading_groups(header: tuple[Cell, ...]) -> list[int]:
    """For each column, the column whose heading covers it (a merged heading spans right)."""
    groups, owner = [], 0
    for i, cell in enumerate(header):
        if not cell.spanned or i == 0:
            owner = i
        groups.append(owner)
    return groups


def _is_subheader(row: list[Cell], header: tuple[Cell, ...]) -> bool:
    """A second heading row: headings split under a merged one ("Timetable" over "2008/9",
    "2009/10", "2010/11"), the other headings carried down by a vertical merge (Halton).

    Every text must either repeat the heading above it or sit under a merged heading,
    with at least one of each, so a data row can never pass."""
    if len(row) != len(header) or any(c.value is not None and not isinstance(c.value, str)
                                      for c in row):
        return False
    groups = _heading_groups(header)
    repeated = split = 0
    for i, cell in enumerate(row):
        text = clean_text(cell.text)
        if not text:
            continue
        if text == clean_text(header[i].text):
            repeated += 1
        elif groups.count(groups[i]) > 1:
            split += 1
        else:
            return False
    return repeated > 0 and split > 1


def _fold_subheader(header: tuple[Cell, ...], row: list[Cell]) -> tuple[Cell, ...]:
    """One heading per column: "Timetable 2008/9", …; repeated headings stay as they were."""
    groups = _heading_groups(header)
    folded = []
    for i, (top, sub) in enumerate(zip(header, row, strict=True)):
        text, above = clean_text(sub.text), clean_text(header[groups[i]].text)
        if not text or text == clean_text(top.text):
            folded.append(top)
        else:
            folded.append(Cell(f"{above} {text}".strip(), sub.locator, sub.fill, None, False))
    return tuple(folded)


def _set_aside(table: Table, locator: str, code: IssueCode, why: str, texts: list[str]) -> Issue:
    return Issue(code, "ingest", table.source_file, locator, why, value=" | ".join(texts))
