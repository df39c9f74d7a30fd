"""What the word-processor readers (.docx, .odt) keep while they walk a document's body.

Both read paragraphs and tables in document order; a table's caption is the label/value
box drawn just above it, else the nearest paragraph above that is more than a bare
"(continued)".
"""

from __future__ import annotations

import re

from .model import Table

CONTINUED = re.compile(r"^\W*(continued|cont['’]?d)\W*$", re.IGNORECASE)
"""A bare "(continued)" line says nothing about the table; the caption is further up."""


class BodyReader:
    """The body read so far: its paragraphs' text, its tables, and the box just read."""

    def __init__(self, source_file: str, styles):
        self.source_file = source_file
        self.styles = styles
        self.texts: list[str] = []
        self.tables: list[Table] = []
        self.box = ""
        """The last value of a label/value box just read, while nothing but tables follows it."""

    def caption(self) -> str:
        """A label/value box straight above, else the nearest paragraph above."""
        return self.box or next((t for t in reversed(self.texts) if not CONTINUED.match(t)), "")
