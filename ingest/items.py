"""A cell's text from its lines, list items written the contract's way: `; `-separated.

Officers type lists into cells with a bullet or tick at the start of each line
("to include:-" then "✓ Service users comments fed into strategy", …). Word and
OpenDocument cell paragraphs, the lines of a spreadsheet cell and the printed lines of a
PDF cell follow the same rule, so it lives here, on the one bullet grammar of
`text.list_item`.
"""

from __future__ import annotations

from collections.abc import Iterable

from .text import list_item


def bulleted_lines(text: str) -> str:
    """A spreadsheet cell's text as items when a line after its first starts with a
    bullet or tick, else unchanged (its line breaks kept)."""
    lines = text.splitlines()
    if len(lines) < 2 or all(list_item(line) is None for line in lines[1:]):
        return text
    return cell_text([([line.strip() for line in lines], False)])


def cell_text(paragraphs: Iterable[tuple[list[str], bool]]) -> str:
    """A cell's paragraphs as officers read them: list items `; `-separated, prose joined
    by spaces.

    Each paragraph is (its lines, stripped, whether it is a list item). A list item runs
    to the end of its paragraph (a line break inside it, such as "… Mar 2009.<br>(AOF35)",
    continues the item); a plain paragraph after another plain one continues the same
    sentence run; a typed bullet starts a new item, and a line with no bullet continues
    the item before it (a wrapped line or the lead-in sentence).
    """
    paragraphs = list(paragraphs)
    chunks: list[list[str]] = []
    last_is_item = False
    for lines, is_list in paragraphs:
        for i, line in enumerate(lines):
            item = list_item(line)
            body = line if item is None else item
            if not body:
                continue
            if item is not None or (is_list and i == 0):
                chunks.append([body])
                last_is_item = True
            elif not chunks or (i == 0 and last_is_item):
                chunks.append([body])
                last_is_item = False
            else:
                chunks[-1].append(body)
    if not chunks:  # a lone mark is the cell's value (a direction ►, a tick), not a bullet
        return next((line.strip() for lines, _ in paragraphs for line in lines
                     if line.strip()), "")
    return "; ".join(" ".join(parts) for parts in chunks)
