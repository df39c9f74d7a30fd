"""A minimal OLE2 compound-file writer, for building hostile test papers.

Password-protected .xlsx/.docx, legacy .doc/.xls and Outlook .msg files are all
OLE2 "compound files" (MS-CFB). No writer ships with the project's
dependencies, and the tests need such files to check that the pipeline tells
them apart by their stream names. This writes a small but well-formed
version-3 file: one FAT sector, one directory sector, no mini stream (every
stream is padded to the 4096-byte cut-off so it lives in ordinary sectors).
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SECTOR = 512
MINI_CUTOFF = 4096
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MAX_STREAMS = 3
"""One directory sector holds four entries: the root and three streams."""


def compound_file(streams: dict[str, bytes]) -> bytes:
    """The bytes of a compound file holding `streams` (name → data) under the root storage."""
    if not 0 < len(streams) <= MAX_STREAMS:
        raise ValueError(f"streams: between 1 and {MAX_STREAMS} streams, got {len(streams)}")
    ordered = sorted(streams.items(), key=lambda kv: (len(kv[0]), kv[0].upper()))
    fat = [FATSECT, ENDOFCHAIN]
    entries = []
    for n, (name, data) in enumerate(ordered):
        data = data.ljust(MINI_CUTOFF, b"\0")
        first, count = len(fat), -(-len(data) // SECTOR)
        fat += list(range(first + 1, first + count)) + [ENDOFCHAIN]
        right = n + 2 if n + 1 < len(ordered) else NOSTREAM
        entries.append((_entry(name, 2, NOSTREAM, right, first, len(data)), data))
    if len(fat) > SECTOR // 4:
        raise ValueError("streams: too large for a single FAT sector")
    root = _entry("Root Entry", 5, 1, NOSTREAM, ENDOFCHAIN, 0)
    directory = root + b"".join(e for e, _ in entries)
    directory = directory.ljust(SECTOR, b"\0")
    body = b"".join(data.ljust(-(-len(data) // SECTOR) * SECTOR, b"\0") for _, data in entries)
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *(fat + [FREESECT] * (SECTOR // 4 - len(fat))))
    return _header() + fat_sector + directory + body


def _header() -> bytes:
    head = MAGIC + b"\0" * 16 + struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6,
                                            0, 1, 1, 0, MINI_CUTOFF, ENDOFCHAIN, 0,
                                            ENDOFCHAIN, 0)
    difat = struct.pack("<109I", 0, *([FREESECT] * 108))
    return head + difat


def _entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
    """One 128-byte directory entry; siblings chain to the right in CFB name order."""
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBBIII", len(encoded), kind, 1, NOSTREAM, right, child)
        + b"\0" * 36
        + struct.pack("<IQ", start, size)
    )
