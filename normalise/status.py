"""Progress text, RAG cell text and RAG fill colour -> contract ``status`` and ``rag``.

Councils report progress three ways, often at once: words in a progress column
("Achieved.", "Rolled over to 2009-10", "currently on schedule"), a RAG column
holding a colour word ("GREEN", Barnet's four-grade "Red Amber"), and a RAG
column that only has a fill colour.  Reconciliation flags ``completed`` and
``status_changed`` between versions, so every paper must land on the same small
vocabulary.  Precedence (contract "Status conventions", vectors README
"statuses.csv"):

1. a completion statement: the text *starts with* complete / completed /
   achieved / done / implemented, or holds the upper-case token ``COMPLETED``
   (Hertfordshire's convention).  Mid-text uses ("54 completed", "to be
   completed", "incomplete") describe sub-tasks and do not count;
2. rolled over / rolled forward / carried forward;
3. an explicit status cell in words ("On track", "Slipping", "Complete", "Not
   started"; `status_word`), then the explicit RAG cell (its text, else its fill
   colour); a status word in that column ("Not Started") is read like progress text;
4. words in the progress text, worst first so a warning is never hidden by a
   reassurance ("not achieved", then slipping/delayed, then not started, then
   on schedule/on target); a RAG statement in the text ("Amber rating is due to")
   counts first;
5. otherwise ``unknown`` ("in progress" alone says nothing about being on track).

``rag`` comes from the RAG cell, else a colour word in the status cell, else from a
RAG statement in the text, else ``none``; a colour word quoting something else
(Hertfordshire "One identified as 'red'") is not a RAG statement.
"""

from __future__ import annotations

import colorsys
import re
from functools import lru_cache

from planrecon.ingest import clean_text
from planrecon.ingest.colours import colour_hex

__all__ = ["RAGS", "STATUSES", "parse_status", "rag_from_fill", "rag_word", "status_word"]

STATUSES = (
    "complete",
    "on_track",
    "at_risk",
    "off_track",
    "not_started",
    "rolled_over",
    "unknown",
)
RAGS = ("green", "amber", "red", "none")

_STATUS_OF_RAG = {"green": "on_track", "amber": "at_risk", "red": "off_track"}

_COMPLETION_START = re.compile(r"(?:complete|completed|achieved|done|implemented)\b", re.I)
_COMPLETED_TOKEN = re.compile(r"\bCOMPLETED\b")
_ROLLED_OVER = re.compile(r"\b(?:roll(?:ed)?|carr(?:y|ied))[\s-]+(?:over|forward)\b", re.I)
# Progress-text words, worst first (see module docstring, step 4).
_WORDS = (
    ("off_track", re.compile(r"\bnot\s+(?:been\s+)?achieved\b", re.I)),
    (
        "at_risk",
        re.compile(r"\bslip(?:ping|ped|page)\b|(?<!\bno )(?<!\bwithout )\bdelay(?:s|ed)?\b", re.I),
    ),
    (
        "not_started",
        re.compile(
            r"\bnot\s+(?:yet\s+)?(?:started|commenced)\b|\bno\s+action\s+at\s+present\b", re.I
        ),
    ),
    ("on_track", re.compile(r"(?<!\bnot )\bon\s+(?:schedule|target|track)\b", re.I)),
)
_COLOUR = r"(red|amber|green)"
# A colour stated as the action's rating, not merely mentioned.
_RAG_STATEMENT = re.compile(
    rf"\b{_COLOUR}\s+(?:rating|rated|status|rag|action|project)\b"
    rf"|\b(?:rated(?:\s+as)?|rag(?:\s+(?:status|rating))?(?:\s+(?:is|of))?:?)\s+{_COLOUR}\b"
    rf"|(?:^|[.!?]\s+){_COLOUR}\s+(?:is\s+due|because|due\s+to)\b",
    re.I,
)
# A status cell's whole text: the words councils print in a Status column, worst first.
_STATUS_CELL = (
    ("complete", r"complete[d]?|achieved|done|delivered|closed|finished"),
    ("rolled_over", r"rolled\s+(?:over|forward)|carried\s+forward"),
    ("off_track", r"off\s+track|not\s+achieved|overdue|behind(?:\s+schedule)?|failed"),
    ("at_risk", r"at\s+risk|slipping|slipped|delayed|some\s+slippage|behind\s+target"),
    ("not_started", r"not\s+(?:yet\s+)?(?:started|commenced)|not\s+due"),
    ("on_track", r"on\s+(?:track|target|schedule)|ahead(?:\s+of\s+schedule)?"),
    ("unknown", r"in\s+progress|ongoing|on-going|underway|under\s+way|started|open"),
)
_STATUS_CELL_RE = tuple(
    (status, re.compile(rf"\W*(?:{words})\W*", re.I)) for status, words in _STATUS_CELL
)
_RAG_WORD = re.compile(r"\b(red|amber|green)\b", re.I)
_RAG_LETTERS = re.compile(r"([RAG])(?:\s*[/-]\s*([RAG]))?", re.I)
_LETTER_RAG = {"r": "red", "a": "amber", "g": "green"}

# Hue bands in degrees for RAG fills; everything else (blues, purples) is decoration.
_RED_FROM, _AMBER_FROM, _GREEN_FROM, _GREEN_TO = 335.0, 20.0, 70.0, 170.0
# Below these a fill is white, grey, black or a pale header tint, not a signal.
# Low enough that Excel's pastel "Good" (C6EFCE) and "Bad" (FFC7CE) styles count.
_MIN_SATURATION, _MIN_VALUE = 0.15, 0.25


def rag_from_fill(hex_rgb: str | None) -> str | None:
    """The RAG colour of a cell fill (``RRGGBB`` or ``AARRGGBB``, ``#`` optional),
    or ``None`` when the fill is not a RAG-like colour or not a colour at all.

    Classified by hue and saturation rather than a list of codes because every
    workbook uses its own greens and ambers (00B050, 92D050, 00FF00; FFC000,
    FFFF00, FF9900; FF0000, C00000).  Yellow and orange count as amber.
    """
    digits = colour_hex(hex_rgb)
    if digits is None:
        return None
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    if saturation < _MIN_SATURATION or value < _MIN_VALUE:
        return None
    degrees = hue * 360
    if degrees >= _RED_FROM or degrees < _AMBER_FROM:
        return "red"
    if degrees < _GREEN_FROM:
        return "amber"
    if degrees < _GREEN_TO:
        return "green"
    return None


@lru_cache(maxsize=8192)
def parse_status(
    progress: str | None, rag_text: str | None = None, rag_fill: str | None = None,
    status_text: str | None = None,
) -> tuple[str, str]:
    """``(status, rag)`` for one action from its progress text, its RAG cell's text and
    fill colour, and its status cell (any may be missing); see the module docstring.
    Cached: a plan repeats its progress words and RAG cells row after row."""
    text = clean_text(progress)
    cell = clean_text(rag_text)
    said = clean_text(status_text)
    cell_rag = _rag_from_cell_text(cell) or rag_from_fill(rag_fill) or rag_word(said)
    stated_rag = _stated_rag(text)
    explicit = status_word(said) or _settled_status(said) or _word_status(said)
    status = (
        _settled_status(text)
        or (explicit if explicit and explicit != "unknown" else None)
        or (_STATUS_OF_RAG[cell_rag] if cell_rag else _settled_status(cell) or _word_status(cell))
        or (_STATUS_OF_RAG[stated_rag] if stated_rag else _word_status(text))
        or "unknown"
    )
    return status, cell_rag or stated_rag or "none"


def status_word(cell: str) -> str | None:
    """The status a whole cell says in words ("On track", "Slipping.", "Not started"),
    or None when the cell is not just a status phrase; "In progress" is ``unknown``."""
    return next((status for status, pattern in _STATUS_CELL_RE if pattern.fullmatch(cell)),
                None)


def rag_word(cell: str) -> str | None:
    """The RAG colour of a cell that is only a colour ("Green", "A", "Red/Amber"), else None."""
    text = re.sub(r"[\W_]+", " ", cell).strip()
    if not text or len(text.split()) > 3:
        return None
    if not re.fullmatch(r"(?:(?:red|amber|green|[rag])\s*)+", text, re.I):
        return None
    return _rag_from_cell_text(cell.strip())


def _settled_status(text: str) -> str | None:
    """Steps 1 and 2: the action is finished with, whatever its colour says."""
    opening = re.sub(r"^\W+", "", text)
    if _COMPLETION_START.match(opening) or _COMPLETED_TOKEN.search(text):
        return "complete"
    return "rolled_over" if _ROLLED_OVER.search(text) else None


def _word_status(text: str) -> str | None:
    """Step 4: the first of the contract's status phrases, worst first."""
    return next((status for status, pattern in _WORDS if pattern.search(text)), None)


def _rag_from_cell_text(cell: str) -> str | None:
    """The colour a RAG cell states: colour words, or R/A/G letters.

    Any grade mixing two colours ("Green Amber", "Red Amber", "A/G") is an
    intermediate grade, so it is amber: Barnet's four-grade scale onto three.
    """
    colours = {c.lower() for c in _RAG_WORD.findall(cell)}
    letters = _RAG_LETTERS.fullmatch(cell)
    if not colours and letters:
        colours = {_LETTER_RAG[g.lower()] for g in letters.groups() if g}
    if len(colours) > 1 or "amber" in colours:
        return "amber"
    return colours.pop() if colours else None


def _stated_rag(text: str) -> str | None:
    """A RAG rating stated in progress text ("This is an amber action")."""
    match = _RAG_STATEMENT.search(text)
    return next(g for g in match.groups() if g).lower() if match else None
