"""Every workbook format, label, colour and page setting declared once.

Sheets refer to formats by name only, so a colour or a width is changed here
and nowhere else. Colours are the Office "good / neutral / bad" pairs: dark
text on a light fill stays readable in print and in greyscale.
"""

from __future__ import annotations

_TOP = {"valign": "top"}
DATE_FORMAT = "d mmm yyyy"
"""Dates as a UK reader writes them (30 Jun 2006), stored as real dates so a column
sorts and filters by date in Excel."""
_WRAP = {"text_wrap": True, "valign": "top"}

FORMATS = {
    "title": {"bold": True, "font_size": 16, "font_color": "#1F3864"},
    "headline": {"bold": True, "font_size": 12, "text_wrap": True, "valign": "top"},
    "subtitle": {"bold": True, "font_size": 12, "font_color": "#1F3864"},
    "note": {"italic": True, "font_color": "#404040", "text_wrap": True, "valign": "top"},
    "header": {"bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF", "text_wrap": True,
               "valign": "top", "border": 1, "border_color": "#8EA9DB"},
    "group": {"bold": True, "bg_color": "#D9E1F2", "font_color": "#1F3864", "align": "center",
              "border": 1, "border_color": "#8EA9DB"},
    "text": _WRAP,
    "date": {**_TOP, "align": "left", "num_format": DATE_FORMAT},
    "changed": {**_WRAP, "bg_color": "#FFE699", "bold": True},
    "changed_date": {**_TOP, "align": "left", "bg_color": "#FFE699", "bold": True,
                     "num_format": DATE_FORMAT},
    "review": {**_WRAP, "bg_color": "#FCE4D6"},
    "number": {**_TOP, "num_format": "0"},
    "score": {**_TOP, "num_format": "0.00"},
    "link": {**_WRAP, "font_color": "#0563C1", "underline": 1},
    "count_link": {"font_color": "#0563C1", "underline": 1, "bold": True, "num_format": "0",
                   "align": "center", "border": 1, "border_color": "#D9D9D9"},
    "count": {"num_format": "0", "align": "center", "font_color": "#808080", "border": 1,
              "border_color": "#D9D9D9"},
    "count_plain": {"num_format": "0", "align": "center", "border": 1,
                    "border_color": "#D9D9D9"},
    "label": {"font_color": "#808080", "font_size": 9},
    "plan": {"bold": True, "valign": "top", "border": 1, "border_color": "#D9D9D9",
             "text_wrap": True},
    "cell": {"valign": "top", "border": 1, "border_color": "#D9D9D9", "text_wrap": True},
    "cell_date": {"valign": "top", "border": 1, "border_color": "#D9D9D9", "align": "left",
                  "num_format": DATE_FORMAT},
    "total_label": {"bold": True, "top": 2, "bottom": 1},
    "total": {"bold": True, "num_format": "0", "align": "center", "top": 2, "bottom": 1},
    "green": {**_TOP, "bg_color": "#C6EFCE", "font_color": "#006100"},
    "amber": {**_TOP, "bg_color": "#FFEB9C", "font_color": "#9C5700"},
    "red": {**_TOP, "bg_color": "#FFC7CE", "font_color": "#9C0006"},
}

RAG_FORMAT = {"green": "green", "amber": "amber", "red": "red"}
"""RAG value → format name."""
STATUS_RAG = {"complete": "green", "on_track": "green", "at_risk": "amber", "off_track": "red"}
"""Status → the RAG format its cell is coloured with."""

STATUS_LABELS = {
    "complete": "Complete", "on_track": "On track", "at_risk": "At risk",
    "off_track": "Off track", "not_started": "Not started", "rolled_over": "Rolled over",
    "unknown": "Not stated",
}
"""Contract status codes as officers read them; the order is the Summary's column order."""
STATUS_COLOURS = {
    "complete": "#548235", "on_track": "#A9D08E", "at_risk": "#FFC000", "off_track": "#C00000",
    "not_started": "#8EA9DB", "rolled_over": "#7030A0", "unknown": "#BFBFBF",
}
"""Chart series colours, one per status, close to the RAG fills of the cells."""
SLIP_COLOURS = ("#F4B183", "#C00000")
"""Slips of up to six months, and longer."""

WIDTHS = {
    "action": 48, "progress": 45, "section": 20, "description": 45, "message": 55, "why": 45,
    "columns": 55, "reason": 40, "caption": 35, "title": 40, "value": 25, "flags": 18,
    "plan_id": 15, "version": 15, "plan_version": 15, "owners": 22, "source_file": 36,
    "ref": 7, "due_date": 11, "original_due_date": 11, "version_date": 11, "status": 11,
    "rag": 7, "slip_days": 10, "match_score": 7, "review": 8, "code": 16, "due_raw": 14,
    "times_slipped": 8, "total_slip_days": 9, "baseline_version": 13, "due_kind": 9,
    "source_locator": 18, "locator": 18, "paper": 36, "table": 14, "kind": 12, "rows": 7,
    "records": 8, "column": 14,
    "quarantine": 10, "period": 14, "previous": 10, "target": 10, "result": 10,
    "variance": 10, "direction": 10, "benchmark": 12, "polarity": 24,
    "history": 24, "trend": 12,
}
"""Column widths in characters, keyed by the column without its old_/new_ prefix."""
DEFAULT_WIDTH = 14
NOTE_HEIGHT_PER_LINE = LINE_HEIGHT = 15
"""Points per wrapped line of 11-point text."""
MAX_LINES = 27
"""A row grows to this many lines at most: Excel's limit is 409 points."""

PAPER_A4, PAPER_A3 = 9, 8
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6}
"""Inches; room for the running header and footer."""
HEADER = "&L&\"-,Bold\"&A&R&8Action plan reconciliation, data as of {as_of}"
FOOTER = "&L&8planrecon&R&8Page &P of &N"
"""Sheet name and page numbers on every printed page; no print date, so two prints of
the same data are the same."""

TABLE_STYLE = "Table Style Light 9"
DATA_BAR = {"type": "data_bar", "bar_color": "#F4B183", "bar_solid": True,
            "bar_negative_color": "#A9D08E"}
"""Slip days: longer bars for longer slips; a date brought forward shows green to the left."""
