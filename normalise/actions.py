"""Rows of an action-plan table → action records in the canonical columns.

Structure is read here once for every format: section and objective rows set
the `section` of the actions under them, a ref printed inside the action cell
("3.1.1 Profile budgets…") is split out, sub-actions (5.111 under 5.11) keep
their parent, and duplicate refs are kept and flagged.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from planrecon.ingest import Issue, IssueCode, Row, RowKind, Table, clean_text

from .columns import ACTION_FIELDS, TableMapping
from .dates import Due, parse_due, parse_embedded_due
from .owners import OwnerAliases, parse_owners
from .status import parse_status

LEADING_REF = re.compile(
    r"^\s*((?:[A-Z]{1,3}\s?)?\d+(?:\.\d+)*[a-z]?)(?:[.)])?(?:;\s*|\s+)(\S.*)$", re.S
)
"""`1.16 Reporting line…`, `HP 1 …`, `5.111 …`: a reference printed before the words."""
YEAR_BAND = re.compile(r"\s*(?:19|20)\d\d\s*[-–—/.]\s*\d{1,4}(?![\d.])")
"""`2008 - 09`, `2008/09`, `2009-10`, `2010 -11`: the years a row falls in, which
LEADING_REF would cut after the first year (ref `2008`, action `- 09; …`)."""
OBJECTIVE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s+)?(?:[\w &-]+\s)?OBJECTIVE\b", re.I)


@dataclass(frozen=True)
class TableContext:
    """What every action of one table shares."""

    table: Table
    mapping: TableMapping
    aliases: OwnerAliases
    version_date: dt.date | None


HEADLINE = "other:headline"


def _cell(row: Row, mapping: TableMapping, field: str) -> str:
    """The text of the field's columns in this row, each text once, joined by "; "."""
    texts = [clean_text(row.cells[i].text) for i in mapping.columns_of(field)
             if i < len(row.cells)]
    return "; ".join(dict.fromkeys(t for t in texts if t)) if len(texts) > 1 else "".join(texts)


def _fill(row: Row, mapping: TableMapping, field: str) -> str | None:
    """The fill of the field's first column in this row."""
    index = mapping.column_of(field)
    if index is None or index >= len(row.cells):
        return None
    return row.cells[index].fill


def _start_date(text: str) -> dt.date | None:
    """The first day of the period a Start Date cell names, None when it names none."""
    if not text:
        return None
    due = parse_due(text)
    if due.start:
        return due.start
    if due.kind == "day":
        return due.date
    if due.kind == "month" and due.date:
        return due.date.replace(day=1)
    return None


def _year_band(text: str) -> str:
    """The year band `text` starts with (a financial year or a span of years), or ''."""
    match = YEAR_BAND.match(text)
    return match[0] if match and parse_due(match[0]).kind in ("financial_year", "year") else ""


def _leading_ref(text: str) -> re.Match | None:
    """A ref printed before the words, never the first year of a year band."""
    return None if _year_band(text) else LEADING_REF.match(text)


def _take_year_band(action: str) -> tuple[str, str]:
    """(band, action) when the first of the joined action cells is only a year band: under
    a heading merged over both, Halton's HP 2 and HP 4 milestones come with the year band
    cell before them. A band inside the action's own sentence stays where it is."""
    first, _, rest = action.partition("; ")
    if rest and _year_band(first) == first:
        return first, rest
    return "", action


def _extras(row: Row, mapping: TableMapping, year_band: str) -> str:
    extra = {
        choice.field.removeprefix("other:"): clean_text(row.cells[i].text)
        for i, choice in enumerate(mapping.columns)
        if choice.field not in ACTION_FIELDS and choice.field != "ignore"
        and i < len(row.cells) and row.cells[i].text.strip()
    } | ({"year_band": year_band} if year_band else {})
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else ""


def _objective(action: str, row_section: str, owner: str, due: str, progress: str) -> str:
    """The objective a row states, or "": OBJECTIVE text with nothing to follow it up.

    It is usually in the action column; a row with no action may print it in the
    theme column instead (Barnet's "2.5 | OBJECTIVE Performance of SP-funded …")."""
    if owner or due or progress:
        return ""
    for text in (action, "" if action else row_section):
        if OBJECTIVE.match(text):
            return text
    return ""


def _caption_section(table: Table, mapping: TableMapping) -> str:
    """The table's caption, when nothing inside the table names its section: a plan
    that puts one objective over each table says it above the table (Halton's
    "Service Objective: HP 1 - …" box, read by ingest as the caption)."""
    if mapping.column_of("section") is not None:
        return ""
    if any(row.kind is RowKind.SECTION for row in table.rows):
        return ""
    return clean_text(table.caption)


def table_actions(ctx: TableContext) -> tuple[list[dict], list[Issue]]:
    """Action records of one table (dicts in canonical columns plus provenance)."""
    mapping, table = ctx.mapping, ctx.table
    records: list[dict] = []
    issues: list[Issue] = []
    section = _caption_section(table, mapping)
    objective_refs: set[str] = set()
    refs = _RefTrail()
    has_due_column = mapping.column_of("due") is not None
    # a headline-and-commentary table (Barnet Q2 "Managing the business") has no action
    # column: each headline is what its commentary reports on, so it names the item
    action_field = "action" if mapping.column_of("action") is not None else HEADLINE
    sub_columns = _sub_action_columns(table, mapping)
    for row in table.rows:
        if row.kind is RowKind.SECTION:
            section = next(t for t in row.texts() if t.strip()).strip()
            section = clean_text(section)
            match = _leading_ref(section)
            if match:
                objective_refs.add(match[1])
            continue
        ref = _cell(row, mapping, "ref")
        year_band, action = _take_year_band(_cell(row, mapping, action_field))
        row_section = _cell(row, mapping, "section")
        parent = ""
        sub_action = _own_text(row, sub_columns)
        if sub_action:  # a task under the action merged down beside it
            parent, ref, row_section = ref, "", row_section or action
            action = sub_action
        ref_words = _leading_ref(ref)
        if ref_words:  # "12.1 Move-On": the theme slipped into the ref cell
            ref, row_section = ref_words[1], row_section or clean_text(ref_words[2])
        if not ref and action:
            split = _leading_ref(action)
            if split and re.search(r"\d", split[1]):
                ref, action = split[1], clean_text(split[2])
        owner_raw = _cell(row, mapping, "owner")
        due_raw = _cell(row, mapping, "due")
        progress = _cell(row, mapping, "progress")
        objective = _objective(action, row_section, owner_raw, due_raw, progress)
        if objective:
            section = objective if not ref else f"{ref} {objective}"
            objective_refs.add(ref)
            continue
        if has_due_column:
            due = parse_due(due_raw, ctx.version_date)
        else:
            due = parse_embedded_due(action) or Due(None, "empty")
            due_raw = due.words  # the milestone's date as printed inside its text
        status, rag = parse_status(
            progress, _cell(row, mapping, "rag") or None, _fill(row, mapping, "rag"),
            _cell(row, mapping, "status") or None,
        )
        if due.kind == "done" and status in ("unknown", "on_track", "at_risk"):
            status = "complete"
        if due.kind == "unparsed":
            issues.append(Issue(
                IssueCode.UNPARSED_DUE, "normalise", table.source_file, row.locator,
                "due date not understood; add it to the paper's plans.yaml or correct the cell",
                column="due_raw", value=due_raw,
            ))
        parent = parent or refs.parent(ref, objective_refs)
        refs.add(ref)
        records.append({
            "source_file": table.source_file,
            "source_locator": row.locator,
            "ref": ref,
            "parent_ref": parent,
            "section": row_section or section,
            "objective": section,
            "action": action,
            "owner_raw": owner_raw,
            "owners": tuple(parse_owners(owner_raw, ctx.aliases)),
            "due_raw": due_raw,
            "due_date": due.date,
            "due_kind": due.kind,
            "start_date": _start_date(_cell(row, mapping, "start")) or due.start,
            "status": status,
            "rag": rag,
            "progress": progress,
            "extra": _extras(row, mapping, year_band),
            "table_caption": table.caption,
            "table_unit": table.unit,
        })
    issues.extend(_duplicate_refs(records))
    return records, issues


def _sub_action_columns(table: Table, mapping: TableMapping) -> list[int]:
    """Columns no field names that hold text only on rows whose action cell is merged
    down from the row above: the tasks an action is broken into ("(A) Benefits paper"
    over "Bi) Revision of draft…", "Bii) …"), each with its own dates and owner. Read
    as its action, such a row would repeat its parent's words."""
    action = mapping.column_of("action")
    if action is None:
        return []
    columns = []
    for i, choice in enumerate(mapping.columns):
        if not choice.field.startswith("other:"):
            continue
        rows = [row for row in table.rows if row.kind is RowKind.DATA and _own_text(row, [i])]
        if rows and all(action < len(row.cells) and row.cells[action].spanned
                        for row in rows):
            columns.append(i)
    return columns


def _own_text(row: Row, columns: list[int]) -> str:
    """The first of `columns` that holds text of its own in this row (not merged down)."""
    for i in columns:
        if i < len(row.cells) and not row.cells[i].spanned and row.cells[i].text.strip():
            return clean_text(row.cells[i].text)
    return ""


class _RefTrail:
    """The refs of a table's actions so far, to find each one's parent (5.111 under 5.11).

    Only a contiguous block counts: walking back over siblings (refs as long as
    this one), a shorter ref that is not a prefix ends the search, so 1.10
    after 1.9 is not taken to be a child of 1.1. That walk stops at the latest
    earlier ref shorter than this one (a prefix is always shorter), so keeping
    the latest ref of each length answers it without walking back: a 50,000-row
    sheet of sibling refs is linear, not quadratic.
    """

    def __init__(self):
        self._latest: dict[int, tuple[int, str]] = {}
        """Ref length → (position, ref) of the latest ref of that length."""
        self._added = 0

    def add(self, ref: str) -> None:
        if ref:
            self._added += 1
            self._latest[len(ref)] = (self._added, ref)

    def parent(self, ref: str, objective_refs: set[str]) -> str:
        shorter = [seen for length, seen in self._latest.items() if length < len(ref)]
        if not ref or not shorter:
            return ""
        other = max(shorter)[1]
        return other if ref.startswith(other) and other not in objective_refs else ""


def _duplicate_refs(records: list[dict]) -> list[Issue]:
    seen: dict[str, dict] = {}
    issues = []
    for record in records:
        ref = record["ref"]
        if not ref:
            continue
        if ref in seen:
            issues.append(Issue(
                IssueCode.DUPLICATE_REF, "normalise", record["source_file"],
                record["source_locator"],
                f"ref {ref} is printed twice in this table (also at "
                f"{seen[ref]['source_locator']}); both actions are kept",
                column="ref", value=ref,
            ))
        else:
            seen[ref] = record
    return issues
