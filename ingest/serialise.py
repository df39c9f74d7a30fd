"""Papers to and from plain JSON, so a read paper can be cached without pickle.

A cache in the officer's output folder must never be able to run code when
loaded, so we store data only: dataclass fields, with dates tagged.
"""

from __future__ import annotations

import datetime as dt
import json

from .model import Cell, Issue, IssueCode, Paper, Row, RowKind, Table


def _value(value):
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def _unvalue(value):
    if isinstance(value, dict):
        if "datetime" in value:
            return dt.datetime.fromisoformat(value["datetime"])
        return dt.date.fromisoformat(value["date"])
    return value


def _cell(c: Cell) -> list:
    return [c.text, c.locator, c.fill, _value(c.value), c.spanned]


def _uncell(data: list) -> Cell:
    text, locator, fill, value, spanned = data
    return Cell(text, locator, fill, _unvalue(value), spanned)


def _issue(i: Issue) -> dict:
    return {"code": i.code.value, "stage": i.stage, "source_file": i.source_file,
            "source_locator": i.source_locator, "message": i.message, "column": i.column,
            "value": i.value, "quarantine": i.quarantine}


def _table(t: Table) -> dict:
    return {
        "source_file": t.source_file, "unit": t.unit, "index": t.index, "caption": t.caption,
        "grid": [], "row_locators": [], "header": [_cell(c) for c in t.header],
        "rows": [{"cells": [_cell(c) for c in r.cells], "kind": r.kind.value,
                  "locator": r.locator} for r in t.rows],
        "title_lines": list(t.title_lines),
    }


def _untable(d: dict) -> Table:
    return Table(
        d["source_file"], d["unit"], d["index"], d["caption"], [], [],
        header=tuple(_uncell(c) for c in d["header"]),
        rows=[Row(tuple(_uncell(c) for c in r["cells"]), RowKind(r["kind"]), r["locator"])
              for r in d["rows"]],
        title_lines=tuple(d["title_lines"]),
    )


def paper_to_json(paper: Paper) -> str:
    """The tidied paper (raw grids are not kept: later stages never read them)."""
    return json.dumps({
        "source_file": paper.source_file, "format": paper.format, "sha256": paper.sha256,
        "title": paper.title, "as_of": _value(paper.as_of), "as_of_text": paper.as_of_text,
        "as_of_from": paper.as_of_from, "pages": paper.pages,
        "text": paper.text, "tables": [_table(t) for t in paper.tables],
        "issues": [_issue(i) for i in paper.issues],
    }, ensure_ascii=False)


def paper_from_json(text: str) -> Paper:
    d = json.loads(text)
    return Paper(
        source_file=d["source_file"], format=d["format"], sha256=d["sha256"], title=d["title"],
        as_of=_unvalue(d["as_of"]), as_of_text=d["as_of_text"], as_of_from=d["as_of_from"],
        text=d["text"], pages=tuple(d["pages"]) if d["pages"] else None,
        tables=[_untable(t) for t in d["tables"]],
        issues=[Issue(IssueCode(i.pop("code")), **i) for i in d["issues"]],
    )
