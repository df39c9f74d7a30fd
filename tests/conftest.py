"""Shared paths: the repo's sample papers and its copies of the seeds and vectors.

`tests/data/vectors/` and `tests/data/seeds/` are byte-for-byte copies of the
project's hand-checked vectors and seed extractions, so the suite runs on a
fresh clone with nothing beside it; `test_data_copies` checks they still match
the originals whenever `../shared` is there.
"""

import csv
import functools
import os
import pickle
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import TypeVar

import pandas as pd
import pytest
from filelock import FileLock
from hypothesis import settings
from xdist.scheduler import LoadScopeScheduling

from planrecon.ingest import Paper, read_paper
from planrecon.ingest import convert as convert_module

settings.register_profile("ci", derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
"""CI replays the same examples every run, so a landing never hangs on a lucky draw;
developers' runs keep drawing new ones and so keep finding new bugs."""

WHOLE_RUNS = {"e2e"}
"""Folders whose tests run the whole pipeline over papers: marked `slow`, which the quick
developer run (`make quick`) leaves out and `make test` keeps. So is any test that reads
the whole run of the sample papers (`sample_run`, below) wherever it lives."""


def pytest_collection_modifyitems(items):
    for item in items:
        if (WHOLE_RUNS & set(item.path.parent.relative_to(TESTS).parts)
                or "sample_run" in item.fixturenames):
            item.add_marker(pytest.mark.slow)


class LongestFirst:
    """`make test` over every core (`--dist loadscope`): each test module stays on one worker
    as xdist keeps it, but the modules are handed out longest first, as long as each took
    the last time it ran (its tests' setup, call and teardown summed, kept in pytest's
    cache), so that no long module starts last while the other workers stand idle. Modules
    not yet timed go after, in xdist's own order. Runs in the controlling process only."""

    KEY = "planrecon/module-seconds"

    def __init__(self, config):
        self.cache = config.cache
        self.seconds = dict(self.cache.get(self.KEY, {}))
        self.timed: dict[str, float] = {}

    def pytest_runtest_logreport(self, report):
        scope = report.nodeid.rsplit("::", 1)[0]  # xdist's: a module, or a class in one
        self.timed[scope] = self.timed.get(scope, 0.0) + report.duration

    def pytest_sessionfinish(self):
        self.cache.set(self.KEY, {**self.seconds, **self.timed})

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_make_scheduler(self, config, log):
        if config.getvalue("dist") == "loadscope":
            return _LongestScopeFirst(config, log, self.seconds)
        return None


class _LongestScopeFirst(LoadScopeScheduling):
    def __init__(self, config, log, seconds: dict[str, float]):
        super().__init__(config, log)
        self.seconds = seconds

    def _assign_work_unit(self, node):
        longest = max(self.workqueue, key=lambda scope: self.seconds.get(scope, 0.0))
        self.workqueue.move_to_end(longest, last=False)
        super()._assign_work_unit(node)


def pytest_configure(config):
    if hasattr(config, "workerinput"):
        os.environ[SESSION_FOLDER] = str(Path(config.option.basetemp).parent)
    elif getattr(config, "cache", None) is not None:
        config.pluginmanager.register(LongestFirst(config), "longest-first")


REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
SHARED = REPO.parent / "shared"
"""The project's shared folder beside the repo: only the tests that need what the repo
does not carry (the peer benchmark, real council papers, the originals of the copies)
look here, and they skip when it is absent."""
SAMPLES = REPO / "sample_inputs"
DATA = REPO / "tests" / "data"
VECTORS = DATA / "vectors"
SEEDS = DATA / "seeds"


def vector_rows(name: str) -> list[dict[str, str]]:
    """Rows of one of the hand-checked vector files (never edited, never skipped)."""
    with open(VECTORS / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def output_csv(path: Path) -> pd.DataFrame:
    """One of the CSVs a run wrote, read as the contract writes it (UTF-8 with a BOM),
    every cell as text."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


SESSION_FOLDER = "PLANRECON_TESTS_SHARED"
"""Names, in the environment of an xdist worker, the folder every process of the session
shares (the workers' common basetemp). In the environment, not a global, because the test
modules import this file as `tests.conftest` while pytest holds it as `conftest`."""


T = TypeVar("T")


def made_once(name: str, make: Callable[[], T]) -> T:
    """`make()`, made once for the whole test session and read back by every process that
    asks: under xdist the first worker to ask makes it under a file lock in the folder the
    workers share, and the others wait for it and unpickle it (the pytest-xdist way; a sample
    PDF takes seconds of pdfminer, a whole run of the samples ten). What it gives is
    read-only: no test may change it, in whichever worker."""
    if SESSION_FOLDER not in os.environ:  # one process: nothing to share
        return make()
    path = Path(os.environ[SESSION_FOLDER]) / "made-once" / f"{name}.pickle"
    path.parent.mkdir(exist_ok=True)
    with FileLock(f"{path}.lock"):
        if not path.is_file():
            path.write_bytes(pickle.dumps(make()))
    return pickle.loads(path.read_bytes())


@functools.cache
def _read_sample(name: str) -> Paper:
    return made_once(f"paper-{name.replace('/', '-')}",
                     lambda: read_paper(SAMPLES / name, SAMPLES))


def sample_paper(name: str | PurePath) -> Paper:
    """A sample paper as `read_paper` reads it from `sample_inputs/`, read once for the whole
    session (`made_once`): several modules check the same papers. Read-only: normalise
    leaves the papers it is given as they were, and no test may change one."""
    return _read_sample(PurePath(name).as_posix())


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
        return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    """The whole pipeline once on the sample papers, shared by the end-to-end tests and by
    every xdist worker (`made_once`): two papers read at once (`--jobs 2`), which test_bounds
    holds to one at a time. Its outputs folder is read-only as well."""
    from planrecon.pipeline import run

    shared = os.environ.get(SESSION_FOLDER)
    out = (Path(shared) if shared else tmp_path_factory.mktemp("sample-run")) / "sample-run-out"
    return made_once("sample-run", lambda: run(SAMPLES, out, jobs=2)), out


def soffice_save_as(source: Path, fmt: str, out_dir: Path) -> Path:
    """The paper saved by LibreOffice in another format, as an officer's colleague would
    send it: a legacy .doc or .xls, or a PDF printed from it."""
    profile = (out_dir / "profile").as_uri()
    subprocess.run([convert_module.libreoffice(), f"-env:UserInstallation={profile}",
                    "--headless", "--convert-to", fmt, "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True, timeout=120)
    return out_dir / f"{source.stem}.{fmt}"


needs_libreoffice = pytest.mark.skipif(
    convert_module.libreoffice() is None,
    reason="LibreOffice is not installed: planrecon reads legacy .doc papers through it "
           "(README), and these tests make their papers with it (legacy .doc/.xls copies, "
           "a PDF printed from a Word paper)")
