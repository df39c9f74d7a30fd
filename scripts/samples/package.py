"""Reproducible packages: fixed zip/core timestamps, LibreOffice PDF with pinned dates/ID."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

# ---------------------------------------------------------------------------
# Packages (xlsx/docx): fixed timestamps so a rebuild gives the same bytes

_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def normalise_package(path: Path, when: dt.datetime) -> None:
    """Rewrite an OOXML zip with fixed entry times and a fixed dcterms:modified."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as zin:
        items = [(info, zin.read(info.filename)) for info in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("created", "modified"):
                    text = re.sub(
                        rf"(<dcterms:{tag}[^>]*>)[^<]*(</dcterms:{tag}>)",
                        lambda m: m.group(1) + stamp + m.group(2),
                        text,
                    )
                data = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    path.write_bytes(buf.getvalue())


def save_docx(doc, path: Path, when: dt.datetime) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    normalise_package(path, when)


# ---------------------------------------------------------------------------
# PDF through LibreOffice


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise RuntimeError("LibreOffice (soffice) is needed to make the PDFs")
    return exe


def docx_to_pdf(docx: Path, pdf: Path, when: dt.datetime) -> None:
    """Convert with LibreOffice headless (own throwaway profile), then pin the PDF's
    dates and /ID so that rebuilding gives the same file."""
    with tempfile.TemporaryDirectory(prefix="planrecon-lo-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / pdf.with_suffix(".docx").name
        shutil.copyfile(docx, src)
        profile = (tmpdir / "profile").as_uri()
        cmd = [soffice(), f"-env:UserInstallation={profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(tmpdir), str(src)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        out = src.with_suffix(".pdf")
        if not out.exists():
            raise RuntimeError(f"LibreOffice did not write {out.name}")
        data = out.read_bytes()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(pin_pdf(data, when))


def pin_pdf(data: bytes, when: dt.datetime) -> bytes:
    """Same-length replacement of the volatile parts of a LibreOffice PDF (dates, /ID),
    so the cross-reference offsets stay valid."""
    stamp = when.strftime("D:%Y%m%d%H%M%S")

    def fix_date(m: re.Match) -> bytes:
        old = m.group(2)
        if len(old) < len(stamp):
            return m.group(0)
        # keep LibreOffice's own zone suffix ("Z'"), the stamp is UTC
        return m.group(1) + stamp.encode() + old[len(stamp):] + m.group(3)

    data = re.sub(rb"(/(?:CreationDate|ModDate)\()([^)]*)(\))", fix_date, data)
    body = re.sub(rb"/ID\s*\[[^\]]*\]|/DocChecksum\s*/[0-9A-Fa-f]+", b"", data)
    digest = hashlib.md5(body).hexdigest().upper().encode()
    data = re.sub(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)",
                  lambda m: m.group(1) + digest[: len(m.group(2))].ljust(len(m.group(2)), b"0"),
                  data)

    def fix_id(m: re.Match) -> bytes:
        inner = re.sub(rb"<([0-9A-Fa-f]+)>", lambda h: b"<" + digest[: len(h.group(1))]
                       .ljust(len(h.group(1)), b"0") + b">", m.group(0))
        return inner

    data = re.sub(rb"/ID\s*\[[^\]]*\]", fix_id, data)
    for tag in (b"xmp:CreateDate", b"xmp:ModifyDate", b"xmp:MetadataDate"):
        iso = when.strftime("%Y-%m-%dT%H:%M:%S").encode()

        def fix_xmp(m: re.Match, iso=iso) -> bytes:
            old = m.group(2)
            return m.group(1) + iso[: len(old)].ljust(len(old), b"Z") + m.group(3)

        data = re.sub(rb"(<" + tag + rb">)([^<]*)(</" + tag + rb">)", fix_xmp, data)
    return data
