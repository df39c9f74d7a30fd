"""Rows of a performance-indicator (KPI/CPI/PI) table → indicator records; and the
indicators a paper writes as text (its narrative, or a one-column table)."""

from __future__ import annotations

import datetime as dt
import json

from planrecon.ingest import Paper, RowKind, Table, clean_text

from ._column_vocab import fold
from .columns import INDICATOR_FIELDS, TableMapping
from .indicator_text import text_indicators
from .schema import written
from .status import parse_status


def table_indicators(table: Table, mapping: TableMapping) -> list[dict]:
    """One record per data row; section rows become the `section` of the rows under them."""
    records = []
    section = ""
    period = _year_heading(mapping)
    result_period = _period_end(mapping, mapping.column_of("result"))
    targets = _target_columns(mapping)
    for row in table.rows:
        if row.kind is RowKind.SECTION:
            section = clean_text(next(t for t in row.texts() if t.strip()))
            continue
        values = {field: "" for field in INDICATOR_FIELDS}
        for i, choice in enumerate(mapping.columns):
            if choice.field in values and i < len(row.cells):
                text = clean_text(row.cells[i].text)
                values[choice.field] = "; ".join(x for x in (values[choice.field], text) if x)
        rag_index = mapping.column_of("rag")
        rag_fill = row.cells[rag_index].fill if rag_index is not None else None
        _, values["rag"] = parse_status("", values["rag"] or None, rag_fill)
        values["period"] = values["period"] or period
        said = _period_targets(row, targets)
        if result_period in said:
            values["target"] = said[result_period]  # the target of the result's own year
        records.append({
            "source_file": table.source_file,
            "source_locator": row.locator,
            **values,
            "section": section,
            "table_caption": table.caption,
            "table_unit": table.unit,
            "result_period": result_period,
            "period_targets": _targets_json(said),
        })
    return records


def _period_end(mapping: TableMapping, index: int | None) -> dt.date | None:
    """The last day of the one period a column's heading names, else None."""
    if index is None:
        return None
    ends = {p.end for p in fold(mapping.columns[index].header).periods if p.end}
    return ends.pop() if len(ends) == 1 else None


def _target_columns(mapping: TableMapping) -> dict[dt.date, int]:
    """Last day of a period → the column holding its target: the target column and any
    column kept as extra data whose heading says target ("Halton Targets 09/10", "Future
    Targets 2010/11", a year under a merged "Targets"), each heading naming one period;
    none when two columns claim one. Of several, the target column is the latest year's,
    so a row's target is then taken from the column of its result's year."""
    found: dict[dt.date, list[int]] = {}
    for i, choice in enumerate(mapping.columns):
        words = set(fold(choice.header).words) | set(choice.field[6:].split("_"))
        if choice.field == "target" or (choice.field.startswith("other:") and
                                        {"target", "targets"} & words):
            end = _period_end(mapping, i)
            if end:
                found.setdefault(end, []).append(i)
    return {end: at[0] for end, at in found.items() if len(at) == 1}


def _period_targets(row, targets: dict[dt.date, int]) -> dict[dt.date, str]:
    """Last day of a period → the row's target for it as printed, earliest period first."""
    return {end: clean_text(row.cells[i].text) for end, i in sorted(targets.items())
            if i < len(row.cells)}


def _targets_json(said: dict[dt.date, str]) -> str:
    """`period_targets` as the contract holds it: JSON text, so its keys are the dates as
    written (ISO, `written`); '' for none."""
    return json.dumps({written(end): target for end, target in said.items()}) if said else ""


def _year_heading(mapping: TableMapping) -> str:
    """The year a result column is headed by when its heading is only a year (the latest
    of the years across the top): the period the result speaks for."""
    index = mapping.column_of("result")
    if index is None:
        return ""
    heading = fold(mapping.columns[index].header)
    return heading.printed.strip() if heading.periods and not heading.words else ""


def _text_record(source_file: str, locator: str, values: dict[str, str], unit: str,
                 caption: str = "") -> dict:
    _, values["rag"] = parse_status("", values["rag"] or None, None)
    return {"source_file": source_file, "source_locator": locator, **values, "section": "",
            "table_caption": caption, "table_unit": unit}


def one_column_indicators(table: Table) -> list[dict]:
    """Indicators written as text in the cells of a one-column table, one record per
    labelled block ("Latest: 97% Target: 95% Previous: 96%"); none for any other table."""
    if len(table.header) > 1 or any(len([c for c in r.cells if c.text.strip()]) > 1
                                    for r in table.rows):
        return []
    lines = [(table.rows[0].locator if table.rows else table.unit, table.header_texts[0])] \
        if table.header else []
    lines += [(r.locator, " ".join(c.text for c in r.cells)) for r in table.rows]
    return [_text_record(table.source_file, where, values, table.unit, table.caption)
            for where, values in text_indicators(lines)]


def narrative_indicators(paper: Paper) -> list[dict]:
    """Indicators written as text in the paper's narrative, each located by its line."""
    lines = [(f"text line {n}", line) for n, line in enumerate(paper.text.splitlines(), 1)]
    return [_text_record(paper.source_file, where, values, "text")
            for where, values in text_indicators(lines)]
