"""The canonical tables as pandera schemas, validated lazily.

`actions.csv` and `indicators.csv` columns come from the contract. Validation
never drops a row silently: each failing row comes back as an `Issue` naming
the paper, the locator, the column, the value and the check, so the officer
can find it in the paper; the valid rows go on.
"""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from planrecon.ingest import Issue, IssueCode

from .dates import DUE_KINDS
from .status import RAGS, STATUSES

ACTION_COLUMNS = [
    "source_file", "source_locator", "plan_id", "plan_version", "version_date", "ref",
    "section", "action", "owner_raw", "owners", "due_raw", "due_date", "due_kind",
    "start_date", "status", "rag", "progress",
]
INDICATOR_COLUMNS = [
    "source_file", "source_locator", "plan_id", "plan_version", "version_date", "ref",
    "description", "period", "previous", "target", "result", "variance", "direction", "rag",
    "benchmark",
]
LISTS = ("owners",)
"""Columns whose cells are tuples of text (owners in `sorted()` order), never one string:
joined with `;` only where they are written out (`outputs`)."""
STAMPED = ["plan_period"]
"""What normalise stamps on every row from its paper and table (`paper_facts`): the plan
period its caption, else its paper's title, names."""
ACTION_ROW = [*ACTION_COLUMNS, "parent_ref", "objective", "extra", "table_caption",
              "table_unit", *STAMPED]
"""An action row as normalise hands it on: the contract's columns, then what the later
stages need besides (the parent of a sub-action, its objective row, cells of columns with
no standard meaning as JSON, its table's caption and place), in this order."""
INDICATOR_ROW = [*INDICATOR_COLUMNS, "section", "table_caption", "table_unit", "result_period",
                 "period_targets", *STAMPED]
"""An indicator row as normalise hands it on: the contract's columns, then `section`, its
table's caption and place, `result_period` (the last day, ISO, of the period the result
column's heading names) and `period_targets` (the targets of each period a target heading
names, "Halton Targets 08/09 | 09/10 | 10/11", as JSON {last day: target as printed}, so
a later paper's result for a year can be held against the target set for it)."""
ISO_DATE = re.compile(r"^$|^\d{4}-\d{2}-\d{2}$")


def _iso_or_empty(series: pd.Series) -> pd.Series:
    ok = series.str.match(ISO_DATE)
    parsed = pd.to_datetime(series.where(series != ""), format="%Y-%m-%d", errors="coerce")
    return ok & (series.eq("") | parsed.notna())


class ActionsSchema(pa.DataFrameModel):
    """One row per action, as printed and as normalised (contract: actions.csv), with
    exactly the columns of `ACTION_ROW` in its order."""

    source_file: Series[str] = pa.Field(str_length={"min_value": 1})
    source_locator: Series[str] = pa.Field(str_length={"min_value": 1})
    plan_id: Series[str]
    plan_version: Series[str]
    version_date: Series[str]
    ref: Series[str]
    section: Series[str]
    action: Series[str] = pa.Field(str_length={"min_value": 1})
    owner_raw: Series[str]
    owners: Series[object]
    due_raw: Series[str]
    due_date: Series[str]
    due_kind: Series[str] = pa.Field(isin=DUE_KINDS)
    start_date: Series[str]
    status: Series[str] = pa.Field(isin=STATUSES)
    rag: Series[str] = pa.Field(isin=RAGS)
    progress: Series[str]
    parent_ref: Series[str]
    objective: Series[str]
    extra: Series[str]
    table_caption: Series[str]
    table_unit: Series[str]
    plan_period: Series[str]

    @pa.check("due_date", "start_date", "version_date",
              error="not an ISO date (YYYY-MM-DD) or empty")
    def iso_dates(cls, series: Series[str]) -> Series[bool]:
        return _iso_or_empty(series)

    @pa.check("owners", error="not a tuple of owner names")
    def owner_lists(cls, series: Series[object]) -> Series[bool]:
        return series.map(lambda v: isinstance(v, tuple) and all(
            isinstance(o, str) and o for o in v))

    @pa.dataframe_check(error="a dated kind needs a due date, an undated kind must have none")
    def due_kind_agrees(cls, df: pd.DataFrame) -> Series[bool]:
        dated = df["due_kind"].isin(["day", "month", "quarter", "year", "financial_year"])
        return dated == df["due_date"].ne("")

    class Config:
        coerce = True
        strict = True
        ordered = True


class IndicatorsSchema(pa.DataFrameModel):
    """One row per performance indicator (contract: indicators.csv), with exactly the
    columns of `INDICATOR_ROW` in its order."""

    source_file: Series[str] = pa.Field(str_length={"min_value": 1})
    source_locator: Series[str] = pa.Field(str_length={"min_value": 1})
    plan_id: Series[str]
    plan_version: Series[str]
    version_date: Series[str]
    ref: Series[str]
    description: Series[str]
    period: Series[str]
    previous: Series[str]
    target: Series[str]
    result: Series[str]
    variance: Series[str]
    direction: Series[str]
    rag: Series[str] = pa.Field(isin=RAGS)
    benchmark: Series[str]
    section: Series[str]
    table_caption: Series[str]
    table_unit: Series[str]
    result_period: Series[str]
    period_targets: Series[str]
    plan_period: Series[str]

    @pa.check("version_date", "result_period", error="not an ISO date (YYYY-MM-DD) or empty")
    def iso_dates(cls, series: Series[str]) -> Series[bool]:
        return _iso_or_empty(series)

    @pa.dataframe_check(error="an indicator needs a reference or a description")
    def has_identity(cls, df: pd.DataFrame) -> Series[bool]:
        return df["ref"].ne("") | df["description"].ne("")

    class Config:
        coerce = True
        strict = True
        ordered = True


_PLAIN = {"str_length": "is empty", "isin": "is not one of the contract's values"}
"""pandera's built-in check names as an officer would say them."""
CONTEXT = ("ref", "section", "owner_raw", "due_raw", "progress", "description", "target")
"""Cells quoted with a failing row so it can be found in the paper even when it is blank."""


def _problem(check: str, column: str, row: pd.Series) -> str:
    name = check.split("(")[0]
    what = f"{column} {_PLAIN[name]}" if name in _PLAIN and column else check
    seen = "; ".join(f"{c} '{str(row[c])[:60]}'" for c in CONTEXT if c in row and row[c])
    return f"{what}: the row is listed here instead" + (f" (it reads {seen})" if seen else "")


def validate_lazy(
    df: pd.DataFrame, schema: type[pa.DataFrameModel]
) -> tuple[pd.DataFrame, list[Issue]]:
    """(valid rows, one Issue per failing row and check). Never raises for bad data."""
    if df.empty:
        return df, []
    try:
        return schema.validate(df, lazy=True), []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    issues: list[Issue] = []
    bad: set[int] = set()
    for case in cases.itertuples(index=False):
        index = case.index
        rows = [index] if pd.notna(index) else list(df.index)
        for row in rows:
            if row not in df.index:
                continue
            bad.add(row)
            column = case.column if isinstance(case.column, str) else ""
            value = str(df.at[row, column]) if column in df.columns else ""
            issues.append(Issue(
                IssueCode.SCHEMA, "normalise", str(df.at[row, "source_file"]),
                str(df.at[row, "source_locator"]), _problem(str(case.check), column, df.loc[row]),
                column=column, value=value,
            ))
    return df.drop(index=sorted(bad)), issues
