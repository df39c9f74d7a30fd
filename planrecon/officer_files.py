"""The officer's files, read and checked before any paper is.

Five files an officer writes steer a run: `plans.yaml` and `overrides.csv` in the inbox,
and `config/columns.yaml`, `config/owners.yaml` and `config/matching.yaml`. All five are
read here, checked against the models in `officer_models`, and turned into the settings
each stage takes, so a mistake stops the run in a second, not after every paper has been
read. Every mistake in every file is listed at once, each naming the file, the line (a
CSV's row), the key and what was expected (`OfficerFileError`; the CLI exits 2).

Warnings do not stop the run; they are logged and listed on the Data quality sheet: a
plans.yaml entry that matches no paper, a key or column nobody reads that is not a
misspelling of one (see `officer_models`), a file in config/ planrecon does not read.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from planrecon.normalise import NormaliseConfig
from planrecon.normalise._column_vocab import _Loader as ColumnsLoader
from planrecon.normalise.columns import ColumnSynonyms
from planrecon.normalise.owners import OwnerAliases
from planrecon.reconcile import MatchSettings, Override, PlanEntry, ReconcileSettings
from planrecon.reconcile.overrides import OVERRIDE_COLUMNS

from .officer_models import (
    IGNORED,
    MATCHING,
    MISSPELT,
    ColumnsFile,
    OwnersFile,
    PlansFile,
    close_to,
)

PLANS, OVERRIDES = "plans.yaml", "overrides.csv"
CONFIG_DIR = "config"
COLUMNS, OWNERS, MATCHING_FILE = "columns.yaml", "owners.yaml", "matching.yaml"
CONFIG_FILES = (COLUMNS, OWNERS, MATCHING_FILE)
OVERRIDE_ROW = TypeAdapter(Override)
_SAYS = {
    "missing": "this key is needed here",
    "date_type": "expected a date written YYYY-MM-DD, e.g. 2006-09-13",
    "date_parsing": "expected a date written YYYY-MM-DD, e.g. 2006-09-13",
    "date_from_datetime_parsing": "expected a real date written YYYY-MM-DD, e.g. 2006-09-13",
    "float_type": "expected a number", "float_parsing": "expected a number",
    "list_type": "expected a list ([a, b] or one '- item' per line)",
    "dict_type": "expected 'key: value' lines", "model_type": "expected 'key: value' lines",
    "string_type": "expected text: put it in quotes so YAML keeps it as written",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or only odd) in an officer's file, placed so it can be found."""

    file: str
    where: str
    """'line 7' in a YAML file, 'row 3' in overrides.csv, '' for the file as a whole."""
    key: str
    message: str

    def __str__(self) -> str:
        place = ", ".join(p for p in (self.file, self.where) if p)
        return f"{place}{f', {self.key}' if self.key else ''}: {self.message}"


class OfficerFileError(Exception):
    """The officer's files must be corrected before a run can mean anything."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


@dataclass(frozen=True)
class OfficerFiles:
    """Each stage's settings, from the officer's files (defaults where there are none)."""

    normalise: NormaliseConfig
    reconcile: ReconcileSettings
    warnings: tuple[Problem, ...] = ()


def load_officer_files(inbox: Path, papers: list[str]) -> OfficerFiles:
    """Read and check all five files; `papers` (inbox-relative names) are what plans.yaml
    entries should match. Raises OfficerFileError listing every error found."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    config = inbox / CONFIG_DIR
    columns = _yaml(inbox, f"{CONFIG_DIR}/{COLUMNS}", ColumnsFile, errors, warnings,
                    ColumnsLoader)
    owners = _yaml(inbox, f"{CONFIG_DIR}/{OWNERS}", OwnersFile, errors, warnings)
    matching = _yaml(inbox, f"{CONFIG_DIR}/{MATCHING_FILE}", MATCHING, errors, warnings)
    plans = _yaml(inbox, PLANS, PlansFile, errors, warnings)
    overrides = _overrides(inbox, errors, warnings)
    if config.is_dir():
        _other_config_files(config, errors, warnings)
    normalise = _normalise_config(columns, owners, errors)
    if errors:
        raise OfficerFileError(errors)
    entries = []
    for n, paper in enumerate(plans.model.papers if plans else []):
        if not any(fnmatch(name, paper.file) for name in papers):
            loc = ("papers", n, "file")
            warnings.append(Problem(PLANS, _at(plans.lines, loc), _key(loc), f"'{paper.file}' "
                                    "matches no paper in the inbox, so this entry was not used"))
        entries.append(PlanEntry(file=paper.file, plan=paper.plan, version=paper.version,
                                 date=paper.date, table=paper.table))
    settings = ReconcileSettings(match=matching.model if matching else MatchSettings.resolve(),
                                 plans=tuple(entries), overrides=tuple(overrides))
    return OfficerFiles(normalise, settings, tuple(warnings))


def _usable(inbox: Path, name: str, errors: list[Problem]) -> Path | None:
    """The file's path when it is there to read; a link could name any file on the
    machine, so one is refused rather than followed."""
    path = inbox / name
    if path.is_symlink() or (path.exists() and not path.resolve().is_relative_to(
            inbox.resolve())):
        errors.append(Problem(name, "", "", "is a link to a file elsewhere, which planrecon "
                              "does not follow: copy the file itself into the inbox"))
        return None
    return path if path.is_file() else None


def _decode(path: Path, name: str) -> str:
    """UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows' own cp1252: what
    Notepad and Excel save, whichever 'CSV' the officer picked."""
    raw = path.read_bytes()
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec)
    for codec in ("utf-8", "cp1252"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    raise _Stop(Problem(name, "", "", "is not text planrecon can read: save it as UTF-8 "
                        "(in Excel: 'CSV UTF-8')"))


class _Stop(Exception):
    """A file that cannot be read at all: its one problem, and nothing more from it."""

    def __init__(self, problem: Problem):
        self.problem = problem


class _Lenient(yaml.SafeLoader):
    """A date YAML cannot make (2006-09-31) is kept as text, so the model reports it."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Lenient.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _parse(text: str, name: str, base: type) -> tuple[Any, dict[tuple, int]]:
    """The document and the line of every key and list item in it."""
    loader_class = type("Loader", (_Lenient, base), {}) if base is not yaml.SafeLoader \
        else _Lenient
    try:
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise _Stop(Problem(name, f"line {mark.line + 1}" if mark else "", "",
                            f"is not valid YAML: {exc.problem or exc.context}")) from None
    except (yaml.YAMLError, ValueError) as exc:
        raise _Stop(Problem(name, "", "", f"is not valid YAML: {exc}")) from None
    return data, _lines(node) if node is not None else {}


def _lines(node: yaml.Node, path: tuple = ()) -> dict[tuple, int]:
    found = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found.update(_lines(value, path + (str(key.value),)))
            found[path + (str(key.value),)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for n, item in enumerate(node.value):
            found.update(_lines(item, path + (str(n),)))
    return found


def _at(lines: dict[tuple, int], loc: tuple) -> str:
    """'line N' of the deepest part of `loc` the file has."""
    parts = tuple(str(p) for p in loc)
    for end in range(len(parts), -1, -1):
        if parts[:end] in lines:
            return f"line {lines[parts[:end]]}"
    return ""


def _key(loc: tuple) -> str:
    """A loc as an officer would point at it: papers[2].version (entries count from 1)."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else f"{'.' if text else ''}{part}"
    return text


_WORDED = {MISSPELT, IGNORED, "not_one_of", "not_a_field", "outside_inbox", "text_type",
           "missing"}
"""Error types whose message already says what was given."""


def _problems(name: str, exc: ValidationError, lines) -> list[tuple[Problem, str, tuple]]:
    """(problem, pydantic error type, loc) for each validation error, in the officer's
    words: an unknown key's loc ends with the key."""
    found = []
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if p != "[key]")
        if error["type"] in (MISSPELT, IGNORED):
            loc += (error["ctx"]["key"],)
        message = _SAYS.get(error["type"], error["msg"].removeprefix("Value error, "))
        given = error.get("input")
        if error["type"] not in _WORDED and not isinstance(given, dict | list):
            message += f", got {given!r}"
        found.append((Problem(name, _at(lines, loc), _key(loc), message), error["type"], loc))
    return found


@dataclass
class _Read:
    """One checked YAML file: the model, where each key is, and the document as written
    (less the unknown keys), for the stage that builds its own settings from it."""

    model: Any
    lines: dict[tuple, int]
    data: Any


def _yaml(inbox: Path, name: str, model, errors: list[Problem], warnings: list[Problem],
          base: type = yaml.SafeLoader) -> _Read | None:
    """The file read and checked, or None when absent or wrong (problems noted). Unknown
    keys are noted and dropped and the rest checked again, so all is said at once."""
    path = _usable(inbox, name, errors)
    if path is None:
        return None
    try:
        data, lines = _parse(_decode(path, name), name, base)
    except _Stop as stop:
        errors.append(stop.problem)
        return None
    data = {} if data is None else data
    adapter = model if isinstance(model, TypeAdapter) else TypeAdapter(model)
    said: list[tuple[Problem, str, tuple]] = []
    while True:
        try:
            checked, found = adapter.validate_python(data), []
        except ValidationError as exc:
            found = _problems(name, exc, lines)
        unknown = [item for item in found if item[1] in (MISSPELT, IGNORED)]
        for _, _, loc in unknown:
            _drop(data, loc)
        said += unknown if unknown else found
        if not unknown:
            break
    warnings += [problem for problem, kind, _ in said if kind == IGNORED]
    wrong = [problem for problem, kind, _ in said if kind != IGNORED]
    errors += wrong
    return None if wrong else _Read(checked, lines, data)


def _drop(data: Any, loc: tuple) -> None:
    for part in loc[:-1]:
        data = data[part]
    data.pop(loc[-1], None)


def _header(text: str) -> str:
    return "_".join(text.strip().lower().replace("-", " ").split())


def _overrides(inbox: Path, errors: list[Problem], warnings: list[Problem]) -> list[Override]:
    """overrides.csv rows as Overrides. Excel's own ways are read as they come: cp1252 or
    UTF-8 with a BOM, ';' between cells where the locale uses a decimal comma, empty rows
    and columns; a wrong header stops the run as a wrong header, before any row is read."""
    path = _usable(inbox, OVERRIDES, errors)
    if path is None:
        return []
    try:
        text = _decode(path, OVERRIDES)
    except _Stop as stop:
        errors.append(stop.problem)
        return []
    first = next((line for line in text.splitlines() if line.strip()), "")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=max(",;\t", key=first.count)))
    rows = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if not rows:
        return []
    (header_row, header), rows = rows[0], rows[1:]
    expected = f"expected columns: {', '.join(OVERRIDE_COLUMNS)}"
    columns: dict[str, int] = {}
    bad = []
    for i, printed in enumerate(header):
        name = _header(printed)
        if name in OVERRIDE_COLUMNS:
            columns[name] = i
        elif name and (close := close_to(name, OVERRIDE_COLUMNS)):
            bad.append(f"wrong header '{printed}' (did you mean '{close}'?)")
        elif name:
            warnings.append(Problem(OVERRIDES, f"row {header_row}", printed,
                                    f"a column planrecon does not read, ignored ({expected})"))
    if "decision" not in columns:
        bad.append("no 'decision' column (the first row must hold the column names)")
    for side in ("old", "new"):
        if f"{side}_ref" not in columns and f"{side}_action" not in columns:
            bad.append(f"no '{side}_ref' or '{side}_action' column")
    if bad:
        errors.append(Problem(OVERRIDES, f"row {header_row}", "", f"{'; '.join(bad)}; "
                              f"{expected}"))
        return []
    found = []
    for n, row in rows:
        values = {name: row[i].strip() if i < len(row) else "" for name, i in columns.items()}
        values["decision"] = values["decision"].lower()
        try:
            found.append(OVERRIDE_ROW.validate_python({**values, "line": n}))
        except ValidationError as exc:
            errors += [Problem(OVERRIDES, f"row {n}", problem.key, problem.message)
                       for problem, _, _ in _problems(OVERRIDES, exc, {})]
    return found


def _other_config_files(config: Path, errors: list[Problem], warnings: list[Problem]) -> None:
    """A file in config/ that is not one of the three: a near miss (column.yaml) is an
    error, as its settings would be silently unused; anything else a warning."""
    for path in sorted(config.iterdir()):
        if path.name in CONFIG_FILES or path.name.startswith((".", "~$")):
            continue
        name = f"{CONFIG_DIR}/{path.name}"
        close = close_to(path.name, CONFIG_FILES)
        message = (f"is not a file planrecon reads (it reads {', '.join(CONFIG_FILES)})"
                   + (f": did you mean {close}?" if close else ", so it was ignored"))
        (errors if close else warnings).append(Problem(name, "", "", message))


def _normalise_config(columns: _Read | None, owners: _Read | None,
                      errors: list[Problem]) -> NormaliseConfig:
    """The normalise settings from checked files: the officer's lists on top of the
    defaults. What shows only when the two meet (a printed owner name claimed by two
    owners) names the file."""
    config = NormaliseConfig.load()
    synonyms, aliases = config.synonyms, config.aliases
    if columns:
        try:
            synonyms = synonyms.merged(ColumnSynonyms.from_mapping(columns.data, ""))
        except ValueError as exc:
            errors.append(Problem(f"{CONFIG_DIR}/{COLUMNS}", "", "", str(exc).lstrip(": ")))
    if owners:
        sections = (owners.model, *owners.model.councils.values())
        groups: dict[str, list[str]] = {}
        for section in sections:
            for canonical, forms in section.aliases.items():
                groups.setdefault(canonical, []).extend(forms)
        try:
            aliases = aliases.merged(OwnerAliases(
                groups, frozenset(n for section in sections for n in section.never_split)))
        except ValueError as exc:
            errors.append(Problem(f"{CONFIG_DIR}/{OWNERS}", "", "", str(exc)))
    return NormaliseConfig(synonyms, aliases)
