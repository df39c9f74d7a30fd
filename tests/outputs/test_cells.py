"""Cells as the workbook shows them: owners and flags arrive as tuples and are shown as one
line of text, and a cell is highlighted only when its value changed."""

import pandas as pd

from planrecon.outputs.cells import Column, display, prepare

NEW_OWNERS = Column("new_owners", "New owners", compare="old_owners")


def _changes(pairs) -> pd.DataFrame:
    return pd.DataFrame({"old_owners": [old for old, _ in pairs],
                         "new_owners": [new for _, new in pairs]})


def test_owners_highlighted_only_when_they_changed():
    frame = _changes([
        ((), ("Providers",)),  # first owner named: nothing was there to change
        (("CSG",), ("Providers",)),
        (("CSG", "Providers"), ("CSG", "Providers")),
        (("CSG",), ()),  # the owner left: an empty cell is not highlighted
    ])
    assert prepare(frame, NEW_OWNERS).formats == ["text", "changed", "text", "text"]


def test_lists_read_as_one_line():
    assert display(NEW_OWNERS, ("CSG", "Providers")) == "CSG; Providers"
    assert display(NEW_OWNERS, ()) == ""
    flags = Column("flags", "What changed", "flags")
    assert display(flags, ("owner_changed", "slipped")) == "owner changed, slipped"
    assert prepare(_changes([(("CSG",), ("CSG", "Providers"))]), NEW_OWNERS).values == [
        "CSG; Providers"]
