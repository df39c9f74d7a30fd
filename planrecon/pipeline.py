"""The monthly run: inbox → ingest → normalise → reconcile → outputs.

The only module that imports all four stages. It loads the officer's files
into each stage's settings and passes them in; data flows one way. Papers
come from the cache when their content is unchanged.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from planrecon import normalise as normalise_stage
from planrecon import outputs as outputs_stage
from planrecon import reconcile as reconcile_stage
from planrecon.ingest import Issue, IssueCode
from planrecon.normalise import NormaliseConfig, combine, normalise_paper
from planrecon.outputs import PARQUET, Report, write_outputs
from planrecon.reconcile import reconcile

from .cache import SCHEMA, PaperCache, code_hash, content_key, file_hash
from .cluster import read_on_cluster, require_dask
from .inbox import list_inbox, output_folder, unopened
from .officer_files import CONFIG_DIR, OVERRIDES, PLANS, load_officer_files
from .outfolder import locked, publish, retire, staged
from .workers import Read, read_in_workers

log = logging.getLogger("planrecon")
TOOL = SCHEMA + "/" + code_hash(
    normalise_stage, reconcile_stage, outputs_stage, sys.modules[__package__])
"""The whole tool's code: after an upgrade, an unchanged inbox is still run again."""


@dataclass
class RunSummary:
    files: list[str]
    report: Report | None = None
    read: int = 0
    """Papers parsed this run (the rest came from the cache)."""
    cached: int = 0
    kept: list[str] = field(default_factory=list)
    """Papers no longer in the inbox whose earlier reading was kept."""
    copies: dict[str, str] = field(default_factory=dict)
    """Byte-identical copies in the inbox → the paper each copies (read once)."""
    seconds: dict[str, float] = field(default_factory=dict)
    unchanged: bool = False
    """Nothing changed since the last run: the outputs there were kept as they are."""
    written: dict[str, str] = field(default_factory=dict)
    """Each output file → its content hash, to tell next run whether they are intact."""


def _warnings(found) -> list[Issue]:
    """The officer files' warnings, said on screen and in the log, and kept as issues."""
    for problem in found:
        log.warning("%s", problem)
    return [Issue(IssueCode.OVERRIDE, "inbox", problem.file, problem.where, str(problem))
            for problem in found]


def _fingerprint(hashes: dict[str, str], inbox: Path, asked: str = "") -> str:
    """Everything a run's result depends on: the tool, the papers, the officer's files and
    the outputs `asked` for beyond the usual (the Parquet export)."""
    digest = hashlib.sha256(f"{TOOL}\0{asked}".encode())
    for name, sha in sorted(hashes.items()):
        digest.update(f"{name}\0{sha}\n".encode("utf-8", "surrogateescape"))
    controls = [inbox / PLANS, inbox / OVERRIDES]
    controls += sorted((inbox / CONFIG_DIR).rglob("*")) if (inbox / CONFIG_DIR).is_dir() else []
    for path in controls:
        if path.is_file():
            digest.update(f"{path.relative_to(inbox).as_posix()}\0{file_hash(path)}\n"
                          .encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _outputs_intact(out_dir: Path, recorded: dict[str, str]) -> bool:
    return bool(recorded) and all(
        (out_dir / name).is_file() and file_hash(out_dir / name) == sha
        for name, sha in recorded.items()
    )


def _originals(hashes: dict[str, str], cache: PaperCache | None) -> dict[str, str]:
    """Each byte-identical copy in the inbox → the paper it copies.

    The original is the name the cache knew the content by, so the history stays with
    it; else the shortest name, as a copy's name adds to its original's ('plan (copy)',
    'plan - Copy', 'old/plan')."""
    names: dict[tuple[str, str], list[str]] = {}
    for name, sha in hashes.items():
        names.setdefault(content_key(name, sha), []).append(name)
    copies = {}
    for key, same in names.items():
        known = cache.known_name(key) if cache and len(same) > 1 else None
        original = known if known in same else min(same, key=lambda n: (len(n), n))
        copies |= {name: original for name in same if name != original}
    return copies


def _copy_issue(copy: str, original: str) -> Issue:
    return Issue(IssueCode.COPY, "inbox", copy, "",
                 f"the same file as {original} (byte for byte): read once and counted once; "
                 "delete one of them if it was copied by mistake")


def _read_papers(inbox: Path, hashes: dict[str, str], cache: PaperCache | None, progress,
                 summary: RunSummary, ours: PurePosixPath | None, jobs: int,
                 scheduler: str | None, config: NormaliseConfig) -> list[Read]:
    """Each paper from the cache or read and normalised in a worker (`workers`, or on the
    Dask cluster at `scheduler`: `cluster`), kept in the inbox's listing order whatever
    order the workers finish in, so outputs depend on neither `jobs` nor where the papers
    were read. The cache is written here, in this process only; a paper from the cache, or
    one the machine set aside, is normalised here. Then the cached papers that have left
    the inbox; a cached 'paper' inside the output folder `ours` is one of our own outputs
    that an earlier version read back in: it is dropped, never kept as history."""
    originals = {name: sha for name, sha in hashes.items() if name not in summary.copies}
    found: dict[str, Read] = {}
    todo = []
    for name, sha in originals.items():
        paper = cache.get(name, sha) if cache else None
        if paper is None:
            todo.append((name, sha))
            continue
        summary.cached += 1
        found[name] = Read(paper)
        if progress:
            progress(len(found), len(originals), name)
    reading = read_on_cluster(inbox, todo, scheduler, jobs, config) if scheduler else \
        read_in_workers(inbox, todo, jobs, config)
    for name, read in reading:
        summary.read += 1
        if cache:  # keeps only what the paper decided (`PaperCache.put`)
            cache.put(read.paper)
        found[name] = read
        if progress:
            progress(len(found), len(originals), name)
    reads = [found[name] for name in originals]
    for name, read in zip(originals, reads, strict=True):
        log.info("%s: %s", name, "quarantined" if read.paper.quarantined else
                 f"{len(read.paper.tables)} tables")
    for copy, original in summary.copies.items():
        log.info("%s: the same file as %s, not read again", copy, original)
    if cache:
        for paper in cache.others(hashes):
            our_output = ours is not None and PurePosixPath(paper.source_file).is_relative_to(ours)
            if paper.quarantined or our_output:
                continue
            paper.issues.append(Issue(
                IssueCode.REMOVED, "inbox", paper.source_file, "",
                "no longer in the inbox: its earlier reading is kept so the plan history stays "
                "whole (delete the cache file in the output folder to forget it)",
            ))
            summary.kept.append(paper.source_file)
            reads.append(Read(paper))
    return [r if r.reading else Read(r.paper, normalise_paper(r.paper, config)) for r in reads]


def _hashed(inbox: Path, names: list[str], not_read: dict) -> dict[str, str]:
    """Each paper's content hash; one that cannot be read joins `not_read`."""
    hashes = {}
    for name in names:
        try:
            hashes[name] = file_hash(inbox / name)
        except OSError as exc:
            not_read[name] = unopened("file", exc)
    return hashes


def _not_read_issues(not_read: dict) -> list[Issue]:
    return [Issue(code, "inbox", name, "", why, quarantine=True)
            for name, (code, why) in not_read.items()]


def run(inbox: Path, out_dir: Path, progress=None, use_cache: bool = True,
        jobs: int | None = None, parquet: bool = False,
        scheduler: str | None = None) -> RunSummary:
    """Run the whole pipeline, reading `jobs` papers at once (default: one per core), or
    on the Dask cluster at `scheduler` ('local': a LocalCluster of `jobs` workers); with
    `parquet`, the store's tables are also exported as Parquet to OUT/parquet/.

    Raises ClusterUnavailable when `scheduler` is given without Dask installed and
    OfficerFileError, before any paper is read, when the officer's files are wrong,
    InboxError (or OSError) when nothing can be produced, and OutFolderBusy when another
    run holds `out_dir` (`outfolder`)."""
    if scheduler:
        require_dask()
    inbox, out_dir = inbox.resolve(), out_dir.resolve()
    with locked(out_dir):
        return _run(inbox, out_dir, progress, use_cache, jobs, parquet, scheduler)


def _run(inbox: Path, out_dir: Path, progress, use_cache: bool, jobs: int | None,
         parquet: bool, scheduler: str | None) -> RunSummary:
    clock = time.perf_counter()
    summary = RunSummary(files=[])
    listing = list_inbox(inbox, out_dir)
    names = [p.relative_to(inbox).as_posix() for p in listing.papers]
    ours = output_folder(inbox, out_dir)
    officer = load_officer_files(inbox, names)
    control_issues = _warnings(officer.warnings)
    hashes = _hashed(inbox, names, listing.not_read)
    fingerprint = _fingerprint(
        hashes | {name: f"not read\0{why}" for name, (_, why) in listing.not_read.items()}, inbox,
        PARQUET if parquet else "")
    cache = PaperCache(out_dir) if use_cache else None
    if cache and cache.rebuilt:
        log.warning("the cache was written by another planrecon version: rebuilt")
    if cache and cache.last_run()[0] == fingerprint and _outputs_intact(out_dir,
                                                                         cache.last_run()[1]):
        cache.close()
        summary.unchanged = True
        summary.seconds["total"] = time.perf_counter() - clock
        log.info("nothing changed since the last run: outputs kept as they are")
        return summary
    try:
        summary.copies = _originals(hashes, cache)
        reads = _read_papers(inbox, hashes, cache, progress, summary, ours,
                             jobs or os.cpu_count() or 1, scheduler, officer.normalise)
        _reconcile_and_write(inbox, out_dir, reads, officer, control_issues + _not_read_issues(
            listing.not_read), summary, clock, parquet)
        if cache:  # a paper held back by the machine is tried again, so the run is not final
            held_back = any(read.paper.held_back for read in reads)
            cache.record_run("" if held_back else fingerprint, summary.written)
    finally:
        if cache:
            cache.close()
    summary.seconds["total"] = time.perf_counter() - clock
    log.info("run finished in %.1f s (%d papers read, %d from cache)", summary.seconds["total"],
             summary.read, summary.cached)
    return summary


def _reconcile_and_write(inbox, out_dir, reads: list[Read], officer, inbox_issues, summary,
                         clock, parquet: bool) -> None:
    summary.seconds["read+normalise"] = time.perf_counter() - clock
    papers = [read.paper for read in reads]
    normalised = combine([read.reading for read in reads])
    result = reconcile(normalised.actions, normalised.indicators, normalised.papers,
                       officer.reconcile)
    for issue in result.issues:
        if issue.source_file == OVERRIDES:  # a row that named no pair
            log.warning("%s", issue.message)
    summary.seconds["reconcile"] = (time.perf_counter() - clock
                                    - summary.seconds["read+normalise"])
    summary.report = Report(
        inbox=inbox, out_dir=out_dir, papers=papers, actions=result.actions,
        changes=result.changes, history=result.history, indicators=result.indicators,
        versions=result.versions, tables=normalised.tables,
        issues=inbox_issues + [_copy_issue(c, o) for c, o in summary.copies.items()]
        + normalised.issues + result.issues,
        copies=summary.copies, indicator_changes=result.indicator_changes,
    )
    with staged(out_dir) as staging:  # all or nothing: a failed write changes no output
        summary.files = write_outputs(summary.report, staging, parquet)
        summary.written = {name: file_hash(staging / name) for name in summary.files
                           if (staging / name).is_file()}
        publish(staging, out_dir, summary.files)
    if not parquet and retire(out_dir, PARQUET):
        log.info("the Parquet export of an earlier run was removed, as it no longer matched "
                 "the store: run with --parquet to export again")
