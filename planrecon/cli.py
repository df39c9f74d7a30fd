"""`planrecon run --inbox DIR --out DIR`: the console script of the contract."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .inbox import InboxError
from .pipeline import run


def _progress(n: int, total: int, name: str) -> None:
    print(f"  [{n}/{total}] {name}", file=sys.stderr)


def _summary(result) -> str:
    report = result.report
    flags = Counter(f for fl in report.changes["flags"] for f in fl.split(";") if f)
    quarantined = [p for p in report.papers if p.quarantined]
    lines = [
        f"Papers read: {len(report.papers)} ({len(quarantined)} set aside)",
        f"Actions: {len(report.actions)}   Indicators: {len(report.indicators)}",
        "Changes: " + ", ".join(f"{k} {v}" for k, v in sorted(flags.items())),
    ]
    lines += [f"  set aside: {p.source_file}: " + "; ".join(
        i.message for i in p.issues if i.quarantine) for p in quarantined]
    lines.append(f"Workbook: {report.out_dir / 'reconciliation.xlsx'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="planrecon", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run_cmd = sub.add_parser("run", help="read the inbox and write the reconciliation")
    run_cmd.add_argument("--inbox", type=Path, default=Path("sample_inputs"))
    run_cmd.add_argument("--out", type=Path, default=Path("build"))
    run_cmd.add_argument("--quiet", action="store_true", help="print only errors")
    args = parser.parse_args(argv)
    try:
        result = run(args.inbox, args.out, progress=None if args.quiet else _progress)
    except (InboxError, OSError) as exc:
        print(f"planrecon: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(_summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
