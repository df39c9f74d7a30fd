"""Issue 17, item 1: OUT/planrecon.duckdb holds what the CSVs hold, typed, and each run
writes it anew (and, asked, a Parquet export partitioned by plan)."""

import datetime as dt

import duckdb
import pytest

from planrecon.outputs import PARQUET, STORE
from planrecon.outputs.csvs import write_csv
from planrecon.outputs.store import CSV_TABLES, TABLES
from planrecon.pipeline import run

PLAN = ("Ref,Action,Lead officer,Due date,Status\n"
        "1.1,Review the {place} housing strategy,Head of Housing & Tenancy Manager,Mar-07,"
        "On track\n"
        "1.2,Publish the {place} tenancy guide,Tenancy Manager,Jun-07,Complete\n")
"""A plan's first version; its next moves 1.1's due date to `{due}`."""


def _rows(con, table: str, columns: list[str]) -> list[tuple]:
    names = ", ".join(f'"{c}"' for c in columns)
    return con.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid').fetchall()


def _as_csv_text(value):
    """A store value as the CSV writes it: ISO dates, lists joined by ';', nothing empty."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(value)
    return value


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    for plan in ("camden", "hackney"):
        (folder / plan).mkdir(parents=True)
        _write(folder / plan / "plan-2006-09-30.csv", plan, "Mar-07")
        _write(folder / plan / "plan-2007-03-31.csv", plan, "Sep-07")
    return folder


def _write(path, place: str, due: str) -> None:
    text = PLAN.format(place=place)
    path.write_text(text if due == "Mar-07" else text.replace("Mar-07,On track",
                                                              f"{due},Delayed"),
                    encoding="utf-8")


def test_the_store_agrees_with_the_csvs_row_for_row(sample_run, tmp_path):
    """Each CSV written again from the store's rows is the CSV the run wrote, byte for byte."""
    import pandas as pd

    _, out = sample_run
    con = duckdb.connect(str(out / STORE), read_only=True)
    for table, columns in CSV_TABLES.items():
        rows = [[_as_csv_text(v) for v in row] for row in _rows(con, table, columns)]
        again = tmp_path / f"{table}.csv"
        write_csv(pd.DataFrame(rows, columns=columns, dtype=object), columns, again)
        assert again.read_bytes() == (out / f"{table}.csv").read_bytes(), table
    assert con.execute("SELECT count(*) FROM actions").fetchone()[0] > 400
    assert con.execute("SELECT count(*) FROM changes").fetchone()[0] > 100
    con.close()


def test_the_store_is_typed(sample_run):
    _, out = sample_run
    con = duckdb.connect(str(out / STORE), read_only=True)
    types = {(t, c): kind for t, c, kind in con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns").fetchall()}
    assert {t.name for t in TABLES} == {t for t, _ in types}
    assert types["actions", "version_date"] == types["changes", "new_due_date"] == "DATE"
    assert types["actions", "owners"] == types["changes", "flags"] == "VARCHAR[]"
    assert types["changes", "slip_days"] == types["versions", "actions"] == "INTEGER"
    assert types["changes", "match_score"] == "DOUBLE"
    assert types["data_quality", "quarantine"] == "BOOLEAN"
    slipped = con.execute("SELECT count(*), count(*) FILTER (slip_days = new_due_date - "
                          "old_due_date) FROM changes WHERE list_contains(flags, 'slipped')"
                          ).fetchone()
    assert slipped[0] > 0 and slipped[0] == slipped[1]  # the days are the dates' difference
    joint = con.execute("SELECT owners FROM actions WHERE len(owners) > 1 LIMIT 1").fetchone()
    assert joint and all(isinstance(owner, str) and ";" not in owner for owner in joint[0])
    con.close()


def test_a_rerun_replaces_the_store_and_parquet_goes_by_plan(inbox, tmp_path):
    out = tmp_path / "out"
    first = run(inbox, out, jobs=1, parquet=True)
    assert STORE in first.files and PARQUET in first.files
    con = duckdb.connect(str(out / STORE), read_only=True)
    assert con.execute("SELECT count(*) FROM actions").fetchone()[0] == 8
    assert con.execute("SELECT plan_id, slip_days FROM changes WHERE list_contains(flags, "
                       "'slipped') ORDER BY ALL").fetchall() == [("camden", 183),
                                                                 ("hackney", 183)]
    con.close()
    assert sorted(p.name for p in (out / PARQUET / "actions").iterdir()) == [
        "plan_id=camden", "plan_id=hackney"]
    parquet = duckdb.sql(
        f"SELECT plan_id, count(*) FROM read_parquet('{out / PARQUET}/changes/*/*.parquet', "
        "hive_partitioning = true) GROUP BY ALL ORDER BY ALL").fetchall()
    assert parquet == [("camden", 2), ("hackney", 2)]

    _write(inbox / "camden" / "plan-2007-03-31.csv", "camden", "Dec-07")
    second = run(inbox, out, jobs=1)
    assert not second.unchanged and PARQUET not in second.files
    con = duckdb.connect(str(out / STORE), read_only=True)
    assert con.execute("SELECT count(*) FROM actions").fetchone()[0] == 8
    assert con.execute("SELECT plan_id, slip_days FROM changes WHERE list_contains(flags, "
                       "'slipped') ORDER BY ALL").fetchall() == [("camden", 275),
                                                                 ("hackney", 183)]
    con.close()
    assert not (out / PARQUET).exists()  # an export of the run before would not match
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(STORE)) == [STORE]
