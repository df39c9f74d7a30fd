"""Owner cells as printed -> canonical owner names.

Councils print owners loosely: joined with ``&``, ``and``, ``/`` or full stops
(``CB & CSG & SPT``, ``CSG. Providers, Vol sector``), qualified after a dash
(``CAG - Nigel Hamilton``, ``Providers - to SP team, reported to CSG``), or, in
Hertfordshire's multi-line cells flattened to one line, with no separator at all
(``Lead Officer Strategy Officers Contracting Officers``).  Reconciliation compares
owners between plan versions, so every printed form must land on one canonical
name; which names exist is council knowledge, so it lives in YAML that an officer
can extend (``normalise/defaults/owners.yaml`` plus their own files), not in code.

How a cell is read (contract ``owners`` column, vectors README "owners.csv"):

1. Known names (every printed form, every canonical name, every ``never_split``
   name) are found first, leftmost-longest, and parenthesised text is set aside,
   so ``Black and Minority Ethnic Worker`` and ``DM (Planning & Commissioning)``
   are never split and flattened cells segment on the known names.
2. The first dash outside those names starts a qualifier: a reporting line
   (``to X``, ``reported to X``) names no owner, ``enabled by X`` / ``led by X`` /
   ``with X`` and a list of proper names (``CAG - Nigel Hamilton``, ``CSG - AO``) add
   co-owners, ``individuals`` / ``members`` or a known composite (``CSG -
   customer representatives``) narrow the owner before the dash, and anything else
   is free text and dropped.
3. The rest splits on ``& and , . / ; + with``, ``led by``, ``enabled by``; a means
   clause (``through improvement task groups``) is dropped.
4. Unknown names are kept, capitalised per word, because they are still owners;
   :func:`is_known` lets the pipeline report how many cells fully resolved.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from planrecon.ingest import clean_text

__all__ = ["OwnerAliases", "default_aliases", "is_known", "parse_owners"]

# Sentinels that stand in for protected spans while the cell is split; the cell's
# own control characters are blanked first so they cannot be mistaken for one.
_KNOWN = "\x00"
_PAREN = "\x01"
_KNOWN_TOKEN = re.compile(r"\x00(\d+)\x00")
_PAREN_TOKEN = re.compile(r"\x01(\d+)\x01")
_PARENS = re.compile(r"\([^()]*\)")

# Placeholders that mean "nobody yet" rather than an owner called "TBC".
_PLACEHOLDER = re.compile(
    r"(?:tbc|tba|tbd|n/?a|none|to be (?:confirmed|agreed|decided|determined))\.?", re.I
)
# A full stop separates after a word or known name ("CSG. Providers"), but not
# after an initial or a title ("Corporate I.T. Dept.", "Mr. J. Smith").
_FULL_STOP = r"(?<=[\w\x00]{2})(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bCllr)\.(?=\s|$)"
_SEPARATOR = re.compile(
    rf"\s*(?:[&,/;+]|{_FULL_STOP}|\b(?:and|with|led\s+by|enabled\s+by)\b)\s*", re.I
)
# A dash with a space on either side, or glued to a known name ("providers-negotiated").
_QUALIFIER_DASH = re.compile(r"\s+[-\u2013\u2014]+\s*|[-\u2013\u2014]+\s+|(?<=\x00)[-\u2013\u2014]")
_REPORTING_LINE = re.compile(r"(?:(?:reported|reporting|reports?)\s+)?to\b", re.I)
_CO_OWNER = re.compile(r"(?:enabled\s+by|led\s+by|with)\b", re.I)
_MEANS = re.compile(r"\s*\b(?:through|via)\b.*$", re.I)
_MEMBERS = re.compile(r"(?:individual\s+members|individuals?|members)\b", re.I)
# Words that are never an owner on their own ("the LA", a stray "and").
_FILLER = {"a", "an", "the", "and", "of", "for", "to", "by", "in", "on", "at", "with"}
_STRIP = " \t-\u2013\u2014:;,"


def _matches(stored: str, text: str) -> bool:
    """Whether printed ``text`` is the stored form: abbreviations in capitals
    (``SPT``, ``LA``) must match exactly, other names ignore case."""
    return text == stored or (not stored.isupper() and text.casefold() == stored.casefold())


def _tidy(name: str) -> str:
    """An unknown owner as printed, with each lower-case word capitalised
    (``Laura fortune`` -> ``Laura Fortune``) so two printings compare equal."""
    words = clean_text(name).strip(_STRIP).split()
    return " ".join(
        w[:1].upper() + w[1:] if i == 0 or (w[:1].islower() and w not in _FILLER) else w
        for i, w in enumerate(words)
    )


@dataclass(frozen=True)
class OwnerAliases:
    """Canonical owner name -> the printed forms that mean it, plus the known
    multi-word names that are never split (each resolves to itself unless it is
    also a printed form).  A canonical name is always a printed form of itself.

    Immutable so one instance can be shared by every paper in a run; build it with
    :meth:`from_mapping`, :meth:`from_yaml` or :func:`default_aliases`.
    """

    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    never_split: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        tidy = {
            clean_text(canonical): tuple(dict.fromkeys(clean_text(f) for f in forms))
            for canonical, forms in self.aliases.items()
        }
        object.__setattr__(self, "aliases", MappingProxyType(tidy))
        object.__setattr__(self, "never_split", frozenset(clean_text(n) for n in self.never_split))
        _ = self._lookup  # a printed form claimed by two canonical names fails here

    def __reduce__(self):
        """Sent to a worker process as the mapping it was built from (a read-only mapping
        view does not pickle)."""
        return type(self), (dict(self.aliases), self.never_split)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Iterable[str] | None]) -> OwnerAliases:
        """From ``{canonical: [printed forms]}`` (the shape of the vectors' alias file)."""
        _checked_names(list(mapping), "canonical names")
        return cls({c: tuple(_checked_names(forms, c)) for c, forms in mapping.items()})

    @classmethod
    def from_yaml(cls, *paths: str | os.PathLike[str] | Traversable) -> OwnerAliases:
        """Load one or more YAML files; later files extend or override earlier ones.

        A file is either a plain ``{canonical: [printed forms]}`` mapping or the
        product format: top-level ``aliases`` / ``never_split`` and/or ``councils:
        {name: {aliases: ..., never_split: [...]}}``.  Within one file a printed form
        may belong to only one canonical name (the parser does not know which
        council a cell came from); across files the later file wins.
        """
        result = cls()
        for path in paths:
            source = Path(path) if isinstance(path, str | os.PathLike) else path
            data = yaml.safe_load(source.read_text(encoding="utf-8"))
            result = result.merged(_from_document(data, str(path)))
        return result

    def merged(self, other: OwnerAliases) -> OwnerAliases:
        """``self`` extended by ``other``: forms of a shared canonical name are
        pooled; a printed form ``other`` gives to a different canonical name moves
        there, and if that form was one of ``self``'s canonical names its whole
        group follows (an officer renaming an owner keeps the old printings)."""
        groups = {c: list(forms) for c, forms in self.aliases.items()}
        for canonical, forms in other.aliases.items():
            target = groups.setdefault(canonical, [])
            for form in (canonical, *forms):
                old = self.resolve(form)
                if old is not None and old != canonical and old in groups:
                    if _matches(old, form):
                        target.extend([old, *groups.pop(old)])
                    else:
                        groups[old] = [f for f in groups[old] if not _matches(f, form)]
                if form != canonical:
                    target.append(form)
        return OwnerAliases(groups, self.never_split | other.never_split)

    def resolve(self, printed: str) -> str | None:
        """The canonical name for one printed name, or ``None`` if it is not known."""
        text = clean_text(printed)
        exact, folded = self._lookup
        return exact.get(text) or folded.get(text.casefold())

    @cached_property
    def _lookup(self) -> tuple[dict[str, str], dict[str, str]]:
        """Exact-case and case-folded tables; capitals-only forms go only in the first."""
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        pairs = [(c, f) for c, forms in self.aliases.items() for f in (c, *forms)]
        pairs += [(n, n) for n in sorted(self.never_split) if not _claimed(n, self.aliases)]
        for canonical, form in pairs:
            table, key = (exact, form) if form.isupper() else (folded, form.casefold())
            if table.setdefault(key, canonical) != canonical:
                raise ValueError(
                    f"owner alias {form!r} is listed under both {table[key]!r} and {canonical!r}"
                )
        return exact, folded

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        """Every known name, longest first, so the regex finds leftmost-longest."""
        names = {f for c, fs in self.aliases.items() for f in (c, *fs)} | self.never_split
        if not names:
            return None
        alternatives = []
        for name in sorted(names, key=lambda n: (-len(n), n)):
            body = r"\s+".join(re.escape(w) for w in name.split())
            alternatives.append(body if name.isupper() else f"(?i:{body})")
        return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _claimed(name: str, aliases: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether a ``never_split`` name is already a printed form of some owner."""
    return any(_matches(f, name) for c, fs in aliases.items() for f in (c, *fs))


def _checked_names(values: Any, where: str) -> list[str]:
    """A YAML list of names, rejecting what YAML silently turned into non-strings
    (``NO`` -> False, ``2007`` -> int) so a typo is reported, not mis-matched."""
    if values is None:
        return []
    if isinstance(values, str | Mapping) or not isinstance(values, Iterable):
        raise ValueError(f"{where}: expected a list of names, got {values!r}")
    values = list(values)
    bad = [v for v in values if not isinstance(v, str) or not v.strip()]
    if bad:
        raise ValueError(f"{where}: names must be non-empty text (quote them), got {bad!r}")
    return values


def _from_document(data: Any, source: str) -> OwnerAliases:
    """One YAML document in either accepted shape (see :meth:`OwnerAliases.from_yaml`);
    every error names the file."""
    try:
        if data is None:
            return OwnerAliases()
        if not isinstance(data, Mapping):
            raise ValueError("expected a mapping at the top level")
        if not set(data) <= {"aliases", "never_split", "councils"}:
            return OwnerAliases.from_mapping(data)
        councils = data.get("councils") or {}
        if not isinstance(councils, Mapping):
            raise ValueError("'councils' must map council names to sections")
        groups: dict[str, list[str]] = {}
        never_split: set[str] = set()
        top = {k: v for k, v in data.items() if k != "councils"}
        for where, section in [("top level", top), *councils.items()]:
            section = section or {}
            if not isinstance(section, Mapping) or not set(section) <= {"aliases", "never_split"}:
                raise ValueError(f"{where}: a section holds only 'aliases' and 'never_split'")
            aliases = section.get("aliases") or {}
            if not isinstance(aliases, Mapping):
                raise ValueError(f"{where}: 'aliases' must map canonical names to printed forms")
            for canonical in _checked_names(list(aliases), f"{where}: canonical names"):
                forms = _checked_names(aliases[canonical], f"{where}: {canonical}")
                groups.setdefault(canonical, []).extend(forms)
            names = section.get("never_split")
            never_split.update(_checked_names(names, f"{where}: never_split"))
        return OwnerAliases(groups, frozenset(never_split))
    except ValueError as err:
        raise ValueError(f"{source}: {err}") from None


@cache
def default_aliases() -> OwnerAliases:
    """The owner names shipped with the product (``normalise/defaults/owners.yaml``)."""
    return OwnerAliases.from_yaml(resources.files(__package__) / "defaults" / "owners.yaml")


def is_known(name: str, aliases: OwnerAliases) -> bool:
    """Whether a name (canonical or printed) is in the alias config; an owner cell
    counts as fully resolved when every name :func:`parse_owners` returns is known."""
    return aliases.resolve(name) is not None


def parse_owners(raw: str | None, aliases: OwnerAliases) -> list[str]:
    """Canonical owner names in one printed owner cell, de-duplicated and in
    ``sorted()`` order (the contract's ``owners`` column); ``[]`` for an empty cell
    or a placeholder such as ``TBC``."""
    return list(_owners(raw or "", aliases))


@lru_cache(maxsize=8192)
def _owners(raw: str, aliases: OwnerAliases) -> tuple[str, ...]:
    """`parse_owners` once per cell text and alias set: a plan prints the same few
    owners row after row. A tuple, as it is shared."""
    text = clean_text(raw.translate({ord(_KNOWN): " ", ord(_PAREN): " "}))
    if not text or _PLACEHOLDER.fullmatch(text):
        return ()
    return tuple(sorted(set(_Cell(text, aliases).owners())))


class _Cell:
    """One owner cell with its protected spans replaced by sentinels.

    ``printed[i]`` is the text of known name ``i`` and ``parens[j]`` that of
    parenthesis ``j``, so splitting never looks inside them and the printed text
    can be restored for composite look-ups and unknown names.
    """

    def __init__(self, text: str, aliases: OwnerAliases) -> None:
        self.aliases = aliases
        self.printed: list[str] = []
        self.parens: list[str] = []
        if aliases._pattern is not None:
            text = aliases._pattern.sub(lambda m: self._stash(self.printed, m, _KNOWN), text)
        self.text = _PARENS.sub(lambda m: self._stash(self.parens, m, _PAREN), text)

    @staticmethod
    def _stash(store: list[str], match: re.Match[str], mark: str) -> str:
        store.append(match.group())
        return f"{mark}{len(store) - 1}{mark}"

    def restore(self, text: str) -> str:
        # Parentheses first: a parenthesis may hold known names (never the reverse).
        text = _PAREN_TOKEN.sub(lambda m: self.parens[int(m.group(1))], text)
        return _KNOWN_TOKEN.sub(lambda m: self.printed[int(m.group(1))], text)

    def owners(self) -> list[str]:
        """Owners before the first qualifier dash, adjusted by the qualifier."""
        head, dash, qualifier = self._split_qualifier()
        owners = self.split(head)
        return self._apply_qualifier(owners, qualifier.strip()) if dash else owners

    def _split_qualifier(self) -> tuple[str, str, str]:
        match = _QUALIFIER_DASH.search(self.text)
        if match is None:
            return self.text, "", ""
        return self.text[: match.start()], match.group(), self.text[match.end() :]

    def _apply_qualifier(self, owners: list[str], qualifier: str) -> list[str]:
        """See module docstring, step 2; the last owner before the dash is the one
        a narrowing qualifier applies to."""
        plain = self.restore(qualifier)
        if not qualifier or _REPORTING_LINE.match(plain):
            return owners
        if _CO_OWNER.match(plain):
            return owners + self.split(qualifier)
        if owners and _MEMBERS.match(plain):
            return owners[:-1] + [self._members_of(owners[-1])]
        if owners:
            words = plain.split()
            for n in range(len(words), 0, -1):
                composite = self.aliases.resolve(f"{owners[-1]} {' '.join(words[:n])}")
                if composite:
                    return owners[:-1] + [composite]
        if _is_name_list(qualifier):
            return owners + self.split(qualifier)
        return owners

    def _members_of(self, owner: str) -> str:
        members = f"{owner} Members"
        return self.aliases.resolve(members) or members

    def split(self, text: str) -> list[str]:
        """Owners in a stretch of the cell with no qualifier dash (steps 3 and 4)."""
        owners: list[str] = []
        for segment in _SEPARATOR.split(text):
            segment = _MEANS.sub("", segment).strip(_STRIP)
            if not segment or _REPORTING_LINE.match(self.restore(segment)):
                continue
            owners.extend(self._segment(segment))
        return owners

    def _segment(self, segment: str) -> list[str]:
        """Known names in a separator-free segment, and the gaps between them as
        unknown owners (a flattened Hertfordshire cell is one such segment)."""
        owners: list[str] = []
        for i, piece in enumerate(_KNOWN_TOKEN.split(segment)):
            if i % 2:
                printed = self.printed[int(piece)]
                owners.append(self.aliases.resolve(printed) or printed)
                continue
            follows_known = i > 0
            gap = piece.strip(_STRIP)
            if follows_known and not _PAREN_TOKEN.sub("", gap).strip(_STRIP):
                continue  # nothing, or a parenthetical note on the name before it
            gap = self.restore(gap)
            if follows_known and _MEMBERS.match(gap):
                owners[-1] = self._members_of(owners[-1])
            elif any(w.lower() not in _FILLER and re.search(r"[^\W_]", w) for w in gap.split()):
                owners.append(_tidy(gap))
        return owners


def _is_name_list(text: str) -> bool:
    """Whether a qualifier is only names: known names or capitalised words
    (``Nigel Hamilton``, ``AO``), as opposed to free text (``if agreed``)."""
    words = [w for w in re.split(r"[\s&,/;+]+", text) if w]
    return bool(words) and all(
        w[0] in (_KNOWN, _PAREN) or w[0].isupper() or w.lower() in {"and", "with"} for w in words
    )
