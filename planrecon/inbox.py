"""The officer's inbox: which files are papers, and the optional control files.

`plans.yaml` and `overrides.csv` (contract) and the `config/` folder are read
here; a path in them that points outside the inbox, or a control file that
is a link to elsewhere, is refused with a clear message rather than followed.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path, PurePosixPath

import yaml

from planrecon.reconcile import Override, PlanEntry
from planrecon.reconcile.overrides import read_overrides

PLANS_FILE = "plans.yaml"
OVERRIDES_FILE = "overrides.csv"
CONFIG_DIR = "config"
CONTROL_FILES = {PLANS_FILE, OVERRIDES_FILE}


class InboxError(Exception):
    """The inbox cannot be used at all (missing or not a folder).

    A broken control file is not one: it is reported and ignored, and the run goes on."""


def output_folder(inbox: Path, out_dir: Path) -> PurePosixPath | None:
    """The output folder relative to the inbox, or None when it lies outside the inbox.

    The output folder may sit inside the inbox (one folder for everything is the README's
    own example); what planrecon writes there (workbook, CSVs, log, cache) is never a
    paper, or each month would read the last month's outputs back in. An output folder
    that is the inbox itself is refused: its papers and our outputs could not be told apart.
    """
    real_inbox, real_out = inbox.resolve(), out_dir.resolve()
    if real_out == real_inbox:
        raise InboxError(f"the output folder {out_dir} is the inbox itself: give planrecon a "
                         "folder of its own (it may be inside the inbox)")
    if not real_out.is_relative_to(real_inbox):
        return None
    return PurePosixPath(real_out.relative_to(real_inbox).as_posix())


def paper_paths(inbox: Path, out_dir: Path | None = None) -> list[Path]:
    """Every file under the inbox that is not a control file, hidden, an Office lock file
    or in the output folder (see `output_folder`).

    Links (to a file or a folder) are listed too, though never followed: the reader sets
    each aside with the reason, so the officer learns why a paper they see was not read.
    """
    if not inbox.is_dir():
        raise InboxError(f"the inbox folder {inbox} does not exist or is not a folder")
    ours = output_folder(inbox, out_dir) if out_dir is not None else None
    found = []
    for path in sorted(inbox.rglob("*")):
        rel = path.relative_to(inbox)
        if not path.is_file() and not path.is_symlink():
            continue
        if ours is not None and PurePosixPath(rel.as_posix()).is_relative_to(ours):
            continue
        if rel.parts[0] == CONFIG_DIR or rel.as_posix() in CONTROL_FILES:
            continue
        if any(part.startswith((".", "~$")) for part in rel.parts):
            continue
        found.append(path)
    return found


def _inside(pattern: str) -> bool:
    path = PurePosixPath(pattern)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in pattern


def _linked(path: Path) -> str | None:
    """A problem when a control file is a link: it could name any file on the machine."""
    if path.is_symlink():
        return f"{path.name} is a link to a file elsewhere; it was not read (copy the file in)"
    return None


def read_plans(inbox: Path) -> tuple[list[PlanEntry], list[str]]:
    """plans.yaml entries (contract) and any problems found in them.

    A plans.yaml that cannot be used is reported and ignored rather than stopping the run:
    the papers can still be read, with series and versions inferred.
    """
    path = inbox / PLANS_FILE
    if _linked(path):
        return [], [_linked(path)]
    if not path.is_file():
        return [], []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return [], [f"{PLANS_FILE} is not valid YAML and was ignored: {exc}"]
    papers = data.get("papers") if isinstance(data, dict) else None
    if not isinstance(papers, list):
        return [], [f"{PLANS_FILE} was ignored: it needs a 'papers:' list (see the README)"]
    entries, problems = [], []
    for n, item in enumerate(papers, start=1):
        entry = _plan_entry(n, item, problems)
        if entry is not None:
            entries.append(entry)
    return entries, problems


def _plan_entry(n: int, item, problems: list[str]) -> PlanEntry | None:
    """One `papers:` item as a PlanEntry, or None (with the problem noted) when unusable."""
    if not isinstance(item, dict):
        problems.append(f"{PLANS_FILE} entry {n} is not a 'file: ...' mapping; entry ignored")
        return None
    file = str(item.get("file", ""))
    if not file or not _inside(file):
        problems.append(f"{PLANS_FILE} entry {n}: file '{file}' must be a path inside the "
                        "inbox; entry ignored")
        return None
    when = item.get("date")
    if isinstance(when, dt.datetime):
        when = when.date()
    if when is not None and not isinstance(when, dt.date):
        try:
            when = dt.date.fromisoformat(str(when))
        except ValueError:
            problems.append(f"{PLANS_FILE} entry {n}: date '{when}' is not YYYY-MM-DD")
            when = None
    return PlanEntry(file=file, plan=str(item.get("plan") or ""),
                     version=str(item.get("version") or ""), date=when,
                     table=str(item.get("table") or ""))


def read_inbox_overrides(inbox: Path) -> tuple[list[Override], list[str]]:
    path = inbox / OVERRIDES_FILE
    if _linked(path):
        return [], [_linked(path)]
    if not path.is_file():
        return [], []
    try:
        return read_overrides(path)
    except (UnicodeDecodeError, csv.Error) as exc:
        return [], [f"{OVERRIDES_FILE} could not be read and was ignored (save it as CSV "
                    f"UTF-8 from Excel): {exc}"]
