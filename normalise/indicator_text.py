"""Indicators written as text, not tables.

Some papers print each KPI as a paragraph or a one-column table cell rather than a row:
"Calls answered in 20 seconds. Latest: 97% Target: 97% Floor: 90% Previous: 97% (Green)".
Each labelled figure is read by its label's words with the same cues that read an
indicator table's headings (`roles.heading_cues`: Latest → result, Floor → target,
Previous → previous), so no list of labels lives here. A block is an indicator when it
labels at least two figures (a result, target or previous, one with a digit); its name is
the text before the first label, or the line above. Labels on lines of their own under
one name ("Latest: 97%" then "Target: 95%") make one indicator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from planrecon.ingest import clean_text

from ._column_vocab import INDICATOR_FIELDS, fold
from .roles import heading_cues
from .status import rag_word

__all__ = ["text_indicators"]

_LABEL = re.compile(r"(?:^|(?<=[\s.;,)]))((?:[A-Za-z][A-Za-z'’]*\s+){0,2}[A-Za-z][A-Za-z'’]*)"
                    r"\s*:\s+")
_COLOUR = re.compile(r"\(\s*([A-Za-z/ ]{1,20})\s*\)\s*$")
_FIGURES = ("result", "target", "previous")
NAME_LENGTH = 200
"""A line longer than this above the labels is narrative, not the indicator's name."""


def _label(words: list[str]) -> tuple[int, str] | None:
    """The fewest last words of a label that name one field ("seconds Latest" → Latest),
    with how many words before them belong to the text."""
    for k in range(1, len(words) + 1):
        cues = heading_cues(fold(" ".join(words[-k:])), "indicator")
        if len(cues) == 1:
            return len(words) - k, next(iter(cues))
    return None


def _labelled(line: str) -> tuple[str, list[tuple[str, str, str]]]:
    """The text before the first label, and each (role, label, value) whose label's
    words name an indicator's field."""
    marks = []
    for m in _LABEL.finditer(line):
        words = m.group(1).split()
        if (found := _label(words)) is not None:
            skip, role = found
            start = m.start() + sum(len(w) for w in words[:skip]) + skip if skip else m.start()
            start = line.index(words[skip], start)
            marks.append((start, m.end(), role, " ".join(words[skip:])))
    pairs = []
    for n, (_, end, role, label) in enumerate(marks):
        stop = marks[n + 1][0] if n + 1 < len(marks) else len(line)
        pairs.append((role, label, line[end:stop].strip(" ;,")))
    prefix = line[:marks[0][0]] if marks else line
    return prefix.strip(" :-–;,."), pairs


def _record(name: str, locator: str) -> dict:
    return {"name": name, "locator": locator, "values": {}, "stems": {}}


def _add(record: dict, role: str, label: str, value: str) -> None:
    """A field's first value is kept, except that a label saying 'Target' itself takes
    the target from a floor or limit read before it."""
    colour = _COLOUR.search(value)
    if colour and rag_word(colour.group(1)):
        record["values"].setdefault("rag", colour.group(1).strip())
        value = value[:colour.start()].strip()
    exact = "target" in fold(label).words
    if role not in record["values"] or role == "target" and exact and not record["stems"].get(
            role):
        record["values"][role] = value
        record["stems"][role] = exact


def _indicator(record: dict) -> bool:
    values = record["values"]
    figures = [values[f] for f in _FIGURES if values.get(f)]
    return len(figures) >= 2 and any(ch.isdigit() for v in figures for ch in v)


def text_indicators(lines: Iterable[tuple[str, str]]) -> list[tuple[str, dict[str, str]]]:
    """(locator, indicator fields) for each labelled block among `lines` of
    (locator, text), in order."""
    found: list[dict] = []
    current: dict | None = None
    above = ""
    for locator, text in lines:
        for line in text.splitlines():
            line = clean_text(line)
            prefix, pairs = _labelled(line)
            if not pairs:
                current = None
                above = line if line else above
                continue
            if prefix or current is None:
                name = prefix or (above.rstrip(" :-–") if len(above) <= NAME_LENGTH else "")
                current = _record(name, locator)
                found.append(current)
            for role, label, value in pairs:
                _add(current, role, label, value)
            above = ""
    out = []
    for record in filter(_indicator, found):
        fields = {f: "" for f in INDICATOR_FIELDS}
        fields.update(record["values"])
        fields["description"] = fields["description"] or record["name"]
        out.append((record["locator"], fields))
    return out
