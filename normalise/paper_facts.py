"""What reconciliation needs to know of each paper, stamped here so it never reads a `Paper`.

A paper's as-of date, its title and cover lines and the plan period its tables speak
of decide which version of which plan its actions are. They are read once, here, into
a frame of one row per paper (`paper_facts`) and onto every action and indicator row
(`version_date`, `plan_period`); reconciliation works from those frames alone.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import pandas as pd

from planrecon.ingest import Paper
from planrecon.ingest.periods import FINANCIAL_YEAR, clean, tokens

PAPER_COLUMNS = ["source_file", "format", "title", "as_of", "as_of_text", "as_of_from",
                 "heading"]
HEADING_LINES = 4
"""Title and cover lines that head a paper, before its first sentence."""
COVER_LINE_WORDS = 12
"""A longer line is a sentence of the paper, not a line of its cover."""


def plan_period(text: str) -> str:
    """The period a caption or title says its plan covers, as printed without spaces.

    `Annual Plan 2008-09` -> `2008-09`, `Q1 2006/7 progress` -> `2006/7`, `Strategy
    2008 - 2019` -> `2008-2019` (a range of calendar years); else ''. Read by the one
    period grammar, so `2008-19` (neither 2008/09 nor 2008-2019) is no plan period, as
    it is no due date.
    """
    cleaned = clean(text or "")
    for tok in tokens(cleaned):
        period, words = tok.period, cleaned[tok.begin:tok.end]
        if period is None:
            continue
        if period.kind == "quarter":
            year = FINANCIAL_YEAR.search(words)
            if year:
                return year.group().replace(" ", "")
        elif period.kind == "financial_year" or (period.kind == "year" and period.ranged):
            return words.replace(" ", "")
    return ""


def heading(paper: Paper) -> str:
    """The lines that name a paper: its title, its cover lines and its file name."""
    cover = [line for line in paper.text.splitlines()[:HEADING_LINES]
             if len(line.split()) <= COVER_LINE_WORDS]
    stem = PurePosixPath(paper.source_file).stem.replace("_", " ")
    return "\n".join([paper.title, *cover, stem])


def paper_facts(papers: list[Paper]) -> pd.DataFrame:
    """One row per paper: its name, format, title, as-of date (a date, or None) with the
    words it was read from and where, and its heading lines."""
    rows = [{
        "source_file": p.source_file, "format": p.format, "title": p.title, "as_of": p.as_of,
        "as_of_text": p.as_of_text, "as_of_from": p.as_of_from, "heading": heading(p),
    } for p in papers]
    return pd.DataFrame(rows, columns=PAPER_COLUMNS)
