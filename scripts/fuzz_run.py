"""The mutant fuzz run: `planrecon run` over seeded mutants (`scripts.mutants`), and what
became of each, taken from what the run wrote, as an officer would find it.

Issue 15 asks that the run exits 0; that every mutant is read or set aside with a reason
(quarantine.csv); and that a PDF mutant reading fewer pages with text than its original
("Pages read" on Sources) has a line saying so: set aside in quarantine.csv, or a page line
on the Data quality sheet. The originals of the PDF mutants are read in the same run, for
their page counts. `make bench` runs all 270; the test suite a seeded subset.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from planrecon.cli import main
from planrecon.ingest import IssueCode

from .mutants import Mutant, mutants, originals, write

PAGE_LINES = {IssueCode.BLANK_PAGE.value, IssueCode.UNREADABLE.value}
"""Data quality lines that account for a page: blank among pages with text, or unreadable."""
ORIGINALS = "originals"
"""Where the PDF mutants' originals go in the inbox."""


@dataclass
class Outcome:
    code: int
    seconds: float
    read: list[str] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)
    """Mutants in quarantine.csv with a reason (the paper itself, not one of its tables)."""
    unaccounted: list[str] = field(default_factory=list)
    """Mutants neither read nor set aside with a reason: must stay empty."""
    lost_with_line: list[str] = field(default_factory=list)
    """PDF mutants with fewer pages with text than their original, and a line saying so."""
    lost_without_line: list[str] = field(default_factory=list)
    """… and no line: must stay empty."""

    def figures(self) -> str:
        return (f"exit {self.code}; {len(self.read)} read, {len(self.set_aside)} set aside, "
                f"{len(self.unaccounted)} neither; PDF mutants with pages lost: "
                f"{len(self.lost_with_line)} with a line, {len(self.lost_without_line)} "
                f"without; {self.seconds:.1f} s")


def _sheet(book, name: str, first: str, second: str) -> list[dict]:
    """A sheet's rows below its heading row (the one holding both column names)."""
    rows = list(book[name].iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if row and first in row and second in row)
    head = rows[at]
    return [dict(zip(head, row, strict=False)) for row in rows[at + 1:] if any(row)]


def _with_text(pages: str) -> int:
    """'12 of 13' → 12."""
    found = re.match(r"(\d+) of \d+", str(pages or ""))
    return int(found.group(1)) if found else 0


def fuzz(found: list[Mutant], work: Path, jobs: int | None = None) -> Outcome:
    """Run planrecon over `found` (with the originals of its PDFs) in `work`, and judge."""
    inbox = write(found, work / "inbox")
    for source in {m.original for m in found if m.name.endswith(".pdf")}:
        (inbox / ORIGINALS / source).parent.mkdir(parents=True, exist_ok=True)
        (inbox / ORIGINALS / source).write_bytes(originals()[source])
    out = work / "out"
    started = time.perf_counter()
    code = main(["run", "--inbox", str(inbox), "--out", str(out), "--quiet", "--no-cache",
                 *(["--jobs", str(jobs)] if jobs else [])])
    outcome = Outcome(code, time.perf_counter() - started)
    if code != 0:
        return outcome
    import pandas as pd

    quarantine = pd.read_csv(out / "quarantine.csv", dtype=str, keep_default_na=False,
                             encoding="utf-8-sig")
    papers = quarantine[(quarantine["locator"] == "") & (quarantine["reason"] != "")]
    set_aside = set(papers["file"])
    book = openpyxl.load_workbook(out / "reconciliation.xlsx", read_only=True)
    sources = _sheet(book, "Sources", "Paper", "Pages read")
    tables = {row["Paper"] for row in sources if row.get("Table")}
    pages = {row["Paper"]: _with_text(row["Pages read"]) for row in sources}
    page_lines = {row["Paper"] for row in _sheet(book, "Data quality", "Paper", "Where")
                  if row.get("Problem") in PAGE_LINES and str(row.get("Where")).startswith("page")}
    """Data quality names a paper by its file name (a link to it): each mutant's is its own."""
    for mutant in found:
        name = mutant.name
        if name in set_aside:
            outcome.set_aside.append(name)
        elif name in tables:
            outcome.read.append(name)
        else:
            outcome.unaccounted.append(name)
        if name.endswith(".pdf") and pages.get(name, 0) < pages[f"{ORIGINALS}/{mutant.original}"]:
            said = name in set_aside or Path(name).name in page_lines
            (outcome.lost_with_line if said else outcome.lost_without_line).append(name)
    return outcome


def print_fuzz(found: list[Mutant], work: Path) -> Outcome:
    outcome = fuzz(found, work)
    print(f"  {len(found)} mutants: {outcome.figures()}")
    for name in outcome.unaccounted:
        print(f"    neither read nor set aside: {name}")
    for name in outcome.lost_without_line:
        print(f"    pages lost without a line: {name}")
    return outcome


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print_fuzz(mutants(), Path(tmp))
