"""Words that decide a due cell naming no dated period (contract rule 6) and the
connectors that join date expressions into lists, ranges and `from X` (rule 5).

The dates themselves are read by the one period grammar, `planrecon.ingest.periods`;
these are the due-date rules' own words, so they live with `dates.py`.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE | re.ASCII


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(rf"(?:{p})" for p in patterns), _FLAGS)


_NUMBER_WORD = r"[0-9]+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few"
_UNIT = r"m(?:on|o|n)?ths?|weeks?|wks?|days?|years?|yrs?"

DONE = _words(r"(?<!not )(?<!be )\b(?:complete|completed|achieved)\b")
IMMEDIATE = _words(r"\bimmediate(?:ly)?\b")
ONGOING = _words(r"\bon[ -]?going\b")
RECURRING = _words(
    r"\b(?:bi-?)?annually\b",
    r"\b(?:quarterly|monthly|weekly|fortnightly|yearly)\b",
    r"\b(?:each|every)\b[^.;]*?\b(?:year|month|quarter|week)s?\b",
)
OPEN = _words(
    r"\bto be (?:agreed|confirmed|determined|decided|arranged)\b",
    r"\btb[acd]\b",
    r"\bas and when\b",
    r"\bas (?:required|necessary|needed|appropriate)\b",
    r"\bwhen (?:required|necessary|needed)\b",
    rf"\b(?:{_NUMBER_WORD})[ -]?(?:{_UNIT})\b (?:after|from|following|of|post|before|prior)\b",
    rf"\bwithin (?:{_NUMBER_WORD}) (?:{_UNIT})\b",
    rf"(?<![0-9/.-])\b(?:{_NUMBER_WORD})(?: ?(?:-|to|or) ?(?:{_NUMBER_WORD}))? ?(?:{_UNIT})\b",
    r"^(?:once|when|after|following|upon|pending|subject to|depend(?:s|ent|ing) on"
    r"|on (?:completion|receipt|approval|agreement|appointment))\b",
    r"\b(?:short|medium|long)[ -]term\b",
    r"\bend of (?:the )?(?:financial |calendar |school |academic )?(?:year|quarter|month|term)\b",
    r"\byear[ -]end\b",
    r"\bnext (?:financial |calendar )?(?:year|quarter|month)\b",
)
"""Rule 6 `open`: agreed later, on demand, relative to an event (`6 mnths after`, `once in
post`), a bare length of time (`1-2 years`) or a horizon with no year (`end of year`,
`medium term`). None of these names a date, and none is guessed from today's."""

FROM_BEFORE = re.compile(
    r"(?<!not )\b(?:from|since|commenc(?:ed|ing|es)|start(?:ed|ing|s)?|beg[au]n|begins)"
    r"(?::| in| on)? ?$",
    _FLAGS,
)
"""Words that make the date after them a start (rule 5 `from X`, rule 6 `commenced X`,
`started X`, `began X`): `ongoing` from X unless a deadline is named as well."""
BETWEEN_BEFORE = re.compile(r"\bbetween ?$", _FLAGS)
ONWARDS_AFTER = re.compile(r"^ ?-? ?on ?wards?\b", _FLAGS)
LIST_GAP = re.compile(r" ?(?:(?:,|/|&|\+|and|or|, and|, or) ?)?", _FLAGS)
RANGE_GAP = re.compile(r" ?(?:-+|to|through(?: to)?|thru|until|till) ?", _FLAGS)
AOF_TAG = re.compile(r"\( ?AOF[^)]*\)", _FLAGS)
"""Halton's `(AOF35)`, `(AOF 11)`, `(AOF27 & 30)` area-of-focus tags: never dates."""
