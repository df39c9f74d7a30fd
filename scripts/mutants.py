"""Seeded mutants of the sample papers: the damage email and old disks do to real papers.

Issue 15's audit ran 270 seeded mutants through planrecon and found pages lost with no
line anywhere. `mutants(seed)` makes the same 270 every time: 90 of the sample PDFs, 45
each of the sample Excel and Word papers, 30 each of an OpenDocument sheet, an
OpenDocument text and a CSV made from a sample plan's rows. Each is one kind of damage
(`FAMILIES`): bytes overwritten or the file cut short (every format); a zip member deleted,
written twice, or its XML damaged (xlsx, docx, ods, odt); a stream's `/Length` made wrong
(the same number of digits, so the offsets stay right, as a viewer accepts), a stream's
bytes overwritten or the cross-reference offset made wrong (PDF); stray NUL, undecodable
bytes or an open quote (CSV). PDF damage is aimed at pages' content, where the audit
lost actions. Mutant `i` of a format depends only on the seed and `i`, so a seeded subset
(`pick`) holds exactly the mutants the full run holds.
`scripts.fuzz_run` runs the pipeline over them and counts what happened.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from openpyxl import load_workbook

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_inputs"
SEED = 15
COUNTS = {"pdf": 90, "xlsx": 45, "docx": 45, "ods": 30, "odt": 30, "csv": 30}
"""Mutants of each format: 270 in all, a third of them PDFs (the audit's 90)."""
PLAN = "hertfordshire-sp/action-plan-2007.xlsx"
"""The sample plan whose rows the ODS, ODT and CSV originals hold."""


@dataclass(frozen=True)
class Mutant:
    name: str
    """Its path in the inbox: `<format>/<number>-<family>-<original's stem>.<format>`."""
    original: str
    """The original's name (`originals()`)."""
    family: str
    data: bytes


def _plan_rows() -> list[list[str]]:
    sheet = load_workbook(SAMPLES / PLAN, read_only=True).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
            if any(v is not None for v in row)]


@cache
def originals() -> dict[str, bytes]:
    """Name → bytes of every paper mutated: the sample papers, and the ODS, ODT and CSV
    made from `PLAN`'s rows (`tests.odf_papers`, as LibreOffice would save them)."""
    import tempfile

    from tests.odf_papers import write_ods, write_odt

    papers = {p.relative_to(SAMPLES).as_posix(): p.read_bytes()
              for p in sorted(SAMPLES.rglob("*")) if p.suffix in (".pdf", ".xlsx", ".docx")}
    rows = _plan_rows()
    with tempfile.TemporaryDirectory() as tmp:
        papers["made/action-plan.ods"] = write_ods(Path(tmp) / "p.ods", {"Plan": rows}).read_bytes()
        papers["made/action-plan.odt"] = write_odt(
            Path(tmp) / "p.odt", [("h", "Action plan 2007"), ("table", rows)]).read_bytes()
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    papers["made/action-plan.csv"] = text.getvalue().encode("cp1252", "replace")
    return papers


# ---- damage ------------------------------------------------------------------------------

def flip(data: bytes, rng: random.Random) -> bytes:
    """One to eight bytes overwritten with other values."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(out))
        out[at] = (out[at] + rng.randint(1, 255)) % 256
    return bytes(out)


def cut(data: bytes, rng: random.Random) -> bytes:
    """The file cut short, as an interrupted download leaves it."""
    return data[:rng.randrange(1, len(data))]


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info, zf.read(info)) for info in zf.infolist()]


def _zipped(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": the point
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, content in members:
                zf.writestr(info.filename, content)
    return buf.getvalue()


def drop_member(data: bytes, rng: random.Random) -> bytes:
    members = _members(data)
    del members[rng.randrange(len(members))]
    return _zipped(members)


def duplicate_member(data: bytes, rng: random.Random) -> bytes:
    """A member written twice, the second copy damaged (which one a reader takes varies)."""
    members = _members(data)
    info, content = members[rng.randrange(len(members))]
    return _zipped(members + [(info, flip(content, rng) if content else b"x")])


def damage_member(data: bytes, rng: random.Random) -> bytes:
    """One XML member with markup characters written over it, and perhaps cut short."""
    members = _members(data)
    xml = [i for i, (info, _) in enumerate(members) if info.filename.endswith((".xml", ".rels"))]
    at = rng.choice(xml)
    content = bytearray(members[at][1])
    for _ in range(rng.randint(1, 6)):
        content[rng.randrange(len(content))] = rng.choice(b'<>/="x0 \x00&;:')
    if rng.random() < 0.3:
        content = content[:rng.randrange(len(content))]
    members[at] = (members[at][0], bytes(content))
    return _zipped(members)


def _same_width(rng: random.Random, old: bytes) -> bytes:
    """Another number written in as many bytes (padded with spaces), so no offset moves."""
    while True:
        new = str(rng.randrange(10 ** len(old))).encode().ljust(len(old))
        if new.strip() != old.strip():
            return new


def _page_content(data: bytes, rng: random.Random) -> int:
    """Where one page's content object begins (a page named by `/Contents N 0 R`), else
    where any object begins: the damage the audit met lost a page's actions."""
    pages = re.findall(rb"/Contents\s+(\d+)\s+0\s+R", data)
    objects = [rb"(?<!\d)" + number + rb"\s+0\s+obj" for number in pages] or [rb"\d+\s+0\s+obj"]
    found = re.search(rng.choice(objects), data)
    return found.start() if found else 0


def wrong_length(data: bytes, rng: random.Random) -> bytes:
    """The `/Length` of one page's content stream made wrong."""
    found = re.compile(rb"/Length (\d+)").search(data, _page_content(data, rng))
    found = found or rng.choice(list(re.finditer(rb"/Length (\d+)", data)))
    return data[:found.start(1)] + _same_width(rng, found.group(1)) + data[found.end(1):]


def stream_bytes(data: bytes, rng: random.Random) -> bytes:
    """Bytes overwritten in one page's content stream (as a bad sector leaves it)."""
    found = re.compile(rb"(?<!end)stream\r?\n").search(data, _page_content(data, rng))
    start = found.end() if found else rng.randrange(len(data))
    return data[:start] + flip(data[start:start + 200], rng) + data[start + 200:]


def wrong_xref(data: bytes, rng: random.Random) -> bytes:
    """The offset `startxref` gives made wrong: a reader must rebuild the object table."""
    found = list(re.finditer(rb"startxref\s+(\d+)", data))[-1]
    return data[:found.start(1)] + _same_width(rng, found.group(1)) + data[found.end(1):]


def _inserted(data: bytes, rng: random.Random, what: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + what + data[at:]


def nul_bytes(data: bytes, rng: random.Random) -> bytes:
    return _inserted(data, rng, b"\0" * rng.randint(1, 4))


def undecodable(data: bytes, rng: random.Random) -> bytes:
    return _inserted(data, rng, bytes(rng.choice((0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xFF))
                                      for _ in range(rng.randint(1, 3))))


def open_quote(data: bytes, rng: random.Random) -> bytes:
    return _inserted(data, rng, b'"')


Damage = Callable[[bytes, random.Random], bytes]
_ZIP: tuple[Damage, ...] = (flip, cut, drop_member, duplicate_member, damage_member)
FAMILIES: dict[str, tuple[Damage, ...]] = {
    "pdf": (flip, cut, wrong_length, stream_bytes, wrong_xref),
    "xlsx": _ZIP, "docx": _ZIP, "ods": _ZIP, "odt": _ZIP,
    "csv": (flip, cut, nul_bytes, undecodable, open_quote),
}


def mutants(seed: int = SEED) -> list[Mutant]:
    """All 270, in a fixed order; no two alike and none the same as its original."""
    made, seen = [], set()
    papers = originals()
    for fmt, count in COUNTS.items():
        sources = sorted(name for name in papers if name.endswith(f".{fmt}"))
        families = FAMILIES[fmt]
        for i in range(count):
            source, damage = sources[i % len(sources)], families[i % len(families)]
            rng = random.Random(f"{seed}:{fmt}:{i}")
            data = damage(papers[source], rng)
            while hashlib.sha256(data).digest() in seen or data == papers[source]:
                data = damage(papers[source], rng)  # a repeat would be read as a copy
            seen.add(hashlib.sha256(data).digest())
            family = damage.__name__.replace("_", "-")
            made.append(Mutant(f"{fmt}/{i:03d}-{family}-{Path(source).stem}.{fmt}", source,
                               family, data))
    return made


def pick(count: int, seed: int = SEED) -> list[Mutant]:
    """A seeded subset of about `count` of the 270, each format in its share: of one
    original (seeded), one mutant of each kind of damage in turn, so a small subset still
    holds every kind and the run reads one original PDF to compare pages with."""
    every = mutants(seed)
    if count >= len(every):
        return every
    rng = random.Random(seed)
    chosen = []
    for fmt, share in COUNTS.items():
        own = [m for m in every if m.name.startswith(f"{fmt}/")]
        source = rng.choice(sorted({m.original for m in own}))
        kinds = {}
        for m in own:
            if m.original == source:
                kinds.setdefault(m.family, []).append(m)
        order = rng.sample(sorted(kinds), len(kinds))
        for n in range(max(1, round(count * share / len(every)))):
            chosen.append(rng.choice(kinds[order[n % len(order)]]))
    return chosen


def write(found: list[Mutant], inbox: Path) -> Path:
    for mutant in found:
        (inbox / mutant.name).parent.mkdir(parents=True, exist_ok=True)
        (inbox / mutant.name).write_bytes(mutant.data)
    return inbox
