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
