"""Make the next two years' performance indicator tables of Halton's Health & Partnerships
service plan (2009-12 and 2010-13) from the 2008-11 seed, with the changes recorded in a
file the tests read.

    .venv/bin/python -m scripts.build_next_plans [--seeds DIR] [--out DIR] [--no-pdf]

The 2008-11 plan prints, per PI, the 2006/7 actual, the 2007/8 target and actual, and
targets for 08/09, 09/10 and 10/11 across the top. Each later plan prints the same PIs a
year on: the actual of the year before last, the target and actual of the year just
ended (the year an earlier plan set a target for), a traffic light and a direction of
travel for that year, and targets for the next three years.

What each indicator prints unless the record says otherwise: the year's target and
actual are both the target the plan before set for it (met exactly), its actual of the
year before is the one the plan before printed (or that year's target where it printed
none), its targets ahead are the plan before's, the last repeating the one before it,
its traffic light is Green when it met a figure and blank otherwise, and no direction.

The record, ``tests/data/made_plans/halton_changes.csv``, has one row per indicator that
changes in a paper: ``paper`` (2009-12 or 2010-13), ``key`` (the start of the
indicator's description in the seed, or of a new indicator's own), ``new_ref`` (empty:
as before), ``after`` (a new indicator: the key it follows), and the texts that differ
from the default: ``description``, ``previous``, ``target`` (``-`` when the paper prints
none), ``actual``, ``rag``, ``direction``, ``ahead`` (three targets, ``;``-separated);
a row with no actual drops the indicator. ``expected_flags`` are the flags
``indicator_changes.csv`` should carry, ``why`` says why. Like ``build_samples``, the
PDFs need LibreOffice; the papers written are committed.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from scripts.samples.docxkit import (
    grid_table,
    header_merges,
    landscape,
    new_document,
    page_number_footer,
    para,
    set_core,
)
from scripts.samples.halton import AUTHOR, HEAD_FILL
from scripts.samples.package import docx_to_pdf, save_docx
from scripts.samples.seedtext import read_seed

REPO = Path(__file__).resolve().parents[1]
RECORD = REPO / "tests" / "data" / "made_plans" / "halton_changes.csv"
PAPERS = {"2009-12": 2009, "2010-13": 2010}
"""Each made plan and the year it starts (April)."""
FIRST = 2008
"""The seed plan's first year: its targets across the top are for 08/09, 09/10, 10/11."""
RAG_FILLS = {"green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE"}
ARROWS = {"2010-13": {"Improving": "▲", "Worsening": "▼", "Same": "►"}}
"""Plans that print their direction of travel as arrows, not words (the record keeps the
word: what the arrow says)."""
_MARKUP = re.compile(r"</?u>")


def paper_path(name: str) -> Path:
    return Path("halton") / f"service-plan-{name}.pdf"


def fy(end: int, short: bool = False) -> str:
    """The financial year ending in March of `end`: '2008/09', or '08/09' when short."""
    return f"{end - 1 - 2000:02d}/{end - 2000:02d}" if short else f"{end - 1}/{end % 100:02d}"


@dataclass
class Indicator:
    key: str
    ref: str
    description: str
    corporate: str
    quartiles: list[str]
    actuals: dict[int, str] = field(default_factory=dict)
    """Financial year (by the year it ends) → actual as printed."""
    targets: dict[int, str] = field(default_factory=dict)
    rag: str = ""
    direction: str = ""
    section: str = ""


def read_record(path: Path = RECORD) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def seed_indicators(lines: list[str]) -> list[Indicator]:
    """The PIs of the seed's tables, in order, each with its section; a row the seed shows
    cut by a page break ('... per whole' / 'time equivalent social worker') made whole."""
    found: list[Indicator] = []
    in_table, skip, section = False, False, ""
    for line in lines:
        if line.startswith("Ref ¹"):
            in_table, skip = True, True
            continue
        if skip:
            skip = False
            continue
        if in_table and not line.strip():
            in_table = False
        if not in_table:
            continue
        cells = line.split("\t") + [""] * 12
        if cells[0].strip() and not any(c.strip() for c in cells[1:]):
            section = cells[0].strip()
            continue
        if not cells[0].strip():
            found[-1].description += " " + cells[1].strip()
            continue
        (ref, text, corporate, a06, top, mid, low, t07, a07, t08, t09, t10) = cells[:12]
        found.append(Indicator(
            key=text, ref=_MARKUP.sub("", ref).strip(), description=text.strip(),
            corporate=corporate, quartiles=[top, mid, low],
            actuals={2007: a06, 2008: a07},
            targets={2008: t07, 2009: t08, 2010: t09, 2011: t10}, section=section))
    for ind in found:
        ind.key = ind.description
    return found


def _is_figure(text: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(?:\.\d+)?", text.strip()))


def _find(indicators: list[Indicator], key: str) -> int:
    at = [i for i, ind in enumerate(indicators) if ind.key.startswith(key)]
    if len(at) != 1:
        raise ValueError(f"{key!r} names {len(at)} indicators")
    return at[0]


def next_plan(before: list[Indicator], start: int, changes: list[dict[str, str]]
              ) -> list[Indicator]:
    """The indicators of the plan starting in April of `start` (reporting the year ending
    March `start`), from the plan before and the record's rows for this plan."""
    year = start
    out = []
    for ind in before:
        target = ind.targets.get(year, "")
        last = ind.actuals.get(year - 1, "")
        if not _is_figure(last):
            last = ind.targets.get(year - 1, last)
        ahead = {y: ind.targets.get(y, "") for y in (year + 1, year + 2)}
        ahead[year + 3] = ahead[year + 2]
        met = _is_figure(target)
        out.append(replace(ind, actuals={year - 1: last, year: target},
                           targets={year: target, **ahead},
                           rag="Green" if met else "", direction=""))
    for change in changes:
        if change["after"]:
            continue
        i = _find(out, change["key"])
        if not change["actual"]:
            del out[i]
            continue
        out[i] = _changed(out[i], change, year)
    for change in (c for c in changes if c["after"]):
        new = Indicator(key=change["description"], ref=change["new_ref"],
                        description=change["description"], corporate="CP6 AOF32",
                        quartiles=["N/A"] * 3, section=out[_find(out, change["after"])].section)
        out.insert(_find(out, change["after"]) + 1, _changed(new, change, year))
    return out


def _changed(ind: Indicator, change: dict[str, str], year: int) -> Indicator:
    actuals, targets = dict(ind.actuals), dict(ind.targets)
    actuals[year] = change["actual"]
    if change["previous"]:
        actuals[year - 1] = change["previous"]
    if change["target"]:
        targets[year] = "" if change["target"] == "-" else change["target"]
    if change["ahead"]:
        targets.update(zip((year + 1, year + 2, year + 3), change["ahead"].split(";"),
                           strict=True))
    return replace(ind, ref=change["new_ref"] or ind.ref,
                   description=change["description"] or ind.description, actuals=actuals,
                   targets=targets, rag=change["rag"] or ind.rag,
                   direction=change["direction"] or ind.direction)


def made_plans(seed_dir: Path, record: list[dict[str, str]] | None = None
               ) -> dict[str, list[Indicator]]:
    """Paper name → its indicators: the seed plan ('2008-11') and each made plan."""
    record = read_record() if record is None else record
    plans = {"2008-11": seed_indicators(read_seed(seed_dir, "004_"))}
    before = plans["2008-11"]
    for name, start in PAPERS.items():
        before = plans[name] = next_plan(before, start, [c for c in record if c["paper"] == name])
    return plans


def _rows(indicators: list[Indicator], year: int, arrows: dict[str, str]
          ) -> tuple[list[list[str]], dict, list]:
    head = [
        ["Ref ¹", "Description", "Corp. Plan Priority", f"Halton {fy(year - 1)} Actual",
         f"{fy(year - 1)} Quartiles (All England)", "", "", f"Halton {fy(year)} Target",
         f"Halton {fy(year)} Actual", f"{fy(year)} Traffic Light", "Direction of Travel",
         "Halton Targets", "", ""],
        ["", "", "", "", "Top", "Middle", "Bottom", "", "", "", "",
         *(fy(y, short=True) for y in (year + 1, year + 2, year + 3))],
    ]
    rows, fills, sections = list(head), {}, []
    section = None
    for ind in indicators:
        if ind.section != section:
            section = ind.section
            sections.append(len(rows))
            rows.append([section] + [""] * 13)
        rows.append([ind.ref, ind.description, ind.corporate, ind.actuals.get(year - 1, ""),
                     *ind.quartiles, ind.targets.get(year, ""), ind.actuals.get(year, ""),
                     ind.rag, arrows.get(ind.direction, ind.direction),
                     *(ind.targets.get(y, "") for y in (year + 1, year + 2, year + 3))])
        if ind.rag.lower() in RAG_FILLS:
            fills[(len(rows) - 1, 9)] = RAG_FILLS[ind.rag.lower()]
    return rows, fills, sections


def build_docx(indicators: list[Indicator], name: str, start: int, path: Path) -> dict:
    when = dt.datetime(start - 1, 12, 12, 9, 0)
    title = (f"Health & Partnerships Service Plan April {start} to March {start + 3}: "
             "Performance Indicators and Targets")
    doc = new_document(size=10)
    landscape(doc.sections[0])
    set_core(doc, title, AUTHOR, when, subject=f"Service Plan {name}")
    page_number_footer(doc.sections[0])
    para(doc, "SERVICE PLAN", style="Title", align=1)
    para(doc, f"April {start} to March {start + 3}", size=16, bold=True, align=1)
    para(doc, "Health & Partnerships", size=12, bold=True, align=1)
    para(doc, "5.2 Performance Indicators and Targets", style="Heading 2")
    para(doc, f"The table reports each indicator's actual for {fy(start)} against the target "
              f"set for it, its traffic light and direction of travel, and the targets for "
              f"the next three years.")
    rows, fills, sections = _rows(indicators, start, ARROWS.get(name, {}))
    merges = header_merges(rows[:2]) + [(r, 0, r, 13) for r in sections]
    fills.update({(r, 0): "F2F2F2" for r in sections})
    widths = [1.5, 6.3, 1.5, 1.5, 1.2, 1.2, 1.2, 1.5, 1.5, 1.6, 1.7, 1.2, 1.2, 1.2]
    grid_table(doc, rows, widths, size=8, header_rows=2, header_fill=HEAD_FILL, merges=merges,
               fills=fills, cell_margin_cm=0.1, col_align={c: 1 for c in range(3, 14)})
    para(doc, "¹ Key Indicators are identified by an underlined reference in bold type.",
         size=8)
    save_docx(doc, path, when)
    return {"indicators": len(indicators), "when": when}


def build(seed_dir: Path, out_dir: Path, pdf: bool = True) -> dict:
    plans = made_plans(seed_dir)
    report = {}
    for name, start in PAPERS.items():
        target = out_dir / paper_path(name)
        with tempfile.TemporaryDirectory(prefix="planrecon-samples-") as tmp:
            docx_path = Path(tmp) / target.with_suffix(".docx").name
            stats = build_docx(plans[name], name, start, docx_path)
            if pdf:
                docx_to_pdf(docx_path, target, stats["when"])
                stats["bytes"] = target.stat().st_size
        report[paper_path(name).as_posix()] = stats
    return report


def main(argv: list[str] | None = None) -> int:
    from scripts.build_samples import parse_args, print_built

    args = parse_args(__doc__.splitlines()[0], argv)
    return print_built(build(args.seeds, args.out, pdf=not args.no_pdf))


if __name__ == "__main__":
    sys.exit(main())
