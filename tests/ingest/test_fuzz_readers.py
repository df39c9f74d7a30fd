"""Fuzzing the readers: no byte string may crash a run or leak a library's exception.

`read_paper` must always hand back a Paper (quarantined or not), whatever the
bytes and the extension. Each reader's `read()` may only raise FormatError
(a PlanreconError), whose message says what is wrong; the libraries' own
exceptions (zipfile, zlib, openpyxl, lxml, pdfminer) are wrapped there. The
inputs are random bytes, random bytes behind each format's magic number, and
real small papers with bytes flipped or cut off, which reach much deeper into
the parsers than noise does.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from functools import cache
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from planrecon.ingest import (
    FormatError,
    Paper,
    PlanreconError,
    _csv,
    _docx,
    _ods,
    _odt,
    _pdf,
    _xls,
    _xlsx,
    read_paper,
)
from planrecon.ingest.sniff import OLE2_MAGIC, PDF_MAGIC, ZIP_MAGIC
from scripts.legacy_xls import FIXTURE
from tests.odf_papers import write_ods, write_odt
from tests.pdfbytes import one_page_pdf

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
READERS = {"xlsx": _xlsx.read, "docx": _docx.read, "pdf": _pdf.read, "ods": _ods.read,
           "odt": _odt.read, "xls": _xls.read, "csv": _csv.read}
SUFFIXES = (".xlsx", ".xls", ".ods", ".docx", ".doc", ".odt", ".pdf", ".csv", "")


@cache
def small_paper(fmt: str) -> bytes:
    """A tiny valid paper of each format, with a header row and one action."""
    row = ["1.1", "Review the housing register", "Head of Housing", "Mar-09"]
    head = ["Ref", "Action", "Who by", "When by"]
    buf = io.BytesIO()
    if fmt == "xlsx":
        wb = Workbook()
        wb.active.append(head)
        wb.active.append(row)
        wb.save(buf)
    elif fmt == "docx":
        doc = Document()
        doc.add_paragraph("Housing action plan")
        table = doc.add_table(rows=2, cols=4)
        for r, texts in enumerate((head, row)):
            for cell, text in zip(table.rows[r].cells, texts, strict=True):
                cell.text = text
        doc.save(buf)
    elif fmt in ("ods", "odt", "xls"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"paper.{fmt}"
            if fmt == "ods":
                write_ods(path, {"Plan": [head, row]})
            elif fmt == "odt":
                write_odt(path, [("p", "Housing action plan"), ("table", [head, row])])
            else:
                shutil.copyfile(FIXTURE, path)
            return path.read_bytes()
    elif fmt == "csv":
        return "".join(",".join(r) + "\r\n" for r in (head, row)).encode("cp1252")
    else:
        return _text_pdf([head, row])
    return buf.getvalue()


def _text_pdf(rows: list[list[str]]) -> bytes:
    """A one-page PDF with the rows as positioned text (uncompressed, so flips hit syntax)."""
    ops = ["BT /F1 9 Tf"]
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            ops.append(f"1 0 0 1 {50 + 130 * c} {750 - 20 * r} Tm ({text}) Tj")
    return one_page_pdf("\n".join(ops + ["ET"]).encode("latin-1"))


@st.composite
def damaged(draw, fmt: str) -> bytes:
    """A small valid paper with a few bytes overwritten, and perhaps cut short."""
    data = bytearray(small_paper(fmt))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    cut = draw(st.one_of(st.none(), st.integers(0, len(data))))
    return bytes(data[:cut])


@st.composite
def damaged_part(draw, fmt: str) -> bytes:
    """A small valid package whose zip is intact but one XML part has bytes overwritten
    or is cut short, so the damage reaches openpyxl's and python-docx's XML handling."""
    with zipfile.ZipFile(io.BytesIO(small_paper(fmt))) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    name = draw(st.sampled_from(sorted(n for n in parts if n.endswith((".xml", ".rels")))))
    xml = bytearray(parts[name])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(xml) - 1))
        xml[at] = draw(st.sampled_from(b'<>/="x0 \x00&;:'))
    parts[name] = bytes(xml[: draw(st.one_of(st.none(), st.integers(0, len(xml))))])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, data in parts.items():
            zf.writestr(part, data)
    return buf.getvalue()


magic_noise = st.tuples(
    st.sampled_from([PDF_MAGIC, ZIP_MAGIC, OLE2_MAGIC, b""]), st.binary(max_size=3000)
).map(b"".join)


def _write(directory: str, data: bytes, suffix: str) -> Path:
    path = Path(directory) / f"paper{suffix}"
    path.write_bytes(data)
    return path


def _read_paper(data: bytes, suffix: str) -> Paper:
    with tempfile.TemporaryDirectory() as tmp:
        return read_paper(_write(tmp, data, suffix), Path(tmp))


def _reader_raises_only_format_errors(fmt: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            READERS[fmt](_write(tmp, data, f".{fmt}"), f"paper.{fmt}")
        except PlanreconError as exc:
            assert str(exc)


def test_the_small_papers_are_read():
    for fmt in READERS:
        paper = _read_paper(small_paper(fmt), f".{fmt}")
        assert not paper.quarantined and paper.tables, fmt


@FUZZ
@given(data=magic_noise, suffix=st.sampled_from(SUFFIXES))
def test_read_paper_survives_noise_behind_any_magic(data, suffix):
    paper = _read_paper(data, suffix)
    assert isinstance(paper, Paper)
    assert paper.quarantined or paper.tables


@FUZZ
@given(fmt=st.sampled_from(sorted(READERS)), data=st.data(), suffix=st.sampled_from(SUFFIXES))
def test_read_paper_survives_damaged_papers(fmt, data, suffix):
    paper = _read_paper(data.draw(damaged(fmt)), suffix)
    assert isinstance(paper, Paper)
    if paper.quarantined:
        assert all(i.message for i in paper.issues if i.quarantine)


@FUZZ
@given(fmt=st.sampled_from(sorted(READERS)), data=magic_noise)
def test_readers_raise_only_format_errors_on_noise(fmt, data):
    _reader_raises_only_format_errors(fmt, data)


@FUZZ
@given(data=damaged("xlsx"))
def test_xlsx_reader_raises_only_format_errors_on_damage(data):
    _reader_raises_only_format_errors("xlsx", data)


@FUZZ
@given(data=damaged_part("xlsx"))
def test_xlsx_reader_raises_only_format_errors_on_damaged_xml(data):
    _reader_raises_only_format_errors("xlsx", data)


@FUZZ
@given(data=damaged_part("docx"))
def test_docx_reader_raises_only_format_errors_on_damaged_xml(data):
    _reader_raises_only_format_errors("docx", data)


@FUZZ
@given(data=damaged("docx"))
def test_docx_reader_raises_only_format_errors_on_damage(data):
    _reader_raises_only_format_errors("docx", data)


@FUZZ
@given(data=damaged("pdf"))
def test_pdf_reader_raises_only_format_errors_on_damage(data):
    _reader_raises_only_format_errors("pdf", data)


@pytest.mark.parametrize(("old", "new"), [
    (b"<w:document ", b"<w:documenx "),   # root renamed: python-docx finds no body
    (b"<w:body>", b"<w:bodx>"),           # body element renamed: the document has none
])
def test_a_word_main_part_without_its_body_is_a_format_error(old, new):
    """Found by the damaged-XML fuzz: a renamed root or body element."""
    with zipfile.ZipFile(io.BytesIO(small_paper("docx"))) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    assert old in parts["word/document.xml"]
    parts["word/document.xml"] = parts["word/document.xml"].replace(old, new)
    if new == b"<w:bodx>":
        parts["word/document.xml"] = parts["word/document.xml"].replace(b"</w:body>", b"</w:bodx>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for part, data in parts.items():
            zf.writestr(part, data)
    _reader_raises_only_format_errors("docx", buf.getvalue())


def test_a_corrupt_picture_in_a_word_paper_is_a_format_error(tmp_path):
    """Regression: zlib's error on a damaged non-XML part (here the thumbnail) leaked out."""
    data = bytearray(small_paper("docx"))
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("docProps/thumbnail.jpeg")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for at in range(start + 10, start + 40):
        data[at] ^= 0x55
    path = _write(str(tmp_path), bytes(data), ".docx")
    with pytest.raises(FormatError, match="damaged"):
        _docx.read(path, "paper.docx")


@FUZZ
@given(fmt=st.sampled_from(["ods", "odt"]), data=st.data())
def test_odf_readers_raise_only_format_errors_on_damaged_xml(fmt, data):
    _reader_raises_only_format_errors(fmt, data.draw(damaged_part(fmt)))


@FUZZ
@given(fmt=st.sampled_from(["ods", "odt", "xls", "csv"]), data=st.data())
def test_new_readers_raise_only_format_errors_on_damage(fmt, data):
    _reader_raises_only_format_errors(fmt, data.draw(damaged(fmt)))
