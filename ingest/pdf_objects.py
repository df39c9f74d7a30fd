"""A page's characters and ruling graphics as small dicts, read once from pdfminer's layout.

pdfplumber turns every layout object into a dict of some thirty attributes,
each passed through its generic `resolve_all`; on text-heavy pages that is a
third of the reading time. The reader needs far less: word boxes, text and font
for `extract_words` (bold rows print headers), outlines for the ruled-cell finder,
fills for RAG cells, and whether the page holds an image. `LeanPage` computes just those, with
pdfplumber's own formulas (so words and cells come out the same), and stands
in for the page wherever pdfplumber reads `objects`, `edges` or `bbox`.
"""

from __future__ import annotations

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect
from pdfplumber.container import Container
from pdfplumber.utils import resolve_all

from .symbols import symbol_text


class LeanPage(Container):
    """The objects of one pdfplumber page that table reading uses, in pdfplumber's shape."""

    def __init__(self, page) -> None:
        self.bbox = page.bbox
        self.height = page.height
        self._top = page.mediabox[1]
        self._left = page.mediabox[0]
        self._doctop = page.initial_doctop
        self._lean: dict[str, list[dict]] = {
            "char": [], "rect": [], "line": [], "curve": [], "image": []
        }
        self._walk(page.layout)

    @property
    def objects(self) -> dict[str, list[dict]]:
        return self._lean

    def _walk(self, container: LTContainer) -> None:
        """Depth first, in drawing order, as pdfplumber lists a page's objects."""
        chars = self._lean["char"]
        for obj in container:
            if isinstance(obj, LTChar):
                top = (self.height - obj.y1) + self._top
                chars.append({
                    "text": symbol_text(obj.get_text(), obj.fontname),
                    "x0": obj.x0 + self._left,
                    "x1": obj.x1 + self._left,
                    "top": top,
                    "bottom": (self.height - obj.y0) + self._top,
                    "doctop": self._doctop + top,
                    "upright": obj.upright,
                    "fontname": obj.fontname,
                    "size": obj.size,
                })
            elif isinstance(obj, LTContainer):
                self._walk(obj)
            elif isinstance(obj, LTCurve):
                self._graphic(obj)
            elif isinstance(obj, LTImage):
                self._lean["image"].append(self._box(obj))

    def _box(self, obj) -> dict:
        top = (self.height - obj.y1) + self._top
        return {
            "x0": obj.x0 + self._left,
            "x1": obj.x1 + self._left,
            "y0": obj.y0,
            "y1": obj.y1,
            "top": top,
            "bottom": (self.height - obj.y0) + self._top,
            "doctop": self._doctop + top,
            "width": obj.width,
            "height": obj.height,
        }

    def _graphic(self, obj: LTCurve) -> None:
        """A rect, line or curve: its box, the points of a line or curve, a rect's fill."""
        box = self._box(obj)
        if isinstance(obj, LTRect):
            box["fill"] = obj.fill
            box["non_stroking_color"] = resolve_all(obj.non_stroking_color)
            self._lean["rect"].append(box)
        else:
            box["pts"] = [(self._left + x, self._top + self.height - y) for x, y in obj.pts]
            self._lean["line" if isinstance(obj, LTLine) else "curve"].append(box)
