"""What each cell of a frame sheet shows and how it is formatted, a column at a time.

A sheet's columns are prepared whole (the texts an officer reads, each cell's format
name, the width its text needs) before any row is written, so the writer only walks
the rows in order and writes what was prepared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath

import pandas as pd

from planrecon.normalise.schema import day, written

from . import styles
from .styles import DEFAULT_WIDTH, RAG_FORMAT, STATUS_LABELS, STATUS_RAG, WIDTHS


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"
    """text | number | score | date (a date, NaT for none, written as a date) | rag | status |
    flags | review (a yes/no to check) | source (hyperlink to the paper)."""
    compare: str = ""
    """Key of the column on the other side: the cell is highlighted when they differ.
    For a source column, the key of its locator (the link goes to that place)."""


@dataclass(frozen=True)
class Prepared:
    """One column's cells, ready to write: the values (text, a number or a date), each
    cell's format name and the lines its text wraps to (for sizing its row)."""

    column: Column
    values: list
    formats: list[str]
    lines: list[int]
    places: list[str]
    """For a source column, the locator each link opens; otherwise empty."""
    names: list[str]
    """For a source column, each paper's name shown as a link (`source_text`)."""
    link_lines: list[int]
    """For a source column, the lines of each paper's name shown as a link."""


def display(column: Column, value) -> str:
    """The text an officer reads: status labels, no 'none' RAG, flags as a list."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, dt.date):
        return written(value)
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, tuple):  # owners, or what changed
        return (", ".join(f.replace("_", " ") for f in value) if column.kind == "flags"
                else "; ".join(value))
    text = str(value)
    if column.kind == "status":
        return STATUS_LABELS.get(text, text)
    if column.kind == "rag":
        return "" if text == "none" else text
    return text


_RESHOWN = ("status", "rag", "flags")
"""Kinds whose text is not the value as it is."""


def prepare(frame: pd.DataFrame, column: Column) -> Prepared:
    """`column` of `frame` (its rows in order) as cells. What a column repeats (a status,
    an owner, a due date, a paper) is worked out once per distinct value."""
    raws = frame[column.key].tolist() if column.key in frame else [""] * len(frame)
    if column.kind in _RESHOWN or column.key.endswith("owners"):  # tuples: one line of text
        shown = _each(raws, lambda raw: display(column, raw))
    else:  # most cells: text shown as it is
        shown = [raw if type(raw) is str else display(column, raw) for raw in raws]
    formats = _formats(frame, column, raws, shown)
    values: list = shown
    if column.kind in ("number", "score"):
        values = [float(text) if text != "" else "" for text in shown]
    elif column.kind == "date":
        values = _each(raws, _datetime)
    fits = fitting(width(column.key))
    lines = [-(-(len(text) or 1) // fits) if "\n" not in text else wrapped(text, fits)
             for text in shown]
    places, names, link_lines = [], [], []
    if column.kind == "source":
        places = _texts(frame, column.compare)
        names = _each(shown, source_text)
        link_lines = _each(names, lambda name: wrapped(name, fits))
    return Prepared(column, values, formats, lines, places, names, link_lines)


def _datetime(raw) -> dt.datetime | str:
    """A date cell's value: a datetime, or '' for none (NaT; '' in a frame already filled
    for display, as `Report.sources_frame`)."""
    when = day(raw) if raw != "" else None
    return dt.datetime.combine(when, dt.time()) if when else ""


def _each(values: list, work) -> list:
    """`work` of each value, done once per distinct value (told apart by type too, so
    True and 1 stay two values)."""
    done: dict = {}
    return [done[key] if key in done else done.setdefault(key, work(value))
            for value in values for key in [(value.__class__, value)]]


def _texts(frame: pd.DataFrame, key: str) -> list[str]:
    """The column's values as the CSV says them (a list joined), to compare two columns."""
    return [str(written(v)) for v in frame[key].tolist()] if key in frame else [""] * len(frame)


def _formats(frame: pd.DataFrame, column: Column, raws: list, shown: list[str]) -> list[str]:
    """Each cell's format name: RAG and status colours, a match to check, a changed value
    highlighted (the data, not how it is shown, changed), else the kind's own."""
    if column.kind == "review":
        return ["review" if text else "text" for text in shown]
    plain = column.kind if column.kind in styles.FORMATS else "text"
    if column.compare and column.kind != "source":
        changed = "changed_date" if column.kind == "date" else "changed"
        base = [changed if now and before not in ("", now) else plain
                for now, before in zip(_texts(frame, column.key), _texts(frame, column.compare),
                                       strict=True)]
    else:
        base = [plain] * len(raws)
    if column.kind == "rag":
        return [RAG_FORMAT.get(text, name) for text, name in zip(shown, base, strict=True)]
    if column.kind == "status":
        return [STATUS_RAG.get(str(raw), name) for raw, name in zip(raws, base, strict=True)]
    return base


def source_text(source_file: str) -> str:
    """The paper's file name, on one line (LibreOffice does not wrap a link): the folder
    is in the link, the place in the paper in the column beside it."""
    return PurePosixPath(source_file).name


def fitting(width: float, bold: bool = False) -> int:
    """Characters of a column's text that fit on one line of it."""
    return max(int(width / (1.0 if bold else 0.9)) - 1, 1)


def wrapped(text: str, fits: int) -> int:
    """Lines `text` wraps to where `fits` characters fit on a line."""
    if "\n" not in text:
        return -(-max(len(text), 1) // fits)
    return sum(-(-max(len(part), 1) // fits) for part in text.split("\n"))


def height(lines: int) -> float:
    """Points for a row of wrapped text `lines` high. Neither LibreOffice nor every Excel
    version fits row heights to wrapped text on opening, so the rows are sized here,
    generously."""
    return min(max(lines, 1), styles.MAX_LINES) * styles.LINE_HEIGHT + 3


def row_height(texts: list[str], widths: list[float], bold: bool = False) -> float:
    """Points for a row of these texts in columns of these widths."""
    return height(max((wrapped(text, fitting(w, bold)) for text, w in
                       zip(texts, widths, strict=True)), default=1))


def width(key: str) -> float:
    """A column's width from its key; old_/new_ twins share their base's width."""
    return WIDTHS.get(key, WIDTHS.get(key.removeprefix("old_").removeprefix("new_"),
                                      DEFAULT_WIDTH))
