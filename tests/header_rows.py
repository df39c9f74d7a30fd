"""Real header rows of the seed papers' tables, transcribed from the seeds.

`headers.csv` in the shared vectors lists each header text once per paper; the mapping
decides from a whole row, so the tests need the rows each text really sits in. Cells
are prepared like the vectors (markup removed, whitespace collapsed); `test_columns`
checks every row and label against the seed text, so nothing here is invented.

`rows` are the printed header rows, top first; the labels of the rows beneath a
spanning header follow the top row (see `SeedTable.headers`). `labels` are header texts
printed as row labels: Halton's objective form, a heat map's axis, a staffing list.
`kind` is what the table is: "action", "indicator", or "other" (not extracted).
"""

from __future__ import annotations

from dataclasses import dataclass

BARNET_FAP = "Barnet SP Forward Action Plan (October 2006)"
BARNET_Q1 = "Barnet SP 2006/7 Action Plan, Quarter 1 progress"
HERTS = "Hertfordshire SP Action Plan 2007"
KENT_0809 = "Kent SP Annual Plan 2008-09 update (July 2009)"
KENT_0910 = "Kent SP draft Annual Plan 2009-10 (July 2009)"
BARNET_Q2 = "Barnet Adults & Communities Q2 2014/15 performance report"
HALTON = "Halton Health & Partnerships Service Plan 2008-11 (draft 14.12.07)"

SEEDS = {
    BARNET_FAP: "000_f3ab42182cd81022.txt",
    BARNET_Q1: "000_f3ab42182cd81022.txt",
    HERTS: "001_b48256a3c51fb84b.txt",
    KENT_0809: "002_6f024eddf1cecb48.txt",
    KENT_0910: "002_6f024eddf1cecb48.txt",
    BARNET_Q2: "003_57bdba1638d81254.txt",
    HALTON: "004_1279756db383b518.txt",
}


@dataclass(frozen=True)
class SeedTable:
    document: str
    name: str
    kind: str
    rows: tuple[tuple[str, ...], ...] = ()
    labels: tuple[str, ...] = ()

    @property
    def headers(self) -> list[str]:
        """The header cells handed to `map_columns`: the top row as printed, then the
        labels of the rows beneath it, then the row labels. A blank top cell that a row
        beneath labels is left out, so each column is passed once."""
        top, *below = self.rows or ((),)
        labelled = {i for row in below for i, c in enumerate(row) if c}
        kept = [c for i, c in enumerate(top) if c or i not in labelled]
        return [*kept, *(c for row in below for c in row if c), *self.labels]


_KPI_COLUMNS = (
    "Indicator Description Measure of how successful the Council is towards meeting the "
    "strategic objectives as set out in the Corporate Plan",
    "Period Covered Timeframe data has been measured",
    "Previous Results Previous result from the most relevant period",
    "Target Achievement level expected",
    "Numerator and Denominator Relevant number that achieved the level required by the "
    "indicator out of total for indicator",
    "Result Most recent result of the indicator measurement",
    "Target Variance A calculation of how far the outturn is from the target",
    "DoT An assessment of whether performance has improved since the previous results",
    "Benchmarking How performance compared to other councils",
)
_KPI_OUTCOME = tuple(
    c.replace("the outturn is", "the outcome is") for c in _KPI_COLUMNS
)
_HERTS = (
    "Actions", "Outcomes", "Start Date", "End Date", "Resource",
    "Supporting People Strategy Sept 2007", "Audit Commission Inspection May 2006",
    "HCC Corporate Promises, LAA, Health Targets, District Borough Council and Probation "
    "Targets",
    "KLoE", "Evidence", "Traffic Light", "Comments",
)
_RISK_SUB = ("", "Impact", "Probability", "Rating", "", "", "", "Impact", "Probability", "Rating")

TABLES: tuple[SeedTable, ...] = (
    SeedTable(BARNET_FAP, "forward action plan", "action", (
        ("Ref", "Theme", "Actions to Achieve Objectives", "Who by", "When by",
         "Progress & Comments"),)),
    SeedTable(BARNET_Q1, "2006/7 action plan, Q1 progress", "action", (
        ("Ref", "Topic", "KLOE", "ACTIONS TO ACHIEVE OBJECTIVES", "Who by", "When by",
         "QUARTER 1 - PROGRESS & COMMENTS"),)),
    # The header row is printed one cell left of the data on most pages (a trailing
    # blank) and with a leading blank on one page.
    SeedTable(HERTS, "action plan, usual header", "action", ((*_HERTS, ""),)),
    SeedTable(HERTS, "action plan, shifted header", "action", (("", *_HERTS),)),
    SeedTable(KENT_0809, "appendix 1", "action", (
        ("Annual Objective", "Task", "Measurable Outcome", "Action", "Progress", "Target Date"),)),
    SeedTable(KENT_0910, "appendix 2", "action", (
        ("Annual Objective", "Task", "Measurable Outcome", "Action",
         "Related to 5-Year Objective", "Target Date"),)),
    SeedTable(BARNET_Q2, "1.1 delivery unit dashboard", "other", (
        ("Revenue budget projected year end variance £000", "Capital actual variance £000",
         "Corporate Plan Performance", "Management Agreement Performance"),)),
    SeedTable(BARNET_Q2, "2.1 corporate plan indicators", "indicator", (
        ("CPI NO", *_KPI_COLUMNS),)),
    SeedTable(BARNET_Q2, "2.2 interventions", "indicator", (
        ("CPI NO and title", "Comments and Proposed Intervention violence"),)),
    SeedTable(BARNET_Q2, "3.1 management agreement overview", "other", (
        ("Total No. of KPIs", "RAG ratings", "", "", "", "Positive/neutral DoT", "Negative DoT",
         "No. of indicators expected to report this quarter"),
        ("", "Green", "Green Amber", "Red Amber", "Red", "", "", ""))),
    SeedTable(BARNET_Q2, "3.2.1 commissioning priorities", "action", (
        ("Commissioning Priority", "Subjective RAG", "Commentary"),)),
    SeedTable(BARNET_Q2, "3.2.2 commissioning plan indicators", "indicator", (
        ("CP NO", *_KPI_COLUMNS),)),
    SeedTable(BARNET_Q2, "3.2.2 interventions", "indicator", (
        ("CP NO", "Comments and Proposed Intervention"),)),
    SeedTable(BARNET_Q2, "3.3 key performance indicators", "indicator", (
        ("KPI NO", *_KPI_COLUMNS),)),
    SeedTable(BARNET_Q2, "3.3 interventions", "indicator", (
        ("KPI NO and title", "Comments and Proposed Intervention"),)),
    SeedTable(BARNET_Q2, "4.1 revenue", "other", (
        ("Description", "Variations", "", "", "", "Comments", "% Variation of revised budget", ""),
        ("", "Original Budget", "Budget V1", "Q2 Forecast", "Variation", "", "", ""),
        ("", "£000", "£000", "£000", "£000", "", "", ""))),
    SeedTable(BARNET_Q2, "4.2 capital", "other", (
        ("", "2014/15 Latest Approved Budget", "Additions/ (Deletions) - Quarter 2",
         "(Slippage) / Accelerated Spend - Quarter 2", "2014/15 Budget (including Quarter 2)",
         "Forecast to year-end", "Variance from Approved Budget",
         "% slippage of 2014/15 Approved Budget"),
        ("", "£000", "£000", "£000", "£000", "£000", "£000", "%"))),
    SeedTable(BARNET_Q2, "5.1 managing the business", "action", (("Headline", "Commentary"),)),
    SeedTable(BARNET_Q2, "5.2 change projects", "action", (
        ("Project", "Outturn", "Direction of Travel", "Commentary"),)),
    SeedTable(BARNET_Q2, "5.3 risk heat map", "other", (("SCORE", "", "IMPACT", "", "", "", ""),),
              labels=("PROBABILITY",)),
    SeedTable(BARNET_Q2, "5.3 risk register", "other", (
        ("Risk", "Current Assessment", "", "", "Control Actions", "Risk Status",
         "Board Assurance (timing)", "Target Assessment", "", ""), _RISK_SUB)),
    SeedTable(BARNET_Q2, "5.3 risk register, continued", "other", (
        ("Risk", "Current Assessment Impact Probability Rating", "", "", "Control Actions",
         "Risk Status", "Board Assurance (timing)", "Target Assessment Impact Probability Rating",
         "", ""),)),
    SeedTable(BARNET_Q2, "5.4 equalities", "other", (
        ("Equalities description", "Comments and Proposed Intervention"),)),
    SeedTable(BARNET_Q2, "5.5 customer experience", "other", (
        ("Comments and Proposed Intervention",),)),
    SeedTable(BARNET_Q2, "appendix: commissioning priorities indicators", "indicator", (
        ("CP NO", *_KPI_COLUMNS),)),
    SeedTable(BARNET_Q2, "appendix: key performance indicators", "indicator", (
        ("KPI NO", *_KPI_OUTCOME),)),
    SeedTable(HALTON, "2.3 organisation structure", "other", (("", "FTE Posts"),),
              labels=("Planning & Commissioning", "Finance", "Business Support",
                      "Consumer Protection")),
    SeedTable(HALTON, "4.0 resource requirements by year", "other", (
        ("Year", "Planning & Commissioning", "Finance", "Business Support",
         "Consumer Protection"),)),
    # Each service objective is printed as a form: labelled rows, the milestone grid,
    # then the risk rows. These are its labels in reading order.
    SeedTable(HALTON, "service objective form", "action", labels=(
        "Corporate Priority:", "Key Area (s) Of Focus:", "Service Objective:", "Key Milestones",
        "Responsible Officer", "Risk Assessment", "Initial", "Residual", "Linked Indicators")),
    SeedTable(HALTON, "key milestones grid", "action", (
        ("", "Key Milestones", "Responsible Officer"),)),
    SeedTable(HALTON, "key milestones grid, shifted header", "action", (
        ("Key Milestones", "", "Responsible Officer", "", ""),)),
    SeedTable(HALTON, "performance indicators", "indicator", (
        ("Ref ¹", "Description", "Corp. Plan Priority", "Halton 2006/7 Actual",
         "2006/07 Quartiles (All England)", "", "", "Halton 2007/8 Target",
         "Halton 2007/8 Actual", "Halton Targets", "", ""),
        ("", "", "", "", "Top", "Middle", "Bottom", "", "", "08/09", "09/10", "10/11"))),
    SeedTable(HALTON, "housing strategy targets", "indicator", (
        ("Ref", "Description", "Government Targets"),)),
    SeedTable(HALTON, "consumer protection targets", "indicator", (("Ref", "Description/"),)),
    SeedTable(HALTON, "equality impact high priority actions", "action", (
        ("Strategy/Policy/Service", "Impact Assessment (High/Low/None)", "Proposed Action(s)",
         "Timetable", "", "", "Officer Responsible"),
        ("", "", "", "2008/9", "2009/10", "2010/11", ""))),
)
