"""Make the next quarter of Barnet's Adults & Communities performance report (Q3 2014/15)
from the Q2 seed, with the indicator changes recorded in a file the tests read.

    .venv/bin/python -m scripts.build_next_quarter [--seeds DIR] [--out DIR] [--no-pdf]

The record, ``tests/data/made_quarter/barnet_adults_q3_changes.csv``, has one row per
indicator that changes: its ref in Q2 (``ref``, empty for a new indicator) and in Q3
(``new_ref``, empty when dropped), the new text of each seed column that changes
(description, period, previous, target, numerator, result, variance, direction,
benchmark; empty = as in Q2), ``after`` (for a new indicator: the ref it follows), the
flags ``indicator_changes.csv`` should carry and why. Every other line of the seed is
printed as in Q2 but for the quarter's name, and the paper is laid out by the same
builder as the Q2 sample (``scripts.samples.barnet_adults``), saved as a PDF dated a month
after the quarter. Like ``build_samples``, it needs LibreOffice for the PDF; the paper it
writes is committed.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
import tempfile
from pathlib import Path

from scripts.samples import barnet_adults
from scripts.samples.package import docx_to_pdf
from scripts.samples.seedtext import read_seed

REPO = Path(__file__).resolve().parents[1]
RECORD = REPO / "tests" / "data" / "made_quarter" / "barnet_adults_q3_changes.csv"
PAPER = Path("barnet-adults") / "q3-2014-15-performance-report.pdf"
COLUMNS = ("description", "period", "previous", "target", "numerator", "result", "variance",
           "direction", "benchmark")
"""The seed's indicator columns after the ref, in order."""
WHEN = dt.datetime(2015, 1, 30, 9, 0)
TITLE = "Adults and Communities Delivery Unit - Quarter 3 2014/15 performance report"
RENAMED = {"Q2 2014/15": "Q3 2014/15", "Quarter 2": "Quarter 3"}


def read_record(path: Path = RECORD) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _cells(line: str) -> list[str]:
    return line.split("\t")


def _indicator_line(line: str, ref: str) -> bool:
    cells = _cells(line)
    return len(cells) >= 1 + len(COLUMNS) and cells[0] == ref


def next_quarter(lines: list[str], record: list[dict[str, str]]) -> list[str]:
    """The seed's lines with the record's changes made; each changed ref must name exactly
    one indicator row of the seed."""
    out = list(lines)
    for change in record:
        if not change["ref"]:
            continue
        at = [n for n, line in enumerate(out) if _indicator_line(line, change["ref"])]
        if len(at) != 1:
            raise ValueError(f"{change['ref']!r} names {len(at)} indicator rows of the seed")
        if not change["new_ref"]:
            del out[at[0]]
            continue
        cells = _cells(out[at[0]])
        cells[0] = change["new_ref"]
        for n, column in enumerate(COLUMNS, start=1):
            cells[n] = change[column] or cells[n]
        out[at[0]] = "\t".join(cells)
    for change in (c for c in record if not c["ref"]):
        at = [n for n, line in enumerate(out) if _indicator_line(line, change["after"])]
        if len(at) != 1:
            raise ValueError(f"{change['after']!r} names {len(at)} indicator rows")
        out.insert(at[0] + 1, "\t".join([change["new_ref"]] + [change[c] for c in COLUMNS]))
    for before, after in RENAMED.items():
        out = [line.replace(before, after) for line in out]
    return out


def build(seed_dir: Path, out_dir: Path, pdf: bool = True) -> dict:
    lines = next_quarter(read_seed(seed_dir, "003_"), read_record())
    with tempfile.TemporaryDirectory(prefix="planrecon-samples-") as tmp:
        docx_path = Path(tmp) / PAPER.with_suffix(".docx").name
        stats = barnet_adults.build_docx(seed_dir, docx_path, lines, WHEN, TITLE,
                                         subject="Performance report Q3 2014/15")
        if pdf:
            docx_to_pdf(docx_path, out_dir / PAPER, WHEN)
            stats["bytes"] = (out_dir / PAPER).stat().st_size
    return {PAPER.as_posix(): stats}


def main(argv: list[str] | None = None) -> int:
    from scripts.build_samples import parse_args, print_built

    args = parse_args(__doc__.splitlines()[0], argv)
    return print_built(build(args.seeds, args.out, pdf=not args.no_pdf))


if __name__ == "__main__":
    sys.exit(main())
