"""List items inside one cell, written the contract's way: `; `-separated.

Officers type lists into cells with a bullet or tick at the start of each line
("to include:-" then "✓ Service users comments fed into strategy", …). Word and
OpenDocument cell paragraphs and the lines of a spreadsheet cell follow the same
rule, so it lives here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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


def joined_paragraphs(paragraphs: Iterable[tuple[list[str], bool]]) -> str:
    """Cell paragraphs as officers read them: list items `; `-separated, prose joined by spaces.

    Each paragraph is (its lines, whether it is a list item). A list item runs to
    the end of its paragraph (a line break inside it, such as "… Mar 2009.<br>(AOF35)",
    continues the item); a plain paragraph after another plain one continues the
    same sentence run; a typed bullet starts a new item.
    """
    paragraphs = list(paragraphs)
    chunks: list[list[str]] = []
    last_is_item = False
    for lines, is_list in paragraphs:
        for i, line in enumerate(lines):
            match = BULLET.match(line)
            body = line[match.end():] if match else line
            if not body:
                continue
            if match or (is_list and i == 0):
                chunks.append([body])
                last_is_item = True
            elif i == 0 and (not chunks or last_is_item):
                chunks.append([body])
                last_is_item = False
            else:
                chunks[-1].append(body)
    if not chunks:  # a lone mark is the cell's value (a direction ►, a tick), not a bullet
        return next((line.strip() for lines, _ in paragraphs for line in lines
                     if line.strip()), "")
    return "; ".join(" ".join(parts) for parts in chunks)
