"""The officer's inbox: which files are papers, and the optional control files.

`plans.yaml` and `overrides.csv` (contract) and the `config/` folder are read
here; a path in them that points outside the inbox is refused with a clear
message rather than followed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

import yaml

from reconcile import Override, PlanEntry
from reconcile.overrides import read_overrides

PLANS_FILE = "plans.yaml"
OVERRIDES_FILE = "overrides.csv"
CONFIG_DIR = "config"
CONTROL_FILES = {PLANS_FILE, OVERRIDES_FILE}


class InboxError(Exception):
    """The inbox cannot be used at all (missing, unreadable, or a control file is broken)."""


def paper_paths(inbox: Path) -> list[Path]:
    """Every file under the inbox that is not a control file, hidden or an Office lock file."""
    if not inbox.is_dir():
        raise InboxError(f"the inbox folder {inbox} does not exist or is not a folder")
    found = []
    for path in sorted(inbox.rglob("*")):
        rel = path.relative_to(inbox)
        if not path.is_file() or path.is_symlink():
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


def read_plans(inbox: Path) -> tuple[list[PlanEntry], list[str]]:
    """plans.yaml entries (contract) and any problems found in them."""
    path = inbox / PLANS_FILE
    if not path.is_file():
        return [], []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InboxError(f"{PLANS_FILE} is not valid YAML: {exc}") from exc
    entries, problems = [], []
    for n, item in enumerate(data.get("papers") or [], start=1):
        file = str(item.get("file", ""))
        if not file or not _inside(file):
            problems.append(f"{PLANS_FILE} entry {n}: file '{file}' must be a path inside the "
                            "inbox; entry ignored")
            continue
        when = item.get("date")
        if isinstance(when, str):
            try:
                when = dt.date.fromisoformat(when)
            except ValueError:
                problems.append(f"{PLANS_FILE} entry {n}: date '{when}' is not YYYY-MM-DD")
                when = None
        entries.append(PlanEntry(file=file, plan=str(item.get("plan") or ""),
                                 version=str(item.get("version") or ""), date=when,
                                 table=str(item.get("table") or "")))
    return entries, problems


def read_inbox_overrides(inbox: Path) -> tuple[list[Override], list[str]]:
    path = inbox / OVERRIDES_FILE
    return read_overrides(path) if path.is_file() else ([], [])
