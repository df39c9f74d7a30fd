"""White space as every reader and `normalise` fold it, in one place.

Officers' papers bring the same white space whatever their format: non-breaking spaces
from Word and Outlook, tabs, line breaks inside a cell, doubled spaces. Readers, the steps
that find headers, and `normalise` all compare and write text folded the same way, so an
action reads alike from its .xlsx and its PDF, and a heading matches whatever space its
words were typed with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WS = re.compile(r"\s+")


def clean_text(text: str | None) -> str:
    """Every run of white space (tabs, line breaks, non-breaking and other Unicode spaces)
    as one plain space, ends trimmed; None as ""."""
    return _WS.sub(" ", text or "").strip()


def clean_lines(lines: Iterable[str]) -> list[str]:
    """The lines of a cell or paragraph each folded by `clean_text`, blank ones dropped:
    line breaks kept, white space inside each line tidied."""
    return [s for s in map(clean_text, lines) if s]
