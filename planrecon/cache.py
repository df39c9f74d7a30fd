"""The paper cache in OUT/: a paper whose content has not changed is not read again.

SQLite keyed by the paper's path in the inbox and its content hash, holding
the read paper as plain JSON (never pickle). A cache written by another
version of planrecon is detected and rebuilt. Papers that have left the
inbox stay in the cache, so the plan history they belong to is kept; the
pipeline marks them.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

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


SCHEMA = f"papers-v1/{code_hash(ingest)}"
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


class PaperCache:
    """Read papers by (path, content hash); `rebuilt` says an old cache was thrown away."""

    def __init__(self, out_dir: Path):
        out_dir.mkdir(parents=True, exist_ok=True)
        self.path = out_dir / CACHE_FILE
        self.rebuilt = False
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
                "CREATE TABLE IF NOT EXISTS papers (source_file TEXT PRIMARY KEY, "
                "sha256 TEXT NOT NULL, paper TEXT NOT NULL)"
            )

    def get(self, source_file: str, sha256: str) -> Paper | None:
        row = self.db.execute(
            "SELECT paper FROM papers WHERE source_file=? AND sha256=?", (source_file, sha256)
        ).fetchone()
        return paper_from_json(row[0]) if row else None

    def put(self, paper: Paper) -> None:
        """Store a paper read now; a changed paper replaces its earlier reading."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO papers VALUES (?, ?, ?)",
                            (paper.source_file, paper.sha256, paper_to_json(paper)))

    def others(self, present: set[str]) -> list[Paper]:
        """Papers read in earlier runs that are no longer in the inbox, in path order."""
        rows = self.db.execute("SELECT source_file, paper FROM papers ORDER BY source_file")
        return [paper_from_json(text) for name, text in rows if name not in present]

    def last_run(self) -> tuple[str, dict[str, str]]:
        """(fingerprint of the last finished run's inputs, hashes of the files it wrote)."""
        row = self.db.execute("SELECT value FROM meta WHERE key='last_run'").fetchone()
        if row is None:
            return "", {}
        saved = json.loads(row[0])
        return saved["inputs"], saved["outputs"]

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
