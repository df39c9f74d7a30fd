"""Build an inbox of hostile and broken papers, plus two good ones, to test a run survives.

Officers run planrecon on whatever arrives by email, so a run must cope with
cut-off downloads, zip and entity bombs, password-protected workbooks, scans
without a text layer, lying extensions and formats we do not read, and say for
each what it could not read. `make_hostile_inbox(path)` writes one of each (see
`EXPECTED` for the reason every one should get); `python -m scripts.hostile_papers
OUTDIR` does the same from the shell. Very large papers are not hostile, only slow:
`big_sheet` writes one for `scripts.large_papers` (`make bench`) and its test.

Everything is generated here except the good papers and the PDF renamed
.xlsx, which are copied from `sample_inputs/`. The zip bomb is written
streaming (a zero-filled member of more than 1 GB compresses to about 1 MB), so
building it needs no memory to speak of.
"""

from __future__ import annotations

import io
import random
import shutil
import struct
import sys
import zipfile
from pathlib import Path

from docx import Document
from openpyxl import Workbook
from PIL import Image, ImageDraw

from .cfb import compound_file

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_inputs"
GOOD = (
    "barnet-sp/2006-07-action-plan-q1-progress.xlsx",
    "barnet-sp/forward-action-plan-2006-10.xlsx",
)
"""Good papers copied into `barnet/`: they must come out exactly as when run alone."""
RENAMED_PDF = "halton/service-plan-2008-11.pdf"

BOMB_BYTES = 1100 * 1024 * 1024
"""Just over 1 GB when unpacked."""

EXPECTED = {
    "truncated.xlsx": ("damaged",),
    "zip-bomb.xlsx": ("too large", "zip bomb"),
    "billion-laughs.docx": ("entities",),
    "entities.xlsx": ("entities",),
    "password-protected.xlsx": ("password",),
    "scanned.pdf": ("no text layer",),
    "empty.docx": ("empty",),
    "minutes.doc": ("legacy word .doc",),
    "old-accounts.xls": ("legacy excel .xls",),
    "minutes.odt": ("opendocument", "no text body"),
    "forwarded.msg": ("outlook email", "attached papers"),
    "forwarded.eml": ("attached papers",),
    "narrative-only.docx": ("no tables",),
    "budget-monitoring.docx": ("none is an action plan",),
}
"""Quarantined papers → words their reason must contain (lower case)."""
RENAMED = {"action-plan-word.pdf": "docx", "halton-plan.xlsx": "pdf"}
"""Papers whose extension lies → the format they must be read as."""

OWNERS = ("Head of Housing", "Supporting People Manager", "Finance Officer", "Commissioning Team")
MONTHS = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")


def make_hostile_inbox(path: Path) -> Path:
    """Write every hostile paper and the good ones into `path` (created); returns `path`."""
    path.mkdir(parents=True, exist_ok=True)
    good = path / "barnet"
    good.mkdir(exist_ok=True)
    for name in GOOD:
        shutil.copyfile(SAMPLES / name, good / Path(name).name)
    shutil.copyfile(SAMPLES / RENAMED_PDF, path / "halton-plan.xlsx")
    data = (SAMPLES / GOOD[1]).read_bytes()
    (path / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    _zip_bomb(path / "zip-bomb.xlsx")
    _billion_laughs(path / "billion-laughs.docx")
    _entities_xlsx(path / "entities.xlsx")
    (path / "password-protected.xlsx").write_bytes(_encrypted_package())
    _scanned_pdf(path / "scanned.pdf")
    (path / "empty.docx").write_bytes(b"")
    _action_plan_docx().save(path / "action-plan-word.pdf")
    (path / "minutes.doc").write_bytes(compound_file({
        "WordDocument": struct.pack("<HH", 0xA5EC, 0xC1) + bytes(_noise(1, 600)),
        "1Table": _noise(2, 300),
    }))
    (path / "old-accounts.xls").write_bytes(compound_file({"Workbook": _noise(3, 800)}))
    _odt(path / "minutes.odt")
    (path / "forwarded.msg").write_bytes(compound_file({
        "__substg1.0_0037001F": "FW: action plan Q2".encode("utf-16-le"),
        "__substg1.0_1000001F": "Please find the papers attached.".encode("utf-16-le"),
        "__properties_version1.0": bytes(32),
    }))
    (path / "forwarded.eml").write_text(_EML, encoding="utf-8")
    _narrative_docx().save(path / "narrative-only.docx")
    _budget_docx().save(path / "budget-monitoring.docx")
    return path


def _noise(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _workbook_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    ws.append(["Ref", "Action", "Who by", "When by"])
    ws.append(["1.1", "Review the housing register", OWNERS[0], "Mar-09"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewrite(package: bytes, out: Path, replace: dict[str, bytes]) -> None:
    """Copy a zip package to `out`, replacing the named members' content."""
    with zipfile.ZipFile(io.BytesIO(package)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))


def _zip_bomb(out: Path) -> None:
    """A workbook whose sheet part unpacks to more than 1 GB of zeros (about 1000:1)."""
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(io.BytesIO(_workbook_bytes())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != sheet:
                dst.writestr(info.filename, src.read(info))
        chunk = bytes(16 * 1024 * 1024)
        with dst.open(sheet, "w") as fh:
            for _ in range(BOMB_BYTES // len(chunk)):
                fh.write(chunk)


_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"]>"
)
"""Nine levels of ten-fold entities: 10^9 'lol's if a parser expands them."""


def _with_doctype(xml: bytes, text: bytes) -> bytes:
    """Put the billion-laughs DOCTYPE after the XML declaration and `&lol9;` in place of `text`."""
    decl_end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    return xml[:decl_end] + _LAUGHS + xml[decl_end:].replace(text, b"&lol9;", 1)


def _billion_laughs(out: Path) -> None:
    doc = Document()
    doc.add_paragraph("PLACEHOLDER")
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as zf:
        xml = zf.read("word/document.xml")
    _rewrite(buf.getvalue(), out, {"word/document.xml": _with_doctype(xml, b"PLACEHOLDER")})


def _entities_xlsx(out: Path) -> None:
    """A workbook with the same DOCTYPE in its sheet."""
    package = _workbook_bytes()
    name = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        xml = zf.read(name)
    _rewrite(package, out, {name: _with_doctype(xml, b"Review the housing register")})


def _encrypted_package() -> bytes:
    """What Excel writes for a password-protected workbook: an OLE2 file, not a zip."""
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8"?><encryption '
        b'xmlns="http://schemas.microsoft.com/office/2006/encryption"/>'
    )
    return compound_file({
        "EncryptionInfo": info,
        "EncryptedPackage": struct.pack("<Q", 6000) + _noise(4, 6000),
    })


def _scanned_pdf(out: Path) -> None:
    """A page that is only a picture of a table, as a scanner produces."""
    image = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(image)
    for row in range(12):
        top = 100 + row * 40
        draw.rectangle((60, top, 790, top + 40), outline=0)
        draw.text((70, top + 12), f"{row + 1}.1  Action scanned from paper", fill=0)
    image.save(out, "PDF", resolution=100.0)


def _action_plan_docx() -> Document:
    doc = Document()
    doc.add_heading("Housing Strategy Action Plan 2008/09", level=1)
    doc.add_paragraph("Progress at 30 September 2008")
    rows = [
        ("1.1", "Review the allocations policy with partners", OWNERS[0], "Dec-08"),
        ("1.2", "Publish the homelessness strategy", OWNERS[1], "Mar-09"),
        ("1.3", "Procure floating support services", OWNERS[3], "Q4 08/9"),
        ("2.1", "Agree the supporting people budget", OWNERS[2], "Jun-08"),
    ]
    table = doc.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Ref", "Action", "Who by", "When by"),
                          strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    return doc


def _narrative_docx() -> Document:
    doc = Document()
    doc.add_heading("Report of the Director of Housing", level=1)
    for text in ("The committee is asked to note the progress made this quarter.",
                 "There are no financial implications arising from this report."):
        doc.add_paragraph(text)
    return doc


def _budget_docx() -> Document:
    doc = Document()
    doc.add_heading("Budget monitoring 2008/09", level=1)
    table = doc.add_table(rows=1, cols=4)
    head = ("Cost centre", "Original budget £000", "Revised budget £000", "Spend to date £000")
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
    for name, figures in (("Housing advice", (410, 425, 212)), ("Hostels", (1210, 1180, 640))):
        for cell, text in zip(table.add_row().cells, (name, *map(str, figures)), strict=True):
            cell.text = text
    return doc


def _odt(out: Path) -> None:
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
                    ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
        zf.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest/>')


_EML = """From: clerk@example.org
To: officer@example.org
Subject: FW: action plan Q2
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Please find the action plan attached.
"""


def big_plan_rows(rows: int) -> list[list[str]]:
    """The heading row and `rows` actions of a large plan (the same for every format)."""
    return [["Ref", "Action", "Who by", "When by"]] + [[
        f"{n // 100 + 1}.{n % 100 + 1}",
        f"Review contract {n + 1} with the provider and report the outcome to the board",
        OWNERS[n % len(OWNERS)],
        f"{MONTHS[n % 12]}-{8 + n % 3:02d}",
    ] for n in range(rows)]


def big_sheet(out: Path, rows: int) -> None:
    """A large action plan, written streaming (openpyxl write-only mode)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Action plan")
    for row in big_plan_rows(rows):
        ws.append(row)
    wb.save(out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m scripts.hostile_papers OUTDIR")
    print(make_hostile_inbox(Path(sys.argv[1])))
