"""The repo's copies of the vectors and seeds are the project's originals, byte for byte.

The suite reads `tests/data/vectors/` and `tests/data/seeds/` so that it runs on a fresh
clone; this check keeps the copies honest wherever `../shared` sits beside the repo.
"""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS, SHARED, VECTORS

ORIGINALS = {"vectors": (SHARED / "vectors", VECTORS, "*"),
             "seeds": (SHARED / "seeds", SEEDS, "*.txt")}


@pytest.mark.parametrize("kind", ORIGINALS)
def test_copies_are_byte_identical_to_the_originals(kind):
    original, copy, pattern = ORIGINALS[kind]
    if not original.is_dir():
        pytest.skip(f"../shared/{kind} is not beside the repo: "
                    "nothing to compare the copies in tests/data with")
    names = sorted(p.name for p in original.glob(pattern) if p.is_file())
    assert names, f"no {pattern} files in {original}"
    assert sorted(p.name for p in copy.glob(pattern) if p.is_file()) == names
    changed = [n for n in names if (original / n).read_bytes() != (copy / n).read_bytes()]
    assert not changed, f"copies in tests/data/{kind} differ from ../shared/{kind}: {changed}"
