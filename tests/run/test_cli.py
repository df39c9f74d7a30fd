"""Issue 12: the console script's options, its log and its exit codes."""

import re
import subprocess
import sys

import pytest

from planrecon import __version__
from planrecon.cli import main
from tests.conftest import copy_samples

PAPER = "barnet-sp/forward-action-plan-2006-10.xlsx"
STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR) ")


@pytest.fixture
def inbox(tmp_path):
    return copy_samples([PAPER], tmp_path / "inbox")


def _run(inbox, out, *more) -> int:
    return main(["run", "--inbox", str(inbox), "--out", str(out), "--quiet", *more])


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out == f"planrecon {__version__}\n"


def test_python_dash_m_runs_the_same_command():
    shown = subprocess.run([sys.executable, "-m", "planrecon", "run", "--help"],
                           capture_output=True, text=True, check=True).stdout
    assert shown.startswith("usage: planrecon run")
    for option in ("--inbox", "--out", "--quiet", "--verbose", "--no-cache", "--strict"):
        assert re.search(rf"^  (?:{option}|.*, {option})\b.*\w", shown, re.M), option
    for code in range(4):
        assert re.search(rf"^  {code}  \w", shown, re.M), code


def test_done_is_0_and_the_log_is_added_to_with_times(inbox, tmp_path):
    out = tmp_path / "out"
    assert _run(inbox, out) == 0
    first = (out / "planrecon.log").read_text(encoding="utf-8").splitlines()
    assert _run(inbox, out, "--no-cache") == 0
    both = (out / "planrecon.log").read_text(encoding="utf-8").splitlines()
    assert both[:len(first)] == first and len(both) > len(first)
    assert all(STAMP.match(line) for line in both)
    assert sum(f"planrecon {__version__} run --inbox" in line for line in both) == 2


def test_set_aside_papers_exit_1_only_when_strict(inbox, tmp_path):
    (inbox / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    out = tmp_path / "out"
    assert _run(inbox, out) == 0
    assert _run(inbox, out, "--strict") == 1  # nothing changed: told from quarantine.csv
    assert _run(inbox, out, "--strict", "--no-cache") == 1
    (inbox / "broken.xlsx").unlink()
    assert _run(inbox, out, "--strict") == 0


def test_wrong_officer_files_exit_2_with_no_traceback(inbox, tmp_path, capsys):
    (inbox / "plans.yaml").write_text("papers:\n  - file: '*.xlsx'\n    versoin: Q1\n",
                                      encoding="utf-8")
    assert _run(inbox, tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "plans.yaml, line 3, papers[1].versoin: unknown key 'versoin'" in err
    assert "versoin" in (tmp_path / "out" / "planrecon.log").read_text(encoding="utf-8")


def test_bad_arguments_exit_2(capsys):
    with pytest.raises(SystemExit) as done:
        main(["run", "--inbx", "papers"])
    assert done.value.code == 2 and "--inbx" in capsys.readouterr().err


def test_nothing_produced_exits_3(tmp_path, inbox, capsys):
    assert _run(tmp_path / "no-such-inbox", tmp_path / "out") == 3
    (tmp_path / "a-file").write_text("not a folder")
    assert _run(inbox, tmp_path / "a-file") == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and "output folder cannot be written" in err


def _warned_pdf(path):
    """A PDF whose page box is not numbers: pdfminer warns "Invalid MediaBox" as it reads."""
    import re as _re

    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(60, 8, "Review the plan")
    data = bytes(pdf.output())
    box = _re.search(rb"/MediaBox \[([^\]]*)\]", data)
    path.write_bytes(data.replace(box[0], b"/MediaBox [" + b"x" * len(box[1]) + b"]"))


@pytest.mark.parametrize("quiet", [True, False])
def test_what_a_library_logs_while_a_worker_reads_goes_to_the_run_log(tmp_path, capfd, quiet):
    """Papers are read in worker processes; their libraries' warnings reach the run's log,
    named by paper, and the screen only as --quiet allows."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _warned_pdf(inbox / "box.pdf")
    out = tmp_path / "out"
    main(["run", "--inbox", str(inbox), "--out", str(out), *(["--quiet"] if quiet else [])])
    screen = capfd.readouterr().err
    assert ("Invalid MediaBox" in screen) is not quiet
    assert "box.pdf: Invalid MediaBox" in (out / "planrecon.log").read_text(encoding="utf-8")
