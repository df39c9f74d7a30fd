"""OpenDocument spreadsheet (.ods) reader: every visible sheet as a raw grid, like .xlsx.

LibreOffice and councils on Google Sheets export .ods. Each sheet becomes a
`Sheet` (`ingest.sheet_grid`) with `Sheet1!A12` locators, merged cells expanded,
hidden sheets, rows and columns left out and reported, fills from cell styles
(RAG is often only a colour). Dates keep the text as displayed and their
`office:date-value` as the typed value.
"""

from __future__ import annotations

from pathlib import Path

from .items import bulleted_lines
from .model import Extract
from .numfmt import display_text
from .odf_tables import cell_lines, cell_value, lay_out, read_columns, read_rows
from .odf_xml import Package, Styles, open_package, paragraph_lines, q
from .sheet_grid import Sheet, hidden_sheet_issue, sheet_table

NAME = "OpenDocument spreadsheet"
APP = "LibreOffice"


def read(path: Path, source_file: str) -> Extract:
    """Every non-blank visible sheet as a raw table, with the print header/footer as text."""
    package = open_package(path, NAME)
    body = package.body("spreadsheet")
    styles = Styles(package)
    tables, issues = [], []
    for sheet_el in body.findall(q("table:table")):
        name = sheet_el.get(q("table:name")) or f"Sheet{len(tables) + 1}"
        if styles.table_hidden(sheet_el.get(q("table:style-name"))):
            issues.append(hidden_sheet_issue(source_file, name, APP))
            continue
        table = sheet_table(_sheet(sheet_el, name, styles), source_file, len(tables) + 1,
                            issues, APP)
        if table is not None:
            tables.append(table)
    return Extract(tables=tables, text=_print_headers(package), title=package.title(),
                   issues=issues, saved=package.saved())


def _shown_text(tc) -> str:
    """The cell's text as displayed; a value with no written text shown as a spreadsheet would."""
    return bulleted_lines(cell_lines(tc)) or display_text(cell_value(tc), None)


def _sheet(sheet_el, name: str, styles: Styles) -> Sheet:
    columns = read_columns(sheet_el)
    rows = read_rows(sheet_el, styles, columns, _shown_text)
    cells, merged, hidden_rows = lay_out(rows, f"sheet '{name}'")
    last_col = max((c for _, c in cells), default=0)
    hidden_cols = {c for start, count in columns.hidden
                   for c in range(start, min(start + count, last_col + 1))}
    return Sheet(name, cells, merged, hidden_rows, hidden_cols)


def _print_headers(package: Package) -> str:
    """Header and footer text of the page styles: councils date a sheet there too.

    A line holding a page number or count is page numbering, nothing about the paper.
    """
    lines: list[str] = []
    if package.styles is None:
        return ""
    numbering = {q("text:page-number"), q("text:page-count")}
    for part in ("style:header", "style:footer"):
        for el in package.styles.iter(q(part)):
            for p in el.iter(q("text:p")):
                if any(child.tag in numbering for child in p.iter()):
                    continue
                for line in paragraph_lines(p):
                    if line not in lines:
                        lines.append(line)
    return "\n".join(lines)
