"""Seed 004: Halton Health & Partnerships Service Plan 2008-11 (DRAFT – 14.12.07), docx + PDF.

Narrative with numbered headings and bullet lists; per service objective a small table
(Corporate Priority / Key Area(s) Of Focus / Service Objective), the key milestones
table with its year bands ("2008 - 09") as vertically merged first cells and the due
dates left inside the milestone text ("… Mar 2009. (AOF35)"), and the risk assessment
rows; then the performance indicator tables (two-row header, repeated on each page,
with the row the seed shows cut over a page kept cut), the EIA table and the appendix
of Council priorities. Paragraphs the seed shows cut by a page break are joined again.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from docx.shared import Pt

from .docxkit import (
    grid_table,
    header_merges,
    new_document,
    page_break,
    page_number_footer,
    para,
    set_core,
    shade,
    spacer,
    vertical_merges,
)
from .package import docx_to_pdf, save_docx
from .seedtext import Table, blocks, read_seed

WHEN = dt.datetime(2007, 12, 14, 9, 0)
AUTHOR = "Health & Partnerships, Halton Borough Council"
TITLE = "Health & Partnerships Service Plan April 2008 to March 2011 (DRAFT - 14.12.07)"
LABEL_FILL = "DBE5F1"
HEAD_FILL = "D9D9D9"

SUBHEADS = {
    "Planning & Commissioning", "Finance & Support", "Business Support", "Consumer Protection",
    "Protecting our environment", "Housing Strategy", "A Healthy Halton",
    "Halton's Urban Renewal", "Children & Young People in Halton",
    "Employment, Learning & Skills in Halton", "A Safer Halton",
    "Corporate Effectiveness & Efficient Service Delivery",
}
APPENDIX_HEADS = (
    "Service Objectives - High Risks and Associated Mitigation Measures",
    "Equality Impact Assessments – High Priority Actions",
    "Halton Corporate Plan (2006 – 2011)",
)
_CONTINUES = re.compile(r"^([a-z(]|\d+ [a-z])")


def join_page_splits(lines: list[str]) -> list[str]:
    """A paragraph the seed shows cut by a page break ("… from April" / "2008 and …")."""
    out: list[str] = []
    last = None  # index in out of the last narrative line
    for line in lines:
        s = line.strip()
        if not s:
            out.append(line)
            continue
        if ("\t" not in line and last is not None and _CONTINUES.match(s)
                and re.search(r"[a-z]$", out[last].rstrip())
                and all(not x.strip() for x in out[last + 1:])):
            out[last] = out[last].rstrip() + " " + s
            continue
        out.append(line)
        last = len(out) - 1 if "\t" not in line else None
    return out


def _objective(doc, table: Table, first: bool, stats: dict) -> None:
    rows = [r for seg in table.segments for r in seg]
    if not first:
        page_break(doc)
    labels = [r for r in rows if r[0].endswith(":")]
    grid_table(doc, [[r[0], r[1]] for r in labels], [4.2, 12.8], size=9, header_rows=0,
               fills={(i, 0): LABEL_FILL for i in range(len(labels))},
               bold_cells={(i, 0) for i in range(len(labels))})
    # milestones: the header segment, and any continuation page after it
    segs = [seg for seg in table.segments if not seg[0][0].endswith(":")]
    for i, seg in enumerate(segs):
        miles = [r for r in seg if r[0] != "Risk Assessment" and not _risk_tail(r, seg)]
        risk = [r for r in seg if r not in miles]
        if i:
            page_break(doc)
        if miles:
            spacer(doc)
            has_head = any("Key Milestones" in f for f in miles[0])
            body = []
            merges = []
            for r in miles:
                if r is miles[0] and has_head:
                    if r[0] == "Key Milestones":
                        body.append(["Key Milestones", "", "Responsible Officer"])
                        merges.append((0, 0, 0, 1))
                    else:
                        body.append(["", "Key Milestones", "Responsible Officer"])
                    continue
                officer = next((f for f in r[2:] if f.strip()), "")
                body.append([r[0], r[1], officer])
                stats["milestones"] += 1
            first_body = 1 if has_head else 0
            merges += vertical_merges(body, (0,), first=first_body)
            t = grid_table(doc, body, [2.6, 10.4, 4.0], size=9, header_rows=first_body,
                           header_fill=HEAD_FILL, merges=merges,
                           bold_cells={(r, 0) for r in range(len(body))})
            stats["year_band_merges"] += sum(1 for m in merges if m[1] == 0 and m[2] > m[0])
            del t
        if risk:
            spacer(doc)
            _risk_table(doc, risk)


def _risk_tail(row: list[str], seg: list[list[str]]) -> bool:
    """The "Residual" line under "Risk Assessment"."""
    return len(row) > 1 and row[1] == "Residual"


def _risk_table(doc, risk: list[list[str]]) -> None:
    five = any(len(r) >= 5 for r in risk)
    body, merges = [], [(0, 0, len(risk) - 1, 0)]
    for r in risk:
        r = r + [""] * (5 - len(r))
        body.append(r[:5] if five else [r[0], r[1], r[2], r[3], ""])
    if five:
        merges += [(0, 3, len(risk) - 1, 3), (0, 4, len(risk) - 1, 4)]
    else:
        merges += [(0, 3, len(risk) - 1, 4)]
    grid_table(doc, body, [2.6, 2.0, 3.0, 3.0, 6.4], size=9, header_rows=0, merges=merges,
               fills={(0, 0): LABEL_FILL}, bold_cells={(0, 0), (0, 3)} if five else {(0, 0)})


def _pi_table(doc, table: Table, page_first: bool, stats: dict) -> None:
    widths = [1.3, 3.6, 1.3, 1.45, 1.05, 1.05, 1.05, 1.45, 1.45, 1.1, 1.1, 1.1]  # 17 cm
    for i, seg in enumerate(table.segments):
        if i or page_first:
            page_break(doc)
        rows = [[re.sub(r"<u>(.*?)</u>", r"<b><u>\1</u></b>", f) for f in r] for r in seg]
        head = 2 if rows[0][0].startswith("Ref") else 0
        merges = header_merges(rows[:2]) if head else []
        fills = {}
        for r in range(head, len(rows)):
            if rows[r][0].strip() and not any(f.strip() for f in rows[r][1:]):
                merges.append((r, 0, r, len(widths) - 1))
                if not rows[r][0].startswith("There are"):
                    fills[(r, 0)] = "F2F2F2"
            else:
                stats["indicators"] += 1
        grid_table(doc, rows, widths, size=8, header_rows=head, header_fill=HEAD_FILL,
                   merges=merges, fills=fills, cell_margin_cm=0.1,
                   col_align={c: 1 for c in range(3, len(widths))})


def build_docx(seed_dir: Path, path: Path) -> dict:
    lines = join_page_splits(read_seed(seed_dir, "004_"))
    doc = new_document(size=10)
    set_core(doc, TITLE, AUTHOR, WHEN, subject="Service Plan 2008-11")
    page_number_footer(doc.sections[0])
    stats = {"objectives": 0, "milestones": 0, "year_band_merges": 0, "indicators": 0,
             "tables": 0}
    in_contents = False
    cover_done = False
    last_table_header = None
    for blk in blocks(lines, starts_new_table=lambda f, head: f[0] == "Corporate Priority:"):
        if isinstance(blk, Table):
            head = blk.header
            if head[0] == "Corporate Priority:":
                _objective(doc, blk, first=stats["objectives"] == 0, stats=stats)
                stats["objectives"] += 1
            elif head[0].startswith("Ref ¹"):
                _pi_table(doc, blk, page_first=last_table_header == head, stats=stats)
            else:
                _plain_table(doc, blk)
            stats["tables"] += 1
            last_table_header = head
            continue
        line = blk.line
        if not cover_done:
            if line == "SERVICE PLAN":
                for _ in range(6):
                    para(doc, "")
                para(doc, line, style="Title", align=1)
                continue
            if line.startswith("April 2008") or line.startswith("DRAFT"):
                para(doc, line, size=16 if line.startswith("April") else 12, bold=True, align=1)
                continue
            if line == "Contents":
                cover_done = True
                in_contents = True
                page_break(doc)
                para(doc, line, style="Heading 1")
                continue
        if in_contents:
            if line == "Page":
                para(doc, line, bold=True, align=2)
            elif line == "Appendices":
                para(doc, line, bold=True)
            elif line.startswith("- "):
                p = para(doc, line[2:])
                p.paragraph_format.left_indent = Pt(18)
            else:
                in_contents = False
                page_break(doc)
                para(doc, line, style="Heading 1")
            continue
        if any(line.startswith(h) for h in APPENDIX_HEADS):
            p = para(doc, line, style="Heading 1")
            p.paragraph_format.page_break_before = True
        elif re.match(r"^\d+\.0 [A-Z]", line):
            p = para(doc, line, style="Heading 1")
            # the service objectives start on a fresh page, as in the plan
            p.paragraph_format.page_break_before = line.startswith("5.0")
        elif re.match(r"^\d+\.\d+\.\d+ ", line):
            para(doc, line, style="Heading 3")
        elif re.match(r"^\d+\.\d+ ", line) and len(line) < 110:
            p = para(doc, line, style="Heading 2")
            p.paragraph_format.page_break_before = line.startswith("5.2 Performance")
        elif line in SUBHEADS:
            para(doc, line, bold=True, space_after=3).paragraph_format.keep_with_next = True
        elif line.startswith("- "):
            para(doc, line[2:], style="List Bullet")
        elif line.startswith("¹"):
            para(doc, line, size=8)
        else:
            para(doc, line)
    save_docx(doc, path, WHEN)
    return stats


def _plain_table(doc, table: Table) -> None:
    rows = [r for seg in table.segments for r in seg]
    ncol = max(len(r) for r in rows)
    rows = [r + [""] * (ncol - len(r)) for r in rows]
    head_rows, merges = 1, []
    if rows[0][0] == "Strategy/Policy/Service":
        head_rows, merges = 2, header_merges(rows[:2])
    if rows[0][0].isdigit():  # the Council priorities appendix: no header row
        grid_table(doc, rows, [1.2, 15.8], size=9, header_rows=0)
        return
    total = 17.0 if ncol > 2 else 12.0
    if ncol == 2:
        widths = [4.0, 8.0] if rows[0][0] == "" else [4.0, 13.0]
    elif rows[0][0] == "Year":
        widths = [2.5] + [(total - 2.5) / (ncol - 1)] * (ncol - 1)
    elif head_rows == 2:
        widths = [3.2, 3.1, 3.8, 1.6, 1.6, 1.6, 2.1]
    else:
        widths = [2.5, 9.5, 5.0][:ncol]
    t = grid_table(doc, rows, widths, size=9, header_rows=head_rows, header_fill=HEAD_FILL,
                   merges=merges)
    if rows[0][0] == "":
        shade(t.cell(0, 0), HEAD_FILL)


def build(seed_dir: Path, out_dir: Path, pdf: bool = True) -> dict:
    docx_path = out_dir / "halton" / "service-plan-2008-11.docx"
    result = {"halton/service-plan-2008-11.docx": build_docx(seed_dir, docx_path)}
    if pdf:
        pdf_path = docx_path.with_suffix(".pdf")
        docx_to_pdf(docx_path, pdf_path, WHEN)
        result["halton/service-plan-2008-11.pdf"] = {"bytes": pdf_path.stat().st_size}
    return result
