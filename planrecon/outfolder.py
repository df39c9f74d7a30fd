"""The output folder as one unit: one run at a time, and one run's complete set of files.

A run takes a lock on OUT (an advisory `fcntl.flock` on OUT/.planrecon.lock) for its
whole length, cache included; a second run on the same folder stops at once with a
clear message (exit code 3) rather than waiting: a scheduled job that finds the last
one still running should say so, not pile up behind it. The lock goes with the process,
so a killed run never leaves the folder locked.

Outputs are written to a private staging folder inside OUT and renamed into place only
when every one is written, so a reader never sees half a run, and a run that fails (a
full disk, a bug, Ctrl-C) leaves the previous outputs as they were. The staging folder
is removed whatever happens; one left by a run killed outright (SIGKILL, a power cut) is
removed by the next run, which holds the lock and so knows no other run is using it.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: runs on one folder are not locked there
    fcntl = None

LOCK = ".planrecon.lock"
STAGING = ".planrecon-staging-"
FULL = ("the disk holding {out} is full: no output was changed (the previous run's files "
        "are as they were); free some space and run again")


class OutFolderBusy(OSError):
    """Another run is writing to the same output folder."""


def full_disk(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold OUT for this run; OutFolderBusy when another run holds it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK, "a+b") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutFolderBusy(
                    errno.EBUSY, f"another planrecon run is writing to {out_dir}: wait for it "
                    "to finish, or give this run another --out folder") from None
        for left in out_dir.glob(STAGING + "*"):  # from a run killed outright
            shutil.rmtree(left, ignore_errors=True)
        yield


@contextmanager
def staged(out_dir: Path) -> Iterator[Path]:
    """A fresh staging folder in OUT, removed on leaving whatever happened."""
    folder = Path(tempfile.mkdtemp(prefix=STAGING, dir=out_dir))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(staging: Path, out_dir: Path, names: list[str]) -> None:
    """Move each staged file into OUT (a rename in one folder: nothing more to write). A
    staged folder (the Parquet export) takes the place of the one before it, which is
    first moved into the staging folder and goes with it."""
    for name in names:
        if (staging / name).is_dir() and (out_dir / name).exists():
            os.replace(out_dir / name, staging / f"{name}.before")
        os.replace(staging / name, out_dir / name)


def retire(out_dir: Path, name: str) -> bool:
    """Remove an earlier run's output folder that this run did not write again (a Parquet
    export the run was not asked for would no longer match the store); whether there was
    one."""
    if not (out_dir / name).is_dir():
        return False
    shutil.rmtree(out_dir / name)
    return True
