"""Shared paths: the repo's sample papers and the shared seeds and vectors beside the repo."""

import csv
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
"""CI replays the same examples every run, so a landing never hangs on a lucky draw;
developers' runs keep drawing new ones and so keep finding new bugs."""

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "sample_inputs"
VECTORS = SHARED / "vectors"


def vector_rows(name: str) -> list[dict[str, str]]:
    """Rows of one of the shared hand-checked vector files (never edited, never skipped)."""
    with open(VECTORS / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def copy_samples(names: list[str], inbox: Path) -> Path:
    """A fresh inbox holding copies of some sample papers, under their own folders."""
    for name in names:
        (inbox / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / name, inbox / name)
    return inbox


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def seed_text():
    def read(prefix: str) -> str:
        return next((SHARED / "seeds").glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    """The whole pipeline once on the sample papers, shared by the end-to-end tests."""
    from planrecon.pipeline import run

    out = tmp_path_factory.mktemp("out")
    return run(SAMPLES, out), out
