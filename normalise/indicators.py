"""Rows of a performance-indicator (KPI/CPI/PI) table → indicator records."""

from __future__ import annotations

from planrecon.ingest import RowKind, Table, clean_text

from .columns import INDICATOR_FIELDS, TableMapping
from .status import parse_status

PROVENANCE = ["section", "table_caption", "table_unit"]
"""Columns an indicator record carries besides the contract's, for the later stages."""


def table_indicators(table: Table, mapping: TableMapping) -> list[dict]:
    """One record per data row; section rows become the `section` of the rows under them."""
    records = []
    section = ""
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
        records.append({
            "source_file": table.source_file,
            "source_locator": row.locator,
            **values,
            "section": section,
            "table_caption": table.caption,
            "table_unit": table.unit,
        })
    return records
