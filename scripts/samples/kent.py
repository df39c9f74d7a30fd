"""Seed 002: Kent Supporting People Commissioning Body report of 2 July 2009 (docx + PDF).

The report pages are portrait; the two appendices are landscape tables. The seed shows
where the printed tables ran over a page (the header repeated, sometimes with a row cut
in two: "2. Achieve a balanced" / "budget"), so each page of a table is its own Word
table repeating the header, after a real page break, with the cut rows kept cut.
Empty "Annual Objective", "Task" and "Measurable Outcome" cells under a filled one are
vertically merged into it, as in the paper.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from docx.shared import Pt

from .docxkit import (
    add_text,
    grid_table,
    new_document,
    new_section,
    page_break,
    page_number_footer,
    para,
    rule,
    set_core,
    vertical_merges,
)
from .package import docx_to_pdf, save_docx
from .seedtext import Table, blocks, read_seed

WHEN = dt.datetime(2009, 7, 2, 9, 0)
AUTHOR = "Kent Adult Social Services"
TITLE = "Draft Annual Plan 2009/2010 and the final progress report on the Annual Plan for 2008/2009"
WIDTHS = [3.4, 5.0, 5.0, 5.6, 4.6, 2.5]


def join_hard_breaks(lines: list[str]) -> list[str]:
    """Markdown hard breaks (a line ending in two spaces) join the next line with "\\n"."""
    out: list[str] = []
    carry = None
    for line in lines:
        if carry is not None:
            line = carry + "\n" + line.strip()
            carry = None
        if line.endswith("  ") and "\t" not in line:
            carry = line.rstrip()
            continue
        out.append(line)
    if carry is not None:
        out.append(carry)
    return out


def build_docx(seed_dir: Path, path: Path) -> dict:
    lines = join_hard_breaks(read_seed(seed_dir, "002_"))
    doc = new_document(size=11)
    set_core(doc, TITLE, AUTHOR, WHEN, subject="Supporting People in Kent Commissioning Body")
    page_number_footer(doc.sections[0])
    stats = {"tables": 0, "rows": {}, "merged_cells": 0, "page_breaks": 0}
    appendix = None
    for blk in blocks(lines):
        if isinstance(blk, Table):
            rows_total = 0
            for i, seg in enumerate(blk.segments):
                if i:
                    page_break(doc)
                    stats["page_breaks"] += 1
                merges = vertical_merges(seg, (0, 1, 2), first=1)
                grid_table(doc, seg, WIDTHS, size=10, merges=merges)
                stats["tables"] += 1
                stats["merged_cells"] += len(merges)
                rows_total += len(seg) - 1
            stats["rows"][appendix] = rows_total
            continue
        line = blk.line
        if line == "---":
            rule(doc)
            continue
        if line.startswith("#"):
            text = line.lstrip("#").strip()
            label = re.sub(r"\*", "", text)
            if label == "REPORT":
                para(doc, text, style="Heading 1", align=1).runs[0].font.size = Pt(16)
            elif label.startswith("Appendix"):
                appendix = label
                p = para(doc, text, style="Heading 1")
                p.paragraph_format.page_break_before = True
            elif label.startswith("Five-Year"):
                para(doc, text, style="Heading 2")
            elif re.match(r"^\d+\.0 ", label):
                para(doc, text, style="Heading 1")
            else:
                para(doc, text, style="Heading 2")
            continue
        if line.startswith("**Appendix 1****"):
            # the caption of the first appendix table: a new, landscape, section
            new_section(doc, "landscape")
            appendix = "Appendix 1"
            p = doc.add_paragraph()
            add_text(p, line.replace("****", "**\n**"))
            p.paragraph_format.space_after = Pt(6)
            for r in p.runs:
                r.font.size = Pt(12)
            continue
        if line.startswith("- (") and ")" in line[:8]:
            p = para(doc, line[2:])
            p.paragraph_format.left_indent = Pt(36)
            continue
        if line.startswith("- "):
            para(doc, line[2:], style="List Bullet")
            continue
        para(doc, line)
    save_docx(doc, path, WHEN)
    return stats


def build(seed_dir: Path, out_dir: Path, pdf: bool = True) -> dict:
    folder = out_dir / "kent-sp"
    docx_path = folder / "annual-plan-report-2009-07-02.docx"
    stats = build_docx(seed_dir, docx_path)
    result = {"kent-sp/annual-plan-report-2009-07-02.docx": stats}
    if pdf:
        pdf_path = docx_path.with_suffix(".pdf")
        docx_to_pdf(docx_path, pdf_path, WHEN)
        result["kent-sp/annual-plan-report-2009-07-02.pdf"] = {"bytes": pdf_path.stat().st_size}
    return result
