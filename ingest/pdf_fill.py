"""Background colours of ruled PDF cells (RAG status cells) from the filled rects under them."""

from __future__ import annotations

from .colours import fill_hex

COVER_FACTOR = 4.0
"""A filled rect bigger than this many cell areas is a page or table background, not a cell fill."""


def filled_rects(rects: list[dict]) -> list[tuple[float, float, float, float, str]]:
    """(x0, top, x1, bottom, colour) of the non-white filled rectangles of a page."""
    out = []
    for rect in rects:
        if not rect.get("fill"):
            continue
        colour = fill_hex(rect.get("non_stroking_color"))
        if colour:
            out.append((rect["x0"], rect["top"], rect["x1"], rect["bottom"], colour))
    return out


def cell_fills(
    cells: list[tuple[float, float, float, float]],
    fills: list[tuple[float, float, float, float, str]],
) -> dict[int, str]:
    """Cell index → colour of the smallest filled rect under the cell's centre."""
    out: dict[int, str] = {}
    if not fills:
        return out
    for k, (x0, top, x1, bottom) in enumerate(cells):
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        area = max((x1 - x0) * (bottom - top), 1.0)
        under = [
            f for f in fills
            if f[0] <= cx <= f[2] and f[1] <= cy <= f[3]
            and (f[2] - f[0]) * (f[3] - f[1]) <= COVER_FACTOR * area
        ]
        if under:
            out[k] = min(under, key=lambda f: (f[2] - f[0]) * (f[3] - f[1]))[4]
    return out
