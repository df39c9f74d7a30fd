"""python-docx helpers: council-paper styles, sections, tables with merges and shading."""

from __future__ import annotations

import datetime as dt

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .seedtext import Run, cell_blocks, runs

# ---------------------------------------------------------------------------
# Word documents

def new_document(font: str = "Arial", size: float = 10) -> Document:
    doc = Document()
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    normal.paragraph_format.space_after = Pt(6)
    for name, pt in (("Heading 1", 13), ("Heading 2", 11.5), ("Heading 3", 10.5), ("Title", 18)):
        st = styles[name]
        st.font.name = font
        st.font.size = Pt(pt)
        st.font.bold = True
        st.font.italic = False
        st.font.color.rgb = RGBColor(0, 0, 0)
        rfonts = st.element.rPr.rFonts
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), font)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if rfonts.get(qn(attr)) is not None:
                del rfonts.attrib[qn(attr)]
        st.paragraph_format.space_before = Pt(12 if name != "Heading 3" else 8)
        st.paragraph_format.space_after = Pt(6)
    lb = styles["List Bullet"]
    lb.paragraph_format.space_after = Pt(3)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Cm(2.0))
    sec.top_margin = sec.bottom_margin = Cm(2.0)
    return doc


def set_core(doc, title: str, author: str, when: dt.datetime, subject: str = "") -> None:
    cp = doc.core_properties
    cp.title = title
    cp.author = author
    cp.last_modified_by = author
    cp.subject = subject
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.created = when
    cp.modified = when
    cp.last_printed = when
    cp.revision = 1


def landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin = section.bottom_margin = Cm(1.6)


def portrait(section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)


def new_section(doc, orient: str):
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    (landscape if orient == "landscape" else portrait)(sec)
    return sec


def page_number_footer(section, size: float = 8) -> None:
    """A centred page number (a PAGE field) in the footer."""
    para = section.footer.paragraphs[0]
    para.alignment = 1

    def run_with(el):
        run = para.add_run()
        run.font.size = Pt(size)
        run._r.append(el)

    for kind in ("begin", "instr", "separate", "text", "end"):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = "1"
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run_with(el)


def add_runs(para, items: list[Run], size: float | None = None, bold: bool | None = None) -> None:
    for r in items:
        run = para.add_run(r.text)
        run.bold = True if (r.bold or bold) else None
        run.italic = True if r.italic else None
        run.underline = True if r.underline else None
        if size:
            run.font.size = Pt(size)


def add_text(para, text: str, size: float | None = None, bold: bool | None = None,
             italic: bool = False) -> None:
    """Markup text into ``para``; a "\\n" becomes a line break."""
    for i, line in enumerate(text.split("\n")):
        if i:
            para.add_run().add_break()
        add_runs(para, runs(line, italic=italic), size=size, bold=bold)


def para(doc_or_cell, text: str = "", style: str | None = None, size: float | None = None,
         bold: bool | None = None, italic: bool = False, align: int | None = None,
         space_after: float | None = None):
    p = doc_or_cell.add_paragraph(style=style)
    add_text(p, text, size=size, bold=bold, italic=italic)
    if align is not None:
        p.alignment = align
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def rule(doc) -> None:
    """A horizontal rule: an empty paragraph with a bottom border."""
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(6)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "8"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)


def page_break(doc) -> None:
    """A real page break in a tiny paragraph, so the next page starts almost at the top."""
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(0)
    run = p.add_run()
    run.font.size = Pt(1)
    run.add_break(WD_BREAK.PAGE)


def spacer(doc, pt: float = 2) -> None:
    """A tiny paragraph between two tables so Word keeps them apart."""
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(0)
    r = p.add_run()
    r.font.size = Pt(pt)
    p.paragraph_format.line_spacing = Pt(pt)


def shade(cell, hex_fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    for old in tcpr.findall(qn("w:shd")):
        tcpr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill)
    tcpr.append(shd)


def repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def fill_cell(cell, text: str, size: float, bold: bool | None = None, align: int | None = None,
              italic_tail: bool = False) -> None:
    """Write a seed cell (with its markup) into a docx cell: paragraphs, bullets, fractions.

    ``italic_tail``: header cells like "Result <i>Most recent …</i>" put the italic
    explanation in its own smaller paragraph under the bold caption."""
    first = cell.paragraphs[0]
    used = False

    def next_para(style=None):
        nonlocal used
        if not used:
            used = True
            if style:
                first.style = style
            return first
        return cell.add_paragraph(style=style)

    text = text.strip()
    if italic_tail and "<i>" in text:
        head, _, tail = text.partition("<i>")
        tail = tail.replace("</i>", "")
        p = next_para()
        add_text(p, head.strip(), size=size, bold=True)
        p2 = next_para()
        add_text(p2, tail.strip(), size=size - 1, italic=True)
        for q in cell.paragraphs:
            q.paragraph_format.space_after = Pt(1)
            if align is not None:
                q.alignment = align
        return
    for blk in cell_blocks(text):
        if blk.kind == "frac":
            p = next_para()
            r = p.add_run(blk.num)
            r.font.size = Pt(size)
            r.underline = True
            p.alignment = 1
            p2 = next_para()
            r2 = p2.add_run(blk.den)
            r2.font.size = Pt(size)
            p2.alignment = 1
            continue
        if blk.kind == "bullet":
            p = next_para("List Bullet")
            p.paragraph_format.left_indent = Cm(0.45)
            p.paragraph_format.first_line_indent = Cm(-0.35)
        else:
            p = next_para()
        add_text(p, blk.text, size=size, bold=bold)
        if align is not None:
            p.alignment = align
    for q in cell.paragraphs:
        q.paragraph_format.space_after = Pt(2)
        q.paragraph_format.space_before = Pt(0)


def grid_table(doc, rows: list[list[str]], widths_cm: list[float], size: float = 9,
               header_rows: int = 1, header_fill: str | None = "D9D9D9",
               merges: list[tuple[int, int, int, int]] | None = None,
               fills: dict[tuple[int, int], str] | None = None,
               italic_tail_header: bool = False, repeat: bool = True,
               bold_cells: set[tuple[int, int]] | None = None,
               col_align: dict[int, int] | None = None, cell_margin_cm: float | None = None):
    """A bordered table from rows of seed cells; merges are (r1, c1, r2, c2) inclusive.
    ``col_align`` aligns body cells of a column (0 left, 1 centre, 2 right)."""
    ncols = len(widths_cm)
    table = doc.add_table(rows=len(rows), cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if cell_margin_cm is not None:
        tblpr = table._tbl.tblPr
        mar = OxmlElement("w:tblCellMar")
        twips = str(int(cell_margin_cm * 567))
        for side in ("left", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), twips)
            el.set(qn("w:type"), "dxa")
            mar.append(el)
        tblpr.append(mar)
    for i, w in enumerate(widths_cm):
        table.columns[i].width = Cm(w)
    for r, row in enumerate(rows):
        for c in range(ncols):
            cell = table.cell(r, c)
            cell.width = Cm(widths_cm[c])
            text = row[c] if c < len(row) else ""
            is_head = r < header_rows
            bold = True if is_head or (bold_cells and (r, c) in bold_cells) else None
            align = None if is_head or not col_align else col_align.get(c)
            fill_cell(cell, text, size, bold=bold, align=align,
                      italic_tail=is_head and italic_tail_header)
            if is_head and header_fill:
                shade(cell, header_fill)
        if r < header_rows and repeat:
            repeat_header(table.rows[r])
    for (r, c), colour in (fills or {}).items():
        shade(table.cell(r, c), colour)
    for r1, c1, r2, c2 in merges or []:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    return table


def header_merges(head: list[list[str]], row0: int = 0) -> list[tuple[int, int, int, int]]:
    """Merges implied by a two-row header: a caption over empty cells whose second-row
    cells are filled spans them; a caption with nothing beneath spans both rows."""
    top, bottom = head[0], head[1]
    n = max(len(top), len(bottom))
    top = top + [""] * (n - len(top))
    bottom = bottom + [""] * (n - len(bottom))
    out = []
    c = 0
    while c < n:
        if top[c]:
            end = c
            while end + 1 < n and not top[end + 1] and bottom[end + 1]:
                end += 1
            if end > c:
                out.append((row0, c, row0, end))
            elif not bottom[c]:
                out.append((row0, c, row0 + 1, c))
            c = end + 1
        else:
            if not bottom[c]:
                out.append((row0, c, row0 + 1, c))
            c += 1
    return out


def vertical_merges(rows: list[list[str]], cols: tuple[int, ...], first: int) -> list[tuple]:
    """Merge empty cells of ``cols`` into the filled cell above (rows from ``first`` on)."""
    out = []
    for c in cols:
        start = first
        for r in range(first + 1, len(rows) + 1):
            empty = r < len(rows) and not (rows[r][c] if c < len(rows[r]) else "").strip()
            if not empty:
                if r - 1 > start:
                    out.append((start, c, r - 1, c))
                start = r
    return out
