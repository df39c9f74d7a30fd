"""Render the seed extractions of five council papers into realistic sample inputs.

Barnet's Q2 performance report gets a made next quarter beside it
(``scripts.build_next_quarter``), so the samples hold two versions of a report to compare;
Halton's 2008-11 service plan gets the performance indicator tables of the two plans after
it (``scripts.build_next_plans``), whose actuals answer its targets for future years.

    .venv/bin/python -m scripts.build_samples [--seeds DIR] [--out DIR] [--no-pdf]

The seeds (plain-text extractions of real committee papers) are read from the repo's
copy in ``tests/data/seeds`` by default (the tests compare the samples with the same
text). The files written to
``sample_inputs/`` are committed, so CI (which has no LibreOffice) never runs this.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts import build_next_plans, build_next_quarter
from scripts.samples import barnet_adults, barnet_sp, halton, herts, kent

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = REPO / "tests" / "data" / "seeds"
DEFAULT_OUT = REPO / "sample_inputs"


def parse_args(description: str, argv: list[str] | None) -> argparse.Namespace:
    """The options every sample builder takes: where the seeds are, where papers go."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS,
                    help="folder with the seed .txt files (default: tests/data/seeds)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help="where to write the papers (default: sample_inputs)")
    ap.add_argument("--no-pdf", action="store_true",
                    help="skip the LibreOffice PDF conversions")
    args = ap.parse_args(argv)
    if not args.seeds.is_dir():
        ap.error(f"seed folder not found: {args.seeds}")
    return args


def print_built(report: dict) -> int:
    for name, stats in report.items():
        print(f"{name}: {stats}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(__doc__.splitlines()[0], argv)
    pdf = not args.no_pdf
    report = {}
    report.update(barnet_sp.build(args.seeds, args.out))
    report.update(herts.build(args.seeds, args.out))
    report.update(kent.build(args.seeds, args.out, pdf=pdf))
    report.update(halton.build(args.seeds, args.out, pdf=pdf))
    report.update(barnet_adults.build(args.seeds, args.out, pdf=pdf))
    report.update(build_next_quarter.build(args.seeds, args.out, pdf=pdf))
    report.update(build_next_plans.build(args.seeds, args.out, pdf=pdf))
    return print_built(report)


if __name__ == "__main__":
    sys.exit(main())
