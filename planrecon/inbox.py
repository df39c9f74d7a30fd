"""The officer's inbox: which files in it are papers.

The officer's own files (`plans.yaml`, `overrides.csv`, the `config/` folder) are not
papers; `officer_files` reads and checks them.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .officer_files import CONFIG_DIR, OVERRIDES, PLANS

CONTROL_FILES = {PLANS, OVERRIDES}


class InboxError(Exception):
    """The inbox cannot be used at all (missing or not a folder): nothing can be produced."""


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
