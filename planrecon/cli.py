"""`planrecon run --inbox DIR --out DIR`: the console script of the contract.

Prints a progress line per paper and a one-screen summary at the end;
everything is also logged to OUT/planrecon.log for the record.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

from .inbox import InboxError
from .pipeline import run

LOG_FILE = "planrecon.log"
BAR_WIDTH = 24


class _Progress:
    """A bar that redraws in place on a terminal, one line per paper elsewhere."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream
        self.tty = stream.isatty()

    def __call__(self, n: int, total: int, name: str) -> None:
        done = int(BAR_WIDTH * n / max(total, 1))
        bar = "#" * done + "." * (BAR_WIDTH - done)
        line = f"[{bar}] {n}/{total} {name}"
        if self.tty:
            self.stream.write("\r" + line[:100].ljust(100) + ("\n" if n == total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _summary(result) -> str:
    if result.unchanged:
        return ("Nothing changed since the last run (same papers, same settings): the "
                f"outputs were left as they are ({result.seconds['total']:.1f} s).")
    report = result.report
    flags = Counter(f for fl in report.changes["flags"] for f in fl.split(";") if f)
    set_aside = report.set_aside()
    overdue = sum(plan["flags"]["overdue"]
                  for plan in report.plan_summaries({"overdue": report.overdue()}))
    lines = [
        f"Papers: {len(report.papers)} ({result.read} read, {result.cached} unchanged from "
        f"the cache, {len(set_aside)} set aside, {len(result.kept)} kept from earlier runs)",
        f"Plans: {report.versions['plan_id'].nunique() if len(report.versions) else 0}   "
        f"Actions: {len(report.actions)}   Indicators: {len(report.indicators)}",
        "Changes between versions: " + (
            ", ".join(f"{k} {v}" for k, v in sorted(flags.items())) or "none"),
        f"Overdue in the latest versions (as the Summary sheet counts): {overdue}",
    ]
    lines += [f"  set aside: {paper}: {why}" for paper, why in sorted(set_aside.items())]
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
    explain_cmd = sub.add_parser("explain", help="show how each table of one paper is read")
    explain_cmd.add_argument("paper", type=Path)
    explain_cmd.add_argument("--config", type=Path, help="the inbox's config folder")
    args = parser.parse_args(argv)
    if args.command == "explain":
        from .explain import explain
        print(explain(args.paper, args.config))
        return 0
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
