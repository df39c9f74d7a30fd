"""What each YAML file an officer writes may hold, declared as pydantic models.

`officer_files` reads the files and turns these models' errors into lines an officer can
act on; the models only say what is allowed. Two choices run through all of them:

- YAML turns `2007` into a number and `NO` into false. A label that YAML read as a whole
  number is taken as the text it was; anything else that is not text asks for quotes.
- A key nobody reads is never silently dropped: one that looks like a misspelling of a
  known key (`versoin:`) is an error, because ignoring it would drop the officer's
  setting without a word; any other (`comment:`) is ignored with a warning.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import PurePosixPath
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    model_validator,
)
from pydantic_core import PydanticCustomError

from planrecon.normalise.columns import ACTION_FIELDS, INDICATOR_FIELDS, KINDS
from planrecon.reconcile import MatchSettings
from planrecon.reconcile.rules import LEGACY_KEYS

MISSPELT, IGNORED = "misspelt_key", "ignored_key"
"""Error types for unknown keys: the first stops the run, the second is only a warning."""
CLOSE = 0.75
"""How alike two names must be (difflib ratio) to call one a misspelling of the other:
'versoin'/'version' 0.86, 'paper'/'papers' 0.91, 'comment'/'column' 0.62."""


def close_to(name: str, known) -> str | None:
    """The known name `name` is most likely a misspelling of, if any."""
    found = difflib.get_close_matches(str(name).lower(), list(known), n=1, cutoff=CLOSE)
    return found[0] if found else None


def known_keys(data: Any, known: list[str]) -> Any:
    """`data` without its empty keys (`date:` with nothing after it means no date), once
    every key in it is known; the first unknown one raises (see module docstring)."""
    if not isinstance(data, dict):
        return data
    unknown = [key for key in data if str(key) not in known]
    expected = {"expected": ", ".join(known)}
    for key in unknown:
        if close := close_to(key, known):
            raise PydanticCustomError(
                MISSPELT, "unknown key '{key}': did you mean '{close}'? (expected {expected})",
                {"key": key, "close": close, **expected})
    if unknown:
        raise PydanticCustomError(
            IGNORED, "'{key}' is not a key planrecon reads, so it was ignored (it reads "
            "{expected})", {"key": unknown[0], **expected})
    return {key: value for key, value in data.items() if value is not None}


class _Checked(BaseModel):
    model_config = ConfigDict(frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data: Any) -> Any:
        return known_keys(data, list(cls.model_fields))


def _text(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is not None and not isinstance(value, str):
        raise PydanticCustomError(
            "text_type", "expected text, got {value}: put it in quotes so YAML keeps it as "
            "written", {"value": repr(value)})
    return value


Text = Annotated[str, BeforeValidator(_text)]
Texts = Annotated[list[Text], BeforeValidator(lambda v: [v] if isinstance(v, str) else v)]


def _one_of(names, what: str):
    """A name that must be one of `names`; a near miss is named in the error."""
    allowed = sorted(names)

    def check(value: str) -> str:
        if value in allowed:
            return value
        close = close_to(value, allowed)
        raise PydanticCustomError(
            "not_one_of", "'{value}' is not {what}{hint}; expected one of {allowed}",
            {"value": value, "what": what, "hint": f" (did you mean '{close}'?)" if close else "",
             "allowed": ", ".join(allowed)})

    return Annotated[str, BeforeValidator(_text), AfterValidator(check)]


def _target(value: str) -> str:
    if value in ACTION_FIELDS + INDICATOR_FIELDS or value.startswith("other:"):
        return value
    close = close_to(value, ACTION_FIELDS + INDICATOR_FIELDS)
    raise PydanticCustomError(
        "not_a_field", "'{value}' is not a column name{hint}; expected a standard column "
        "({fields}) or other:<name>", {
            "value": value, "hint": f" (did you mean '{close}'?)" if close else "",
            "fields": ", ".join(dict.fromkeys(ACTION_FIELDS + INDICATOR_FIELDS))})


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if value is not None and not isinstance(value, dt.date | str):
        raise PydanticCustomError("date_type", "not a date")
    return value


def _paper_path(value: str) -> str:
    """A glob relative to the inbox; Windows back-slashes read as folders."""
    path = value.strip().replace("\\", "/")
    if (not path or path.startswith("/") or re.match(r"[A-Za-z]:", path)
            or ".." in path.split("/")):
        raise PydanticCustomError(
            "outside_inbox", "'{file}' must be a path inside the inbox, written from the "
            "inbox folder (e.g. barnet/plan-2006.xlsx)", {"file": value})
    return PurePosixPath(path).as_posix()


Target = Annotated[str, BeforeValidator(_text), AfterValidator(_target)]


class PlanPaper(_Checked):
    """One `papers:` entry: which paper(s) it is about, and what to call them."""

    file: Annotated[str, BeforeValidator(_text), AfterValidator(_paper_path)]
    plan: Text = ""
    version: Text = ""
    date: Annotated[dt.date | None, BeforeValidator(_date)] = None
    table: Text = ""
    note: Text = ""


class PlansFile(_Checked):
    papers: list[PlanPaper] = []


class ColumnsFile(_Checked):
    """config/columns.yaml: the sections of normalise/defaults/columns.yaml."""

    confidence: Annotated[float, Field(gt=0, le=1, strict=True)] | None = None
    any_table: dict[_one_of(ACTION_FIELDS + INDICATOR_FIELDS, "a standard column"), Texts] = {}
    action_table: dict[_one_of(ACTION_FIELDS, "an action plan column"), Texts] = {}
    indicator_table: dict[_one_of(INDICATOR_FIELDS, "an indicator table column"), Texts] = {}
    other: dict[Text, Texts] = {}
    tables_not_extracted: dict[Text, Texts] = {}
    second_choice: dict[Text, Target] = {}
    several_columns: Annotated[list[Target], BeforeValidator(
        lambda v: [v] if isinstance(v, str) else v)] = []
    year_columns: dict[_one_of(KINDS, "a kind of table"), Target] = {}
    kinds: dict[_one_of(KINDS, "a kind of table"), list[list[Target]]] = {}


Name = Annotated[str, Field(strict=True, min_length=1)]
Names = Annotated[list[Name], BeforeValidator(lambda v: [] if v is None else v)]
OWNER_SECTIONS = {"aliases": dict, "never_split": list, "councils": dict}


class OwnerSection(_Checked):
    aliases: dict[Name, Names] = {}
    never_split: Names = []


class OwnersFile(OwnerSection):
    """config/owners.yaml: sections as in normalise/defaults/owners.yaml, or the plain
    `canonical name: [printed forms]` mapping, read as one `aliases:` section."""

    councils: dict[Text, Annotated[OwnerSection, BeforeValidator(lambda v: v or {})]] = {}

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, data: Any) -> Any:
        """Plain unless a key is a section name, or close to one and shaped like it (so an
        owner called 'Council: [CBC]' stays an owner, while 'councills: {...}' is a typo)."""
        if not isinstance(data, dict):
            return data
        def section(key, value) -> bool:
            close = close_to(key, OWNER_SECTIONS)
            return str(key) in OWNER_SECTIONS or bool(
                close and isinstance(value, OWNER_SECTIONS[close]))

        sectioned = any(section(key, value) for key, value in data.items())
        return data if sectioned else {"aliases": data}


MATCH_KEYS = sorted({*MatchSettings.resolve_keys(), *LEGACY_KEYS})


def _match_settings(data: Any) -> MatchSettings:
    """Unknown top-level keys as everywhere else; then reconcile's own declaration checks
    the rest (nested keys, ranges, weights adding up) and names what it refuses."""
    data = known_keys(data, MATCH_KEYS)
    try:
        return MatchSettings.resolve(data or {})
    except ValueError as exc:
        raise PydanticCustomError("match_settings", "{why}", {"why": str(exc)}) from None


MATCHING = TypeAdapter(Annotated[Any, BeforeValidator(_match_settings)])
"""config/matching.yaml: reconcile's matching declaration, checked by its own rules."""
