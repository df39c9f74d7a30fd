"""Limits for opening Office packages (docx, xlsx), checked before any parser runs.

An Office file is a zip of XML parts; a hostile or broken one can claim a few
kilobytes and inflate to gigabytes (a zip bomb), or declare XML entities that
expand exponentially (billion laughs) or fetch outside files. Papers arrive
from many councils' websites, so every reader checks the package here first
and a bad one is quarantined with the reason instead of stalling the run.

Python's zipfile never returns more than a member's declared size (and fails
the CRC check when the data disagree), so checking the declared sizes bounds
what a later parser can be made to read.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from .errors import FormatError

MAX_TOTAL_BYTES = 200 * 1024 * 1024
"""Uncompressed size of all members together; real papers stay far below this."""
MAX_RATIO = 100
"""Uncompressed / compressed size of one member; XML parts of real papers compress 5-20:1."""
RATIO_MIN_BYTES = 1024 * 1024
"""Members smaller than this are not ratio-checked: they cannot exhaust memory, and a
tiny part of repeated whitespace can compress better than 100:1 quite innocently."""
MAX_MEMBERS = 10_000

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_SUFFIXES = (".xml", ".rels", ".vml")


DAMAGED_ZIP = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)
"""What zipfile raises on a cut, corrupt or exotic archive (bad CRC, truncated deflate data,
a negative offset, an unsupported compression method)."""


def check_archive(path: Path) -> None:
    """Raise FormatError when the package is not a zip or could inflate beyond the limits."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except DAMAGED_ZIP as exc:
        raise FormatError(f"the file is not a readable Office package ({exc})") from exc
    if len(infos) > MAX_MEMBERS:
        raise FormatError(
            f"the package has {len(infos)} parts (limit {MAX_MEMBERS}); it looks like a zip bomb"
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise FormatError(
            f"the package is too large: it would unpack to {total // (1024 * 1024)} MB "
            f"(limit {MAX_TOTAL_BYTES // (1024 * 1024)} MB), like a zip bomb; it was not opened"
        )
    for info in infos:
        if info.file_size < RATIO_MIN_BYTES:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO:
            raise FormatError(
                f"part {info.filename} compresses {ratio:.0f}:1 (limit {MAX_RATIO}:1); "
                "it looks like a zip bomb and was not opened"
            )


def check_no_dtd(path: Path) -> None:
    """Raise FormatError when any XML part declares a DOCTYPE or entities.

    Office never writes a DTD into its parts, so one is either damage or an
    entity-expansion / external-entity attack; the paper is refused rather than
    trusting each parser's entity settings. Call after `check_archive`, which
    bounds how much this reads.
    """
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if not info.filename.lower().endswith(_XML_SUFFIXES):
                continue
            try:
                data = zf.read(info)
            except DAMAGED_ZIP as exc:
                raise FormatError(
                    f"the package is damaged: part {info.filename} cannot be unpacked ({exc})"
                ) from exc
            if _DTD.search(_as_utf8(data)):
                raise FormatError(
                    f"part {info.filename} declares a DOCTYPE or XML entities, "
                    "which Office never writes; it was not parsed"
                )


def _as_utf8(data: bytes) -> bytes:
    """UTF-16 parts (allowed by XML) re-encoded, so the DOCTYPE search cannot be evaded."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace").encode("utf-8")
    return data
