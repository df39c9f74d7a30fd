"""Shared paths: the repo's sample papers and the shared seeds and vectors beside the repo."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "sample_inputs"


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
