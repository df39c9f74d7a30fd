"""Outputs: the workbook and the contract's CSV files, written atomically.

Public surface: `Report` and `write_outputs(report)`; `CHANGE_WORDS` and `copies_text`
word the report's counts for the screen as the workbook words them.
"""

from __future__ import annotations

import os
import tempfile

from planrecon.normalise import ACTION_COLUMNS, INDICATOR_COLUMNS
from planrecon.reconcile import CHANGE_COLUMNS

from .csvs import QUARANTINE_COLUMNS, write_csv
from .report import CHANGE_WORDS, Report, copies_text
from .workbook import write_workbook

__all__ = ["CHANGE_WORDS", "Report", "copies_text", "write_outputs"]

WORKBOOK = "reconciliation.xlsx"
WORKBOOK_MODE = 0o644
"""mkstemp makes the temporary file private; the finished workbook is shared like the CSVs."""


def write_outputs(report: Report) -> list[str]:
    """Write every contract file into `report.out_dir`; returns their names."""
    out = report.out_dir
    out.mkdir(parents=True, exist_ok=True)
    write_csv(report.actions, ACTION_COLUMNS, out / "actions.csv")
    write_csv(report.changes, CHANGE_COLUMNS, out / "changes.csv")
    write_csv(report.indicators, INDICATOR_COLUMNS, out / "indicators.csv")
    write_csv(report.quarantine_frame(), QUARANTINE_COLUMNS, out / "quarantine.csv")
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=out)
    os.close(fd)
    try:
        write_workbook(report, tmp_path := out / os.path.basename(tmp))
        os.chmod(tmp_path, WORKBOOK_MODE)
        os.replace(tmp_path, out / WORKBOOK)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return ["actions.csv", "changes.csv", "indicators.csv", "quarantine.csv", WORKBOOK]
