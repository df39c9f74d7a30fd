"""White space and list bullets as every reader and `normalise` read them, in one place.

Officers' papers bring the same white space whatever their format: non-breaking spaces
from Word and Outlook, tabs, line breaks inside a cell, doubled spaces. Readers, the steps
that find headers, and `normalise` all compare and write text folded the same way, so an
action reads alike from its .xlsx and its PDF, and a heading matches whatever space its
words were typed with. Likewise a bullet typed at the start of a line makes a list item
in a spreadsheet cell, a Word or OpenDocument paragraph and a PDF's printed line alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def clean_text(text: str | None) -> str:
    """Every run of white space (tabs, line breaks, non-breaking and other Unicode spaces)
    as one plain space, ends trimmed; None as "". `str.split` finds the same white space as
    a regex `\\s` and is several times quicker: a large sheet calls this over a million times."""
    return " ".join((text or "").split())


def folded(text: str | None) -> str:
    """`clean_text` in lower case: the form in which two printings of a text are compared
    (an action reworded or not, a target's words, the action an override names)."""
    return clean_text(text).lower()


def clean_lines(lines: Iterable[str]) -> list[str]:
    """The lines of a cell or paragraph each folded by `clean_text`, blank ones dropped:
    line breaks kept, white space inside each line tidied."""
    return [s for s in map(clean_text, lines) if s]


_GLYPHS = "•·▪◦‣●○■□➢▸\uf000-\uf0ff"
"""Bullet glyphs; symbol-font bullets (Word's Symbol and Wingdings) sit in U+F0xx."""
_ARROWS = "►→⇨"
"""A symbol font's arrow bullets, read as arrows by `symbols`: a bullet when text follows,
alone in a cell a direction of travel."""
_TICKS = "✓✔✗✘☑☒"
"""Ticks and crosses start an item and stay in it: they carry a status."""
_BULLET = re.compile(rf"^\s*(?:[{_GLYPHS}]\s*|[{_ARROWS}]\s*(?=\S)|[-–—*o]\s+(?=\S)"
                     rf"|(?=[{_TICKS}]))")
"""What starts a list item: a glyph, an arrow with text after it, a dash, `*` or `o` with a
space and text after it (so `-5%`, a lone `-` for nil and `other` are not items), or a tick.
Numbers are not bullets: `1.2 Review` is a reference and `1.5 million` a figure."""
_LONE = re.compile(rf"\s*[{_GLYPHS}{_TICKS}]\s*")


def list_item(line: str) -> str | None:
    """What the line says after its bullet when a bullet starts it ("" for a glyph alone),
    else None. The glyph, arrow or dash goes (the "; " between items stands for it); a
    tick stays."""
    match = _BULLET.match(line)
    return line[match.end():].strip() if match else None


def is_lone_bullet(text: str) -> bool:
    """One bullet glyph or tick and nothing else: a column of these beside printed text
    is a list's markers, not table data."""
    return _LONE.fullmatch(text) is not None
