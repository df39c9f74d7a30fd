"""The officer's inbox: which files in it are papers, and why each other one is not read.

The officer's own files (`plans.yaml`, `overrides.csv`, the `config/` folder) are not
papers; `officer_files` reads and checks them. Every other entry is either a paper or
has a reason it was not read (a lock file, a hidden file, a pipe, a file or folder that
cannot be opened), which the run shows on the Data quality sheet and in quarantine.csv:
nothing in the inbox is skipped in silence. Names are kept as the file system gives
them (a name that is not valid UTF-8 keeps its bytes as surrogate escapes), so every
paper can be opened; the outputs show them safely.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from planrecon.ingest import IssueCode

from .officer_files import CONFIG_DIR, OVERRIDES, PLANS

CONTROL_FILES = {PLANS, OVERRIDES}
OWN_PREFIX = ".planrecon"
"""planrecon's own files and folders (cache, lock, staging) when OUT lies in the inbox."""
LOCK_FILE = ("an Office lock file (Word or Excel keeps one while the paper is open): not a "
             "paper; close the paper and it goes")
HIDDEN = "a hidden {what} (its name starts with a dot): not read; rename it if it is a paper"
NOT_A_FILE = "not a regular file (a pipe, socket or device): not read"
NO_ACCESS = ("a {what} this account cannot read (permission denied): not read; ask for "
             "read access or copy the {what} in again")


class InboxError(Exception):
    """The inbox cannot be used at all (missing or not a folder): nothing can be produced."""


@dataclass
class Listing:
    papers: list[Path] = field(default_factory=list)
    """Files to read, in path order. Links are listed too, though never followed: the
    reader sets each aside with the reason, so the officer learns why it was not read."""
    not_read: dict[str, tuple[IssueCode, str]] = field(default_factory=dict)
    """Inbox-relative name → (code, why it is not read)."""


def list_inbox(inbox: Path) -> Listing:
    if not inbox.is_dir():
        raise InboxError(f"the inbox folder {inbox} does not exist or is not a folder")
    listing = Listing()
    _walk(inbox, inbox, listing)
    return listing


def paper_paths(inbox: Path) -> list[Path]:
    """Every file under the inbox that is a paper to read (see `list_inbox`)."""
    return list_inbox(inbox).papers


def _walk(folder: Path, inbox: Path, listing: Listing) -> None:
    """Depth first, names sorted: the order `sorted(rglob)` gave, so outputs keep theirs."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        if folder == inbox:
            raise InboxError(f"the inbox folder {inbox} cannot be opened: {exc}") from exc
        listing.not_read[folder.relative_to(inbox).as_posix()] = unopened("folder", exc)
        return
    for entry in entries:
        path = Path(entry.path)
        name = path.relative_to(inbox).as_posix()
        if entry.name.startswith(OWN_PREFIX) or (
                folder == inbox and (entry.name == CONFIG_DIR or name in CONTROL_FILES)):
            continue
        why = _why_not(entry)
        if why is not None:
            listing.not_read[name] = why
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, inbox, listing)
        else:
            listing.papers.append(path)


def _why_not(entry: os.DirEntry) -> tuple[IssueCode, str] | None:
    """Why this entry is not read as a paper or a folder of papers (None when it is)."""
    if entry.is_symlink():
        return None
    folder = entry.is_dir(follow_symlinks=False)
    what = "folder" if folder else "file"
    if entry.name.startswith("~$"):
        return IssueCode.UNSUPPORTED, LOCK_FILE
    if entry.name.startswith("."):
        return IssueCode.UNSUPPORTED, HIDDEN.format(what=what)
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError as exc:
        return unopened(what, exc)
    if not (stat.S_ISREG(mode) or folder):
        return IssueCode.UNSUPPORTED, NOT_A_FILE
    if not os.access(entry.path, os.R_OK | (os.X_OK if folder else 0)):
        return IssueCode.UNREADABLE, NO_ACCESS.format(what=what)
    return None


def unopened(what: str, exc: OSError) -> tuple[IssueCode, str]:
    """A file or folder the system refused to open, and why, in words."""
    if isinstance(exc, PermissionError):
        return IssueCode.UNREADABLE, NO_ACCESS.format(what=what)
    return IssueCode.UNREADABLE, f"a {what} that cannot be opened ({exc.strerror or exc}): not read"
