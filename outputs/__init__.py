"""Outputs: the workbook, the contract's CSV files and the DuckDB store.

Public surface: `Report` and `write_outputs(report)`; `CHANGE_WORDS` and `copies_text`
word the report's counts for the screen as the workbook words them.
"""

from __future__ import annotations

from pathlib import Path

from planrecon.normalise import ACTION_COLUMNS, INDICATOR_COLUMNS
from planrecon.reconcile import CHANGE_COLUMNS, INDICATOR_CHANGE_COLUMNS

from .csvs import QUARANTINE_COLUMNS, write_csv
from .prose import CHANGE_WORDS, copies_text
from .report import Report
from .store import PARQUET, STORE, export_parquet, write_store
from .workbook import write_workbook

__all__ = ["CHANGE_WORDS", "PARQUET", "STORE", "Report", "copies_text", "write_outputs"]

WORKBOOK = "reconciliation.xlsx"


def write_outputs(report: Report, folder: Path, parquet: bool = False) -> list[str]:
    """Write every contract file into `folder`, and with `parquet` the store's tables as
    Parquet in folder/parquet/; returns their names. The pipeline gives a staging folder
    and moves the files into `report.out_dir` once all are written, so links in the
    workbook are made from `report.out_dir`, where the officer opens it."""
    write_csv(report.actions, ACTION_COLUMNS, folder / "actions.csv")
    write_csv(report.changes, CHANGE_COLUMNS, folder / "changes.csv")
    write_csv(report.indicators, INDICATOR_COLUMNS, folder / "indicators.csv")
    write_csv(report.indicator_changes, INDICATOR_CHANGE_COLUMNS,
              folder / "indicator_changes.csv")
    write_csv(report.quarantine_frame(), QUARANTINE_COLUMNS, folder / "quarantine.csv")
    write_store(report, folder / STORE)
    write_workbook(report, folder / WORKBOOK)
    if parquet:
        export_parquet(folder / STORE, folder / PARQUET)
    return ["actions.csv", "changes.csv", "indicators.csv", "indicator_changes.csv",
            "quarantine.csv", STORE, WORKBOOK, *([PARQUET] if parquet else [])]
