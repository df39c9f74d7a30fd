"""Whole runs over a synthetic corpus (`scripts.corpus`): for each N, wall time and peak
memory at --jobs 1 and --jobs 2, the scaling ratio, and where the time goes.

Each run is a fresh `planrecon run --no-cache` in a process of its own; its peak memory
is the largest sum of the resident memory of that process and its workers, sampled every
0.1 s (shared library pages are counted once per process, so this overstates a little).
Time is the pipeline's own clock (`RunSummary.seconds`), split into reading and
normalising the papers (in the workers: the part --jobs shares out) and what follows in
one process: reconciling, then writing the outputs. Medians of `runs` runs; the two
--jobs figures of one N come from the same corpus, run alternately, so a busy spell on a
shared machine falls on both.

    python -m scripts.corpus_bench [--sizes 100,300,1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from scripts.corpus import make_corpus

SIZES = (100, 300, 1000)
RUNS = 3
JOBS = (1, 2)
SAMPLE_SECONDS = 0.1


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for one in [process, *process.children(recursive=True)]:
        try:
            total += one.memory_info().rss
        except psutil.Error:  # a worker that ended between the listing and the reading
            pass
    return total


def one_run(inbox: Path, jobs: int) -> dict:
    """{total, read (and normalise), match (reconcile), write, peak_mb} of one fresh run."""
    with tempfile.TemporaryDirectory() as out:
        process = psutil.Popen([sys.executable, "-m", "scripts.corpus_bench", "--one",
                                str(inbox), out, str(jobs)], stdout=subprocess.PIPE)
        peak = 0
        while process.poll() is None:
            try:
                peak = max(peak, _tree_rss(process))
            except psutil.Error:
                pass
            time.sleep(SAMPLE_SECONDS)
        if process.returncode:
            raise RuntimeError(f"the run on {inbox} with --jobs {jobs} failed")
        seconds = json.loads(process.stdout.read())
    read, match = seconds["read+normalise"], seconds["reconcile"]
    return {"total": seconds["total"], "read": read, "match": match,
            "write": seconds["total"] - read - match, "peak_mb": peak / 1024**2}


def _runs(inbox: Path, runs: int) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {jobs: [] for jobs in JOBS}
    for _ in range(runs):
        for jobs in JOBS:
            found[jobs].append(one_run(inbox, jobs))
    return found


def _median(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)


def print_corpus(sizes=SIZES, runs: int = RUNS) -> None:
    print(f"  {'papers':>6} {'jobs':>4} {'median s':>9} {'read s':>7} {'rec s':>6} "
          f"{'write s':>7} {'peak MB':>8}  runs (s)   (read: and normalise; rec: reconcile)")
    for n in sizes:
        with tempfile.TemporaryDirectory() as folder:
            made = make_corpus(Path(folder), n)
            print(f"  {n} papers: {made['series']} plan series, {made['actions']:,} actions, "
                  f"{made['changes recorded']:,} changes recorded; "
                  + ", ".join(f"{made.get(f, 0)} {f}" for f in ("xlsx", "docx", "pdf-ruled",
                                                                 "odt")))
            found = _runs(Path(folder), runs)
        for jobs, results in found.items():
            print(f"  {n:>6} {jobs:>4} {_median(results, 'total'):>9.1f} "
                  f"{_median(results, 'read'):>7.1f} {_median(results, 'match'):>6.1f} "
                  f"{_median(results, 'write'):>7.1f} "
                  f"{max(r['peak_mb'] for r in results):>8.0f}  "
                  + ", ".join(f"{r['total']:.1f}" for r in results))
        one, two = (_median(found[jobs], "total") for jobs in JOBS)
        read_one, read_two = (_median(found[jobs], "read") for jobs in JOBS)
        print(f"  {n:>6} --jobs 2 takes {two / one:.2f} of --jobs 1's time (reading and "
              f"normalising {read_two / read_one:.2f}); {1000 * one / n:.0f} ms a paper at "
              "--jobs 1")


def _measure_one(inbox: str, out: str, jobs: str) -> None:
    from planrecon.pipeline import run

    summary = run(Path(inbox), Path(out), use_cache=False, jobs=int(jobs))
    print(json.dumps(summary.seconds))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.corpus_bench",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="papers per corpus, comma-separated (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=RUNS,
                        help="runs per size and --jobs, the median shown (default: %(default)s)")
    parser.add_argument("--one", nargs=3, metavar=("INBOX", "OUT", "JOBS"),
                        help=argparse.SUPPRESS)  # one measured run, in its own process
    args = parser.parse_args(argv)
    if args.one:
        _measure_one(*args.one)
        return
    print_corpus([int(n) for n in args.sizes.split(",")], args.runs)


if __name__ == "__main__":
    main()
