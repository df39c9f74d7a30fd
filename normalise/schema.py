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
ISO_DATE = re.compile(r"^$|^\d{4}-\d{2}-\d{2}$")


def _iso_or_empty(series: pd.Series) -> pd.Series:
    ok = series.str.match(ISO_DATE)
    parsed = pd.to_datetime(series.where(series != ""), format="%Y-%m-%d", errors="coerce")
    return ok & (series.eq("") | parsed.notna())


class ActionsSchema(pa.DataFrameModel):
    """One row per action, as printed and as normalised (contract: actions.csv)."""

    source_file: Series[str] = pa.Field(str_length={"min_value": 1})
    source_locator: Series[str] = pa.Field(str_length={"min_value": 1})
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

    @pa.check("due_date", "start_date", error="not an ISO date (YYYY-MM-DD) or empty")
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
        strict = False


class IndicatorsSchema(pa.DataFrameModel):
    """One row per performance indicator (contract: indicators.csv)."""

    source_file: Series[str] = pa.Field(str_length={"min_value": 1})
    source_locator: Series[str] = pa.Field(str_length={"min_value": 1})
    ref: Series[str]
    description: Series[str]
    rag: Series[str] = pa.Field(isin=RAGS)

    @pa.dataframe_check(error="an indicator needs a reference or a description")
    def has_identity(cls, df: pd.DataFrame) -> Series[bool]:
        return df["ref"].ne("") | df["description"].ne("")

    class Config:
        coerce = True
        strict = False


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
