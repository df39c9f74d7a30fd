"""Every workbook format declared once, as xlsxwriter property dicts."""

from __future__ import annotations

FORMATS = {
    "title": {"bold": True, "font_size": 14},
    "note": {"italic": True, "font_color": "#595959", "text_wrap": False},
    "header": {"bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF", "text_wrap": True,
               "valign": "top", "border": 1},
    "text": {"text_wrap": True, "valign": "top"},
    "changed": {"text_wrap": True, "valign": "top", "bg_color": "#FFF2CC", "bold": True},
    "review": {"text_wrap": True, "valign": "top", "bg_color": "#FCE4D6"},
    "number": {"valign": "top", "num_format": "0"},
    "score": {"valign": "top", "num_format": "0.00"},
    "link": {"font_color": "#0563C1", "underline": 1, "valign": "top"},
    "count_link": {"font_color": "#0563C1", "underline": 1, "num_format": "0", "align": "center"},
    "count": {"num_format": "0", "align": "center"},
    "green": {"bg_color": "#C6EFCE", "font_color": "#006100", "valign": "top"},
    "amber": {"bg_color": "#FFEB9C", "font_color": "#9C5700", "valign": "top"},
    "red": {"bg_color": "#FFC7CE", "font_color": "#9C0006", "valign": "top"},
}

RAG_FORMAT = {"green": "green", "amber": "amber", "red": "red"}
"""RAG value → format name, for RAG and status cells."""
STATUS_RAG = {"complete": "green", "on_track": "green", "at_risk": "amber", "off_track": "red"}

WIDTHS = {
    "action": 50, "old_action": 45, "new_action": 45, "progress": 45, "section": 24,
    "description": 45, "message": 60, "why": 50, "columns": 60, "reason": 50, "caption": 40,
    "title": 40, "value": 30,
}
DEFAULT_WIDTH = 14
"""Column widths in characters; text wraps within them."""
