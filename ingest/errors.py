"""The small exception tree for what stops a paper from being read.

Readers raise these with a message an officer can act on; `read_paper` turns
them into a quarantine `Issue`, so one bad paper never stops the run.
"""

from __future__ import annotations

from .model import IssueCode


class PlanreconError(Exception):
    """Base of every error planrecon raises on purpose."""


class FormatError(PlanreconError):
    """The paper cannot be read as the format it claims or appears to be."""

    def __init__(self, message: str, code: IssueCode = IssueCode.UNREADABLE,
                 machine: bool = False):
        super().__init__(message)
        self.code = code
        self.machine = machine
        """The machine, not the paper, is at fault (`Issue.machine`)."""
