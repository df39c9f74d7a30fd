"""Papers read and normalised in worker processes, several at once, each held to a time and a
memory budget.

`ingest.limits` refuses what a paper declares beyond reason before a library expands it;
what no declaration shows (a library looping, or needing more memory than it should) is
held here: each worker may use `PAPER_MEMORY_BYTES` of address space, each paper
`PAPER_SECONDS`. A paper over its time is set aside and its worker killed; a worker that
dies takes its pool with it, so the papers then in flight are read again one at a time to
find the one that killed it, and only that one is set aside. The other papers are read as
if nothing happened. A paper set aside here is marked as set aside by the machine
(`Issue.machine`, as a missing converter is): a quieter or bigger machine may read it, so
the cache does not keep it and the next run tries it again. Workers are forked from a
fork server that loaded what they need once, or started with `spawn` where the system has
no fork server (`_context`); either way no state (threads, open files, the cache's
database) is copied from the run's process. What their libraries log comes back through a
queue to the run's own log, named by paper, so --quiet keeps it off the screen as it does
the parent's.
"""

from __future__ import annotations

import logging
import logging.handlers
import multiprocessing
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import NamedTuple

from planrecon.ingest import Issue, IssueCode, Paper, read_paper
from planrecon.ingest.limits import PAPER_MEMORY_BYTES, PAPER_SECONDS
from planrecon.normalise import NormaliseConfig, PaperReading, normalise_paper

log = logging.getLogger("planrecon")
DIED = ("the process reading the paper stopped without an answer (a library crashed on it, "
        "or the computer ran out of memory); the other papers were read")
OVERTIME = ("reading the paper took longer than {seconds} seconds, the most one paper may "
            "take (a real paper takes seconds), so it was stopped")


STARTUP_SECONDS = 120
"""The most the workers may take to start before the papers are handed out anyway."""


def _start(records, started: threading.Barrier) -> None:
    """In each worker, before any paper: its log records and warnings (pdfminer's "Could not
    get FontBBox…", openpyxl's) sent to the run's log (`records`, a queue the parent
    drains), which --quiet keeps off the screen, instead of printed; and its budget. Then it
    waits for the other workers (`started`), so that the pool's warm-up (`_Pool.submit`)
    ends only when every worker has imported what it needs: a worker's start (seconds of
    imports, more on a busy machine) is not charged to the first paper it reads."""
    root = logging.getLogger()
    root.handlers[:] = [_NamingPaper(records)]
    root.setLevel(logging.WARNING)
    logging.captureWarnings(True)
    _budget()
    try:
        started.wait(STARTUP_SECONDS)
    except threading.BrokenBarrierError:  # a worker did not start: the pool says so later
        pass


def _context() -> multiprocessing.context.BaseContext:
    """Where the system has it, a fork server that has loaded what a worker needs once
    (`planrecon.warm`): each worker is forked from it in milliseconds instead of importing
    for seconds, and later runs in the same process (a test session, a service) reuse the
    server. The server is itself started afresh, not forked from the run's process, so no
    state of the run (threads, open files, the cache's database) reaches a worker.
    Elsewhere (Windows), `spawn`."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["planrecon.warm"])
    return context


def _ready() -> None:
    """The warm-up task: done once the worker that runs it has started."""


_reading = ""
"""The paper this worker is reading, named in front of what its libraries log."""


class _NamingPaper(logging.handlers.QueueHandler):
    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        record = super().prepare(record)
        record.msg = f"{_reading}: {record.msg}" if _reading else record.msg
        return record


class _ToRunLog(logging.Handler):
    """A worker's record handed to the run's own logger, as if the parent had logged it."""

    def emit(self, record: logging.LogRecord) -> None:
        log.handle(record)


def _budget() -> None:
    """At most `PAPER_MEMORY_BYTES` of address space, so a paper that needs more raises
    MemoryError in its worker instead of exhausting the computer."""
    try:
        import resource
    except ImportError:  # Windows: the time budget still holds
        return
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = PAPER_MEMORY_BYTES if hard == resource.RLIM_INFINITY else min(hard,
                                                                            PAPER_MEMORY_BYTES)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # a system that does not limit address space
        pass


class Read(NamedTuple):
    """A worker's answer for one paper: the paper, and its normalised reading when the
    worker got that far (a paper set aside by the machine has none)."""

    paper: Paper
    reading: PaperReading | None = None


def _read_one(path: Path, inbox: Path, sha256: str) -> Paper:
    """How a worker reads one paper (a module function, so that it pickles by name)."""
    global _reading
    _reading = path.relative_to(inbox).as_posix()
    try:
        return read_paper(path, inbox, sha256)
    finally:
        _reading = ""


def read_and_normalise(read, path: Path, inbox: Path, sha256: str,
                       config: NormaliseConfig) -> Read:
    """What a worker runs for one paper: `read` it (`_read_one`, passed in so a test's
    stand-in reaches the worker) and normalise it there, so both stages share the cores."""
    paper = read(path, inbox, sha256)
    return Read(paper, normalise_paper(paper, config))


def _set_aside(name: str, sha256: str, why: str, code=IssueCode.UNREADABLE) -> Read:
    """A paper this worker could not finish: held back by the machine, tried next run."""
    return Read(Paper(name, "", sha256, issues=[
        Issue(code, "ingest", name, "", why, quarantine=True, machine=True)]))


class _Pool:
    """A process pool started when first needed and killed outright when a paper overruns."""

    def __init__(self, jobs: int, config: NormaliseConfig) -> None:
        self.jobs = jobs
        self.config = config
        self.executor: ProcessPoolExecutor | None = None
        self.listener: logging.handlers.QueueListener | None = None

    def submit(self, inbox: Path, name: str, sha256: str):
        if self.executor is None:
            context = _context()
            records = context.Queue()
            self.listener = logging.handlers.QueueListener(records, _ToRunLog())
            self.listener.start()
            self.executor = ProcessPoolExecutor(self.jobs, mp_context=context,
                                                initializer=_start,
                                                initargs=(records, context.Barrier(self.jobs)))
            wait([self.executor.submit(_ready) for _ in range(self.jobs)],
                 timeout=STARTUP_SECONDS)  # one each: a worker starts per task handed out
        return self.executor.submit(read_and_normalise, _read_one, inbox / name, inbox, sha256,
                                    self.config)

    def _stop_listening(self) -> None:
        """After the workers are gone: the records they sent are all logged by then."""
        if self.listener is not None:
            self.listener.stop()
            self.listener = None

    def kill(self) -> None:
        """Stop every worker now; the executor has no public way to stop a running task."""
        if self.executor is None:
            return
        for process in list(getattr(self.executor, "_processes", {}).values()):
            process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = None
        self._stop_listening()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True)
            self.executor = None
        self._stop_listening()


def read_in_workers(inbox: Path, todo: list[tuple[str, str]], jobs: int,
                    config: NormaliseConfig) -> Iterator[tuple[str, Read]]:
    """Read and normalise each (name, sha256) paper in `jobs` workers; yield (name, Read)
    as each is done, in no set order. A paper set aside for its time or because its worker
    died is `held_back`: a busier or luckier run may read it."""
    queue = deque(todo)
    suspects: set[str] = set()
    """Papers in flight when a worker died: each is read alone until the culprit is found."""
    running: dict = {}
    pool = _Pool(max(1, min(jobs, len(todo))), config)
    try:
        while queue or running:
            while queue and len(running) < pool.jobs and not (
                    suspects & {n for n, _, _ in running.values()}
                    or (running and queue[0][0] in suspects)):
                name, sha = queue.popleft()
                try:
                    future = pool.submit(inbox, name, sha)
                except BrokenProcessPool:  # a worker died since the last answer: its own
                    queue.appendleft((name, sha))  # future says which, below
                    if running:
                        break
                    pool.kill()  # it died between papers: none of them killed it
                    continue
                running[future] = (name, sha, time.monotonic())
            first_due = min(started for _, _, started in running.values()) + PAPER_SECONDS
            done, _ = wait(running, timeout=max(0.0, first_due - time.monotonic()),
                           return_when=FIRST_COMPLETED)
            broken = []
            for future in done:
                name, sha, _ = running.pop(future)
                try:
                    yield name, future.result()
                except BrokenProcessPool:
                    broken.append((name, sha))
                except Exception as exc:  # the answer did not come back whole
                    yield name, _set_aside(name, sha, f"{DIED} ({type(exc).__name__})")
            now = time.monotonic()
            late = [key for key, (_, _, started) in running.items()
                    if now - started >= PAPER_SECONDS]
            if not broken and not late:
                continue
            for key in late:
                name, sha, _ = running.pop(key)
                yield name, _set_aside(name, sha, OVERTIME.format(seconds=PAPER_SECONDS),
                                       IssueCode.TOO_LARGE)
            stranded = broken + [(name, sha) for name, sha, _ in running.values()]
            running.clear()
            pool.kill()
            if len(broken) == 1 and len(stranded) == 1:
                yield broken[0][0], _set_aside(*broken[0], DIED)
                continue
            if broken:
                suspects |= {name for name, _ in stranded}
            queue.extendleft(reversed(stranded))
    finally:
        pool.kill() if running else pool.close()
