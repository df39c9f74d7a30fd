"""Delimited text (.csv, .tsv trackers): is it one, in which encoding, split by what.

Trackers exported from SharePoint lists, Smartsheet or a council's own system
arrive as CSV; Excel saves them in the Windows code page (cp1252, so `£` and `–`
are single bytes) or as UTF-8 with a byte-order mark, and in some locales with
`;` between fields. A text file has no magic number, so "is this a table?" is
answered from its content: it decodes as text and one separator splits most of
its first lines into the same number (two or more) of fields.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from itertools import islice

DELIMITERS = (",", ";", "\t", "|")
SAMPLE_LINES = 50
MIN_AGREEMENT = 0.6
"""Share of the sampled non-blank lines that must have the usual number of fields."""
MAX_BYTES = 100 * 1024 * 1024
"""A tracker is kilobytes to a few megabytes; a bigger text file is not one."""


@dataclass(frozen=True)
class Delimited:
    text: str
    encoding: str
    delimiter: str


def decode(data: bytes) -> tuple[str, str] | None:
    """(text, encoding), or None when the bytes are not text in any encoding we can tell.

    UTF-8 (with or without a byte-order mark) is tried strictly first: it is what
    modern exports write and a strict decode never mistakes another encoding for
    it. Otherwise charset-normalizer picks the code page whose text reads least
    like noise (cp1252 for most councils' Excel).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    if b"\0" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return (str(best), best.encoding) if best is not None else None


def delimiter(text: str) -> str | None:
    """The separator that splits most of the first records into the same 2+ fields, if any.

    Records, not lines: a quoted field may hold line breaks (a bulleted action).
    """
    best, best_score = None, (0, 0)
    for sep in DELIMITERS:
        try:
            records = [len(row) for row in islice(
                (r for r in csv.reader(io.StringIO(text), delimiter=sep) if any(r)), SAMPLE_LINES)]
        except csv.Error:  # a field past csv's size limit: not this separator
            continue
        if len(records) < 2:
            continue
        width, agree = Counter(records).most_common(1)[0]
        if width < 2 or agree < 2 or agree < MIN_AGREEMENT * len(records):
            continue
        if (agree, width) > best_score:
            best, best_score = sep, (agree, width)
    return best


def sniff(data: bytes) -> Delimited | None:
    """The file as delimited text, or None when it is not a table of text."""
    if len(data) > MAX_BYTES:
        return None
    decoded = decode(data)
    if decoded is None or decoded[0].lstrip().startswith("<"):
        return None
    text, encoding = decoded
    sep = delimiter(text)
    return None if sep is None else Delimited(text, encoding, sep)
