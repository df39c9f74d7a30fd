"""Issue 15: the seeded mutant fuzz run (`scripts.mutants`, `scripts.fuzz_run`) stops no run
and loses no page in silence. `make bench` runs all 270 mutants; here a seeded subset in
every format, read through the console command as an officer runs it."""

from __future__ import annotations

import pytest

from scripts.fuzz_run import fuzz
from scripts.mutants import pick

SUBSET = 18


@pytest.fixture(scope="module")
def subset():
    return pick(SUBSET)


@pytest.fixture(scope="module")
def outcome(subset, tmp_path_factory):
    return fuzz(subset, tmp_path_factory.mktemp("fuzz"))


def test_the_subset_holds_every_format(subset):
    assert {m.name.split("/")[0] for m in subset} == {"pdf", "xlsx", "docx", "ods", "odt", "csv"}


def test_the_run_finishes_with_exit_0(outcome):
    assert outcome.code == 0


def test_every_mutant_is_read_or_set_aside_with_a_reason(subset, outcome):
    assert outcome.unaccounted == []
    assert sorted(outcome.read + outcome.set_aside) == sorted(m.name for m in subset)
    assert outcome.read and outcome.set_aside  # both kinds judged


def test_no_pdf_page_is_lost_without_a_line(outcome):
    assert outcome.lost_without_line == []
    # a PDF mutant read with pages lost (not only set aside): the page lines were judged
    assert set(outcome.lost_with_line) & set(outcome.read)
