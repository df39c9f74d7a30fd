"""Print a `Grid` as a paper: xlsx, docx, odt, csv, ruled and unruled PDF, and a PDF
printed from the spreadsheet by LibreOffice (only where LibreOffice is installed).

Headings and title rows are bold; merged cells are real merges in every format that has
them (the CSV leaves the covered cells blank, as a spreadsheet's CSV export does).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
from pathlib import Path

from .families import Grid

WIDE = {"action": 5.0, "progress": 4.0, "section": 2.5}
"""Relative column widths by role; every other column is 1.5."""


def _widths(grid: Grid, total: float) -> list[float]:
    raw = [WIDE.get(role, 1.5) for role in grid.roles]
    return [total * w / sum(raw) for w in raw]


def _spans(grid: Grid) -> dict[tuple[int, int], int]:
    """(row, first column) -> how many columns the cell spans."""
    return {(r, a): b - a + 1 for r, a, b in grid.merges}


def _covered(grid: Grid) -> set[tuple[int, int]]:
    return {(r, c) for r, a, b in grid.merges for c in range(a + 1, b + 1)}


def xlsx(grid: Grid, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from scripts.samples.xlsx import fit_row, page_setup, set_widths

    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    widths = _widths(grid, 160)
    set_widths(ws, widths)
    for r, row in enumerate(grid.rows, 1):
        for c, text in enumerate(row, 1):
            cell = ws.cell(r, c, text or None)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if r <= grid.head:
                cell.font = Font(bold=True)
    spans = _spans(grid)
    for r in range(len(grid.rows)):
        fit_row(ws, r + 1, widths, {a + 1: n for (row, a), n in spans.items() if row == r})
    for r, a, b in grid.merges:
        ws.merge_cells(start_row=r + 1, start_column=a + 1, end_row=r + 1, end_column=b + 1)
    page_setup(ws)
    path = path.with_suffix(".xlsx")
    wb.save(path)
    return path


def docx(grid: Grid, path: Path) -> Path:
    import docx as python_docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    doc = python_docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    table = doc.add_table(rows=len(grid.rows), cols=len(grid.roles))
    table.style = "Table Grid"
    for c, width in enumerate(_widths(grid, 25)):
        table.columns[c].width = Cm(width)
    covered = _covered(grid)
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            run = table.cell(r, c).paragraphs[0].add_run(text)
            run.bold = r < grid.head
    for r, a, b in grid.merges:
        table.cell(r, a).merge(table.cell(r, b))
    path = path.with_suffix(".docx")
    doc.save(path)
    return path


def odt(grid: Grid, path: Path) -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P, Span

    doc = OpenDocumentText()
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    table = Table(name="Actionplan")
    table.addElement(TableColumn(numbercolumnsrepeated=len(grid.roles)))
    spans, covered = _spans(grid), _covered(grid)
    for r, row in enumerate(grid.rows):
        tr = TableRow()
        for c, text in enumerate(row):
            if (r, c) in covered:
                tr.addElement(CoveredTableCell())
                continue
            cell = TableCell(valuetype="string", numbercolumnsspanned=spans.get((r, c), 1))
            p = P()
            p.addElement(Span(stylename=bold, text=text) if r < grid.head else Span(text=text))
            cell.addElement(p)
            tr.addElement(cell)
        table.addElement(tr)
    doc.text.addElement(table)
    path = path.with_suffix(".odt")
    doc.save(str(path))
    return path


def csv_file(grid: Grid, path: Path) -> Path:
    path = path.with_suffix(".csv")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(grid.rows)
    return path


_LATIN = str.maketrans({"✓": "-", "–": "-", "—": "-", "‘": "'", "’": "'", "“": '"',
                        "”": '"', "•": "-", "…": "..."})


def _latin(text: str) -> str:
    """PDF core fonts are Latin-1: the few other marks the plans use, as the nearest."""
    return text.translate(_LATIN).encode("latin-1", "replace").decode("latin-1")


def _pdf(grid: Grid, path: Path, borders: str) -> Path:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    spans, covered = _spans(grid), _covered(grid)
    heading = FontFace(emphasis="BOLD")
    with pdf.table(col_widths=tuple(_widths(grid, 1)), borders_layout=borders,
                   first_row_as_headings=False, text_align="LEFT",
                   line_height=pdf.font_size * 1.3) as table:
        for r, row in enumerate(grid.rows):
            out = table.row()
            for c, text in enumerate(row):
                if (r, c) not in covered:
                    out.cell(_latin(text), colspan=spans.get((r, c), 1),
                             style=heading if r < grid.head else None)
    path = path.with_suffix(".pdf")
    pdf.output(str(path))
    return path


def pdf_ruled(grid: Grid, path: Path) -> Path:
    return _pdf(grid, path, "ALL")


def pdf_unruled(grid: Grid, path: Path) -> Path:
    return _pdf(grid, path, "NONE")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_from_xlsx(grid: Grid, path: Path) -> Path:
    """The spreadsheet printed to PDF by LibreOffice, as a clerk's 'Save as PDF' does."""
    sheet = xlsx(grid, path.with_name(path.name + "-sheet"))
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice(), f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless", "--convert-to", "pdf", "--outdir", str(sheet.parent),
                        str(sheet)], check=True, capture_output=True, timeout=120)
    printed = sheet.with_suffix(".pdf")
    sheet.unlink()
    return printed.rename(path.with_suffix(".pdf"))


RENDERERS = {
    "xlsx": xlsx, "docx": docx, "odt": odt, "csv": csv_file, "pdf-ruled": pdf_ruled,
    "pdf-unruled": pdf_unruled, "pdf-libreoffice": pdf_from_xlsx,
}
SKIP_REASON = {
    "pdf-libreoffice": "LibreOffice (soffice) is not installed, so no spreadsheet is printed",
}


def available(fmt: str) -> bool:
    return fmt != "pdf-libreoffice" or soffice() is not None
