"""Time and peak memory of one run on a very large paper: a 100,000-row sheet and a
300-page PDF whose one ruled table runs over every page (its heading printed on each).

Each run is a fresh `planrecon run --jobs 1 --no-cache` in its own process, so the peak
resident memory (of that process and the worker reading the paper) is this run's alone.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
from fpdf import FPDF

from .hostile_papers import big_plan_rows, big_sheet

SHEET_ROWS = 100_000
PDF_PAGES = 300


def _big_sheet_of(out: Path) -> int:
    big_sheet(out / "plan.xlsx", SHEET_ROWS)
    return SHEET_ROWS


def _long_pdf(out: Path, pages: int = PDF_PAGES) -> int:
    """A ruled action plan table filling `pages` A4 pages, its heading on each; returns
    how many actions it holds."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=8)
    pdf.add_page()
    heading, *actions = big_plan_rows(pages * 40)
    drawn = 0
    with pdf.table(col_widths=(12, 110, 40, 18), repeat_headings=1) as table:
        table.row(heading)
        for row in actions:
            if pdf.page >= pages:
                break
            table.row(row)
            drawn += 1
    pdf.output(str(out / "plan.pdf"))
    return drawn


_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
"""Run in a fresh process of its own, so the peak it reads is this run's alone (Linux
carries a reaped worker's peak up to the run that waited for it)."""


def _one_run(inbox: Path) -> tuple[float, float, int]:
    """(seconds, peak resident MB of the run and its worker, actions read) of one fresh run."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "planrecon", "run", "--inbox", str(inbox),
                   "--out", out, "--jobs", "1", "--no-cache", "--quiet"]
        answer = subprocess.run([sys.executable, "-c", _MEASURE, *command], check=True,
                                capture_output=True, text=True).stdout.split()
        actions = len(pd.read_csv(Path(out) / "actions.csv", encoding="utf-8-sig",
                                  usecols=["source_file"]))
    return float(answer[0]), int(answer[1]) / 1024, actions


def print_large_papers(runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, make in ((f"{SHEET_ROWS:,}-row sheet (.xlsx)", _big_sheet_of),
                           (f"{PDF_PAGES}-page PDF, one table", _long_pdf)):
            inbox = Path(folder) / make.__name__
            inbox.mkdir()
            held = make(inbox)
            results = [_one_run(inbox) for _ in range(runs)]
            times = [t for t, _, _ in results]
            print(f"  {name}: median {statistics.median(times):.1f} s (runs "
                  f"{', '.join(f'{t:.1f}' for t in times)}), peak memory "
                  f"{max(p for _, p, _ in results):.0f} MB, actions read "
                  f"{results[0][2]:,} of {held:,}")


if __name__ == "__main__":
    print_large_papers(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
