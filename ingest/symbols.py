"""Arrows a paper prints without a Unicode arrow: letters in a symbol font, and shapes.

Direction-of-travel columns are often typed in Wingdings or Wingdings 3 (the cell holds
'h' or 'p', the font draws ↑ or ▲), or drawn: a triangle or block arrow placed in the
cell. Readers turn both into the arrow a reader sees, so later stages read one glyph:

* `symbol_text(text, font)`: a character of a symbol font (as the letter, or as Word's
  private-use U+F0xx) → its arrow, only where the font's table says it is one; any other
  character is left as it was (a tick or a bullet is not guessed at here).
* `arrow_of_points(points)`: the way a drawn shape points, from its outline: the tip is
  the one point that lies beyond all the others along a line through the points' centre
  about which the outline is mirror-symmetric (a triangle's apex, an arrow's head); of
  several, the one whose axis is nearest a compass point (an equilateral triangle's
  upright apex), and of two opposite ones the nearer the centre (a line-drawn arrow's
  barbs sit by its tip). A circle, a square or a bar has no one such point and no
  direction.
* `drawn_arrow_words(curves, words)`: each small closed shape on a page that points and
  has no text on it, as a word holding its arrow, for the table geometry to place in its
  cell like any other word.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

ARROWS = {"up": "▲", "down": "▼", "right": "►", "left": "◄",
          "up-right": "↗", "down-right": "↘", "up-left": "↖", "down-left": "↙"}
"""The glyph a drawn arrow is read as, by the way it points."""

_L, _R, _U, _D = "←", "→", "↑", "↓"
_NW, _NE, _SW, _SE = "↖", "↗", "↙", "↘"


def _run(start: int, glyphs: str) -> dict[int, str]:
    return {start + i: g for i, g in enumerate(glyphs)}


_WINGDINGS = {
    **_run(0xD7, _L + "➢" + _U + _D + _L + _R + _U + _D),  # 0xD8: Word's arrowhead bullet
    **_run(0xDF, _L + _R + _U + _D + _NW + _NE + _SW + _SE),
    **_run(0xE7, _L + _R + _U + _D + _NW + _NE + _SW + _SE),
    **_run(0xEF, "⇦⇨⇧⇩"),
    **_run(0xF5, _NE + _NW + _SW + _SE),
}
_WINGDINGS_3 = {
    **_run(0x21, _L + _R + _U + _D + _NW + _NE + _SW + _SE + _L + _R + _U + _D),
    **_run(0x66, _L + _R + _U + _D + _NW + _NE + _SW + _SE),
    **_run(0x70, "▲▼△▽◄►◁▷"),
    **_run(0x81, "▲▼◄►"),
    **{0x85 + 4 * g + i: d for g in range(8) for i, d in enumerate(_L + _R + _U + _D)},
    **_run(0xC5, _L + _R + _U + _D),
    **_run(0xD1, _L + _R + _U + _D + _NW + _NE + _SW + _SE),
    **_run(0xD9, _L + _R + _U + _D + _NW + _NE + _SW + _SE),
    **_run(0xE1, _L + _R + _U + _D + _NW + _NE + _SW + _SE),
    **_run(0xE9, _L + _R + _U + _D + _NW + _SE + _NE + _SW),
}
_SYMBOL = {0xAC: _L, 0xAD: _U, 0xAE: _R, 0xAF: _D, 0xDC: "⇐", 0xDD: "⇑", 0xDE: "⇒", 0xDF: "⇓"}
FONTS = {"wingdings": _WINGDINGS, "wingdings3": _WINGDINGS_3, "symbol": _SYMBOL}
"""Symbol font (folded name) → its arrow characters by code (0x20-0xFF)."""
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_FACE = re.compile(r"(?:(?:ps)?mt|regular|book|normal|roman|bold|italic|oblique)+$")
"""A face's style run on to its family's name without a separator ('Wingdings3Book')."""

MAX_SIZE = 30.0
"""Points: a drawn shape larger than this either way is a diagram or a frame, not a glyph."""
MIN_SIZE = 2.0
SYMMETRY = 0.12
"""How far (as a share of the shape's size) a point's mirror image may lie from the
nearest point for the outline to count as symmetric about an axis."""
TIE_DEGREES = 3.0
"""Tips whose axes lie this close to a compass point alike are a tie."""
BEYOND = 0.15
"""How far (as a share of the shape's size) the tip must lie beyond every other point."""


@lru_cache(maxsize=1024)
def symbol_font(fontname: str) -> dict[int, str] | None:
    """The arrow table of a symbol font ('ABCDEF+Wingdings3', 'Wingdings 3',
    'Wingdings-Regular', 'SymbolMT'), else None. Asked of every character of a PDF, of
    the few fonts a paper uses: cached by name."""
    name = _SUBSET.sub("", fontname or "").replace(" ", "").lower()
    family = re.split(r"[-,]", name, maxsplit=1)[0]  # the face after it: -Regular, ,Bold
    return FONTS.get(_FACE.sub("", family))


def symbol_text(text: str, fontname: str) -> str:
    """`text` with each character of a symbol font that is an arrow replaced by it."""
    table = symbol_font(fontname)
    if not table or not text:
        return text
    out = []
    for ch in text:
        code = ord(ch) - 0xF000 if 0xF020 <= ord(ch) <= 0xF0FF else ord(ch)
        out.append(table.get(code, ch))
    return "".join(out)


def _distinct(points) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x, y in points:
        if not any(abs(x - a) < 1e-6 and abs(y - b) < 1e-6 for a, b in out):
            out.append((float(x), float(y)))
    return out


def _mirror_error(points, cx: float, cy: float, ux: float, uy: float) -> float:
    worst = 0.0
    for x, y in points:
        dx, dy = x - cx, y - cy
        along = dx * ux + dy * uy
        mx, my = cx + 2 * along * ux - dx, cy + 2 * along * uy - dy
        worst = max(worst, min(math.hypot(mx - a, my - b) for a, b in points))
    return worst


def _compass(ux: float, uy: float) -> str:
    """The way a unit vector points, in page coordinates (y grows downwards)."""
    angle = math.degrees(math.atan2(-uy, ux)) % 360
    names = ("right", "up-right", "up", "up-left", "left", "down-left", "down", "down-right")
    return names[int((angle + 22.5) // 45) % 8]


def arrow_of_points(points) -> str | None:
    """'up', 'down', 'right', 'up-right', … for a shape's outline, or None (see above)."""
    pts = _distinct(points)
    if not 3 <= len(pts) <= 16:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    size = max(max(xs) - min(xs), max(ys) - min(ys))
    if size < MIN_SIZE:
        return None
    cx, cy = sum(xs) / len(pts), sum(ys) / len(pts)
    tips = []
    for x, y in pts:
        reach = math.hypot(x - cx, y - cy)
        if reach < 1e-6:
            continue
        ux, uy = (x - cx) / reach, (y - cy) / reach
        others = [(a - cx) * ux + (b - cy) * uy for a, b in pts if (a, b) != (x, y)]
        if reach - max(others) < BEYOND * size:
            continue
        if _mirror_error(pts, cx, cy, ux, uy) <= SYMMETRY * size:
            tips.append((_off_compass(ux, uy), reach, ux, uy))
    if not tips:
        return None
    tips.sort()
    best = tips[0]
    rivals = [t for t in tips[1:] if t[0] - best[0] <= TIE_DEGREES]
    if any(best[2] * t[2] + best[3] * t[3] > -0.9 for t in rivals):
        return None  # a square's corners, a star's points: no one way
    _, _, ux, uy = min([best, *rivals], key=lambda t: t[1])
    return _compass(ux, uy)


def _off_compass(ux: float, uy: float) -> float:
    """Degrees between a direction and the nearest of the eight compass points: of an
    equilateral triangle's three apexes, the one drawn upright is the arrow's."""
    angle = math.degrees(math.atan2(-uy, ux)) % 45
    return min(angle, 45 - angle)


def _covered(box: dict, words: list[dict]) -> bool:
    return any(w["x0"] < box["x1"] and w["x1"] > box["x0"] and w["top"] < box["bottom"]
               and w["bottom"] > box["top"] for w in words)


TOUCH = 1.0
"""Points: line ends this close are joined (a line-drawn arrow's shaft and barbs)."""


def _box(points) -> dict:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return {"x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys), "pts": points}


def line_shapes(lines: list[dict]) -> list[dict]:
    """Small line segments that touch end to end, grouped into one shape each (a shaft and
    two barbs), as curve-like dicts with their end points; a long line (a table's rule)
    never joins one."""
    short = [ln for ln in lines if max(ln["x1"] - ln["x0"], ln["bottom"] - ln["top"]) <= MAX_SIZE]
    ends = [[tuple(p) for p in ln.get("pts") or ((ln["x0"], ln["top"]), (ln["x1"], ln["bottom"]))]
            for ln in short]
    groups: list[list[int]] = []
    for i, mine in enumerate(ends):
        joined = [g for g in groups if any(math.dist(a, b) <= TOUCH for j in g
                                           for a in ends[j] for b in mine)]
        merged = [i] + [j for g in joined for j in g]
        groups = [g for g in groups if g not in joined] + [merged]
    shapes = []
    for group in groups:
        if len(group) < 2:
            continue
        box = _box([p for j in group for p in ends[j]])
        box["doctop"] = min(short[j]["doctop"] for j in group)
        shapes.append(box)
    return shapes


def drawn_arrow_words(curves: list[dict], words: list[dict]) -> list[dict]:
    """A word (pdfplumber's keys) holding the arrow of each small shape (a curve, or lines
    joined by `line_shapes`) that points and lies under no text: what the shape says,
    where it is printed."""
    out = []
    for curve in curves:
        width, height = curve["x1"] - curve["x0"], curve["bottom"] - curve["top"]
        if max(width, height) > MAX_SIZE:
            continue
        way = arrow_of_points(curve.get("pts") or [])
        if way is None or _covered(curve, words):
            continue
        out.append({
            "text": ARROWS[way], "x0": curve["x0"], "x1": curve["x1"], "top": curve["top"],
            "doctop": curve["doctop"], "bottom": curve["bottom"], "upright": True,
            "height": height, "width": width, "direction": "ltr", "bold": False,
            "drawn": True,
        })
    return out
