"""Generalisation, not memory: the sample plans' actions re-laid and re-rendered in ways
no sample paper shows (issue 14). In every family, each format with a cell grid the reader
can see (xlsx, docx, odt, csv, ruled PDF) must keep action recall, owner accuracy and due
accuracy at 0.95 or better, and so must a sheet printed by LibreOffice with gridlines off.
PDFs drawn with no ruling reach 0.95 in every family in `make bench` (eight variants a
family), but on the four a family here two Hertfordshire layouts with no ref column keep
them at 0.91 to 1.00: they are held to a floor under that, so they cannot get worse unseen.

Deselect with `-m "not variants"`. The figures per family and format: `make bench`.
"""

from __future__ import annotations

import re

import pytest
import yaml

from planrecon.normalise.columns import DEFAULTS
from tests.variants import truth
from tests.variants.families import FAMILIES, variants
from tests.variants.render import RENDERERS, SKIP_REASON, available
from tests.variants.score import measure
from tests.variants.thesaurus import THESAURUS

pytestmark = pytest.mark.variants

BAR = 0.95
PER_FAMILY = 4
"""Variants per family and format: one per sample plan, to keep the suite under a minute."""
FORMATS = ["xlsx", "docx", "odt", "csv", "pdf-ruled", "pdf-unruled"]
UNRULED_FLOOR = {"pdf-unruled": 0.90}
"""Under the lowest figure an unruled PDF gives today on these variants: 0.91 (dropped,
owner)."""
PRINTED = {"reordered", "extra"}
"""Families whose first variant is also printed by LibreOffice (a few seconds each)."""


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9£#]+", text.casefold()))


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return [node] if isinstance(node, str) else []


def test_thesaurus_is_not_product_vocabulary():
    vocabulary = {_words(s) for s in _strings(yaml.safe_load(DEFAULTS.read_text("utf-8")))}
    assert len(vocabulary) > 50, "the product vocabulary was not read"
    clashes = {h for headings in THESAURUS.values() for h in headings
               if _words(h) in vocabulary}
    assert not clashes


@pytest.mark.skipif(not truth.SEEDS.is_dir(), reason="the seed texts (beside the repo, "
                    "where the sample builders read them) are not here to rebuild the truth")
def test_truth_is_what_the_seeds_give():
    assert truth.TRUTH_FILE.read_text("utf-8") == truth.to_json(truth.build(truth.SEEDS))


def test_families_are_deterministic_and_keep_the_truth_printed():
    plans = truth.load()
    for family in FAMILIES:
        first, again = variants(family, plans, 2), variants(family, plans, 2)
        assert first == again
        for grid in first:
            assert grid.actions and "action" in grid.roles
            assert {"owner", "due"} & set(grid.roles)
            column = grid.roles.index("action")
            printed = [row[column] for row in grid.rows[grid.head:]]
            assert all(a.action in printed for a in grid.actions), grid.name


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_generalises(family):
    plans = truth.load()
    grids = variants(family, plans, PER_FAMILY)
    failures = []
    formats = FORMATS + (["pdf-libreoffice"] if family in PRINTED else [])
    for fmt in formats:
        if not available(fmt):
            print(f"{fmt} skipped: {SKIP_REASON[fmt]}")
            continue
        tally = measure(grids[:1] if fmt == "pdf-libreoffice" else grids, fmt)
        assert tally.actions > 0, fmt
        bar = UNRULED_FLOOR.get(fmt, BAR)
        figures = {"recall": tally.recall, "owner": tally.owner_accuracy,
                   "due": tally.due_accuracy}
        failures += [f"{fmt} {name} {value:.2f} < {bar}" for name, value in figures.items()
                     if value is not None and value < bar]
    assert RENDERERS
    assert not failures, f"{family}: " + "; ".join(failures)
