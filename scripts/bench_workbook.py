"""Time and peak memory of writing the workbook for a plan series of 50,000 actions.

Two versions of one large plan (the second with some due dates moved and owners
changed) are run through the pipeline once; the `Report` it built is then written
again, each time in a fresh process, so the time and memory are the workbook's alone:
its All actions and Changes sheets hold 50,000 rows each.

    python -m scripts.bench_workbook [ROWS]
"""

from __future__ import annotations

import os
import pickle
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook

from planrecon.pipeline import run

from .hostile_papers import big_plan_rows

ROWS = 50_000
RUNS = 3
_WRITE = """
import gc, pickle, sys, time
from pathlib import Path
from planrecon.outputs.workbook import write_workbook
def peak_mb():
    status = Path("/proc/self/status").read_text().split("VmHWM:")[1]
    return int(status.split()[0]) / 1024
report = pickle.loads(Path(sys.argv[1]).read_bytes())
gc.collect()
Path("/proc/self/clear_refs").write_text("5")
before = peak_mb()
start, cpu = time.perf_counter(), time.process_time()
write_workbook(report, Path(sys.argv[2]))
print(time.perf_counter() - start, time.process_time() - cpu, peak_mb() - before)
"""
"""One write in a fresh process: wall and CPU seconds, and how far the peak resident
memory (MB) rose above the loaded report's (Linux: the peak is reset once it is loaded).
On a shared machine the CPU time is the steadier figure."""


def _version(path: Path, rows: int, later: bool) -> None:
    """The plan as printed; the later version moves every tenth due date a year on and
    gives every thirteenth action another owner."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Action plan")
    heading, *actions = big_plan_rows(rows)
    ws.append(heading)
    for n, (ref, action, owner, due) in enumerate(actions):
        if later and n % 10 == 0:
            month, year = due.split("-")
            due = f"{month}-{int(year) + 1:02d}"
        if later and n % 13 == 0:
            owner = "Head of Commissioning"
        ws.append([ref, action, owner, due])
    wb.save(path)


def _inbox(folder: Path, rows: int) -> Path:
    inbox = folder / "inbox"
    inbox.mkdir()
    for name, later in (("plan-q1.xlsx", False), ("plan-q2.xlsx", True)):
        _version(inbox / name, rows, later)
    (inbox / "plans.yaml").write_text(
        "papers:\n"
        '  - {file: "plan-q1.xlsx", plan: "big-plan", version: "Q1", date: 2008-06-30}\n'
        '  - {file: "plan-q2.xlsx", plan: "big-plan", version: "Q2", date: 2008-09-30}\n')
    return inbox


def print_workbook_scale(rows: int = ROWS, runs: int = RUNS) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        summary = run(_inbox(folder, rows), folder / "out", use_cache=False)
        report = summary.report
        pickled = folder / "report.pickle"
        pickled.write_bytes(pickle.dumps(report))
        results = []
        for n in range(runs):
            answer = subprocess.run(
                [sys.executable, "-c", _WRITE, str(pickled), str(folder / f"book{n}.xlsx")],
                check=True, capture_output=True, text=True).stdout.split()
            results.append(tuple(float(a) for a in answer))
    walls, cpus, peaks = zip(*results, strict=True)
    print(f"  {rows:,} actions in two versions ({len(report.history):,} on All actions, "
          f"{len(report.changes):,} on Changes): median {statistics.median(walls):.1f} s "
          f"wall (runs {', '.join(f'{t:.1f}' for t in walls)}), "
          f"{statistics.median(cpus):.1f} s CPU, peak memory "
          f"+{statistics.median(peaks):.0f} MB over the report; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    print_workbook_scale(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)
