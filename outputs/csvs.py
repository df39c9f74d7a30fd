"""The contract's CSV files, with a stable column and row order.

Rows keep the order the pipeline produced (plan, version date, paper, place
in the paper), so an unchanged inbox gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from planrecon.normalise.schema import written

from .safety import neutralise

QUARANTINE_COLUMNS = ["file", "reason", "code", "locator"]


def write_csv(frame: pd.DataFrame, columns: list[str], path: Path) -> None:
    out = frame.reindex(columns=columns).astype(object).fillna("")
    out = out.map(cell_text)
    out.to_csv(path, index=False, lineterminator="\n", encoding="utf-8-sig")


def cell_text(value):
    """A cell as the CSV holds it: a list joined and a date as ISO text (`written`), text
    guarded against formulas and with one kind of line ending."""
    value = written(value)
    return _one_line_ending(neutralise(value)) if isinstance(value, str) else value


def _one_line_ending(text: str) -> str:
    """A carriage return as a newline: the csv module does not quote a bare CR, and a reader
    would take it for the end of the row."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
