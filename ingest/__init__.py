"""Ingest: read committee papers into tables whose every cell knows where it came from.

Public surface: `read_paper(path, inbox) -> Paper` and the record types.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from .convert import TARGETS, read_converted
from .errors import FormatError, PlanreconError
from .limits import PAPER_MEMORY_BYTES
from .metadata import read_metadata
from .model import Cell, Extract, Issue, IssueCode, Paper, Row, RowKind, Table
from .pages import join_pages
from .serialise import paper_from_json, paper_to_json
from .sniff import detect_format, extension_mismatch
from .text import clean_text
from .tidy import tidy_table

__all__ = [
    "Cell", "Extract", "FormatError", "Issue", "IssueCode", "Paper", "PlanreconError",
    "Row", "RowKind", "Table", "SUPPORTED_SUFFIXES", "clean_text", "paper_from_json",
    "paper_to_json", "read_paper", "read_raw",
]

READERS = {"xlsx": "._xlsx", "xls": "._xls", "ods": "._ods", "docx": "._docx", "odt": "._odt",
           "pdf": "._pdf", "csv": "._csv"}
"""Format → reader module, imported only when a paper of that format arrives."""

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".docx", ".doc", ".odt", ".pdf", ".csv",
                      ".tsv")
MEMORY_REASON = (f"reading the paper needed more memory than it may use "
                 f"({PAPER_MEMORY_BYTES // 2**30} GB), far more than any real paper needs")
LINK_REASON = ("a shortcut (symbolic link) to a file or folder elsewhere, which is not "
               "followed: copy the paper itself into the inbox")


def _quarantine(paper: Paper, code: IssueCode, message: str, machine: bool = False) -> Paper:
    paper.issues.append(Issue(code, "ingest", paper.source_file, "", message, quarantine=True,
                              machine=machine))
    return paper


def read_raw(path: Path, source_file: str) -> tuple[str, Extract]:
    """Sniff the format and run its reader: (format, raw tables before tidying), tables
    continued over a page break already joined (`ingest.pages`).

    Legacy Word .doc papers are read from a LibreOffice conversion (`ingest.convert`).
    Raises FormatError (and whatever a damaged file makes a library raise).
    """
    fmt = detect_format(path)
    if fmt in TARGETS:
        reader = importlib.import_module(READERS[TARGETS[fmt]], __name__)
        extract = read_converted(path, fmt, reader.read, source_file)
    else:
        reader = importlib.import_module(READERS[fmt], __name__)
        extract = reader.read(path, source_file)
    extract.tables = join_pages(extract.tables)
    return fmt, extract


def _outside(path: Path, inbox: Path) -> bool:
    """A link, or a path resolving outside the inbox: never read, since a crafted inbox
    could otherwise make the run read (and report on) any file the officer can read."""
    return path.is_symlink() or not path.resolve().is_relative_to(inbox.resolve())


def read_paper(path: Path, inbox: Path, sha256: str | None = None) -> Paper:
    """Read one paper; a paper that cannot be read comes back quarantined with the reason.

    `sha256` is the content hash when the caller has it already (the cache does).
    """
    source_file = path.relative_to(inbox).as_posix()
    if _outside(path, inbox):
        return _quarantine(Paper(source_file, "", ""), IssueCode.UNSUPPORTED, LINK_REASON)
    if sha256 is None:
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    paper = Paper(source_file=source_file, format="", sha256=sha256)
    try:
        paper.format, extract = read_raw(path, source_file)
    except FormatError as exc:
        return _quarantine(paper, exc.code, str(exc), exc.machine)
    except ImportError as exc:
        why = f"the reader for this format is not installed ({exc})"
        return _quarantine(paper, IssueCode.UNREADABLE, why, machine=True)
    except MemoryError:  # over the worker's budget, or this computer's memory: a machine with
        # more to give, or less else running, may read it, so it is tried again next run
        return _quarantine(paper, IssueCode.TOO_LARGE, MEMORY_REASON, machine=True)
    except Exception as exc:  # a reader's library failing on a damaged file
        why = f"could not read the paper: {type(exc).__name__}: {exc}"
        return _quarantine(paper, IssueCode.UNREADABLE, why)
    mismatch = extension_mismatch(path, paper.format)
    if mismatch:
        paper.issues.append(Issue(IssueCode.WRONG_EXTENSION, "ingest", source_file, "", mismatch))
    paper.issues.extend(extract.issues)
    for table in extract.tables:
        paper.issues.extend(tidy_table(table))
    paper.tables = [t for t in extract.tables if t.header]
    title_lines = [extract.title] if extract.title else []
    for table in extract.tables[:1]:
        title_lines += list(table.title_lines) + ([table.caption] if table.caption else [])
    headers = [text for table in extract.tables[:1] for text in table.header_texts]
    paper.title, paper.as_of, paper.as_of_text, paper.as_of_from = read_metadata(
        title_lines, extract.text, headers, extract.saved, source_file)
    paper.text = extract.text
    paper.pages = extract.pages
    if not extract.tables:
        return _quarantine(paper, IssueCode.NO_TABLES, "the paper has no tables to read")
    return paper
