"""Colours as every reader hands them on: `RRGGBB` in capitals, or None.

A RAG status is often only a cell's colour, and each format writes colours its own way:
openpyxl an ARGB string (`FF00B050`) or a palette index, Word `w:fill="00B050"` or
`auto`, OpenDocument `#00b050`, xlrd (r, g, b) bytes, pdfplumber grey, RGB or CMYK
fractions. Each reader turns its own into a hex string or fractions; from there one
function reads them, so a fill means the same whatever paper it came in and
`normalise.status.rag_from_fill` reads one form.
"""

from __future__ import annotations

import re

WHITE = "FFFFFF"
"""What an unfilled cell looks like, so as a fill it carries no information."""

_HEX = re.compile(r"[0-9A-F]{6}")


def colour_hex(colour: object) -> str | None:
    """`RRGGBB` for a hex string (`RRGGBB`, or `AARRGGBB` whose alpha byte no
    application shows; `#` and case as they come) or for grey, RGB or CMYK fractions
    (a number or a sequence of one, three or four); None for anything else: `auto`,
    `nil`, a theme colour left unresolved, a pattern."""
    if isinstance(colour, str):
        digits = colour.strip().lstrip("#").upper()
        digits = digits[2:] if len(digits) == 8 else digits
        return digits if _HEX.fullmatch(digits) else None
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not all(
        isinstance(v, (int, float)) for v in colour
    ):
        return None
    if len(colour) == 1:
        rgb = (colour[0],) * 3
    elif len(colour) == 3:
        rgb = tuple(colour)
    elif len(colour) == 4:
        c, m, y, k = colour
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return None
    return "".join(f"{round(max(0.0, min(1.0, v)) * 255):02X}" for v in rgb)


def fill_hex(colour: object) -> str | None:
    """A cell's background as `colour_hex` reads it; None when it is no colour or white."""
    hexed = colour_hex(colour)
    return None if hexed == WHITE else hexed
