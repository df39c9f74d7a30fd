"""Papers that misbehave inside a worker: stand-ins for `workers._read_one`.

A spawned worker imports the module a stand-in comes from to unpickle it by name, so they
live here, in a module that imports only the reader, and not in a test module that would
cost each worker seconds of imports (pandas, the whole pipeline).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from planrecon import ingest
from planrecon.ingest import Paper, limits, read_paper


def by_name(path: Path, inbox: Path, sha256: str) -> Paper:
    """As the paper's name says: 'hang' for two minutes, 'crash' the worker (with 'late', once
    a file `go` appears beside it, leaving a file `gone` as it dies), or be 'greedy' for more
    memory than a worker has; else read it."""
    if "hang" in path.name:
        time.sleep(120)
    if "crash" in path.name:
        late = "late" in path.name
        wait_for(path.parent / "go" if late else None)
        if late:
            (path.parent / "gone").touch()
        os._exit(3)
    if "greedy" in path.name:
        return _reading_with(lambda *_: bytes(limits.PAPER_MEMORY_BYTES + 2**30), path, inbox,
                             sha256)
    return read_paper(path, inbox, sha256)


def wait_for(signal: Path | None, seconds: float = 60) -> None:
    """Until the test says go (the file `signal` exists), so a worker dies when the test
    wants it to, however busy the machine."""
    deadline = time.monotonic() + seconds
    while signal is not None and not signal.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def over_a_limit(path: Path, inbox: Path, sha256: str) -> Paper:
    """Run out of the time or memory a worker has, as on a busy machine: which one is
    written in the file `limit` beside the inbox."""
    if (inbox.parent / "limit").read_text(encoding="utf-8") == "time":
        time.sleep(60)
    return _reading_with(_no_memory, path, inbox, sha256)


def _no_memory(*_):
    raise MemoryError


def _reading_with(read_raw, path: Path, inbox: Path, sha256: str) -> Paper:
    plain = ingest.read_raw
    ingest.read_raw = read_raw
    try:
        return read_paper(path, inbox, sha256)
    finally:
        ingest.read_raw = plain
