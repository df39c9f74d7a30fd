"""The one vocabulary of direction-of-travel cells: arrows and words.

Two kinds of word are told apart. A *judging* word or arrow says the indicator got
better or worse ("Improving", "worse", ↑ ▲ ↗, ↓ ▼ ↘; a level arrow or "same" says
neither): it is what a paper's direction-of-travel column means, and `travel` reads it
for an indicator's polarity (against the way its figures moved). A *moving* word says
only which way the figure went ("up", "increasing", "negative"): it still marks a
column as a direction of travel (`direction_word`), but says nothing of which way is
better, so `travel` does not read it ("Increasing" beside a rising count of rough
sleepers is no evidence that more is better).

Arrows are read as councils print them in a direction-of-travel column: up (and up-right,
up-left) for improving, down for worsening, sideways for no change. Readers turn symbol
fonts and drawn shapes into these glyphs (`ingest.symbols`).
"""

from __future__ import annotations

import re

from planrecon.ingest import clean_text

UP_ARROWS = "↑▲⬆⇧↗↖△⇑"
DOWN_ARROWS = "↓▼⬇⇩↘↙▽⇓"
LEVEL_ARROWS = "→↔⇨►▶◄⬌←⇦◁▷⇒⇐➢"
_JUDGED = {
    "improving": (UP_ARROWS, r"improv\w*|better"),
    "worsening": (DOWN_ARROWS, r"wors\w*|deteriorat\w*|declin\w*"),
    "same": (LEVEL_ARROWS, r"same|stable|static|unchanged|no change|maintained|steady|level"
                           r"|flat|neutral"),
}
_MOVING = {"improving": r"up|increas\w*|positive", "worsening": r"down|decreas\w*|negative"}
"""Which judging word a moving word stands beside when a column is profiled."""
_CELL = {
    said: re.compile("|".join(filter(None, (f"[{arrows}]", words, _MOVING.get(said)))), re.I)
    for said, (arrows, words) in _JUDGED.items()
}
_LEADING = {
    said: re.compile(rf"^\s*(?:[{arrows}]|(?:{words})\b)", re.I)
    for said, (arrows, words) in _JUDGED.items()
}
_PUNCTUATION = re.compile(rf"^[^\w{UP_ARROWS}{DOWN_ARROWS}{LEVEL_ARROWS}]+")
MAX_CELL = 20
"""A longer cell is a sentence that mentions a direction, not a direction."""


def direction_word(text: str) -> str | None:
    """`improving`, `worsening` or `same` for a cell that is only a direction of travel
    (an arrow, "Improving", "worse", "no change", "up"), else None."""
    text = clean_text(text.strip(" .()"))
    if not text or len(text) > MAX_CELL:
        return None
    return next((said for said, pattern in _CELL.items() if pattern.fullmatch(text)), None)


def travel(text: str) -> int:
    """+1 when a direction of travel says the indicator improved, -1 worsened, 0 when it
    says neither or only which way the figure moved: its first arrow or judging word
    ("Improving", "▲", "Worsening - see note", "(↓)")."""
    text = _PUNCTUATION.sub("", text or "")
    if _LEADING["improving"].match(text):
        return 1
    if _LEADING["worsening"].match(text):
        return -1
    return 0
