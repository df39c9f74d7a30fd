"""List items inside one cell, written the contract's way: `; `-separated.

Officers type lists into cells with a bullet or tick at the start of each line
("to include:-" then "✓ Service users comments fed into strategy", …). Word
paragraphs and the lines of an Excel cell follow the same rule, so it lives here.
"""

from __future__ import annotations

import re

BULLET = re.compile(r"^\s*(?:([•·▪◦‣●○■□➢►▸\uf0b7\uf0a7\uf0d8])|[-–—](?=\s)|(?=[✓✔✗✘☑☒]))\s*")
"""A typed bullet at the start of a line. Pure bullet glyphs are dropped (the "; " separator
stands for them); ticks and crosses start an item but are kept, since they carry a status."""


def bulleted_lines(text: str) -> str:
    """A cell's lines as items when any line starts with a bullet or tick, else unchanged.

    A line with no bullet continues the item before it (a wrapped line or the
    lead-in sentence), so only typed bullets split the text.
    """
    lines = text.splitlines()
    if len(lines) < 2 or not any(BULLET.match(line) for line in lines[1:]):
        return text
    chunks: list[list[str]] = []
    for line in lines:
        match = BULLET.match(line)
        body = (line[match.end():] if match else line).strip()
        if not body:
            continue
        if match or not chunks:
            chunks.append([body])
        else:
            chunks[-1].append(body)
    return "; ".join(" ".join(parts) for parts in chunks)
