"""The canonical tables as pandera schemas, validated lazily.

`actions.csv` and `indicators.csv` columns come from the contract. Validation
never drops a row silently: each failing row comes back as an `Issue` naming
the paper, the locator, the column, the value and the check, so the officer
can find it in the paper; the valid rows go on.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.pandas as pa
from pandera.engines.pandas_engine import DateTime
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
DATES = ("version_date", "due_date", "start_date", "result_period")
"""Columns of dates: a record holds a `datetime.date` (None for none), never text, and the
schema makes the column `DATE_TYPE`; only `written` makes a date text."""
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
table's caption and place, `result_period` (the last day of the period the result
column's heading names) and `period_targets` (the targets of each period a target heading
names, "Halton Targets 08/09 | 09/10 | 10/11", as JSON {last day: target as printed}, so
a later paper's result for a year can be held against the target set for it)."""
DATE_TYPE = "datetime64[ns]"
"""What a date column of every frame between the stages holds (NaT for no date)."""
DATE = {"to_datetime_kwargs": {"format": "%Y-%m-%d"}}
"""A date column's dtype arguments (`DATE_TYPE`). Normalise's records hold dates (`DATES`)
and the schema types them, so later stages compare, sort and subtract dates, never text.
Text is no record's date: the format keeps any from being guessed at, so one printed
otherwise than the contract's ISO is refused, row by row."""


def _categories(values: tuple[str, ...]) -> dict:
    """A categorical column of exactly the contract's values: a word outside them is
    refused for its row, and every later stage sees which values there can be."""
    return {"dtype_kwargs": {"categories": list(values), "ordered": False}}


def written(value):
    """A value between the stages as the contract writes it (the CSVs, the store, a
    message): a list (owners, flags) joined by `;`, a date as ISO text, no date (NaT) as
    ''; anything else as it is."""
    if isinstance(value, tuple):
        return ";".join(value)
    if value is pd.NaT:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, dt.date) else value


def day(value) -> dt.date | None:
    """A date cell of the typed frames as a date, None for no date (NaT; None or NaN where
    a frame has no rows to say it). Text is refused, not parsed: a date that reached a later
    stage as text missed the schema, and a guess at it would hide that."""
    if isinstance(value, dt.datetime):
        return None if value is pd.NaT else value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    raise TypeError(f"a date cell holds {value!r}, not a date")


class _PrintedRow(pa.DataFrameModel):
    """The columns an action's and an indicator's rows both open with: where the row was
    printed and the plan version it belongs to. pandera puts a base model's columns first."""

    source_file: Series[str] = pa.Field(str_length={"min_value": 1})
    source_locator: Series[str] = pa.Field(str_length={"min_value": 1})
    plan_id: Series[str]
    plan_version: Series[str]
    version_date: Series[DateTime] = pa.Field(nullable=True, dtype_kwargs=DATE)


class ActionsSchema(_PrintedRow):
    """One row per action, as printed and as normalised (contract: actions.csv), with
    exactly the columns of `ACTION_ROW` in its order."""

    ref: Series[str]
    section: Series[str]
    action: Series[str] = pa.Field(str_length={"min_value": 1})
    owner_raw: Series[str]
    owners: Series[object]
    due_raw: Series[str]
    due_date: Series[DateTime] = pa.Field(nullable=True, dtype_kwargs=DATE)
    due_kind: Series[pd.CategoricalDtype] = pa.Field(**_categories(DUE_KINDS))
    start_date: Series[DateTime] = pa.Field(nullable=True, dtype_kwargs=DATE)
    status: Series[pd.CategoricalDtype] = pa.Field(**_categories(STATUSES))
    rag: Series[pd.CategoricalDtype] = pa.Field(**_categories(RAGS))
    progress: Series[str]
    parent_ref: Series[str]
    objective: Series[str]
    extra: Series[str]
    table_caption: Series[str]
    table_unit: Series[str]
    plan_period: Series[str]

    @pa.check("owners", error="not a tuple of owner names")
    def owner_lists(cls, series: Series[object]) -> Series[bool]:
        return series.map(lambda v: isinstance(v, tuple) and all(
            isinstance(o, str) and o for o in v))

    @pa.dataframe_check(error="a dated kind needs a due date, an undated kind must have none")
    def due_kind_agrees(cls, df: pd.DataFrame) -> Series[bool]:
        if not pd.api.types.is_datetime64_dtype(df["due_date"]):
            return pd.Series(True, index=df.index)  # dates refused: judged again without them
        dated = df["due_kind"].isin(["day", "month", "quarter", "year", "financial_year"])
        return dated == df["due_date"].notna()

    class Config:
        coerce = True
        strict = True
        ordered = True


class IndicatorsSchema(_PrintedRow):
    """One row per performance indicator (contract: indicators.csv), with exactly the
    columns of `INDICATOR_ROW` in its order."""

    ref: Series[str]
    description: Series[str]
    period: Series[str]
    previous: Series[str]
    target: Series[str]
    result: Series[str]
    variance: Series[str]
    direction: Series[str]
    rag: Series[pd.CategoricalDtype] = pa.Field(**_categories(RAGS))
    benchmark: Series[str]
    section: Series[str]
    table_caption: Series[str]
    table_unit: Series[str]
    result_period: Series[DateTime] = pa.Field(nullable=True, dtype_kwargs=DATE)
    period_targets: Series[str]
    plan_period: Series[str]

    @pa.dataframe_check(error="an indicator needs a reference or a description")
    def has_identity(cls, df: pd.DataFrame) -> Series[bool]:
        return df["ref"].ne("") | df["description"].ne("")

    class Config:
        coerce = True
        strict = True
        ordered = True


_PLAIN = {"str_length": "is empty", "category": "is not one of the contract's values",
          DATE_TYPE: "is not a date (YYYY-MM-DD)"}
"""pandera's built-in checks as an officer would say them: by name, or for a value that is
not of its column's type (`dtype`, `coerce_dtype`) by that type."""
CONTEXT = ("ref", "section", "owner_raw", "due_raw", "progress", "description", "target")
"""Cells quoted with a failing row so it can be found in the paper even when it is blank."""


def _problem(check: str, column: str, row: pd.Series) -> str:
    name, _, argument = check.partition("(")
    if name in ("dtype", "coerce_dtype"):
        name = argument.strip("')")
    what = f"{column} {_PLAIN[name]}" if name in _PLAIN and column else check
    seen = "; ".join(f"{c} '{str(row[c])[:60]}'" for c in CONTEXT if c in row and row[c])
    return f"{what}: the row is listed here instead" + (f" (it reads {seen})" if seen else "")


def validate_lazy(
    df: pd.DataFrame, schema: type[pa.DataFrameModel]
) -> tuple[pd.DataFrame, list[Issue]]:
    """(valid rows, typed, one Issue per failing row and problem). Never raises for bad
    data. An empty frame is validated too, so it comes out with the same types. The rows
    left are validated again: a frame check cannot read a column whose values were refused
    (`due_kind_agrees`), so it judges those rows once the refused ones are gone."""
    issues: dict[tuple, Issue] = {}
    while True:
        try:
            return schema.validate(df, lazy=True), list(issues.values())
        except pa.errors.SchemaErrors as exc:
            bad = _refused(df, exc.failure_cases, issues)
        df = df.drop(index=sorted(bad))
        if not bad or df.empty:  # nothing left to type (a column missing or out of place)
            return df, list(issues.values())


def _refused(df: pd.DataFrame, cases: pd.DataFrame, issues: dict[tuple, Issue]) -> set:
    """The rows the failure cases name (every row for a problem of a whole column), each
    problem added to `issues` once by row, column and message: a value not of its type
    fails its coercion and the type check after it, one problem."""
    bad: set = set()
    for case in cases.itertuples(index=False):
        index = case.index
        rows = [index] if pd.notna(index) else list(df.index)
        for row in rows:
            if row not in df.index:
                continue
            bad.add(row)
            column = case.column if isinstance(case.column, str) else ""
            value = str(df.at[row, column]) if column in df.columns else ""
            problem = _problem(str(case.check), column, df.loc[row])
            issues.setdefault((row, column, problem), Issue(
                IssueCode.SCHEMA, "normalise", str(df.at[row, "source_file"]),
                str(df.at[row, "source_locator"]), problem, column=column, value=value,
            ))
    return bad
