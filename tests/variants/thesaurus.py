"""Headings no council paper in sample_inputs prints, for the roles a plan's columns play.

This list lives only here, never in the product's vocabulary (normalise/defaults): the
suite measures whether planrecon finds the right columns under headings it was never told
about. `tests/normalise/test_layout_variants.py` checks that none of these is a product synonym.
"""

from __future__ import annotations

THESAURUS: dict[str, tuple[str, ...]] = {
    "ref": ("No.", "Item", "Number", "#", "Line"),
    "section": ("Priority", "Aim", "Area of work", "Outcome sought", "Workstream"),
    "action": ("What will happen", "What we will do", "Job to do", "Planned work", "Intervention",
               "Deliverable", "What needs doing", "Steps to be taken"),
    "owner": ("Lead person", "Who is responsible", "Accountable", "Named lead", "Led by",
              "Responsible person", "Officer", "Owned by"),
    "due": ("By what date", "When", "Target completion", "Finish by", "Date due",
            "To be done by", "Expected completion", "Complete by"),
    "progress": ("How are we doing", "Latest position", "Current position",
                 "Position at quarter end", "Where we are now", "Remarks"),
}
"""Role -> headings a plan could print for it (phrases and questions)."""
