"""The .xls test paper: an Excel 97-2003 action plan with what the .xls reader must handle.

xlwt (the only Python .xls writer) is unmaintained, so the paper is built as
.xlsx with openpyxl and saved as .xls by LibreOffice, the way an officer's
colleague on an old Excel would send it. The result is committed as
`tests/data/legacy/plan.xls`, so the tests run without LibreOffice; rerun
`python -m scripts.legacy_xls` (needs LibreOffice) after changing `plan_workbook`.
`edited` rewrites one record of its first sheet in place, which is how the tests build
an .xls that declares what no real paper does (a cell at IV65536, a merge over the sheet).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from .cfb import compound_file

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "data" / "legacy" / "plan.xls"
GREEN, RED = "00FF00", "FF0000"
BOF, EOF = 0x0809, 0x000A
"""BIFF records opening and closing a substream (the workbook's globals, then each sheet)."""
"""Colours from the Excel 97 palette, so saving as .xls keeps them exactly."""


def plan_workbook() -> Workbook:
    """Merged objective row, a date shown `mmm-yy`, RAG fills, a hidden row, column and sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    ws.append(["Supporting People action plan 2009/10"])
    ws.append(["Ref", "Action", "Budget code", "Lead officer", "Target date", "RAG"])
    ws.append(["Objective 1: prevent homelessness"])
    ws.merge_cells("A3:F3")
    ws.append(["1.1", "Review the allocations policy", "B-114", "Head of Housing",
               dt.datetime(2009, 11, 30), "Green"])
    ws["E4"].number_format = "mmm-yy"
    ws["F4"].fill = PatternFill("solid", fgColor=GREEN)
    ws.append(["1.2", "Withdrawn action", "B-200", "Finance Officer", "Dec 09", "Red"])
    ws.row_dimensions[5].hidden = True
    ws.append(["1.3", "Publish the provider directory", "B-220", "SP Manager", "Q4 09/10", ""])
    ws["F6"].fill = PatternFill("solid", fgColor=RED)
    ws.column_dimensions["C"].hidden = True
    workings = wb.create_sheet("Workings")
    workings.append(["Budget", "1000"])
    workings.sheet_state = "hidden"
    return wb


def save_as_xls(wb: Workbook, out: Path) -> Path:
    """Save `wb` as .xls through LibreOffice (raises when it is not installed)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise RuntimeError("LibreOffice is needed to write the .xls test paper")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        wb.save(work / "plan.xlsx")
        subprocess.run([exe, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                        "--headless", "--convert-to", "xls", "--outdir", str(work / "out"),
                        str(work / "plan.xlsx")], check=True, capture_output=True, timeout=120)
        shutil.copyfile(work / "out" / "plan.xls", out)
    return out


def edited(out: Path, code: int, rewrite: Callable[[bytes], bytes]) -> Path:
    """The test paper with the last record of type `code` on its first sheet rewritten by
    `rewrite` (to data of the same length, so no offset in the workbook moves), saved as a
    compound file holding the workbook stream alone."""
    from xlrd.compdoc import CompDoc

    paper = CompDoc(FIXTURE.read_bytes(), logfile=io.StringIO())
    stream = bytearray(paper.get_named_stream("Workbook"))
    pos, substream, found = 0, -1, None
    while pos + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, pos)
        substream += kind == BOF
        if kind == code and substream == 1:
            found = (pos + 4, length)
        pos += 4 + length
    if found is None:
        raise ValueError(f"the first sheet has no record {code:#06x}")
    start, length = found
    new = rewrite(bytes(stream[start:start + length]))
    if len(new) != length:
        raise ValueError("a rewritten record must keep its length")
    stream[start:start + length] = new
    out.write_bytes(compound_file({"Workbook": bytes(stream)}))
    return out


if __name__ == "__main__":
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    print(save_as_xls(plan_workbook(), FIXTURE))
