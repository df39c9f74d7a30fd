"""`planrecon run --inbox DIR --out DIR`: read the committee papers in the inbox and write
the reconciliation workbook (and CSVs) to the output folder.

Shows a progress bar on a terminal and a one-screen summary at the end; everything is
also added to OUT/planrecon.log, one time-stamped line each, for the record.
"""

from __future__ import annotations

import argparse
import csv
import logging
import signal
import sys
import warnings
from pathlib import Path

from tqdm import tqdm

from planrecon.outputs import CHANGE_WORDS, PARQUET, STORE, copies_text
from planrecon.outputs.safety import printable
from planrecon.reconcile import Flag

from . import __version__
from .cluster import ClusterUnavailable
from .inbox import InboxError
from .officer_files import OfficerFileError
from .outfolder import FULL, OutFolderBusy, full_disk
from .pipeline import run

LOG_FILE = "planrecon.log"
DONE, SET_ASIDE, OFFICER_FILES, NOTHING = 0, 1, 2, 3
EXIT_CODES = f"""exit codes:
  {DONE}  done
  {SET_ASIDE}  done, but some papers were set aside (only with --strict)
  {OFFICER_FILES}  the officer's files (plans.yaml, overrides.csv, config/*.yaml) are wrong, or
     the command line is (or asks for what is not installed): nothing was read; the
     message says the file, line and key
  {NOTHING}  nothing could be produced (the inbox cannot be read, the output folder
     cannot be written or its disk is full, or another run is writing to it: runs on one
     output folder never wait for each other); the previous outputs are left as they were
"""
log = logging.getLogger("planrecon")


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
            if flag is not Flag.OVERDUE),
        f"Overdue in the latest versions: {changes[Flag.OVERDUE]}",
        *(f"Indicators of {s['plan_id']} {s['latest_version']} against {s['previous']}: "
          f"{s['improved']} improved, {s['stable']} stable, {s['worsened']} worsened, "
          f"{s['new']} new, {s['dropped']} dropped; {s['off_track']} on KPIs off track"
          for s in counts.indicators),
        f"To check: {counts.to_check} matched pairs on the Match review sheet, "
        f"{counts.quality_notes} lines on the Data quality sheet",
    ]
    lines += [f"  set aside: {paper}: {why}" for paper, why in sorted(set_aside.items())]
    lines += [f"  copy: {copy} is the same file as {original}"
              for copy, original in sorted(report.copies.items())]
    lines.append(f"Workbook: {report.out_dir / 'reconciliation.xlsx'}  "
                 f"({result.seconds.get('total', 0):.1f} s)")
    lines.append(f"Store for queries: {report.out_dir / STORE}"
                 + (f" (and Parquet in {report.out_dir / PARQUET})" if PARQUET in result.files
                    else ""))
    return "\n".join(lines)


class _Printable(logging.Filter):
    """A line names files as the file system gives them: stray bytes and control
    characters are shown safely (`printable`), never a logging error instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = printable(record.getMessage()), ()
        return True


def _logging(out: Path, verbose: bool, quiet: bool) -> None:
    """Screen as asked; the log file keeps every run, each line with its time.

    Libraries' warnings (xlsxwriter, openpyxl) go the same way, so --quiet silences
    them on screen too; the log file keeps them."""
    out.mkdir(parents=True, exist_ok=True)
    to_file = logging.FileHandler(out / LOG_FILE, mode="a", encoding="utf-8")
    to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    to_file.setLevel(logging.DEBUG)
    to_screen = logging.StreamHandler(sys.stderr)
    to_screen.setLevel(logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING)
    logging.raiseExceptions = False  # a log line a full disk refuses is no traceback on screen
    for handler in log.handlers:
        handler.close()
    log.handlers.clear()
    log.filters.clear()
    log.setLevel(logging.DEBUG)
    log.addFilter(_Printable())
    log.addHandler(to_file)
    log.addHandler(to_screen)
    warnings.showwarning = _warning_to_log


def _warning_to_log(message, category, filename, lineno, file=None, line=None) -> None:
    """A library's warning (openpyxl, xlsxwriter) as a log line, not a print to stderr."""
    log.warning("%s (%s, %s line %d)", message, category.__name__, Path(filename).name, lineno)


def _stopped(signum, frame) -> None:
    """A terminated run (a scheduler's timeout, `kill`) unwinds like Ctrl-C, so its
    staging folder is removed and the previous outputs stay as they were."""
    raise SystemExit(128 + signum)


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planrecon", description=__doc__, epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"planrecon {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run_cmd = sub.add_parser(
        "run", help="read the inbox and write the reconciliation", epilog=EXIT_CODES,
        description="Read every paper in the inbox and write the reconciliation workbook,\n"
        "the CSVs and planrecon.log to the output folder.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    run_cmd.add_argument("--inbox", type=Path, default=Path("sample_inputs"), metavar="DIR",
                         help="the folder of committee papers, with your plans.yaml, "
                         "overrides.csv and config/ if any (default: %(default)s)")
    run_cmd.add_argument("--out", type=Path, default=Path("build"), metavar="DIR",
                         help="where the workbook, CSVs, log and cache are written; created "
                         "if missing (default: %(default)s)")
    loud = run_cmd.add_mutually_exclusive_group()
    loud.add_argument("--quiet", action="store_true", help="print only errors")
    loud.add_argument("--verbose", action="store_true", help="say what happens to each paper")
    run_cmd.add_argument("--no-cache", action="store_true",
                         help="read every paper again instead of reusing unchanged ones")
    run_cmd.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                         help="papers read at once, each in its own process (default: one "
                         "per core); the outputs are the same whatever N")
    run_cmd.add_argument("--scheduler", metavar="ADDRESS",
                         help="read the papers on a Dask cluster: the address of its "
                         "scheduler (tcp://host:8786; its workers must see the inbox at the "
                         "same path), or 'local' to start one of --jobs workers here; needs "
                         "pip install 'planrecon[cluster]'")
    run_cmd.add_argument("--parquet", action="store_true",
                         help="also export the store's tables as Parquet to OUT/parquet/, "
                         "the plan tables partitioned by plan (for Spark, Polars, R arrow)")
    run_cmd.add_argument("--strict", action="store_true",
                         help=f"exit {SET_ASIDE} when any paper was set aside (for scheduled "
                         "runs that should flag it)")
    explain_cmd = sub.add_parser(
        "explain", help="show how each table of one paper is read, and why",
        description="Print each table of one paper: the kind it was judged to be and why, "
        "each column's role with its evidence and confidence, and the config/columns.yaml "
        "lines that would teach planrecon what it could not infer.")
    explain_cmd.add_argument("paper", type=Path, help="the paper to explain")
    explain_cmd.add_argument("--config", type=Path, metavar="DIR",
                             help="the inbox's config folder, to read with your synonyms")
    return parser


def _set_aside(result, out: Path) -> int:
    """Papers set aside: this run's, or, when nothing changed, the kept quarantine.csv's
    paper rows (those with no locator, as Report.set_aside counts them)."""
    if result.report is not None:
        return len(result.report.set_aside())
    with open(out / "quarantine.csv", encoding="utf-8-sig", newline="") as fh:
        return len({row["file"] for row in csv.DictReader(fh) if not row["locator"]})


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "explain":
        from .explain import explain
        if not args.paper.is_file():
            print(f"planrecon: no such paper: {args.paper}", file=sys.stderr)
            return OFFICER_FILES
        print(printable(explain(args.paper, args.config)))
        return DONE
    try:
        _logging(args.out, args.verbose, args.quiet)
    except OSError as exc:
        print(f"planrecon: the output folder cannot be written: {exc}", file=sys.stderr)
        return NOTHING
    log.info("planrecon %s run --inbox %s --out %s", __version__, args.inbox, args.out)
    signal.signal(signal.SIGTERM, _stopped)
    try:
        result = run(args.inbox, args.out, progress=None if args.quiet else _Progress(),
                     use_cache=not args.no_cache, jobs=args.jobs, parquet=args.parquet,
                     scheduler=args.scheduler)
    except ClusterUnavailable as exc:
        log.error("planrecon: %s", exc)
        return OFFICER_FILES
    except OfficerFileError as exc:
        log.error("planrecon: your files in the inbox need correcting (no paper was read):")
        for problem in exc.problems:
            log.error("  %s", problem)
        return OFFICER_FILES
    except OutFolderBusy as exc:
        log.error("planrecon: %s", exc.strerror)
        return NOTHING
    except (InboxError, OSError) as exc:
        log.error("planrecon: %s", FULL.format(out=args.out) if full_disk(exc) else exc)
        return NOTHING
    for line in _summary(result).splitlines():
        log.info("%s", line)
    if not args.quiet:
        print(printable(_summary(result)))
    return SET_ASIDE if args.strict and _set_aside(result, args.out) else DONE


if __name__ == "__main__":
    sys.exit(main())
