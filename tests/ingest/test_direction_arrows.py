"""Direction-of-travel arrows printed without a Unicode arrow in the text: drawn as shapes
in a PDF's cells, typed in a symbol font (Wingdings, Wingdings 3) in a PDF or a Word
paper, or placed as a picture. Papers are built here in several layouts (ruled and
unruled, triangles and block arrows, upright and diagonal), read through ingest and
normalise, and each indicator's direction must read the way its arrow points, and give
its polarity against its own figures; a picture is pointed out, never guessed."""

from __future__ import annotations

import math
import os
import re

import pytest

from planrecon.ingest import IssueCode, read_paper
from planrecon.normalise.directions import direction_word, travel
from planrecon.reconcile.indicator_flags import polarity
from tests.normalise.test_indicator_layouts import _read

ROWS = [  # indicator, previous, latest, the way its arrow points
    ("Percentage of calls answered within 20 seconds", "88%", "91%", "up"),
    ("Number of households living in temporary accommodation", "412", "398", "up"),
    ("Percentage of invoices paid within 30 days", "97%", "95%", "down"),
    ("Average days to process a new housing benefit claim", "21", "24", "down"),
    ("Percentage of household waste sent for reuse or recycling", "44%", "44%", "right"),
    ("Number of affordable homes delivered", "120", "131", "up-right"),
    ("Percentage of young people not in education or employment", "5.1%", "5.6%", "down-right"),
]
JUDGED = {"up": "improving", "up-right": "improving", "down": "worsening",
          "down-right": "worsening", "right": "same"}
TURN = {"up": 0, "up-right": 45, "right": 90, "down-right": 135, "down": 180}
"""Degrees clockwise from upright."""
TRIANGLE = [(0, -1), (0.9, 0.6), (-0.9, 0.6)]
BLOCK = [(0, -1), (0.65, -0.15), (0.25, -0.15), (0.25, 1), (-0.25, 1), (-0.25, -0.15),
         (-0.65, -0.15)]
CHEVRON = [(0, -1), (0.8, 0.7), (0, 0.2), (-0.8, 0.7)]
HEADINGS = ["Indicator", "Previous", "Latest", "Direction of travel"]
WIDTHS = [330, 70, 70, 110]
WINGDINGS = {"up": "á", "down": "â", "right": "à", "up-right": "ä", "down-right": "æ"}
WINGDINGS_3 = {"up": "h", "down": "i", "right": "g", "up-right": "k", "down-right": "m"}


def _font_file(family: str) -> str:
    """The file of an installed font, as fontconfig finds it ('' when it cannot)."""
    import shutil
    import subprocess

    if not shutil.which("fc-match"):
        return ""
    found = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True,
                           text=True, check=False).stdout.strip()
    return found if family.replace(" ", "") in os.path.basename(found) else ""


DEJAVU = _font_file("DejaVu Sans")
NO_DEJAVU = ("the DejaVu fonts are not installed: they draw the arrow glyphs of these test "
             "PDFs (apt install fonts-dejavu)")


def _outline(shape, way: str, cx: float, cy: float, size: float):
    turn = math.radians(TURN[way])
    c, s = math.cos(turn), math.sin(turn)
    return [(cx + size * (x * c - y * s), cy + size * (x * s + y * c)) for x, y in shape]


def _pdf(path, ruled: bool, draw, rows=ROWS, row_height: float = 22):
    """A one-table PDF; `draw(pdf, way, x, y, w, h)` fills each direction cell."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="pt")
    pdf.set_compression(False)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 9)
    border = 1 if ruled else 0
    pdf.cell(0, 20, "Key performance indicators: quarter 2")
    pdf.ln(28)
    for text, width in zip(HEADINGS, WIDTHS, strict=True):
        pdf.cell(width, row_height, text, border=border)
    pdf.ln(row_height)
    pdf.set_font("helvetica", "", 9)
    for name, before, latest, way in rows:
        for text, width in zip((name, before, latest), WIDTHS[:3], strict=True):
            pdf.cell(width, row_height, text, border=border)
        x, y = pdf.get_x(), pdf.get_y()
        pdf.cell(WIDTHS[3], row_height, "", border=border)
        draw(pdf, way, x, y, WIDTHS[3], row_height)
        pdf.ln(row_height)
    pdf.output(str(path))
    return path


def _shape(shape, size: float = 6):
    def draw(pdf, way, x, y, w, h):
        pdf.set_fill_color(40, 40, 40)
        pdf.polygon(_outline(shape, way, x + w / 2, y + h / 2, size), style="F")
    return draw


def _text(font: str, glyphs: dict[str, str]):
    def draw(pdf, way, x, y, w, h):
        pdf.set_font(font, "", 10)
        pdf.set_xy(x + w / 2 - 4, y)
        pdf.cell(10, h, glyphs[way])
        pdf.set_font("helvetica", "", 9)
    return draw


def _indicators(path, tmp_path):
    result, rows = _read(read_paper(path, tmp_path))
    return result, rows


def _check(rows, expected=ROWS):
    assert [r["description"] for r in rows] == [name for name, *_ in expected], rows
    for row, (name, before, latest, way) in zip(rows, expected, strict=True):
        assert direction_word(row["direction"]) == JUDGED[way], (name, row["direction"])
        moved = (float(latest.rstrip("%")) > float(before.rstrip("%"))) - (
            float(latest.rstrip("%")) < float(before.rstrip("%")))
        assert polarity(None, row)[0] == travel(JUDGED[way]) * moved, name


@pytest.mark.parametrize("ruled,shape", [
    (True, TRIANGLE), (False, TRIANGLE), (True, BLOCK), (False, BLOCK), (True, CHEVRON),
], ids=["ruled-triangles", "unruled-triangles", "ruled-block", "unruled-block",
        "ruled-chevrons"])
def test_arrows_drawn_as_shapes_in_pdf_cells(tmp_path, ruled, shape):
    path = _pdf(tmp_path / "kpis.pdf", ruled, _shape(shape))
    _, rows = _indicators(path, tmp_path)
    _check(rows)


@pytest.mark.parametrize("size", [3, 9])
def test_drawn_arrows_of_other_sizes_and_row_heights(tmp_path, size):
    path = _pdf(tmp_path / "kpis.pdf", True, _shape(BLOCK, size), row_height=30)
    _check(_indicators(path, tmp_path)[1])


def test_shapes_that_point_nowhere_are_not_arrows(tmp_path):
    """A square or a round dot in the cell (a RAG swatch) is no direction: the cell stays
    empty rather than guessed."""
    def dot(pdf, way, x, y, w, h):
        if way in ("up", "down"):
            pdf.set_fill_color(0, 160, 0)
            pdf.circle(x + w / 2, y + h / 2, 5, style="F")
        else:
            pdf.polygon(_outline([(-1, -1), (1, -1), (1, 1), (-1, 1)], "up", x + w / 2,
                                 y + h / 2, 5), style="F")

    _, rows = _indicators(_pdf(tmp_path / "kpis.pdf", True, dot), tmp_path)
    assert [r["direction"] for r in rows] == [""] * len(ROWS)


@pytest.mark.skipif(not DEJAVU, reason=NO_DEJAVU)
def test_arrows_printed_as_unicode_glyphs_in_a_pdf(tmp_path):
    glyphs = {"up": "↑", "down": "↓", "right": "→", "up-right": "↗", "down-right": "↘"}

    def draw(pdf, way, x, y, w, h):
        if "dejavu" not in pdf.fonts:
            pdf.add_font("dejavu", "", DEJAVU)
        _text("dejavu", glyphs)(pdf, way, x, y, w, h)

    _check(_indicators(_pdf(tmp_path / "kpis.pdf", False, draw), tmp_path)[1])


@pytest.mark.skipif(not DEJAVU, reason=NO_DEJAVU)
@pytest.mark.parametrize("stand_in,face,letters", [
    ("DejaVuSerif.ttf", "Wingdings-R", WINGDINGS),
    ("DejaVuSans.ttf", "Wingdings3", WINGDINGS_3),
])
def test_arrows_typed_in_a_symbol_font_in_a_pdf(tmp_path, stand_in, face, letters):
    """The cell's character is a letter; the font it is set in (named in the PDF) draws an
    arrow. The PDF embeds a font the table's text does not use, whose name is then set to
    the symbol font's (of the same length, so the file's offsets hold)."""
    font = os.path.join(os.path.dirname(DEJAVU), stand_in)
    if not os.path.exists(font):
        pytest.skip(f"no {stand_in} beside DejaVu Sans: it stands in for the symbol font "
                    "(apt install fonts-dejavu)")
    name = stand_in.removesuffix(".ttf").encode()
    assert len(name) == len(face)

    def draw(pdf, way, x, y, w, h):
        if "standin" not in pdf.fonts:
            pdf.add_font("standin", "", font)
        _text("standin", letters)(pdf, way, x, y, w, h)

    path = _pdf(tmp_path / "kpis.pdf", True, draw)
    data = path.read_bytes()
    assert b"/BaseFont /" in data and name in data
    path.write_bytes(data.replace(name, face.encode()))
    _check(_indicators(path, tmp_path)[1])


def test_a_picture_in_a_cell_is_pointed_out_not_guessed(tmp_path):
    from PIL import Image

    picture = tmp_path / "arrow.png"
    Image.new("RGB", (16, 16), (0, 128, 0)).save(picture)

    def draw(pdf, way, x, y, w, h):
        pdf.image(str(picture), x + w / 2 - 6, y + h / 2 - 6, 12, 12)

    result, rows = _indicators(_pdf(tmp_path / "kpis.pdf", True, draw), tmp_path)
    assert [r["description"] for r in rows] == [name for name, *_ in ROWS]
    assert all(r["direction"] == "" for r in rows)
    lines = [i for i in result.issues if i.code is IssueCode.UNREAD_PICTURE]
    assert len(lines) == len(ROWS) and all("picture" in i.message for i in lines)


def _docx(path, fill):
    """A Word paper with the KPI table; `fill(cell, way)` writes each direction cell."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("Key performance indicators: quarter 2")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADINGS, strict=True):
        cell.text = text
    for name, before, latest, way in ROWS:
        cells = table.add_row().cells
        for cell, text in zip(cells[:3], (name, before, latest), strict=True):
            cell.text = text
        fill(cells[3], way)
    doc.save(str(path))
    return path


def _run_in(font: str, letters: dict[str, str]):
    def fill(cell, way):
        run = cell.paragraphs[0].add_run(letters[way])
        run.font.name = font
    return fill


def _sym(font: str, letters: dict[str, str]):
    def fill(cell, way):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        run = cell.paragraphs[0].add_run()
        sym = OxmlElement("w:sym")
        sym.set(qn("w:font"), font)
        sym.set(qn("w:char"), f"F0{ord(letters[way]):02X}")
        run._r.append(sym)
    return fill


@pytest.mark.parametrize("fill", [
    _run_in("Wingdings 3", WINGDINGS_3), _run_in("Wingdings", WINGDINGS),
    _sym("Wingdings 3", WINGDINGS_3), _sym("Wingdings", WINGDINGS),
], ids=["run-wingdings3", "run-wingdings", "sym-wingdings3", "sym-wingdings"])
def test_arrows_typed_in_a_symbol_font_in_word(tmp_path, fill):
    _check(_indicators(_docx(tmp_path / "kpis.docx", fill), tmp_path)[1])


def test_letters_in_an_ordinary_font_stay_letters(tmp_path):
    """'h' in Arial is an h: only the symbol font's own name makes it an arrow."""
    path = _docx(tmp_path / "kpis.docx", _run_in("Arial", WINGDINGS_3))
    _, rows = _indicators(path, tmp_path)
    assert all(re.fullmatch(r"[a-z]", r["direction"] or "x") or not r["direction"]
               for r in rows)
    assert not any(direction_word(r["direction"]) for r in rows)


@pytest.mark.parametrize("text,column,judged", [
    ("Improving", "improving", 1), ("▲", "improving", 1), ("↗", "improving", 1),
    ("(↓)", "worsening", -1), ("Worsening - see note", None, -1), ("worse", "worsening", -1),
    ("►", "same", 0), ("No change", "same", 0),
    ("Increasing", "improving", 0), ("up", "improving", 0), ("Decreasing", "worsening", 0),
    ("N/A", None, 0), ("", None, 0),
])
def test_one_vocabulary_marks_columns_and_judges_polarity(text, column, judged):
    """A word that only says the figure moved marks a direction column but judges nothing
    (so 'Increasing' beside a rising count of rough sleepers never makes more better)."""
    assert direction_word(text) == column
    assert travel(text) == judged


LINE_ARROW = [((0, 1), (0, -1)), ((0, -1), (-0.55, -0.35)), ((0, -1), (0.55, -0.35))]
"""A shaft and two barbs, as separate strokes."""


@pytest.mark.parametrize("ruled", [True, False])
def test_arrows_drawn_as_strokes_in_pdf_cells(tmp_path, ruled):
    def draw(pdf, way, x, y, w, h):
        pdf.set_line_width(1)
        for start, end in LINE_ARROW:
            (x1, y1), (x2, y2) = _outline([start, end], way, x + w / 2, y + h / 2, 7)
            pdf.line(x1, y1, x2, y2)

    _check(_indicators(_pdf(tmp_path / "kpis.pdf", ruled, draw), tmp_path)[1])


@pytest.mark.parametrize("font,marks", [("Wingdings", ["Ø", "\uf0d8", "à", "\uf0e0"]),
                                        ("Wingdings 3", ["g", "u"])])
def test_symbol_font_arrows_used_as_bullets_still_start_list_items(font, marks):
    """Word's arrowhead bullets (Wingdings 0xD8, 0xE0) read as arrows now, and still start
    the items of a cell's list; alone in a cell the same mark is a level direction."""
    from planrecon.ingest.pdf_geometry import words_text
    from planrecon.ingest.symbols import symbol_text

    for mark in marks:
        glyph = symbol_text(mark, font)
        assert glyph != mark and direction_word(glyph) == "same"
        words = [{"text": t, "x0": x, "x1": x + 20, "top": top, "bottom": top + 8,
                  "doctop": top} for t, x, top in ((glyph, 0, 0), ("Agree", 10, 0),
                                                    ("plan", 40, 0), (glyph, 0, 12),
                                                    ("Review", 10, 12))]
        assert words_text(words) == "Agree plan; Review"


SHAPE = """<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
 <wp:inline><wp:extent cx="180000" cy="180000"/><wp:docPr id="{n}" name="Arrow {n}"/>
  <a:graphic><a:graphicData
   uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
   <wps:wsp><wps:spPr><a:xfrm rot="{rot}"{flip}><a:off x="0" y="0"/>
    <a:ext cx="180000" cy="180000"/></a:xfrm><a:prstGeom prst="{prst}"><a:avLst/>
   </a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>
  </a:graphicData></a:graphic></wp:inline></w:drawing>"""


def _word_shape(shapes: dict[str, tuple[str, int, str]]):
    """Each way drawn as (Word preset, clockwise degrees, flip attribute)."""
    def fill(cell, way):
        from docx.oxml import parse_xml

        prst, degrees, flip = shapes[way]
        run = cell.paragraphs[0].add_run()
        run._r.append(parse_xml(SHAPE.format(n=id(cell) % 10000, rot=degrees * 60000,
                                             flip=flip, prst=prst)))
    return fill


@pytest.mark.parametrize("shapes", [
    {"up": ("upArrow", 0, ""), "down": ("downArrow", 0, ""), "right": ("rightArrow", 0, ""),
     "up-right": ("upArrow", 45, ""), "down-right": ("rightArrow", 45, "")},
    {"up": ("triangle", 0, ""), "down": ("flowChartMerge", 0, ""), "right": ("chevron", 0, ""),
     "up-right": ("triangle", 45, ""), "down-right": ("triangle", 135, "")},
    {"up": ("rightArrow", 270, ""), "down": ("upArrow", 0, ' flipV="1"'),
     "right": ("leftArrow", 0, ' flipH="1"'), "up-right": ("downArrow", 225, ""),
     "down-right": ("upArrow", 135, "")},
], ids=["arrows", "triangles", "turned-and-flipped"])
def test_arrows_drawn_with_word_shapes(tmp_path, shapes):
    _check(_indicators(_docx(tmp_path / "kpis.docx", _word_shape(shapes)), tmp_path)[1])


def test_a_picture_in_a_word_cell_is_pointed_out_not_guessed(tmp_path):
    from docx.shared import Cm
    from PIL import Image

    picture = tmp_path / "arrow.png"
    Image.new("RGB", (16, 16), (200, 0, 0)).save(picture)
    path = _docx(tmp_path / "kpis.docx",
                 lambda cell, way: cell.paragraphs[0].add_run().add_picture(str(picture),
                                                                             width=Cm(0.4)))
    result, rows = _indicators(path, tmp_path)
    assert [r["description"] for r in rows] == [name for name, *_ in ROWS]
    assert all(r["direction"] == "" for r in rows)
    lines = [i for i in result.issues if i.code is IssueCode.UNREAD_PICTURE]
    assert sorted(i.source_locator for i in lines) == sorted(
        f"table 1 row {r} cell 4" for r in range(2, len(ROWS) + 2))


@pytest.mark.parametrize("font,letters", [("Wingdings 3", WINGDINGS_3),
                                          ("Wingdings", WINGDINGS)])
def test_arrows_typed_in_a_symbol_font_in_excel(tmp_path, font, letters):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.append(HEADINGS)
    for name, before, latest, way in ROWS:
        sheet.append([name, before, latest, letters[way]])
        sheet.cell(sheet.max_row, 4).font = Font(name=font)
    sheet.append(["Number of letters typed in an ordinary font", "3", "4", "h"])
    book.save(tmp_path / "kpis.xlsx")
    _, rows = _indicators(tmp_path / "kpis.xlsx", tmp_path)
    _check(rows[:-1])
    assert rows[-1]["direction"] == "h"
