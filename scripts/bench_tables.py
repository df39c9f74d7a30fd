"""Table benchmark: our readers against the shared peer-tables corpus, pdfplumber as the anchor.

Run from the repository root: `.venv/bin/python -m scripts.bench_tables [--runs 3]`.

Every PDF, DOCX and XLSX of the corpus goes through `ingest.read_raw`; each
document's tables are written as `<name>.json` (one candidate per table and
page, merged-cell repeats blanked so a merged text appears once) and scored
with the corpus' own `score_tables.py`. pdfplumber's default
`extract_tables()` runs over the same PDFs in the same process, file by file
next to ours, so the speed ratio is measured on the same machine under the
same load; which of the two reads a file first alternates by file and run, so
neither always gets the warmer caches or the quieter moment. Page counting is
the only thing left out of the timings.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from planrecon.ingest import read_raw
from planrecon.ingest.model import Table

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "peer_tables"
"""The project's peer corpus beside the repo (``../shared``); not shipped in the repo."""
SCORER = CORPUS.parent / "score_tables.py"
KINDS = (".pdf", ".docx", ".xlsx")
SCORE_RUNS = {
    "overall (all kinds)": [],
    "PDFs": ["--kind", "pdf"],
    "ICDAR": ["--glob", "icdar_*"],
    "DOCX+XLSX": ["--kind", "docx,xlsx"],
}
_PAGE = re.compile(r"^page (\d+)\b")
_F1 = re.compile(r"mean cell F1 ([\d.]+), exact-shape (\d+/\d+)")


def documents(corpus: Path) -> list[Path]:
    """Corpus documents that have expected tables, by name."""
    return sorted(
        p for p in corpus.iterdir()
        if p.suffix in KINDS and p.with_name(p.stem + ".expected.json").exists()
    )


def _sheet_positions(path: Path) -> dict[str, int]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {name: i for i, name in enumerate(wb.sheetnames, 1)}
    finally:
        wb.close()


def candidates(tables: list[Table], path: Path) -> list[dict]:
    """Scorer-shaped tables: PDF tables cut back into one candidate per page they cover."""
    sheets = _sheet_positions(path) if path.suffix == ".xlsx" else {}
    out: list[dict] = []
    for table in tables:
        rows = [["" if c.spanned else c.text for c in row] for row in table.grid]
        if path.suffix != ".pdf":
            out.append({"page": sheets.get(table.unit), "rows": rows})
            continue
        for row, locator in zip(rows, table.row_locators, strict=True):
            page = int(_PAGE.match(locator).group(1))
            if not out or out[-1]["page"] != page or out[-1]["table"] is not table:
                out.append({"page": page, "table": table, "rows": []})
            out[-1]["rows"].append(row)
    return [{k: v for k, v in t.items() if k != "table"} for t in out]


def page_count(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def run_ours(path: Path) -> tuple[float, list[dict] | None, str]:
    """(seconds, candidate tables or None, why not scored)."""
    start = time.perf_counter()
    try:
        _, extract = read_raw(path, path.name)
    except ImportError as exc:
        return 0.0, None, f"reader not available ({exc})"
    except Exception as exc:  # a reader failing is a result to report, not a crash
        return time.perf_counter() - start, [], f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - start
    return seconds, candidates(extract.tables, path), ""


def run_pdfplumber(path: Path) -> tuple[float, list[dict]]:
    import pdfplumber

    start = time.perf_counter()
    out = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for rows in page.extract_tables():
                out.append({"page": number, "rows": [[c or "" for c in r] for r in rows]})
    return time.perf_counter() - start, out


def score(results: Path, extra: list[str]) -> tuple[str, str]:
    """(mean cell F1, exact shape) from the scorer's final line."""
    done = subprocess.run(
        [sys.executable, str(SCORER), str(CORPUS), str(results), *extra],
        capture_output=True, text=True, check=False,
    )
    found = _F1.search(done.stdout)
    return (found.group(1), found.group(2)) if found else ("n/a", "n/a")


def write(folder: Path, name: str, tables: list[dict]) -> None:
    (folder / f"{name}.json").write_text(json.dumps({"tables": tables}), encoding="utf-8")


def _run_anchor(path: Path, keep: Path | None) -> float:
    """pdfplumber's seconds on one PDF; its tables written to `keep` when given."""
    seconds, tables = run_pdfplumber(path)
    if keep is not None:
        write(keep, path.stem, tables)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed repetitions (median kept)")
    parser.add_argument("--keep", type=Path, help="write results here instead of a temp folder")
    args = parser.parse_args(argv)
    if not (CORPUS.is_dir() and SCORER.is_file()):
        print("skipped: needs the peer-tables corpus and its scorer beside the repo, in "
              "../shared/bench/peer_tables and ../shared/bench/score_tables.py")
        return 0
    docs = documents(CORPUS)
    pdfs = [p for p in docs if p.suffix == ".pdf"]
    pages = {p: page_count(p) for p in pdfs}
    with tempfile.TemporaryDirectory() as tmp:
        ours_dir = args.keep or Path(tmp) / "ours"
        anchor_dir = Path(tmp) / "pdfplumber"
        ours_dir.mkdir(parents=True, exist_ok=True)
        anchor_dir.mkdir()
        not_scored: dict[str, str] = {}
        ours_times, anchor_times = [], []
        for run in range(args.runs):
            ours_total = anchor_total = 0.0
            for number, path in enumerate(docs):
                anchor_first = path.suffix == ".pdf" and (number + run) % 2 == 1
                if anchor_first:
                    anchor_total += _run_anchor(path, anchor_dir if run == 0 else None)
                seconds, tables, why = run_ours(path)
                if path.suffix == ".pdf":
                    ours_total += seconds
                if run == 0:
                    if tables is None:
                        not_scored[path.name] = why
                    else:
                        write(ours_dir, path.stem, tables)
                        if why:
                            not_scored[path.name] = f"failed, scored as empty: {why}"
                if path.suffix == ".pdf" and not anchor_first:
                    anchor_total += _run_anchor(path, anchor_dir if run == 0 else None)
            ours_times.append(ours_total)
            anchor_times.append(anchor_total)
        n_pages = sum(pages.values())
        ours_speed = n_pages / statistics.median(ours_times)
        anchor_speed = n_pages / statistics.median(anchor_times)
        print(f"{'scope':<22} {'ours F1':>8} {'shape':>7} {'pdfplumber F1':>14} {'shape':>7}")
        for label, extra in SCORE_RUNS.items():
            f1, shape = score(ours_dir, extra)
            a_f1, a_shape = score(anchor_dir, extra) if label != "DOCX+XLSX" else ("-", "-")
            print(f"{label:<22} {f1:>8} {shape:>7} {a_f1:>14} {a_shape:>7}")
        print(
            f"\nspeed over {len(pdfs)} PDFs / {n_pages} pages, median of {args.runs} runs: "
            f"ours {ours_speed:.1f} pages/s, pdfplumber default {anchor_speed:.1f} pages/s, "
            f"ratio ours/pdfplumber {ours_speed / anchor_speed:.2f}"
        )
        for name, why in sorted(not_scored.items()):
            print(f"not scored: {name}: {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
