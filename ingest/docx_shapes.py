"""Shapes and pictures in a Word paper's cells: an arrow drawn with Word's shapes reads as
the arrow it shows; a picture, which has nothing to read, is pointed out.

A Word shape names its outline (`a:prstGeom prst="upArrow"`, "triangle", "chevron") and
how it is turned (`a:xfrm rot` in 60000ths of a degree clockwise, `flipH`, `flipV`), so
the way it points is the preset's way turned as the paper turns it.
"""

from __future__ import annotations

import math

from .symbols import ARROWS

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
PRESETS = {
    "upArrow": (0, -1), "triangle": (0, -1), "flowChartExtract": (0, -1),
    "bentUpArrow": (0, -1), "curvedUpArrow": (0, -1), "upArrowCallout": (0, -1),
    "downArrow": (0, 1), "flowChartMerge": (0, 1), "curvedDownArrow": (0, 1),
    "downArrowCallout": (0, 1),
    "rightArrow": (1, 0), "notchedRightArrow": (1, 0), "stripedRightArrow": (1, 0),
    "chevron": (1, 0), "homePlate": (1, 0), "curvedRightArrow": (1, 0),
    "rightArrowCallout": (1, 0),
    "leftArrow": (-1, 0), "curvedLeftArrow": (-1, 0), "leftArrowCallout": (-1, 0),
}
"""Word's preset outlines that point one way, and that way unturned (x right, y down)."""
_NAMES = ("right", "down-right", "down", "down-left", "left", "up-left", "up", "up-right")


def shape_arrow(drawing) -> str:
    """The arrow a w:drawing's shape shows ('' for any other drawing)."""
    for geometry in drawing.iter(f"{{{_A}}}prstGeom"):
        way = PRESETS.get(geometry.get("prst", ""))
        if way is None:
            continue
        props = geometry.getparent()
        xfrm = props.find(f"{{{_A}}}xfrm") if props is not None else None
        x, y = way
        if xfrm is not None:
            x, y = _turned(x, y, xfrm)
        angle = math.degrees(math.atan2(y, x)) % 360  # clockwise from right, y down
        return ARROWS[_NAMES[int((angle + 22.5) // 45) % 8]]
    return ""


def _turned(x: float, y: float, xfrm) -> tuple[float, float]:
    if xfrm.get("flipH") in ("1", "true"):
        x = -x
    if xfrm.get("flipV") in ("1", "true"):
        y = -y
    try:
        turn = math.radians(int(xfrm.get("rot", "0")) / 60000)
    except ValueError:
        return x, y
    c, s = math.cos(turn), math.sin(turn)
    return x * c - y * s, x * s + y * c


def has_picture(element) -> bool:
    """A picture (a photo, a clip-art arrow, a traffic light image) inside `element`."""
    return next(element.iter(f"{{{_PIC}}}pic"), None) is not None or any(
        child.tag.endswith("}imagedata") for child in element.iter()
        if isinstance(child.tag, str))
