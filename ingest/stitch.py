"""A table continued over a page break, whole again.

Word and PDF papers restart a long table on each page, often reprinting its
header; a break may cut a row in two ("2. Achieve a balanced" / "budget") or
leave a merged-down column blank at the top of the new page. Here such
continuations are joined back to the table they continue, after each table
has been tidied (`tidy.tidy_table`), so a row reads as the officer saw it.
The test for a cut row (`cut_by_break`) is shared with the PDF reader, which
joins pages before tidying (`pdf_pages.stitch_pages`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Cell, Row, RowKind, Table
from .tidy import distinct_texts, repeats_header


def row_starting_columns(body: Sequence[Sequence]) -> list[int]:
    """Columns with their own text on every body row (never merged down): a new row
    always fills them. `body` holds rows of anything with `text` and `spanned` (a
    reader's slots or tidied cells); a row of one text (a heading merged across the
    table) is no body row."""
    body = [r for r in body if len(distinct_texts(r)) > 1]
    if not body:
        return []
    width = min(len(r) for r in body)
    return [c for c in range(width) if all(r[c].text.strip() and not r[c].spanned for r in body)]


def cut_by_break(body: Sequence[Sequence], row: Sequence) -> bool:
    """A row that has text but leaves half or more of the row-starting columns empty is
    the tail of the row before it, cut by the page break ("2. Achieve a balanced" /
    "budget")."""
    starters = row_starting_columns(body)
    empty = sum(not row[c].text.strip() for c in starters if c < len(row))
    return bool(starters) and any(x.text.strip() for x in row) and empty * 2 >= len(starters)


def _is_tail_of(row: Row, rows: list[Row]) -> bool:
    """A continuation's first row cut from the last data row before the break (two data
    rows at least, so the row-starting columns mean something)."""
    data = [r.cells for r in rows if r.kind is RowKind.DATA]
    return row.kind is RowKind.DATA and len(data) >= 2 and cut_by_break(data, row.cells)


def _join_rows(head: Row, tail: Row) -> Row:
    """The row the break cut, whole again; a merged cell carried over the break into the
    tail repeats the head's text, so it adds nothing."""
    cells = tuple(
        Cell(" ".join(t for t in (a.text.strip(), "" if b.spanned else b.text.strip()) if t),
             a.locator, a.fill or b.fill, a.value, a.spanned)
        for a, b in zip(head.cells, tail.cells, strict=False)
    )
    return Row(cells, head.kind, head.locator)


def _spread_joined(rows: list[Row], tail: Row, joined: Row) -> list[Row]:
    """Rows merged down from the tail's cells ("People programme", the end of a cut
    objective) carry the whole joined text, as the cell reads before the break."""
    out = []
    for row in rows:
        cells = list(row.cells)
        for c, cell in enumerate(cells):
            cut = tail.cells[c] if c < len(tail.cells) else None
            if cut is not None and cell.spanned and cut.text and cell.text == cut.text:
                cells[c] = Cell(joined.cells[c].text, cell.locator, cell.fill, cell.value, True)
        out.append(Row(tuple(cells), row.kind, row.locator))
    return out


def _continue_merges(rows: list[Row], before: list[Row]) -> list[Row]:
    """A column merged down the page (an objective over its tasks) left blank at the top
    of the continuation still holds the cell above the break: Word papers split into a
    table per page leave it blank, as the PDF of the same paper shows it carried."""
    if not rows or not before:
        return rows
    last = before[-1]
    merged = {c for r in before for c, cell in enumerate(r.cells) if cell.spanned}
    cells = list(rows[0].cells)
    for c in merged:
        if c < len(cells) and c < len(last.cells) and not cells[c].text.strip() \
                and not cells[c].spanned and last.cells[c].text.strip():
            cells[c] = Cell(last.cells[c].text, cells[c].locator, cells[c].fill, None, True)
    return [Row(tuple(cells), rows[0].kind, rows[0].locator)] + rows[1:]


def stitch_continued(tables: list[Table]) -> list[Table]:
    """Join a table continued as a new table with the same header (page breaks in Word/PDF),
    joining back a row the break cut in two."""
    out: list[Table] = []
    for table in tables:
        prev = out[-1] if out else None
        if (
            prev is not None
            and table.header
            and prev.header
            and repeats_header(prev.header_texts, table.header_texts)
        ):
            rows = list(table.rows)
            if rows and prev.rows and _is_tail_of(rows[0], prev.rows):
                tail = rows.pop(0)
                prev.rows[-1] = _join_rows(prev.rows[-1], tail)
                rows = _spread_joined(rows, tail, prev.rows[-1])
            else:
                rows = _continue_merges(rows, prev.rows)
            prev.rows.extend(rows)
            continue
        out.append(table)
    return out
