"""Shared steps after every reader: header row, title rows, repeated headers, sections.

Readers only return raw grids, which `ingest.pages` has joined over page breaks;
which rows are title, header (`ingest.headers`), section or data lives here once.
Nothing is dropped without an `Issue` saying so, except rows blank in every cell.
"""

from __future__ import annotations

from .grid import distinct_texts
from .headers import heading_groups, is_subheader, printed, repeats_header
from .heading_evidence import HeaderChoice, choose_header
from .model import Cell, Issue, IssueCode, Row, RowKind, Table
from .text import clean_text


def tidy_table(table: Table) -> list[Issue]:
    """Fill `table.header`, `table.rows` and `table.title_lines`; return what was set aside."""
    issues: list[Issue] = []
    choice = choose_header(table.grid)
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
    header = tuple(c.text for c in table.header)
    body = zip(table.grid[body_from:], table.row_locators[body_from:], strict=True)
    for cells, locator in body:
        texts = distinct_texts(cells)
        if not texts:
            continue
        shown = ["" if c.spanned else c.text for c in cells]  # as the header was kept
        if repeats_header(shown, header):
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
    table.header = printed(table.grid[header_at])
    below = table.grid[header_at + 1] if header_at + 1 < len(table.grid) else []
    if below and is_subheader(below, table.header):
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


def _fold_subheader(header: tuple[Cell, ...], row: list[Cell]) -> tuple[Cell, ...]:
    """One heading per column: "Timetable 2008/9", …; repeated headings stay as they were."""
    groups = heading_groups(header)
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
