"""Papers read on a Dask distributed cluster: `planrecon run --scheduler ADDRESS`.

Each paper is the same piece of work as in the process pool (`workers.read_and_normalise`:
one paper read and normalised), handed to Dask's scheduler instead of a local pool. The
pipeline then keeps the readings in the inbox's order and reconciles them in this
process, as after the pool, so the outputs are the same as a plain run's. `--scheduler
local` starts a `LocalCluster` of `--jobs` single-threaded worker processes on this
computer; anything else is the address of a running scheduler (`tcp://host:8786`), whose
workers must have planrecon installed and see the inbox at the same path (a shared file
system). A worker that cannot see it says
so, and the paper is held back and tried again next run, not remembered as unreadable.

The pool's budgets on Dask:

- time: papers are handed out no faster than the cluster has threads, so a paper's time
  counts from when it was handed out, as in the pool. One still running after
  `PAPER_SECONDS` is set aside (held back) and its worker restarted through its nanny, as
  the pool kills its worker; a worker without a nanny cannot be restarted, and its thread
  reads on until it is done (only its answer is ignored).
- memory: a LocalCluster's workers each get `PAPER_MEMORY_BYTES` (`memory_limit`), one
  paper at a time; Dask's nanny restarts a worker that goes over it, and a paper that
  kills its worker as often as Dask allows (`distributed.scheduler.allowed-failures`)
  comes back as `KilledWorker` and is set aside as the pool sets aside a paper whose
  worker died. Dask finds that paper itself, so the pool's reading-again-one-at-a-time is
  not needed. On a cluster of your own its workers' memory limits hold instead. The
  pool's hard address-space limit (RLIMIT_AS) is not set on Dask workers: it would hold
  the worker's own threads and buffers too.
- what libraries log while reading stays in the Dask workers' own logs, not planrecon.log.
"""

from __future__ import annotations

import logging
import socket
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planrecon.ingest import IssueCode, Paper
from planrecon.ingest.limits import PAPER_MEMORY_BYTES, PAPER_SECONDS
from planrecon.normalise import NormaliseConfig

from . import workers

log = logging.getLogger("planrecon")
LOCAL = "local"
CONNECT_SECONDS = 30
INSTALL = ("--scheduler needs Dask's distributed scheduler, which is not installed here: "
           "pip install 'planrecon[cluster]'")


class ClusterUnavailable(RuntimeError):
    """--scheduler was given but Dask's distributed package is not installed."""


def require_dask() -> None:
    """ClusterUnavailable, with how to install it, when Dask distributed is missing: said
    before any paper is read."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ClusterUnavailable(INSTALL) from None


def _read_here(path: Path, inbox: Path, sha256: str) -> Paper:
    """What a Dask worker runs for one paper: the pool's work, once the worker has shown it
    can see the inbox."""
    if not inbox.is_dir():
        name = path.relative_to(inbox).as_posix()
        return workers._set_aside(name, sha256, (
            f"the Dask worker on {socket.gethostname()} cannot see the inbox at {inbox}: "
            "every worker needs it on a shared file system at the same path")).paper
    return workers._read_one(path, inbox, sha256)


@contextmanager
def _client(scheduler: str, jobs: int):
    from distributed import Client, LocalCluster

    if scheduler == LOCAL:
        with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                          memory_limit=PAPER_MEMORY_BYTES, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(scheduler, timeout=CONNECT_SECONDS) as client:
            yield client


def read_on_cluster(inbox: Path, todo: list[tuple[str, str]], scheduler: str, jobs: int,
                    config: NormaliseConfig) -> Iterator[tuple[str, workers.Read]]:
    """Read and normalise each (name, sha256) paper on the Dask cluster at `scheduler` (or a
    LocalCluster of `jobs` workers); yield (name, Read) as each is done, in no set order."""
    if not todo:
        return
    from distributed import KilledWorker, wait

    with _client(scheduler, jobs) as client:
        slots = max(1, sum(client.nthreads().values()))
        log.info("reading %d papers on the Dask cluster at %s (%d threads)", len(todo),
                 client.scheduler.address, slots)
        queue = deque(todo)
        running: dict = {}
        while queue or running:
            while queue and len(running) < slots:
                name, sha = queue.popleft()
                future = client.submit(workers.read_and_normalise, _read_here, inbox / name,
                                       inbox, sha, config, pure=False)
                running[future] = (name, sha, time.monotonic())
            first_due = min(started for _, _, started in running.values()) + PAPER_SECONDS
            try:
                wait(list(running), timeout=max(0.01, first_due - time.monotonic()),
                     return_when="FIRST_COMPLETED")
            except TimeoutError:
                pass
            for future in [f for f in running if f.done()]:
                name, sha, _ = running.pop(future)
                try:
                    yield name, future.result()
                except KilledWorker:
                    yield name, workers._set_aside(name, sha, workers.DIED)
                except Exception as exc:  # the answer did not come back whole
                    yield name, workers._set_aside(name, sha,
                                                   f"{workers.DIED} ({type(exc).__name__})")
            now = time.monotonic()
            for future in [f for f, (_, _, t) in running.items() if now - t >= PAPER_SECONDS]:
                name, sha, _ = running.pop(future)
                _stop(client, future)
                yield name, workers._set_aside(
                    name, sha, workers.OVERTIME.format(seconds=PAPER_SECONDS),
                    IssueCode.TOO_LARGE)


def _stop(client, future) -> None:
    """Cancel a paper over its time and restart the worker reading it (Dask cannot stop a
    running task otherwise)."""
    busy = [worker for worker, keys in client.processing().items() if future.key in keys]
    future.cancel()
    if busy:
        try:
            client.restart_workers(busy)
        except Exception as exc:  # no nanny to restart it: its thread reads on
            log.warning("could not restart the Dask worker reading an overdue paper: %s", exc)
