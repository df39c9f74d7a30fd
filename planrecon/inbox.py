"""The officer's inbox: which files in it are papers.

The officer's own files (`plans.yaml`, `overrides.csv`, the `config/` folder) are not
papers; `officer_files` reads and checks them.
"""

from __future__ import annotations

from pathlib import Path

from .officer_files import CONFIG_DIR, OVERRIDES, PLANS

CONTROL_FILES = {PLANS, OVERRIDES}


class InboxError(Exception):
    """The inbox cannot be used at all (missing or not a folder): nothing can be produced."""


def paper_paths(inbox: Path) -> list[Path]:
    """Every file under the inbox that is not a control file, hidden or an Office lock file.

    Links (to a file or a folder) are listed too, though never followed: the reader sets
    each aside with the reason, so the officer learns why a paper they see was not read.
    """
    if not inbox.is_dir():
        raise InboxError(f"the inbox folder {inbox} does not exist or is not a folder")
    found = []
    for path in sorted(inbox.rglob("*")):
        rel = path.relative_to(inbox)
        if not path.is_file() and not path.is_symlink():
            continue
        if rel.parts[0] == CONFIG_DIR or rel.as_posix() in CONTROL_FILES:
            continue
        if any(part.startswith((".", "~$")) for part in rel.parts):
            continue
        found.append(path)
    return found
