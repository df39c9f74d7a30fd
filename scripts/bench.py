"""`make bench`: the figures we quote, measured here and now.

Table extraction against the peer corpus (ours and pdfplumber's defaults in
one run), matching quality against the labelled pairs, extraction, dating and
matching on the labelled real action logs (when ../shared/real_dev is here),
matching speed at 10,000 × 10,000 actions (every action's text against every other's)
and at 100,000 × 100,000 (text partners looked for within each section), the cost of a
second run on an unchanged inbox, the sample run with papers read one and two at a time,
whole runs over synthetic corpora of 100, 300 and 1,000 papers at --jobs 1 and 2
(`scripts.corpus_bench`), time and peak memory on a 100,000-row sheet and a 300-page PDF,
the workbook of a 50,000-action plan series, the 270-mutant fuzz run (`scripts.fuzz_run`),
and how well the sample plans' actions survive layouts no sample paper shows
(tests/variants).
Times are medians of repeated runs; ratios are taken between figures of the
same run on the same machine.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from planrecon.pipeline import run
from planrecon.reconcile.match import match_versions
from planrecon.reconcile.rules import MatchSettings
from scripts import bench_tables
from scripts.bench_workbook import print_workbook_scale
from scripts.corpus_bench import print_corpus
from scripts.coverage import print_coverage
from scripts.eval_matching import print_report
from scripts.eval_real import print_real
from scripts.fuzz_run import print_fuzz
from scripts.large_papers import print_large_papers
from scripts.mutants import mutants
from scripts.synthetic import next_version, random_plan
from tests.variants import truth
from tests.variants.families import FAMILIES, variants
from tests.variants.render import RENDERERS, SKIP_REASON, available
from tests.variants.score import Tally, measure

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_inputs"
RUNS = 3
VARIANTS = 8
"""Layout variants per family and format (two per sample plan)."""
PRINTED = 2
"""Of those, how many LibreOffice prints to PDF from the sheet (a few seconds each)."""


def _median_seconds(job, runs: int = RUNS) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


SECTION_BLOCKING = {"blocking": [{"rule": "similar_text", "min_cosine": 0.25, "top_k": 8,
                                   "within": "section"}]}
"""Text partners looked for within each section (matching.yaml's `within`): all against
all, a 100,000-action plan's text product alone holds 10^10 pairs here."""


def bench_matching_speed(size: int, settings: dict | None = None) -> None:
    old = random_plan(size)
    new, labels = next_version(old, seed=3)
    result = {}

    def job():
        result["pairs"] = match_versions(old, new, MatchSettings.resolve(settings))

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


def bench_jobs() -> None:
    """The sample pipeline with papers read one at a time and two at once (no cache)."""
    medians = {}
    for jobs in (1, 2):
        def job(jobs=jobs):
            with tempfile.TemporaryDirectory() as out:
                run(SAMPLES, Path(out), use_cache=False, jobs=jobs)

        medians[jobs], times = _median_seconds(job)
        print(f"  --jobs {jobs}: median {medians[jobs]:.2f} s (runs "
              f"{', '.join(f'{t:.2f}' for t in times)})")
    print(f"  --jobs 2 takes {medians[2] / medians[1]:.2f} of --jobs 1's time "
          f"({os.cpu_count()} cores here)")


def bench_layout_variants() -> None:
    plans = truth.load()
    print(f"  {'family':<10} {'format':<16} {'recall':>6} {'owner':>6} {'due':>6} "
          f"{'actions':>7}")
    for family in FAMILIES:
        grids = variants(family, plans, VARIANTS)
        total = Tally()
        for fmt in RENDERERS:
            if not available(fmt):
                print(f"  {family:<10} {fmt:<16} skipped: {SKIP_REASON[fmt]}")
                continue
            tally = measure(grids[:PRINTED] if fmt == "pdf-libreoffice" else grids, fmt)
            total.add(tally)
            print(f"  {family:<10} {fmt:<16} " + " ".join(f"{v:>6}" for v in tally.figures())
                  + f" {tally.actions:>7}")
        print(f"  {family:<10} {'all formats':<16} "
              + " ".join(f"{v:>6}" for v in total.figures()) + f" {total.actions:>7}")


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
    print("  text partners within each section:")
    for size in (10_000, 100_000):
        bench_matching_speed(size, SECTION_BLOCKING)
    print("\n== Incremental runs on sample_inputs/")
    bench_incremental()
    print("\n== Papers read in parallel on sample_inputs/ (planrecon run --jobs N)")
    bench_jobs()
    print("\n== Synthetic corpora (scripts.corpus: plan series of xlsx, docx, PDF and odt "
          "versions; fresh runs, no cache)")
    print_corpus()
    print("\n== Very large papers (one fresh run each, papers read in a worker)")
    print_large_papers()
    print("\n== The workbook at scale (one plan series of 50,000 actions, written alone)")
    print_workbook_scale()
    print("\n== Seeded mutant fuzz (every mutant of scripts.mutants in one run: read or set "
          "aside, and PDF pages lost with or without a line)")
    with tempfile.TemporaryDirectory() as work:
        print_fuzz(mutants(), Path(work))
    print(f"\n== Layout variants ({VARIANTS} per family and format; owner and due counted "
          "over actions whose layout shows them, an action not found counting as wrong)")
    bench_layout_variants()


if __name__ == "__main__":
    main()
