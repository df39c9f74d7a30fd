"""Normalise: every paper's own layout onto one validated schema.

Public surface: `normalise(papers, config) -> Normalised` and `NormaliseConfig`; a run
that reads papers in several processes normalises each there (`normalise_paper`) and
joins the readings (`combine`). Column mapping, due dates, owners and status each live in
their own module; this one only wires them per table and validates the result lazily.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from planrecon.ingest import Issue, IssueCode, Paper, RowKind

from .actions import TableContext, table_actions
from .columns import DEFAULTS as DEFAULT_COLUMNS
from .columns import OTHER_REASON, ColumnSynonyms, TableMapping, default_synonyms
from .indicators import narrative_indicators, one_column_indicators, table_indicators
from .owners import OwnerAliases, default_aliases
from .paper_facts import PAPER_COLUMNS, paper_facts, plan_period
from .reading import map_table, proposal_lines
from .schema import (
    ACTION_COLUMNS,
    ACTION_ROW,
    DATES,
    INDICATOR_COLUMNS,
    INDICATOR_ROW,
    LISTS,
    ActionsSchema,
    IndicatorsSchema,
    validate_lazy,
)

__all__ = [
    "ACTION_COLUMNS", "INDICATOR_COLUMNS", "PAPER_COLUMNS", "NormaliseConfig", "Normalised",
    "PaperReading", "combine", "normalise", "normalise_paper", "paper_facts",
]

WRITTEN = "indicators written as text: labelled figures ('Latest: 97% Target: 95%')"
"""Why a one-column table was read as indicators."""
CONFIG_FILES = {"columns": "columns.yaml", "owners": "owners.yaml"}
"""Officer extensions read from the inbox's `config/` folder, on top of the defaults."""


@dataclass(frozen=True)
class NormaliseConfig:
    """Synonyms and owner aliases: packaged defaults extended by the officer's files."""

    synonyms: ColumnSynonyms
    aliases: OwnerAliases

    @classmethod
    def load(cls, config_dir: Path | None = None) -> NormaliseConfig:
        synonyms, aliases = default_synonyms(), default_aliases()
        if config_dir is not None:
            columns = config_dir / CONFIG_FILES["columns"]
            owners = config_dir / CONFIG_FILES["owners"]
            if columns.is_file():
                synonyms = ColumnSynonyms.from_yaml(DEFAULT_COLUMNS, columns)
            if owners.is_file():
                aliases = aliases.merged(OwnerAliases.from_yaml(owners))
        return cls(synonyms, aliases)


@dataclass
class Normalised:
    """What normalisation hands to reconciliation and outputs."""

    actions: pd.DataFrame
    indicators: pd.DataFrame
    tables: pd.DataFrame
    """One row per table read: paper, where, caption, kind, why, how its columns were mapped."""
    papers: pd.DataFrame
    """One row per paper (`paper_facts`): all that reconciliation reads of the papers."""
    issues: list[Issue] = field(default_factory=list)


def _mapping_summary(mapping: TableMapping) -> str:
    return "; ".join(
        f"{c.header or '(blank)'} → {c.field} ({c.score:.2f}"
        + (f", {c.suggested} if confirmed)" if c.suggested else ")")
        for c in mapping.columns
    )


def _column_issues(table, mapping: TableMapping, threshold: float) -> list[Issue]:
    """Columns an officer should look at: withheld as doubtful (with the line that would
    confirm them), kept as extra data for want of a meaning, or not used at all."""
    add = "add its heading to config/columns.yaml if it means a standard column"
    issues = []
    for c in mapping.columns:
        if c.suggested:
            code, value = IssueCode.UNCERTAIN_COLUMN, c.confirm
            why = (f"looks like {c.suggested} (score {c.score:.2f}: {c.reason}) but is below "
                   f"the {threshold:.2f} needed to use it unconfirmed, so its values are kept "
                   f"as extra data '{c.field[6:]}'; to use it as {c.suggested}, add this line "
                   f"to config/columns.yaml: {c.confirm}")
        elif c.field.startswith("other:") and c.score < threshold:
            code, value = IssueCode.UNMAPPED_COLUMN, c.reason
            why = f"no standard meaning: kept as extra data '{c.field[6:]}'; {add}"
        elif c.confirm and not c.field.startswith("other:"):
            code, value = IssueCode.UNCERTAIN_COLUMN, c.confirm
            why = (f"read as {c.field} from its heading and cells (score {c.score:.2f}: "
                   f"{c.reason}); to make it certain, add this line to config/columns.yaml: "
                   f"{c.confirm}")
        elif c.field == "ignore" and c.header:
            code, value = IssueCode.UNMAPPED_COLUMN, c.reason
            why = f"column not recognised; its values are not used; {add}"
        else:
            continue
        issues.append(Issue(code, "normalise", table.source_file, table.unit, why,
                            column=c.header or "(blank)", value=value))
    return issues


@dataclass
class PaperReading:
    """One paper normalised: what `combine` joins with the other papers' readings and
    validates.

    A module-level value of plain frames and lists, so a worker process can make it
    next to the paper it read and send it back (`planrecon.workers`). Its rows are not
    yet validated: pandera's cost is mostly per column, not per row, so the papers' rows
    are validated together, once (`combine`), not paper by paper."""

    facts: pd.DataFrame
    """The paper's row of `paper_facts`."""
    actions: pd.DataFrame
    indicators: pd.DataFrame
    tables: list[dict]
    issues: list[Issue]


def normalise(papers: list[Paper], config: NormaliseConfig) -> Normalised:
    """Map, parse and validate every table of every paper that was read."""
    return combine([normalise_paper(paper, config) for paper in papers])


def combine(readings: list[PaperReading]) -> Normalised:
    """The papers' readings as one set of validated frames, in the papers' order: the rows
    the schema refuses are listed after every paper's own issues, paper by paper."""
    order = {r.facts["source_file"].iat[0]: i for i, r in enumerate(readings)
             if not r.facts.empty}

    def validated(frames: list[pd.DataFrame], columns: list[str], schema):
        rows = [f for f in frames if not f.empty]
        joined = pd.concat(rows, ignore_index=True) if rows else _frame([], columns)
        valid, refused = validate_lazy(joined, schema)
        return valid, sorted(refused, key=lambda issue: order.get(issue.source_file, 0))

    actions, bad_actions = validated([r.actions for r in readings], ACTION_ROW, ActionsSchema)
    indicators, bad_indicators = validated([r.indicators for r in readings], INDICATOR_ROW,
                                           IndicatorsSchema)
    facts = [r.facts for r in readings]
    return Normalised(
        actions, indicators,
        pd.DataFrame([row for r in readings for row in r.tables]),
        pd.concat(facts, ignore_index=True) if facts else paper_facts([]),
        [i for r in readings for i in r.issues] + bad_actions + bad_indicators,
    )


def normalise_paper(paper: Paper, config: NormaliseConfig) -> PaperReading:
    """Map and parse every table of one paper, its facts stamped on each row (`combine`
    validates them)."""
    actions: list[dict] = []
    indicators: list[dict] = []
    tables: list[dict] = []
    issues: list[Issue] = list(paper.issues)
    threshold = config.synonyms.threshold
    kinds, reasons = [], []
    for table in paper.tables:
        body = [row.cells for row in table.rows if row.kind is RowKind.DATA]
        mapping = map_table(table.header_texts, body, config.synonyms,
                            [c.spanned for c in table.header], config.aliases)
        kinds.append(mapping.kind)
        reasons.append(mapping.reason)
        rows = 0
        written = one_column_indicators(table) if mapping.kind == "other" else []
        if written:
            mapping = replace(mapping, kind="indicator", reason=WRITTEN)
            kinds[-1], reasons[-1] = mapping.kind, mapping.reason
            indicators.extend(written)
            rows = len(written)
        elif mapping.kind == "action":
            ctx = TableContext(table, mapping, config.aliases, paper.as_of)
            records, row_issues = table_actions(ctx)
            actions.extend(records)
            issues.extend(row_issues + _column_issues(table, mapping, threshold))
            rows = len(records)
        elif mapping.kind == "indicator":
            records = table_indicators(table, mapping)
            indicators.extend(records)
            issues.extend(_column_issues(table, mapping, threshold))
            rows = len(records)
        else:
            issues.append(_set_aside(table, mapping))
        tables.append({
            "source_file": paper.source_file, "table": table.unit, "index": table.index,
            "caption": table.caption, "kind": mapping.kind, "reason": mapping.reason,
            "rows": len(table.rows), "records": rows, "columns": _mapping_summary(mapping),
        })
    written = narrative_indicators(paper)
    indicators.extend(written)
    if written:
        kinds.append("indicator")
    if paper.tables and not {"action", "indicator"} & set(kinds) and not paper.quarantined:
        issues.append(Issue(
            IssueCode.NO_ACTION_PLAN, "normalise", paper.source_file, "",
            "the paper has tables but none is an action plan or indicator table "
            f"({_what_they_are(reasons)}; see the Sources sheet)",
            quarantine=True,
        ))
    return PaperReading(paper_facts([paper]), _stamped(_frame(actions, ACTION_ROW), paper),
                        _stamped(_frame(indicators, INDICATOR_ROW), paper), tables, issues)


def _stamped(rows: pd.DataFrame, paper: Paper) -> pd.DataFrame:
    """Every row with its paper's as-of date and the plan period its table's caption, else
    the paper's title, names."""
    rows["version_date"] = paper.as_of
    titled = plan_period(paper.title)
    captions = rows["table_caption"].unique()
    periods = {caption: plan_period(caption) or titled for caption in captions}
    rows["plan_period"] = rows["table_caption"].map(periods) if len(rows) else ""
    return rows


def _set_aside(table, mapping: TableMapping) -> Issue:
    """A table not extracted, with what its columns would be read as when its cells
    suggest a plan, and the lines of config/columns.yaml that would confirm them."""
    message = f"{mapping.reason}; {len(table.rows)} rows not extracted"
    said, lines = proposal_lines(mapping.proposal)
    if said and lines:
        message += (f". Its columns would read: {said}. If it is a plan, add these lines "
                    f"to config/columns.yaml: {' / '.join(lines)}")
    return Issue(IssueCode.NOT_ACTION_TABLE, "normalise", table.source_file, table.unit,
                 message, value="\n".join(lines) or " | ".join(table.header_texts))


def _what_they_are(reasons: list[str]) -> str:
    """'2 budget tables, 1 grants table, 6 others' from the tables' classification reasons,
    so a clerk sees at once what the paper held."""
    kinds = Counter(reason.split(" (")[0] for reason in reasons)
    other = kinds.pop(OTHER_REASON, 0)
    said = [f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in sorted(kinds.items())]
    if other:
        said.append(f"{other} other{'s' if other > 1 else ''}" if said else
                    f"{other} table{'s' if other > 1 else ''} of another kind")
    return ", ".join(said)


def _frame(records: list[dict], columns: list[str]) -> pd.DataFrame:
    """The records as a frame with exactly `columns`, in their order (what the schema
    holds them to): dates as dates, NaT for none (`DATES`), lists as tuples (`LISTS`),
    the rest as text; the schema then types the dates and the contract's words
    (`validate_lazy`)."""
    df = pd.DataFrame.from_records(records)
    unknown = set(df.columns) - set(columns)
    if unknown:  # a record field the schema does not know would be lost: a bug, said now
        raise ValueError(f"record fields not in the row layout: {sorted(unknown)}")
    for column in columns:
        if column not in df.columns:
            df[column] = [()] * len(df) if column in LISTS else pd.NaT if column in DATES else ""
    df = df[columns].copy()
    dates = [c for c in columns if c in DATES]
    text = [c for c in columns if c not in LISTS and c not in DATES]
    df[dates] = df[dates].fillna(pd.NaT)
    df[text] = df[text].fillna("").astype(str)
    return df
