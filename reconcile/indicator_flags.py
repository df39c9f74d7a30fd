"""The indicator change flags of the contract, and one small pure function per flag.

Each function takes the old and new indicator (rows with the indicators.csv columns) and, for the
flags that say better or worse, the indicator's polarity: +1 when a larger figure is
better, -1 when a smaller one is, 0 when nothing says. `flags_for_indicators` lists them
in the contract's order.

Polarity is the paper's own word for it, in this order:

1. "smaller is better", "higher is better" printed with the indicator;
2. the verb its description aims with: "Reduce adult reoffending", "Reduction in per cent
   of repeat incidents" (smaller is better), "Increase the number of carers", "Improve
   customer satisfaction" (larger is better). It goes before the direction of travel
   because a paper's arrow or word can speak of another period than its figures: Barnet's
   Q2 2014/15 report prints reoffending 330 → 242 as "Worsening", while its own aim is
   to reduce it;
3. the direction of travel it prints ("Improving", "Worsening", an arrow ▲ ↓; read by the
   one vocabulary of `normalise.directions`, whose words that only say the figure moved,
   "up" or "increasing", say nothing here) against the way its own previous and latest
   figures moved: Barnet's homecare spend £473 → £319 "Improving"
   says smaller is better;
4. else none: better or worse then follows the RAG change (`result_worsened` when the
   figure moved and the RAG worsened).
"""

from __future__ import annotations

import re

import pandas as pd

from planrecon.ingest.text import folded
from planrecon.normalise.directions import travel

from .figures import comparable, parse_figure
from .flags import ContractFlag


class IndicatorFlag(ContractFlag):
    """A flag of indicator_changes.csv."""

    RAG_WORSENED = "rag_worsened"
    RAG_IMPROVED = "rag_improved"
    RESULT_WORSENED = "result_worsened"
    RESULT_IMPROVED = "result_improved"
    TARGET_CHANGED = "target_changed"
    MISSED_TARGET = "missed_target"
    MET_TARGET = "met_target"
    NEW = "new"
    DROPPED = "dropped"
    UNCHANGED = "unchanged"


RAG_RANK = {"red": 0, "amber": 1, "green": 2}
"""'none' has no rank: a RAG that appears or disappears neither worsened nor improved."""
_SAID = re.compile(r"\b(?P<word>smaller|lower|less|fewer|bigger|higher|larger|greater|more)"
                   r"\s+(?:is|are|=)\s+better\b", re.I)
_SMALLER = frozenset("smaller lower less fewer".split())
_AIM_DOWN = re.compile(r"\b(?:reduc\w*|decreas\w*|minimi[sz]\w*)\b", re.I)
_AIM_UP = re.compile(r"\b(?:increas\w*|improv\w*|maximi[sz]\w*)\b", re.I)


def _text(row: pd.Series | None, key: str) -> str:
    return "" if row is None else str(row.get(key, "") or "")


def _said(texts: list[str]) -> int:
    for text in texts:
        match = _SAID.search(text)
        if match:
            return -1 if match["word"].lower() in _SMALLER else 1
    return 0


def _aimed(description: str) -> int:
    down, up = bool(_AIM_DOWN.search(description)), bool(_AIM_UP.search(description))
    return 0 if down == up else (-1 if down else 1)


def _travelled(row: pd.Series | None) -> int:
    """The polarity a row's direction of travel gives against its own previous → latest
    figures: 'Improving' while the figure rose says larger is better."""
    said = travel(_text(row, "direction"))
    before, after = parse_figure(_text(row, "previous")), parse_figure(_text(row, "result"))
    if not said or not comparable(before, after) or before.value == after.value:
        return 0
    return said * (1 if after.value > before.value else -1)


def polarity(old: pd.Series | None, new: pd.Series | None) -> tuple[int, str]:
    """(+1 larger is better, -1 smaller is better, 0 unknown; why), the newer paper first."""
    rows = [r for r in (new, old) if r is not None]
    said = _said([_text(r, key) for r in rows for key in ("description", "direction")])
    if said:
        return said, "printed with the indicator"
    for row in rows:
        aim = _aimed(_text(row, "description"))
        if aim:
            return aim, "the aim its description states"
    for row in rows:
        moved = _travelled(row)
        if moved:
            return moved, "its direction of travel against its figures"
    return 0, ""


def _rag_move(old, new) -> int:
    before, after = RAG_RANK.get(_text(old, "rag")), RAG_RANK.get(_text(new, "rag"))
    return 0 if before is None or after is None else (after > before) - (after < before)


def rag_worsened(old, new) -> bool:
    return _rag_move(old, new) < 0


def rag_improved(old, new) -> bool:
    return _rag_move(old, new) > 0


def _result_move(old, new, sign: int) -> int:
    """+1 better, -1 worse, 0 not moved or not known: figures in one unit only."""
    before, after = parse_figure(_text(old, "result")), parse_figure(_text(new, "result"))
    if not comparable(before, after) or before.value == after.value:
        return 0
    if sign:
        return sign * (1 if after.value > before.value else -1)
    return _rag_move(old, new)


def result_worsened(old, new, sign: int) -> bool:
    return _result_move(old, new, sign) < 0


def result_improved(old, new, sign: int) -> bool:
    return _result_move(old, new, sign) > 0


def target_changed(old, new) -> bool:
    """A new target figure, or target words, where both versions print one."""
    before, after = _text(old, "target"), _text(new, "target")
    if not before.strip() or not after.strip():
        return False
    a, b = parse_figure(before), parse_figure(after)
    if a is not None and b is not None:
        return a != b
    return folded(before) != folded(after)


def against_target(row, sign: int) -> int:
    """+1 met, -1 missed, 0 not known: this version's result against this version's
    target, in one unit; a result equal to its target meets it whatever the polarity."""
    result, target = parse_figure(_text(row, "result")), parse_figure(_text(row, "target"))
    if not comparable(result, target):
        return 0
    if result.value == target.value:
        return 1
    return sign * (1 if result.value > target.value else -1)


def _unchanged(old, new) -> bool:
    return all(folded(_text(old, key)) == folded(_text(new, key))
               for key in ("result", "target", "rag"))


def flags_for_indicators(old: pd.Series | None, new: pd.Series | None,
                         sign: int | None = None) -> tuple[IndicatorFlag, ...]:
    """The flags of a pair, a new (`old` None) or a dropped (`new` None) indicator.
    `unchanged` when the result, target and RAG read the same; a figure that changed in a
    way no flag can judge (a new unit, words) leaves the pair with no change flag."""
    if new is None:
        return (IndicatorFlag.DROPPED,)
    sign = polarity(old, new)[0] if sign is None else sign
    found = set()
    if old is None:
        found.add(IndicatorFlag.NEW)
    else:
        found |= {flag for flag, check in ((IndicatorFlag.RAG_WORSENED, rag_worsened),
                                           (IndicatorFlag.RAG_IMPROVED, rag_improved),
                                           (IndicatorFlag.TARGET_CHANGED, target_changed))
                  if check(old, new)}
        found |= {flag for flag, check in ((IndicatorFlag.RESULT_WORSENED, result_worsened),
                                           (IndicatorFlag.RESULT_IMPROVED, result_improved))
                  if check(old, new, sign)}
        if _unchanged(old, new):
            found.add(IndicatorFlag.UNCHANGED)
    met = against_target(new, sign)
    if met:
        found.add(IndicatorFlag.MET_TARGET if met > 0 else IndicatorFlag.MISSED_TARGET)
    return IndicatorFlag.in_order(found)
