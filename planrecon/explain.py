"""`planrecon explain PAPER`: how each table of one paper is read, and why.

An officer whose paper came out as "no plan" needs to see what planrecon made of it:
each table's kind and the reason, each column's role with the evidence from its
heading and its cells and how sure that is, and the `config/columns.yaml` lines that
would confirm the roles, to paste once so the next papers of that council read
without doubt. The same reading the pipeline uses (`normalise.reading.map_table`).
"""

from __future__ import annotations

from pathlib import Path

from planrecon.ingest import RowKind, Table, clean_text, read_paper
from planrecon.normalise import NormaliseConfig
from planrecon.normalise.profile import ColumnProfile, profile_columns
from planrecon.normalise.reading import map_table, proposal_lines

__all__ = ["explain"]


def explain(paper_path: Path, config_dir: Path | None = None) -> str:
    """The explanation of one paper as text, one block per table."""
    config = NormaliseConfig.load(config_dir)
    paper = read_paper(paper_path, paper_path.parent)
    lines = [f"{paper.source_file}: {len(paper.tables)} table(s)"]
    lines += [f"  ! {issue.message}" for issue in paper.issues if issue.quarantine]
    for table in paper.tables:
        lines += [""] + _table(table, config)
    return "\n".join(lines)


def _table(table: Table, config: NormaliseConfig) -> list[str]:
    body = [row.cells for row in table.rows if row.kind is RowKind.DATA]
    headers = table.header_texts
    mapping = map_table(headers, body, config.synonyms, [c.spanned for c in table.header],
                        config.aliases)
    profiles = profile_columns(body, len(headers), config.aliases)
    sure = "confident" if mapping.confident else "not confident"
    caption = f" '{table.caption}'" if table.caption else ""
    out = [f"Table {table.index} ({table.unit}){caption}: {len(body)} data rows",
           f"  kind: {mapping.kind} ({sure}): {mapping.reason}"]
    shown = mapping.proposal or mapping.columns
    if mapping.proposal:
        out.append("  set aside; its columns would read:")
    for choice, profile in zip(shown, profiles, strict=False):
        heading = clean_text(choice.header) or "(blank)"
        suggested = f", {choice.suggested} if confirmed" if choice.suggested else ""
        out.append(f"    {heading} → {choice.field} ({choice.score:.2f}{suggested}): "
                   f"{choice.reason}")
        out.append(f"        cells: {_cells(profile)}")
    _, config_lines = proposal_lines(shown)
    config_lines += [c.confirm for c in shown if c.suggested and c.confirm]
    if config_lines:
        out.append("  to confirm, add to config/columns.yaml:")
        out += [f"    {line}" for line in dict.fromkeys(config_lines)]
    return out


def _cells(p: ColumnProfile) -> str:
    """The shares that say something about a column, largest first."""
    if not p.filled:
        return "empty"
    shares = {"dates": p.dates, "owners": p.owners, "RAG": p.rags, "status words": p.statuses,
              "short codes": p.refs, "numbers": p.numbers, "dated updates": p.updates}
    said = [f"{v:.0%} {k}" for k, v in sorted(shares.items(), key=lambda kv: -kv[1]) if v >= 0.1]
    said.append(f"mean {p.mean_length:.0f} characters, {p.unique:.0%} distinct")
    return f"{p.filled} filled; " + ", ".join(said)
