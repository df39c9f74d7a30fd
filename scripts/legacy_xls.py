"""The .xls test paper: an Excel 97-2003 action plan with what the .xls reader must handle.

xlwt (the only Python .xls writer) is unmaintained, so the paper is built as
.xlsx with openpyxl and saved as .xls by LibreOffice, the way an officer's
colleague on an old Excel would send it. The result is committed as
`tests/data/legacy/plan.xls`, so the tests run without LibreOffice; rerun
`python -m scripts.legacy_xls` (needs LibreOffice) after changing `plan_workbook`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "data" / "legacy" / "plan.xls"
GREEN, RED = "00FF00", "FF0000"
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


if __name__ == "__main__":
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    print(save_as_xls(plan_workbook(), FIXTURE))
