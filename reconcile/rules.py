"""What counts as the same action across two versions: matching rules as data.

Declared here, executed in `reconcile.match` (splink's settings/comparisons
apart from the linker). Officers and tests build `MatchSettings` the same way,
from a dict or a YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

DEFAULT_WEIGHTS = {"text": 0.70, "section": 0.10, "owner": 0.12, "ref": 0.08}
"""Text carries the match: refs are renumbered between versions, so they only break ties."""


@dataclass(frozen=True)
class MatchSettings:
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    accept: float = 0.55
    """A pair scoring below this is not the same action."""
    review_below: float = 0.68
    """An accepted pair scoring below this is listed for the officer to confirm."""
    candidate_min_text: float = 0.25
    """Blocking: only pairs whose text similarity reaches this are scored at all."""
    context_min_text: float = 0.55
    """Second pass: the least text likeness for a pair that matched neighbours vouch for."""
    context_weight: float = 0.45
    """Second pass: how much matched neighbours count against the text."""
    window_support: float = 1.0
    """Second pass: how much an anchor window (matched actions before and after) vouches,
    against a heading whose matched actions all went to the new one (1)."""
    part_min: float = 0.8
    """Third pass: the share of a leftover action's word weight that must be inside an
    already matched action for it to count as a piece of a split or merge."""
    context_share: float = 0.4
    """Where both rows have other descriptive columns (task, outcome), their likeness's
    share of the text likeness."""

    def __post_init__(self):
        if set(self.weights) != set(DEFAULT_WEIGHTS):
            raise ValueError(f"weights must name exactly {sorted(DEFAULT_WEIGHTS)}")
        if abs(sum(self.weights.values()) - 1) > 1e-6:
            raise ValueError("weights must add up to 1")
        if not 0 < self.accept <= self.review_below <= 1:
            raise ValueError("need 0 < accept <= review_below <= 1")
        for name in ("context_weight", "window_support", "part_min", "context_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"{name} must be between 0 and 1")

    @classmethod
    def resolve(cls, given: MatchSettings | dict | Path | None = None) -> MatchSettings:
        """The one way in: None (defaults), a dict, a YAML path, or settings already made."""
        if given is None:
            return cls()
        if isinstance(given, cls):
            return given
        if isinstance(given, Path):
            given = yaml.safe_load(given.read_text(encoding="utf-8")) or {}
        known = {f.name for f in fields(cls)}
        unknown = set(given) - known
        if unknown:
            raise ValueError(f"unknown match settings: {sorted(unknown)}")
        return cls(**given)
