"""An indicator's figure as printed ("99.4%", "£473", "319,509", "12 days", "1 in 4")
read as a number with its unit, so two figures are compared only when their units agree.

A cell holding anything else (two figures, "N/A", "TBC", "New measure", "2566 service
users £190.42 average cost") is no figure: it is shown as printed and compared with
nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from planrecon.ingest.text import folded

_NUMBER = r"[-+−–]?\s*(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+−–]?\s*\.\d+"
_FIGURE = re.compile(
    rf"^(?P<pound>£)?\s*(?P<number>{_NUMBER})\s*(?P<scale>k|m|bn|million|billion)?\b\s*"
    rf"(?P<unit>%|per\s*cent|percent|per\s*[\d,]+|[a-z][a-z ]{{0,24}}?)?\s*$")
_PARENS = re.compile(r"^\((?P<inner>[^()]*)\)$")
"""'(264)': accounts print a negative in brackets."""
_RATIO = re.compile(rf"^(?P<a>{_NUMBER})\s*(?:in|out of|/|:)\s*(?P<b>{_NUMBER})$")
_YEARS = re.compile(r"^(?:19|20)\d\d\s*[/-]\s*\d\d(?:\d\d)?$")
"""'2014/15' is a year, not a ratio. Only with a four-digit first year, unlike the period
grammar (`ingest.periods`), which reads '14/15' as a year: printed as a result, it is 14
of 15."""
SCALES = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
UNIT_WORDS = {"day": "days", "days": "days", "wk": "weeks", "wks": "weeks", "week": "weeks",
              "weeks": "weeks", "hr": "hours", "hrs": "hours", "hour": "hours",
              "hours": "hours", "min": "minutes", "mins": "minutes", "minute": "minutes",
              "minutes": "minutes", "month": "months", "months": "months", "year": "years",
              "years": "years"}
"""Units of time as printed → one name; any other word after a count (12 carers) is its
own unit."""


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str
    """'%', '£', 'ratio' (1 in 4, 432/641), a unit of time, another word, or '' (a plain
    number)."""


def _number(text: str) -> float:
    return float(re.sub(r"[\s,]", "", text).replace("−", "-").replace("–", "-"))


@cache
def parse_figure(text: str) -> Figure | None:
    """The figure a cell prints, or None when it prints none or more than one."""
    cleaned = folded(str(text)).rstrip(".")
    bracket = _PARENS.match(cleaned)
    if bracket:
        inner = parse_figure(bracket["inner"])
        return Figure(-inner.value, inner.unit) if inner else None
    ratio = None if _YEARS.match(cleaned) else _RATIO.match(cleaned)
    if ratio:
        below = _number(ratio["b"])
        return Figure(_number(ratio["a"]) / below, "ratio") if below else None
    match = _FIGURE.match(cleaned)
    if not match:
        return None
    value = _number(match["number"]) * SCALES.get(match["scale"] or "", 1)
    unit = (match["unit"] or "").strip()
    if match["pound"]:
        return Figure(value, "£") if not unit else None
    if re.fullmatch(r"%|per\s*cent|percent", unit):
        return Figure(value, "%")
    if unit.startswith("per"):  # 11.05 per 1,000 households, once "households" is cut
        return Figure(value, "per " + re.sub(r"\D", "", unit))
    return Figure(value, UNIT_WORDS.get(unit, unit))


def comparable(a: Figure | None, b: Figure | None) -> bool:
    return a is not None and b is not None and a.unit == b.unit
