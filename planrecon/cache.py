"""The paper cache in OUT/: a paper whose content has not changed is not read again.

SQLite keyed by the paper's content: its hash and its extension, all that its
reading depends on. So a paper renamed or moved to another folder is found
under its new name, and keeps its place in the plan history. Each reading is
held as plain JSON (never pickle) with the name it was last seen by. A cache
written by another version of planrecon is detected and rebuilt. Papers that
have left the inbox stay in the cache, so the plan history they belong to is
kept; the pipeline marks them.

Only what the paper decides is kept: a paper set aside because of the machine
(`Paper.held_back`: LibreOffice missing, a time or memory limit) is not stored,
so the next run tries it again. Names and readings are stored as UTF-8 bytes that
keep a name's stray bytes (surrogate escapes), so any file name can be cached. A
database error (the disk full) is raised as `CacheError`, an OSError with the cache
named, which the command line reports in one line.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path, PurePosixPath

from planrecon import ingest
from planrecon.ingest import Paper, paper_from_json, paper_to_json

from . import __version__

CACHE_FILE = ".planrecon-cache.sqlite"


def code_hash(*packages) -> str:
    """A digest of the packages' own source and default files.

    Taken from the code itself rather than a version number someone must remember
    to bump: any change to how papers are read gives a different digest.
    """
    digest = hashlib.sha256(__version__.encode())
    for package in packages:
        root = Path(package.__file__).parent
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(root).as_posix()}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


SCHEMA = f"papers-v3/{code_hash(ingest)}"
"""What a cached paper was read by; a cache from other reading code is rebuilt."""


def file_hash(path: Path) -> str:
    """Content hash; a link is known by where it points, never by what it points at."""
    if path.is_symlink():
        return hashlib.sha256(f"link\0{os.readlink(path)}".encode()).hexdigest()
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def content_key(source_file: str, sha256: str) -> tuple[str, str]:
    """What a paper's reading depends on: its bytes, and the extension that says how to
    read them (the same bytes named .csv and .txt are not the same paper)."""
    return sha256, PurePosixPath(source_file).suffix.lower()


class CacheError(OSError):
    """The cache cannot be read or written (errno ENOSPC when the disk is full)."""


def _guarded(method):
    """Raise a database failure as CacheError, saying which file and why."""
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            full = getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
            raise CacheError(errno.ENOSPC if full else errno.EIO,
                             f"the cache {self.path} cannot be written: {exc}") from exc
    return guarded


def _stored(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _loaded(blob: bytes) -> str:
    return blob.decode("utf-8", "surrogatepass")


def _key(source_file: str, sha256: str) -> tuple[str, bytes]:
    sha, suffix = content_key(source_file, sha256)
    return sha, _stored(suffix)


def renamed(paper: Paper, source_file: str) -> Paper:
    """The paper, its tables and its notes under `source_file`: the same content,
    renamed or moved since it was read."""
    old = paper.source_file
    paper.source_file = source_file
    for table in paper.tables:
        table.source_file = source_file
    paper.issues = [replace(i, source_file=source_file) if i.source_file == old else i
                    for i in paper.issues]
    return paper


class PaperCache:
    """Read papers by content (`content_key`); `rebuilt` says an old cache was thrown away."""

    def __init__(self, out_dir: Path):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.path = out_dir / CACHE_FILE
        self.rebuilt = False
        self._open()

    @_guarded
    def _open(self) -> None:
        self.db = sqlite3.connect(self.path)
        with self.db:
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            found = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if found is not None and found[0] != SCHEMA:
                self.db.execute("DROP TABLE IF EXISTS papers")
                self.db.execute("DELETE FROM meta")
                self.rebuilt = True
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA,))
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS papers (sha256 TEXT NOT NULL, suffix BLOB NOT NULL, "
                "source_file BLOB NOT NULL, paper BLOB NOT NULL, PRIMARY KEY (sha256, suffix))"
            )

    @_guarded
    def known_name(self, key: tuple[str, str]) -> str | None:
        """The name this content was last seen by."""
        row = self.db.execute("SELECT source_file FROM papers WHERE sha256=? AND suffix=?",
                              (key[0], _stored(key[1]))).fetchone()
        return _loaded(row[0]) if row else None

    @_guarded
    def get(self, source_file: str, sha256: str) -> Paper | None:
        """The earlier reading of this content, under the name it has now."""
        key = _key(source_file, sha256)
        row = self.db.execute("SELECT source_file, paper FROM papers WHERE sha256=? AND suffix=?",
                              key).fetchone()
        if row is None:
            return None
        if _loaded(row[0]) != source_file:
            with self.db:
                self.db.execute("UPDATE papers SET source_file=? WHERE sha256=? AND suffix=?",
                                (_stored(source_file), *key))
        return renamed(paper_from_json(_loaded(row[1])), source_file)

    @_guarded
    def put(self, paper: Paper) -> None:
        """Store a paper read now, unless the machine, not the paper, set it aside."""
        if paper.held_back:
            return
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO papers VALUES (?, ?, ?, ?)",
                            (*_key(paper.source_file, paper.sha256),
                             _stored(paper.source_file), _stored(paper_to_json(paper))))

    @_guarded
    def others(self, present: dict[str, str]) -> list[Paper]:
        """Papers read in earlier runs that are no longer in the inbox, in path order.

        `present` maps each paper in the inbox to its content hash. A reading whose name
        now holds other content was of a paper since edited: it is forgotten, not kept."""
        keys = {_key(name, sha) for name, sha in present.items()}
        rows = self.db.execute("SELECT sha256, suffix, source_file, paper FROM papers "
                               "ORDER BY source_file").fetchall()
        gone = [(sha, suffix, _loaded(name), paper) for sha, suffix, name, paper in rows
                if (sha, suffix) not in keys]
        with self.db:
            self.db.executemany("DELETE FROM papers WHERE sha256=? AND suffix=?",
                                [row[:2] for row in gone if row[2] in present])
        return [renamed(paper_from_json(_loaded(row[3])), row[2]) for row in gone
                if row[2] not in present]

    @_guarded
    def last_run(self) -> tuple[str, dict[str, str]]:
        """(fingerprint of the last finished run's inputs, hashes of the files it wrote)."""
        row = self.db.execute("SELECT value FROM meta WHERE key='last_run'").fetchone()
        if row is None:
            return "", {}
        saved = json.loads(row[0])
        return saved["inputs"], saved["outputs"]

    @_guarded
    def record_run(self, inputs: str, outputs: dict[str, str]) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('last_run', ?)",
                            (json.dumps({"inputs": inputs, "outputs": outputs}),))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> PaperCache:
        return self

    def __exit__(self, *exc) -> None:
        with closing(self.db):
            pass
