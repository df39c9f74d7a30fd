"""What counts as the same action across two versions: matching rules as data.

Declared the way splink declares a linkage: comparisons made of levels, each
with a weight; blocking rules that say which pairs are compared at all; the
thresholds; and the later passes' parameters. Executed in `reconcile.match`.

The defaults live in one place, the packaged `matching.yaml` beside this
module, and nowhere in code: that file has exactly the shape of an inbox's
`config/matching.yaml`, so the defaults read as the thing an officer edits,
comments and all. The dataclasses below only give that shape types and checks.
"""

from __future__ import annotations

import copy
import types
import typing
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml

PACKAGED = Path(__file__).with_name("matching.yaml")
WHEN = ("missing", "exact", "at_least", "else")
MEASURES = ("text", "words", "owners", "equal")
"""How a comparison measures likeness; `reconcile.match` says what each one computes."""
BLOCKING = ("similar_text", "same")


@dataclass(frozen=True)
class Level:
    """One level of a comparison: when it holds, and the score it gives then."""

    when: str
    score: float | str
    """A number in 0..1, or `likeness`: the measured likeness itself."""
    threshold: float | None = None
    """For `at_least` only."""

    def __post_init__(self):
        if self.when not in WHEN:
            raise ValueError(f"level when: {self.when!r} is not one of {list(WHEN)}")
        if (self.when == "at_least") != (self.threshold is not None):
            raise ValueError("a level has a threshold exactly when it is `when: at_least`")
        if isinstance(self.score, str) and self.score != "likeness":
            raise ValueError(f"level score: {self.score!r} is neither a number nor 'likeness'")
        if not isinstance(self.score, str) and not 0 <= self.score <= 1:
            raise ValueError(f"level score {self.score} is not between 0 and 1")


@dataclass(frozen=True)
class Comparison:
    """One column compared between two actions, as a list of levels with a weight."""

    column: str
    measure: str
    weight: float
    levels: tuple[Level, ...]

    def __post_init__(self):
        if self.measure not in MEASURES:
            raise ValueError(f"measure {self.measure!r} is not one of {list(MEASURES)}")
        if self.measure == "text" and self.column != "action":
            raise ValueError("the text measure reads the action column only")
        if not self.levels or self.levels[-1].when != "else":
            raise ValueError("a comparison's levels must end with `when: else`")

    def score(self, missing: np.ndarray, exact: np.ndarray, likeness: np.ndarray) -> np.ndarray:
        """Per pair, the score of the first level that holds (`likeness` is 0 where
        `missing`; `exact` only where neither side is missing)."""
        holds = {"missing": missing, "exact": exact & ~missing, "else": np.ones_like(missing)}
        conditions = [holds.get(level.when, ~missing & (likeness >= (level.threshold or 0)))
                      for level in self.levels]
        choices = [likeness if level.score == "likeness" else np.full(len(likeness), level.score)
                   for level in self.levels]
        return np.select(conditions, choices)


@dataclass(frozen=True)
class BlockingRule:
    """Which pairs are candidates: see the `blocking` comment of matching.yaml."""

    rule: str
    top_k: int
    min_cosine: float | None = None
    """For `similar_text`."""
    column: str | None = None
    """For `same`."""
    within: str | None = None
    """For `similar_text`: only among rows holding the same value of this column (a
    section), so that a very large plan is not compared all against all."""

    def __post_init__(self):
        if self.rule not in BLOCKING:
            raise ValueError(f"blocking rule {self.rule!r} is not one of {list(BLOCKING)}")
        needs = "min_cosine" if self.rule == "similar_text" else "column"
        if getattr(self, needs) is None:
            raise ValueError(f"blocking rule {self.rule} needs {needs}")
        if self.within is not None and self.rule != "similar_text":
            raise ValueError(f"blocking rule {self.rule} takes no within (similar_text does)")


@dataclass(frozen=True)
class Thresholds:
    accept: float
    review_below: float


@dataclass(frozen=True)
class Neighbours:
    """The second pass: leftover pairs that matched neighbours vouch for."""

    min_text: float
    candidate_divisor: float
    top_k: int
    weight: float
    window_support: float
    max_gap: int


@dataclass(frozen=True)
class Parts:
    """The third pass: pieces of split or merged actions."""

    min_share: float
    min_words: int


@dataclass(frozen=True)
class SameAction:
    """When two versions share an action (plan series and copies, `reconcile.versions`)."""

    min_cosine: float


LEGACY_KEYS = {
    "accept": ("thresholds", "accept"), "review_below": ("thresholds", "review_below"),
    "context_min_text": ("neighbours", "min_text"), "context_weight": ("neighbours", "weight"),
    "window_support": ("neighbours", "window_support"), "part_min": ("parts", "min_share"),
}
"""Flat keys of the first matching.yaml, still read: where each one now lives."""


@dataclass(frozen=True)
class MatchSettings:
    comparisons: dict[str, Comparison]
    blocking: tuple[BlockingRule, ...]
    thresholds: Thresholds
    context_share: float
    neighbours: Neighbours
    parts: Parts
    same_action: SameAction

    def __post_init__(self):
        if abs(sum(c.weight for c in self.comparisons.values()) - 1) > 1e-6:
            raise ValueError("the comparisons' weights must add up to 1")
        if not 0 < self.thresholds.accept <= self.thresholds.review_below <= 1:
            raise ValueError("need 0 < accept <= review_below <= 1")
        if not self.blocking:
            raise ValueError("blocking needs at least one rule")
        for name, value in (("context_share", self.context_share),
                            ("neighbours.weight", self.neighbours.weight),
                            ("neighbours.window_support", self.neighbours.window_support),
                            ("parts.min_share", self.parts.min_share)):
            if not 0 <= value <= 1:
                raise ValueError(f"{name} must be between 0 and 1")

    @property
    def columns(self) -> set[str]:
        """The action columns the comparisons and blocking rules read."""
        return {c.column for c in self.comparisons.values()} | {
            b.column for b in self.blocking if b.column} | {
            b.within for b in self.blocking if b.within}

    @staticmethod
    def resolve_keys() -> list[str]:
        """The top-level keys a matching.yaml may hold (the packaged declaration's)."""
        return list(_packaged())

    @classmethod
    def resolve(cls, given: MatchSettings | dict | Path | None = None) -> MatchSettings:
        """The one way in: None (the packaged defaults), a dict or a YAML file overriding
        any of them (nested as in matching.yaml, or today's flat keys), or settings made."""
        if isinstance(given, cls):
            return given
        if given is None:
            return _defaults()
        if isinstance(given, Path):
            given = yaml.safe_load(given.read_text(encoding="utf-8")) or {}
        if not isinstance(given, dict):
            raise ValueError(f"match settings must be a mapping, not {type(given).__name__}")
        if "same_action" in given:
            raise ValueError("same_action cannot be overridden yet: plan series are grouped "
                             "before the inbox's matching settings reach them")
        return _build(cls, _merge(copy.deepcopy(_packaged()), _nested(given)), "")


@cache
def _packaged() -> dict:
    return yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))


@cache
def _defaults() -> MatchSettings:
    return _build(MatchSettings, copy.deepcopy(_packaged()), "")


def _nested(given: dict) -> dict:
    """Today's flat keys (`accept`, `weights`, `candidate_min_text`, …) moved to where
    they live in the declaration; the rest as given."""
    out: dict = {}
    for key, value in given.items():
        if key in LEGACY_KEYS:
            section, name = LEGACY_KEYS[key]
            out.setdefault(section, {})[name] = value
        elif key == "weights":
            if not isinstance(value, dict):
                raise ValueError("weights must map comparison names to numbers")
            for name, weight in value.items():
                if name not in _packaged()["comparisons"]:
                    raise ValueError(f"unknown comparison in weights: {name!r}")
                out.setdefault("comparisons", {}).setdefault(name, {})["weight"] = weight
        elif key == "candidate_min_text":
            rules = copy.deepcopy(_packaged()["blocking"])
            next(r for r in rules if r["rule"] == "similar_text")["min_cosine"] = value
            out["blocking"] = rules
        else:
            out[key] = value
    return out


def _merge(base: dict, over: dict) -> dict:
    """`over` onto `base`: mappings key by key, anything else replaced whole."""
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def _build(kind, data, where: str):
    """`data` (parsed YAML) as `kind`: dataclasses, tuples and dicts of them, numbers,
    strings; any key the declaration does not have is refused by name."""
    label = where or "match settings"
    if is_dataclass(kind):
        if not isinstance(data, dict):
            raise ValueError(f"{label} must be a mapping")
        hints = typing.get_type_hints(kind)
        known = {f.name for f in fields(kind)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown key in {label}: {', '.join(map(repr, unknown))}")
        try:
            return kind(**{k: _build(hints[k], v, f"{where}.{k}".lstrip("."))
                           for k, v in data.items()})
        except TypeError as error:  # a required key left out
            raise ValueError(f"{label}: {error}") from None
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is tuple:
        if not isinstance(data, list):
            raise ValueError(f"{label} must be a list")
        return tuple(_build(args[0], item, f"{where}[{n}]") for n, item in enumerate(data))
    if origin is dict:
        if not isinstance(data, dict):
            raise ValueError(f"{label} must be a mapping")
        return {k: _build(args[1], v, f"{where}.{k}") for k, v in data.items()}
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in args:
            return None
        for arg in (a for a in args if a is not type(None)):
            try:
                return _build(arg, data, where)
            except ValueError:
                continue
        raise ValueError(f"{label}: {data!r} is not a {' or '.join(a.__name__ for a in args)}")
    if kind is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if isinstance(data, kind) and not isinstance(data, bool):
        return data
    raise ValueError(f"{label}: {data!r} is not a {kind.__name__}")
