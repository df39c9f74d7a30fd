"""OUT/planrecon.duckdb: every table of a run in one embedded DuckDB database, typed.

The CSVs are text for Excel; the store is for questions across councils and years
(slipped actions by council and year, owners with the most overdue actions, indicators
that missed their target twice running). Each table holds its CSV's columns in the CSV's
row order, plus a few columns the workbook shows, with types an analyst can compute on:
dates are DATE, counts INTEGER, scores DOUBLE, yes/no BOOLEAN, and `flags` and `owners`
lists (VARCHAR[]), so `list_contains(flags, 'slipped')` replaces string matching.

Types are declared here once, by column name: the same column is the same type in every
table. Values go in as the CSVs' own text and are cast by DuckDB, so a value the CSV holds
that is not of its type (a date that is not ISO) stops the run instead of becoming NULL.
Text is kept as read (only made valid UTF-8, `printable`): no formula guard, since a
database runs no formula.

`export_parquet` copies the store's tables to Parquet with DuckDB's own writer, the plan
tables partitioned by plan (`actions/plan_id=barnet-sp/data_0.parquet`), so no Arrow
library is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from planrecon.normalise import ACTION_COLUMNS, INDICATOR_COLUMNS
from planrecon.normalise.schema import written
from planrecon.reconcile import CHANGE_COLUMNS, INDICATOR_CHANGE_COLUMNS

from .csvs import QUARANTINE_COLUMNS
from .report import Report
from .safety import printable

STORE = "planrecon.duckdb"
PARQUET = "parquet"

TYPES = {
    **dict.fromkeys(("version_date", "due_date", "start_date", "old_due_date", "new_due_date",
                     "new_version_date", "as_of"), "DATE"),
    **dict.fromkeys(("owners", "old_owners", "new_owners", "flags"), "VARCHAR[]"),
    **dict.fromkeys(("slip_days", "actions", "rows", "records", "pages_read", "pages"),
                    "INTEGER"),
    "match_score": "DOUBLE",
    **dict.fromkeys(("review", "quarantine", "set_aside"), "BOOLEAN"),
}
"""Each column that is not text → its DuckDB type; every other column is VARCHAR."""


@dataclass(frozen=True)
class StoreTable:
    name: str
    about: str
    """The table's comment in the database (`duckdb_tables().comment`)."""
    columns: list[str]
    """Its CSV's columns first (in the CSV's order), then what the workbook adds."""
    rows: Callable[[Report], pd.DataFrame]


def _papers(report: Report) -> pd.DataFrame:
    """One row per paper in the inbox: read, set aside, or a byte-identical copy."""
    set_aside = report.set_aside()
    rows = [{
        "source_file": p.source_file, "folder": _folder(p.source_file), "format": p.format,
        "sha256": p.sha256, "title": p.title, "as_of": p.as_of,
        "as_of_text": p.as_of_text, "as_of_from": p.as_of_from,
        "pages_read": p.pages[0] if p.pages else "", "pages": p.pages[1] if p.pages else "",
        "set_aside": p.source_file in set_aside, "reason": set_aside.get(p.source_file, ""),
        "same_file_as": "",
    } for p in report.papers]
    rows += [{"source_file": copy, "folder": _folder(copy), "set_aside": False,
              "same_file_as": original} for copy, original in sorted(report.copies.items())]
    return pd.DataFrame(rows)


def _folder(source_file: str) -> str:
    """The paper's top folder in the inbox ('' for a paper at the top): with a folder per
    council or per plan, what an analyst groups by."""
    head, sep, _ = source_file.partition("/")
    return head if sep else ""


TABLES = [
    StoreTable("papers", "one row per paper in the inbox: read, set aside, or a copy",
               ["source_file", "folder", "format", "sha256", "title", "as_of", "as_of_text",
                "as_of_from", "pages_read", "pages", "set_aside", "reason", "same_file_as"],
               _papers),
    StoreTable("versions", "one row per plan or report version, in plan then date order",
               ["plan_id", "plan_version", "version_date", "plan_period", "source_file",
                "format", "actions", "copy_of", "why"], lambda r: r.versions),
    StoreTable("tables", "one row per table read, with what kind it was judged to be and why",
               ["source_file", "table", "caption", "kind", "reason", "rows", "records",
                "columns"], lambda r: r.tables),
    StoreTable("actions", "actions.csv: one row per extracted action",
               [*ACTION_COLUMNS, "parent_ref", "objective", "plan_period", "table_caption"],
               lambda r: r.actions),
    StoreTable("changes", "changes.csv: each action compared with the version before",
               [*CHANGE_COLUMNS, "review", "section", "new_version_date", "old_source_file",
                "old_locator", "new_source_file", "new_locator"], lambda r: r.changes),
    StoreTable("indicators", "indicators.csv: one row per performance indicator",
               [*INDICATOR_COLUMNS, "section", "table_caption"], lambda r: r.indicators),
    StoreTable("indicator_changes",
               "indicator_changes.csv: each indicator compared with the version before",
               [*INDICATOR_CHANGE_COLUMNS, "match_score", "review", "polarity", "section",
                "new_version_date", "old_source_file", "old_locator", "new_source_file",
                "new_locator"], lambda r: r.indicator_changes),
    StoreTable("data_quality", "the Data quality sheet: one row per note",
               ["source_file", "source_locator", "code", "column", "value", "message",
                "quarantine", "stage"], lambda r: r.quality_notes()),
    StoreTable("quarantine", "quarantine.csv: papers and tables set aside, with why",
               QUARANTINE_COLUMNS, lambda r: r.quarantine_frame()),
]
CSV_TABLES = {"actions": ACTION_COLUMNS, "changes": CHANGE_COLUMNS,
              "indicators": INDICATOR_COLUMNS, "indicator_changes": INDICATOR_CHANGE_COLUMNS,
              "quarantine": QUARANTINE_COLUMNS}
"""Store table → the columns of the CSV of the same name, which it agrees with row for row."""


def _text(value) -> str:
    """A cell as the CSV writes it, before its formula guard: empty for nothing."""
    if value is None or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    value = written(value)  # owners or flags: the CSV's `;` list, split again below; dates ISO
    return printable(value) if isinstance(value, str) else str(value)


def _typed(column: str) -> str:
    """The SQL that casts the text column to its declared type."""
    name = _quoted(column)
    kind = TYPES.get(column, "VARCHAR")
    if kind == "VARCHAR":
        return name
    if kind == "VARCHAR[]":
        return f"CASE WHEN {name} = '' THEN []::VARCHAR[] ELSE string_split({name}, ';') END"
    return f"CAST(NULLIF({name}, '') AS {kind})"


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_store(report: Report, path: Path) -> None:
    """Write every table of `report` to a new DuckDB file at `path` (which must not exist:
    the pipeline writes it into the run's staging folder)."""
    con = duckdb.connect(str(path))
    try:
        for table in TABLES:
            frame = table.rows(report).reindex(columns=table.columns)
            text = pd.DataFrame({c: [_text(v) for v in frame[c]] for c in table.columns},
                                dtype=object)
            con.register("incoming", text)
            name = _quoted(table.name)
            con.execute(f"CREATE TABLE {name} ("
                        + ", ".join(f"{_quoted(c)} {TYPES.get(c, 'VARCHAR')}"
                                    for c in table.columns) + ")")
            con.execute(f"INSERT INTO {name} SELECT "
                        + ", ".join(_typed(c) for c in table.columns) + " FROM incoming")
            con.unregister("incoming")
            con.execute(f"COMMENT ON TABLE {name} IS {_literal(table.about)}")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def export_parquet(store: Path, folder: Path) -> None:
    """Each table of the store as Parquet under `folder`: a table with a plan column as
    one folder per plan (hive style: `plan_id=...`), the others as one file each."""
    folder.mkdir()
    con = duckdb.connect(str(store), read_only=True)
    try:
        for table in TABLES:
            name = _quoted(table.name)
            if "plan_id" in table.columns:
                con.execute(f"COPY {name} TO {_literal((folder / table.name).as_posix())} "
                            "(FORMAT PARQUET, PARTITION_BY (plan_id))")
            else:
                target = _literal((folder / f"{table.name}.parquet").as_posix())
                con.execute(f"COPY {name} TO {target} (FORMAT PARQUET)")
    finally:
        con.close()
