"""`make bench`: the figures we quote, measured here and now.

Table extraction against the peer corpus (ours and pdfplumber's defaults in
one run), matching quality against the labelled pairs, extraction, dating and
matching on the labelled real action logs (when ../shared/real_dev is here),
matching speed at 10,000 × 10,000 actions, and the cost of a second run on an unchanged inbox.
Times are medians of repeated runs; ratios are taken between figures of the
same run on the same machine.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from planrecon.pipeline import run
from planrecon.reconcile.match import match_versions
from planrecon.reconcile.rules import MatchSettings
from scripts import bench_tables
from scripts.coverage import print_coverage
from scripts.eval_matching import print_report
from scripts.eval_real import print_real
from scripts.synthetic import next_version, random_plan

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_inputs"
RUNS = 3


def _median_seconds(job, runs: int = RUNS) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def bench_matching_speed(size: int) -> None:
    old = random_plan(size)
    new, labels = next_version(old, seed=3)
    result = {}

    def job():
        result["pairs"] = match_versions(old, new, MatchSettings())

    median, times = _median_seconds(job)
    found = {(old["ref"].iat[p.old], new["ref"].iat[p.new]) for p in result["pairs"]}
    truth = {(r.old_ref, r.new_ref) for r in labels.itertuples() if r.old_ref and r.new_ref}
    hits = len(found & truth)
    print(f"  {size:>6} x {len(new):>6}: median {median:6.2f} s (runs "
          f"{', '.join(f'{t:.2f}' for t in times)}); pairs {len(found)}, precision "
          f"{hits / max(len(found), 1):.3f}, recall {hits / max(len(truth), 1):.3f}")


def bench_incremental() -> None:
    firsts, seconds = [], []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            run(SAMPLES, Path(out))
            firsts.append(time.perf_counter() - start)
            start = time.perf_counter()
            again = run(SAMPLES, Path(out))
            seconds.append(time.perf_counter() - start)
            assert again.unchanged
    first, second = statistics.median(firsts), statistics.median(seconds)
    print(f"  first run median {first:.2f} s, unchanged second run median {second:.3f} s: "
          f"{100 * second / first:.1f}% of the first")


def main() -> None:
    print("== Table extraction (peer corpus; ours vs pdfplumber defaults, same run)")
    bench_tables.main(["--runs", str(RUNS)])
    print("\n== Normalisation coverage on sample_inputs/")
    with tempfile.TemporaryDirectory() as out:
        print_coverage(SAMPLES, Path(out))
    print("\n== Matching quality against labelled pairs")
    print_report(SAMPLES)
    print("\n== Real action logs against hand labels (../shared/real_dev, tests/data/real_dev)")
    print_real()
    print("\n== Matching speed (synthetic plans, next version with known changes)")
    for size in (1_000, 10_000):
        bench_matching_speed(size)
    print("\n== Incremental runs on sample_inputs/")
    bench_incremental()


if __name__ == "__main__":
    main()
