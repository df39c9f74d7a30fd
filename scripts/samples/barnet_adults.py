"""Seed 003: Barnet Adults & Communities Delivery Unit, Q2 2014/15 performance report (PDF).

Landscape pages: the dashboard, achievements/challenges, the CPI, CP and KPI indicator
tables (header captions with their italic explanations), interventions, revenue and
capital tables, change projects, the 5x5 risk heat map, the risk register, equalities
and customer experience. The .docx is built in a temporary folder and only the PDF is
kept. Where the seed shows a table running over a page (a repeated header, or rows
after a blank line) the next page starts a new table after a real page break.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from docx.shared import Pt

from .docxkit import (
    grid_table,
    header_merges,
    landscape,
    new_document,
    page_break,
    page_number_footer,
    para,
    set_core,
)
from .package import docx_to_pdf, save_docx
from .seedtext import Table, Text, blocks, plain, read_seed

WHEN = dt.datetime(2014, 11, 3, 9, 0)
AUTHOR = "Adults and Communities Delivery Unit, London Borough of Barnet"
TITLE = "Adults and Communities Delivery Unit - Quarter 2 2014/15 performance report"
HEAD = "C6D9F1"
RAG = {"green": "00B050", "green amber": "92D050", "amber": "FFC000", "red amber": "FF6600",
       "red": "FF0000"}
RATING = {"High": "FF0000", "Medium High": "FFC000", "Medium Low": "FFFF00", "Low": "00B050"}
INDICATOR_HEADS = {"CPI NO", "CP NO", "KPI NO", "CPI NO and title", "KPI NO and title"}
IND_WIDTHS = [1.6, 5.0, 2.0, 2.0, 2.2, 2.6, 2.0, 2.2, 2.2, 4.3]


def _new_table(fields: list[str], head: list[str]) -> bool:
    return fields[0] in INDICATOR_HEADS and (fields[0] != head[0] or len(fields) != len(head))


def _is_head(row: list[str], head: list[str]) -> bool:
    return row[0] == head[0] and len(row) == len(head)


def _indicator_table(doc, blk: Table, stats: dict) -> None:
    """CPI / CP / KPI tables: caption + italic explanation headers, spanning notes."""
    for i, seg in enumerate(blk.segments):
        if i:
            page_break(doc)
        head = 1 if _is_head(seg[0], blk.header) else 0
        merges, fills = [], {}
        for r in range(head, len(seg)):
            row = seg[r]
            if row[2].strip() and not any(f.strip() for f in row[3:]):
                merges.append((r, 2, r, 9))  # "Not due to be reported this quarter."
            stats["indicators"] += bool(row[0].strip())
        grid_table(doc, seg, IND_WIDTHS, size=8.5, header_rows=head, header_fill=HEAD,
                   italic_tail_header=True, merges=merges, fills=fills, cell_margin_cm=0.1,
                   col_align={c: 1 for c in range(2, 9)})


def _rag_fills(rows: list[list[str]], col: int, first: int) -> dict:
    fills = {}
    for r in range(first, len(rows)):
        colour = RAG.get(plain(re.sub(r"</?p>", "", rows[r][col])).strip().lower())
        if colour:
            fills[(r, col)] = colour
    return fills


def _segments_table(doc, blk: Table, widths, head_rows=1, fill_col=None, size=9,
                    col_align=None) -> None:
    for i, seg in enumerate(blk.segments):
        if i:
            page_break(doc)
        head = head_rows if _is_head(seg[0], blk.header) else 0
        if len(widths) == 4:
            # on its own page the last change project has no Direction of Travel cell
            seg = [r if len(r) == 4 else [r[0], r[1], "", r[2]] for r in seg]
        fills = _rag_fills(seg, fill_col, head) if fill_col is not None else {}
        grid_table(doc, seg, widths, size=size, header_rows=head, header_fill=HEAD,
                   fills=fills, col_align=col_align)


def _risk_register(doc, blk: Table) -> None:
    standard = blk.segments[0][:2]
    widths = [7.6, 1.9, 1.9, 2.0, 2.6, 1.8, 2.2, 2.0, 2.0, 2.1]
    for i, seg in enumerate(blk.segments):
        if i:
            page_break(doc)
        body = list(seg)
        if body and body[0][0] == "Risk":
            body = body[1:]
            if body and not body[0][0] and "Impact" in body[0]:
                body = body[1:]
        rows = standard + body
        fills = {}
        for r in range(2, len(rows)):
            for c in (3, 9):
                level = re.sub(r"\s*\d+$", "", rows[r][c]).strip()
                if level in RATING:
                    fills[(r, c)] = RATING[level]
        grid_table(doc, rows, widths, size=8.5, header_rows=2, header_fill=HEAD,
                   merges=header_merges(standard), fills=fills, cell_margin_cm=0.1,
                   col_align={c: 1 for c in range(1, 10) if c != 4})


def _heat_map(doc, blk: Table) -> None:
    rows = [r for seg in blk.segments for r in seg]
    fills = {}
    for r in range(3, 8):
        prob = 8 - r
        for c in range(2, 7):
            score = prob * (c - 1)
            fills[(r, c)] = ("FF0000" if score >= 15 else "FFC000" if score >= 8
                             else "FFFF00" if score >= 4 else "00B050")
    for r in range(0, 3):
        for c in range(0, 7):
            fills[(r, c)] = HEAD
    fills[(3, 0)] = HEAD
    merges = [(0, 0, 2, 1), (0, 2, 0, 6), (3, 0, 7, 0)]
    grid_table(doc, rows, [3.2, 3.4, 2.4, 2.4, 2.4, 2.4, 2.4], size=9, header_rows=0,
               merges=merges, fills=fills, bold_cells={(0, 0), (0, 2), (3, 0)},
               col_align={c: 1 for c in range(2, 7)})


def _revenue(doc, blk: Table) -> None:
    rows = [r[:7] for seg in blk.segments for r in seg]
    merges = [(0, 0, 0, 6), (1, 0, 3, 0), (1, 1, 1, 4), (1, 5, 3, 5), (1, 6, 3, 6)]
    last = len(rows) - 1
    grid_table(doc, rows, [6.0, 2.2, 2.2, 2.2, 2.2, 8.8, 2.5], size=8.5, header_rows=4,
               header_fill=HEAD, merges=merges, col_align={1: 2, 2: 2, 3: 2, 4: 2, 6: 2},
               bold_cells={(last, c) for c in range(7)})


def _capital(doc, blk: Table) -> None:
    rows = [r for seg in blk.segments for r in seg]
    grid_table(doc, rows, [5.1] + [3.0] * 7, size=9, header_rows=2, header_fill=HEAD,
               merges=header_merges(rows[:2]), col_align={c: 2 for c in range(1, 8)})


def _achievements(doc, texts: list[str]) -> None:
    """"Top 3 Achievements" over the two columns "Key Challenges" | "Actions required".

    The seed reads the two columns one after the other and cuts the first challenge
    ("… a significant increase in" / "the numbers of …"), which is put back together."""
    i_kc = texts.index("Key Challenges")
    i_ar = texts.index("Actions required")
    achievements = texts[1:i_kc]
    challenge = texts[i_kc + 1 : i_ar]
    after = texts[i_ar + 1 :]
    assert len(challenge) == 1 and after[1][:1].islower() and len(after) == 5, texts
    rows = [
        ["Top 3 Achievements", ""],
        ["".join(f"<p>{t}</p>" for t in achievements), ""],
        ["Key Challenges", "Actions required"],
        [challenge[0] + " " + after[1], after[0]],
        [after[2], f"<p>{after[3]}</p><p>{after[4]}</p>"],
    ]
    grid_table(doc, rows, [13.05, 13.05], size=9, header_rows=0,
               merges=[(0, 0, 0, 1), (1, 0, 1, 1)],
               fills={(0, 0): HEAD, (2, 0): HEAD, (2, 1): HEAD},
               bold_cells={(0, 0), (2, 0), (2, 1)})


def build_docx(seed_dir: Path, path: Path, lines: list[str] | None = None, when=WHEN,
               title: str = TITLE, subject: str = "Performance report Q2 2014/15") -> dict:
    """The report as Word, from the seed's lines (or other lines in the seed's layout:
    `scripts.build_next_quarter` passes the next quarter's)."""
    lines = read_seed(seed_dir, "003_") if lines is None else lines
    doc = new_document(size=10)
    landscape(doc.sections[0])
    set_core(doc, title, AUTHOR, when, subject=subject)
    page_number_footer(doc.sections[0])
    stats = {"indicators": 0, "tables": 0}
    items = blocks(lines, starts_new_table=_new_table)
    i = 0
    first_line = True
    while i < len(items):
        blk = items[i]
        i += 1
        if isinstance(blk, Table):
            stats["tables"] += 1
            h = blk.header
            if h[0] in ("CPI NO", "CP NO", "KPI NO") and len(h) == len(IND_WIDTHS):
                _indicator_table(doc, blk, stats)
            elif h[0] in ("CPI NO and title", "KPI NO and title", "CP NO", "Headline",
                          "Equalities description"):
                _segments_table(doc, blk, [6.0, 20.1])
            elif h[0] == "Comments and Proposed Intervention":
                _segments_table(doc, blk, [26.1])
            elif h[0].startswith("Revenue budget"):
                grid_table(doc, blk.segments[0], [6.525] * 4, size=10, header_fill=HEAD,
                           col_align={0: 1, 1: 1, 2: 1, 3: 1})
            elif h[0] == "Total No. of KPIs":
                rows = blk.segments[0]
                fills = {(1, c): RAG[rows[1][c].lower()] for c in range(1, 5)}
                grid_table(doc, rows, [3.0, 2.4, 2.4, 2.4, 2.4, 3.8, 3.8, 5.9], size=9,
                           header_rows=2, header_fill=HEAD, merges=header_merges(rows[:2]),
                           fills=fills, col_align={c: 1 for c in range(8)})
            elif h[0] == "Commissioning Priority":
                _segments_table(doc, blk, [7.0, 2.6, 16.5], fill_col=1)
            elif h[0] == "Project":
                _segments_table(doc, blk, [7.0, 2.2, 2.6, 14.3], fill_col=1)
            elif h[0] == "Adults and Communities":
                _revenue(doc, blk)
            elif h[0] == "" and "Latest Approved Budget" in h[1]:
                _capital(doc, blk)
            elif h[0] == "SCORE":
                _heat_map(doc, blk)
            elif h[0] == "Risk":
                _risk_register(doc, blk)
            else:
                raise ValueError(f"no layout for the table headed {h[:2]}")
            continue
        line = blk.line
        nxt = items[i] if i < len(items) else None
        if (line == "Comments and Proposed Intervention" and isinstance(nxt, Text)
                and nxt.line.startswith("<p>")):
            # a one-column table: the seed has no tab to show it
            i += 1
            grid_table(doc, [[line], [nxt.line]], [26.1], size=9, header_fill=HEAD)
            stats["tables"] += 1
            continue
        if first_line:
            para(doc, line, style="Title")
            first_line = False
        elif line == "1.2 TOP ACHIEVEMENTS AND ACTIONS":
            para(doc, line, style="Heading 1")
            texts = []
            while isinstance(items[i], Text) and not items[i].line.startswith("1.2 SUMMARY"):
                texts.append(items[i].line)
                i += 1
            _achievements(doc, texts)
            stats["tables"] += 1
        elif line == "Appendix":
            p = para(doc, line, style="Heading 1")
            p.paragraph_format.page_break_before = True
        elif re.match(r"^\d+\. [A-Z]", line):
            p = para(doc, line, style="Heading 1")
            p.paragraph_format.page_break_before = True  # each part starts a page
        elif re.match(r"^\d\.\d [A-Z ']+$", line):
            para(doc, line, style="Heading 1")
        elif re.match(r"^\d+\.\d+(\.\d+)?\.? ", line) or line in (
                "Commissioning Priorities", "KPIs"):
            para(doc, line, style="Heading 2")
        elif line.startswith("- "):
            para(doc, line[2:], style="List Bullet")
        elif line.startswith("*The relevant"):
            para(doc, line, size=8)
        elif line.startswith("Risk Commentary"):
            para(doc, line, bold=True).paragraph_format.keep_with_next = True
        else:
            para(doc, line)
    for p in doc.paragraphs:
        if p.style.name == "Title":
            for r in p.runs:
                r.font.size = Pt(20)
    save_docx(doc, path, when)
    return stats


def build(seed_dir: Path, out_dir: Path, pdf: bool = True) -> dict:
    pdf_path = out_dir / "barnet-adults" / "q2-2014-15-performance-report.pdf"
    with tempfile.TemporaryDirectory(prefix="planrecon-samples-") as tmp:
        docx_path = Path(tmp) / "q2-2014-15-performance-report.docx"
        stats = build_docx(seed_dir, docx_path)
        if pdf:
            docx_to_pdf(docx_path, pdf_path, WHEN)
            stats["bytes"] = pdf_path.stat().st_size
    return {"barnet-adults/q2-2014-15-performance-report.pdf": stats}
