"""Legacy Word papers (.doc) read through a LibreOffice conversion.

Older councils still send Word 97 files. No maintained Python library reads
their tables, so we let LibreOffice (when installed) save a copy as .docx in a
private temporary folder and read that copy with the normal reader, so every
safety check of the modern reader applies to it too. Without LibreOffice the
paper is quarantined with what the officer can do instead. (Excel 97 .xls is
read directly by xlrd, `ingest._xls`.)

The conversion runs on a copy with a fixed name (an odd file name can never be
taken for a command-line option), with its own throw-away LibreOffice profile
(no clash with an officer's open LibreOffice, no macros or settings from it),
and is killed after `TIMEOUT_S` so a crafted file cannot stall the run.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import FormatError
from .model import Extract, IssueCode

TARGETS = {"doc": "docx"}
"""Legacy format → the modern format LibreOffice saves it as."""
NAMES = {"doc": "a legacy Word .doc file"}
HINTS = {"doc": "save it as .docx from Word (File > Save As) and put that in the inbox"}
TIMEOUT_S = 120
"""Real papers convert in a few seconds; a conversion still running after this is stopped."""


def libreoffice() -> str | None:
    """The LibreOffice command on this machine, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_converted(path: Path, fmt: str, read: Callable[[Path, str], Extract],
                   source_file: str) -> Extract:
    """Read a legacy paper with `read` (the modern format's reader) from its converted copy.

    A reader's refusal names the conversion, so an officer is not told that the .doc
    they sent is "a Word document that is empty" without knowing why.
    """
    with converted(path, fmt) as modern:
        try:
            return read(modern, source_file)
        except FormatError as exc:
            raise FormatError(f"{NAMES[fmt]}, converted by LibreOffice: {exc}", exc.code,
                              exc.machine) from exc


@contextmanager
def converted(path: Path, fmt: str) -> Iterator[Path]:
    """Yield a .docx copy of a legacy paper, deleted afterwards; FormatError if none."""
    exe = libreoffice()
    if exe is None:
        raise FormatError(
            f"{NAMES[fmt]}, and LibreOffice is not installed here to convert it: {HINTS[fmt]}",
            IssueCode.UNSUPPORTED, machine=True,
        )
    with tempfile.TemporaryDirectory(prefix="planrecon-convert-") as tmp:
        work = Path(tmp)
        source = work / f"paper.{fmt}"
        shutil.copyfile(path, source)
        _run([
            exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
            "--norestore", "--nolockcheck", "--convert-to", TARGETS[fmt],
            "--outdir", str(work / "out"), str(source),
        ], fmt)
        result = work / "out" / f"paper.{TARGETS[fmt]}"
        if not result.is_file():
            raise FormatError(
                f"{NAMES[fmt]} that LibreOffice could not convert (damaged?): {HINTS[fmt]}",
                IssueCode.UNREADABLE,
            )
        yield result


def _run(command: list[str], fmt: str) -> None:
    """Run LibreOffice in its own process group, so a timeout stops all its processes."""
    proc = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        proc.wait(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # Windows has no process groups; LibreOffice's launcher is the child there
            proc.kill()
        proc.wait()
        raise FormatError(
            f"{NAMES[fmt]} that LibreOffice could not convert within {TIMEOUT_S} s: "
            f"{HINTS[fmt]}",
            IssueCode.UNREADABLE, machine=True,
        ) from None
