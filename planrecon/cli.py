"""`planrecon run --inbox DIR --out DIR`: the console script of the contract.

Shows a progress bar on a terminal and a one-screen summary at the end;
everything is also logged to OUT/planrecon.log for the record.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from tqdm import tqdm

from planrecon.outputs import CHANGE_WORDS, copies_text

from .inbox import InboxError
from .pipeline import run

LOG_FILE = "planrecon.log"


class _Progress:
    """tqdm's bar on stderr, fitted to the terminal's width; off when stderr is not a
    terminal (a log file or a scheduled job), where the log's line per paper tells the same."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.bar: tqdm | None = None

    def __call__(self, n: int, total: int, name: str) -> None:
        """`n` of `total` papers read, the last being `name`."""
        if self.bar is None:
            self.bar = tqdm(total=total, file=self.stream, unit="paper", dynamic_ncols=True,
                            disable=not self.stream.isatty())
        self.bar.set_postfix_str(name, refresh=False)
        self.bar.update(n - self.bar.n)
        if n == total:
            self.bar.close()


def _summary(result) -> str:
    """What the run found, in words, with the Summary sheet's own counts."""
    if result.unchanged:
        return ("Nothing changed since the last run (same papers, same settings): the "
                f"outputs were left as they are ({result.seconds['total']:.1f} s).")
    report = result.report
    counts = report.counts
    set_aside = report.set_aside()
    changes = counts.changes
    copies = f", {copies_text(counts.copies)} not counted again" if counts.copies else ""
    lines = [
        f"Papers: {counts.papers} ({result.read} read, {result.cached} unchanged from the "
        f"cache, {counts.set_aside} set aside, {len(result.kept)} kept from earlier runs"
        f"{copies})",
        f"Plans: {len(counts.plans)} in {counts.versions} versions   Actions in the latest "
        f"versions: {counts.actions}   Indicators: {len(report.indicators)}",
        "Since the previous version: " + ", ".join(
            f"{changes[flag]} {words}" for flag, words in CHANGE_WORDS.items()
            if flag != "overdue"),
        f"Overdue in the latest versions: {changes['overdue']}",
        f"To check: {counts.to_check} matched pairs on the Match review sheet, "
        f"{counts.quality_notes} lines on the Data quality sheet",
    ]
    lines += [f"  set aside: {paper}: {why}" for paper, why in sorted(set_aside.items())]
    lines += [f"  copy: {copy} is the same file as {original}"
              for copy, original in sorted(report.copies.items())]
    lines.append(f"Workbook: {report.out_dir / 'reconciliation.xlsx'}  "
                 f"({result.seconds.get('total', 0):.1f} s)")
    return "\n".join(lines)


def _logging(out: Path, verbose: bool, quiet: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger("planrecon")
    root.handlers.clear()
    root.setLevel(logging.DEBUG)
    to_file = logging.FileHandler(out / LOG_FILE, mode="w", encoding="utf-8")
    to_file.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    to_file.setLevel(logging.DEBUG)
    to_screen = logging.StreamHandler(sys.stderr)
    to_screen.setLevel(logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING)
    root.addHandler(to_file)
    root.addHandler(to_screen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="planrecon", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run_cmd = sub.add_parser("run", help="read the inbox and write the reconciliation")
    run_cmd.add_argument("--inbox", type=Path, default=Path("sample_inputs"))
    run_cmd.add_argument("--out", type=Path, default=Path("build"))
    loud = run_cmd.add_mutually_exclusive_group()
    loud.add_argument("--quiet", action="store_true", help="print only errors")
    loud.add_argument("--verbose", action="store_true", help="say what happens to each paper")
    run_cmd.add_argument("--no-cache", action="store_true",
                         help="read every paper again instead of reusing unchanged ones")
    args = parser.parse_args(argv)
    try:
        _logging(args.out, args.verbose, args.quiet)
        result = run(args.inbox, args.out, progress=None if args.quiet else _Progress(),
                     use_cache=not args.no_cache)
    except (InboxError, OSError) as exc:
        print(f"planrecon: {exc}", file=sys.stderr)
        return 2
    logging.getLogger("planrecon").info(_summary(result))
    if not args.quiet:
        print(_summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
