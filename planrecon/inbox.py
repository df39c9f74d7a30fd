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
from pathlib import Path, PurePosixPath

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


def list_inbox(inbox: Path, out_dir: Path | None = None) -> Listing:
    """The inbox's papers and what is not read, leaving out the output folder
    (`output_folder`), which is ours, not the officer's."""
    if not inbox.is_dir():
        raise InboxError(f"the inbox folder {inbox} does not exist or is not a folder")
    listing = Listing()
    _walk(inbox, inbox, listing, output_folder(inbox, out_dir) if out_dir is not None else None)
    return listing


def paper_paths(inbox: Path, out_dir: Path | None = None) -> list[Path]:
    """Every file under the inbox that is a paper to read (see `list_inbox`)."""
    return list_inbox(inbox, out_dir).papers


def _walk(folder: Path, inbox: Path, listing: Listing, ours: PurePosixPath | None) -> None:
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
        if entry.name.startswith(OWN_PREFIX) or (ours is not None and PurePosixPath(
                name).is_relative_to(ours)) or (
                folder == inbox and (entry.name == CONFIG_DIR or name in CONTROL_FILES)):
            continue
        why = _why_not(entry)
        if why is not None:
            listing.not_read[name] = why
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, inbox, listing, ours)
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
