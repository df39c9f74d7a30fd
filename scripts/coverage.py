"""How much of the sample papers normalisation understood (issue 4's figures).

Due cells: the share parsed to a date or a definite kind (anything but
`unparsed`); owner cells: the share whose every owner is a known name in the
alias config. Copies of a paper in another format are counted once.
"""

from __future__ import annotations

from pathlib import Path

from planrecon.normalise.owners import default_aliases, is_known
from planrecon.pipeline import run

REPO = Path(__file__).resolve().parents[1]


def coverage(samples: Path, out: Path) -> dict:
    actions = run(samples, out, use_cache=False).report.actions
    actions = actions[actions["copy_of"] == ""]
    due = actions[actions["due_raw"] != ""]
    owners = actions[actions["owner_raw"] != ""]
    aliases = default_aliases()
    known = owners["owners"].map(
        lambda names: bool(names) and all(is_known(n, aliases) for n in names))
    unparsed = due[due["due_kind"] == "unparsed"]
    unknown = sorted({n for names in owners["owners"] for n in names
                      if not is_known(n, aliases)})
    return {
        "due_cells": len(due), "due_understood": 1 - len(unparsed) / max(len(due), 1),
        "owner_cells": len(owners), "owners_known": known.mean() if len(owners) else 1.0,
        "unparsed": sorted(set(unparsed["due_raw"])), "unknown_owners": unknown,
        "kinds": actions["due_kind"].value_counts().to_dict(),
    }


def print_coverage(samples: Path, out: Path) -> None:
    c = coverage(samples, out)
    print(f"  due cells: {c['due_cells']}, parsed to a date or definite kind: "
          f"{100 * c['due_understood']:.1f}%   kinds: {c['kinds']}")
    print(f"  owner cells: {c['owner_cells']}, every owner a known name: "
          f"{100 * c['owners_known']:.1f}%")
    print("  unparsed due cells: " + ("; ".join(repr(u) for u in c["unparsed"]) or "none"))
    print("  owners not in the alias config: " + ("; ".join(c["unknown_owners"]) or "none"))
