"""Row assembly of unruled PDF tables: lines wrapped in a cell stay one cell."""

from __future__ import annotations

import pytest

from planrecon.ingest.pdf_geometry import words_to_lines
from planrecon.ingest.pdf_rows import block_to_table

HEIGHT = 8.0
WIDTH = 5.0
"""Points per character: words far apart enough to be cells, close enough to be a phrase."""


def _words(x: float, top: float, text: str) -> list[dict]:
    out = []
    for part in text.split():
        out.append({"text": part, "x0": x, "x1": x + WIDTH * len(part), "top": top,
                    "bottom": top + HEIGHT})
        x += WIDTH * (len(part) + 1)
    return out


def _table(placed: list[tuple[float, float, str]]):
    from planrecon.ingest.pdf_geometry import line_to_segments

    words = [w for x, top, text in placed for w in _words(x, top, text)]
    block = [line_to_segments(ln) for ln in words_to_lines(words)]
    return block_to_table(1, block)


def _texts(table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def test_wrapped_lines_under_a_top_aligned_row_join_its_cells():
    # rows padded apart (gap 6 between rows, 2 between a cell's lines)
    table = _table([
        (10, 0, "Ref"), (60, 0, "Action"), (300, 0, "Owner"),
        (10, 16, "1.1"), (60, 16, "Agree the plan with"), (300, 16, "SPT and"),
        (60, 26, "providers"), (300, 26, "CSG"),
        (10, 42, "1.2"), (60, 42, "Review the budget"), (300, 42, "CB"),
    ])
    assert _texts(table) == [
        ["Ref", "Action", "Owner"],
        ["1.1", "Agree the plan with providers", "SPT and CSG"],
        ["1.2", "Review the budget", "CB"],
    ]
    assert len(table.row_tops) == 3


def test_rows_printed_flush_and_centred_are_told_apart_by_the_reference_column():
    # no padding: the action cells of two rows follow at the leading; each row's
    # reference sits at its middle
    table = _table([
        (60, 0, "Agree the plan"), (10, 5, "1.1"), (300, 5, "SPT"),
        (60, 10, "with providers"),
        (60, 20, "Review the"), (10, 25, "1.2"), (300, 25, "CB"),
        (60, 30, "budget"),
    ])
    assert _texts(table) == [
        ["1.1", "Agree the plan with providers", "SPT"],
        ["1.2", "Review the budget", "CB"],
    ]


def test_lines_at_one_spacing_throughout_stay_rows_of_their_own():
    # no gap wider than the leading anywhere: spacing is no evidence of wrapping
    table = _table([
        (10, 0, "1.1"), (60, 0, "Agree the plan"), (300, 0, "SPT"),
        (10, 10, "1.2"), (60, 10, "Review the budget"), (300, 10, "CB"),
        (60, 20, "Report to Cabinet"), (300, 20, "SPT"),
    ])
    assert _texts(table) == [
        ["1.1", "Agree the plan", "SPT"],
        ["1.2", "Review the budget", "CB"],
        ["", "Report to Cabinet", "SPT"],
    ]


def test_list_items_wrapped_in_a_cell_are_joined_with_semicolons():
    table = _table([
        (10, 0, "1.1"), (60, 0, "• Agree the plan"), (300, 0, "SPT"),
        (60, 10, "• Review the"),
        (60, 20, "budget"),
        (10, 36, "1.2"), (60, 36, "Report to Cabinet"), (300, 36, "CB"),
    ])
    assert _texts(table)[0] == ["1.1", "Agree the plan; Review the budget", "SPT"]
    assert len(table.rows) == 2


def test_flush_one_line_rows_stay_rows_where_another_row_is_wrapped():
    # statistics rows one line each at the leading; a section row further down gives
    # spacing evidence, and each line filling the row-starting columns starts a row
    table = _table([
        (10, 0, "Pupils"), (200, 0, "0.3"), (260, 0, "0.6"),
        (10, 10, "Teachers"), (200, 10, "0.8"), (260, 10, "1.4"),
        (10, 20, "Graduates"), (200, 20, "1.0"), (260, 20, "1.5"),
        (10, 44, "Degrees"), (200, 44, "1.7"), (260, 44, "2.6"),
        (10, 54, "Men"), (200, 54, "1.7"), (260, 54, "3.0"),
    ])
    assert _texts(table) == [
        ["Pupils", "0.3", "0.6"], ["Teachers", "0.8", "1.4"], ["Graduates", "1.0", "1.5"],
        ["Degrees", "1.7", "2.6"], ["Men", "1.7", "3.0"],
    ]


def _tight(placed: list[tuple[float, float, str]]):
    """A table in a real font's proportions: a word space of 2.2 points, narrower than a
    character, and the owners set only 5 points right of the actions (less than a cell
    edge's usual gap)."""
    from planrecon.ingest.pdf_geometry import line_to_segments

    words = []
    for x, top, text in placed:
        for part in text.split():
            words.append({"text": part, "x0": x, "x1": x + 4.0 * len(part), "top": top,
                          "bottom": top + HEIGHT})
            x += 4.0 * len(part) + 2.2
    block = [line_to_segments(ln) for ln in words_to_lines(words)]
    return block_to_table(1, block)


ACTIONS = [("Agree the joint plans with", "providers"), ("Review the budgets for all",
                                                               "support"),
           ("Consult tenants on the new", "charter"), ("Publish a directory of all", "services")]
"""First lines wrapped at one width (22 letters, 5 words), as a narrow column wraps them."""
OWNERS = ["SPT and CSG", "Finance Team", "Tenant Panel", "Comms Unit"]
EDGE = 60 + 4.0 * 22 + 2.2 * 4 + 5
"""Where the owner column starts: 5 points right of the first line of every action."""


def _tight_rows(title: str = "") -> list[tuple[float, float, str]]:
    """Ref | Action | Owner | Due, each action wrapped over two lines, the rows padded apart."""
    placed = [(10, -20, title)] if title else []
    placed += [(10, 0, "Ref"), (60, 0, "Action"), (EDGE, 0, "Owner"), (260, 0, "Due")]
    for k, ((first, second), owner) in enumerate(zip(ACTIONS, OWNERS, strict=True), 1):
        top = 24.0 * k - 8
        placed += [(10, top, f"1.{k}"), (60, top, first), (60, top + 10, second),
                   (EDGE, top, owner), (260, top, f"Mar 0{k}")]
    return placed


def test_columns_set_closer_than_a_cell_edge_are_parted_by_the_white_between_them():
    table = _tight(_tight_rows())
    assert _texts(table) == [["Ref", "Action", "Owner", "Due"]] + [
        [f"1.{k}", f"{a} {b}", o, f"Mar 0{k}"]
        for k, ((a, b), o) in enumerate(zip(ACTIONS, OWNERS, strict=True), 1)]


def test_a_title_across_the_table_does_not_join_the_columns_it_crosses():
    table = _tight(_tight_rows("Supporting People Action Plan 2007 position at June 2007"))
    assert [c.text for c in table.rows[-1]][1:3] == [" ".join(ACTIONS[-1]), OWNERS[-1]]


def test_the_spaces_of_one_column_of_prose_do_not_part_it():
    placed = [(10, 0, "Ref"), (60, 0, "Action")] + [
        p for k, (a, b) in enumerate(ACTIONS, 1)
        for p in [(10, 24.0 * k - 8, f"1.{k}"), (60, 24.0 * k - 8, f"{a} {b}")]]
    table = _tight(placed)
    assert _texts(table)[1:] == [[f"1.{k}", f"{a} {b}"] for k, (a, b) in enumerate(ACTIONS, 1)]


PITCH = 10.4
"""Line pitch of the centred tables below: 8-point lines, 2.4 points of leading."""
WORDS = ("review agree publish consult the plan budget charter with for tenants all new "
         "providers support services board").split()


def _centred_table(seed: int, top_aligned: bool = False, sections: bool = False):
    """Ref | Action | Owner | Due, rows flush (no padding), each cell's lines centred in
    its row (or set at its top): actions of one to three lines, owners of one or two; with
    `sections`, a section row before the third, its name wrapped in the ref column."""
    import random

    rng = random.Random(seed)
    placed, rows, y = [], [], 0.0
    for k in range(1, rng.randrange(4, 9)):
        if sections and k == 3:
            placed += [(10, y, "Section"), (10, y + PITCH, "two")]
            rows.append(["Section two", "", "", ""])
            y += 2 * PITCH
        cells = {"ref": [f"{k}.{rng.randrange(1, 9)}"],
                 "action": [" ".join(rng.sample(WORDS, 4)) for _ in range(rng.randrange(1, 4))],
                 "owner": [" ".join(rng.sample(WORDS, 2)).title()
                           for _ in range(rng.randrange(1, 3))],
                 "due": [f"Mar 0{rng.randrange(6, 10)}"]}
        height = max(map(len, cells.values())) * PITCH
        for x, role in zip((10, 60, 300, 420), cells, strict=True):
            lines = cells[role]
            first = y if top_aligned else y + (height - len(lines) * PITCH) / 2
            placed += [(x, first + n * PITCH, text) for n, text in enumerate(lines)]
        rows.append([" ".join(cells[r]) for r in cells])
        y += height
    return placed, rows


@pytest.mark.parametrize("sections", [False, True])
@pytest.mark.parametrize("seed", range(8))
def test_rows_printed_flush_and_centred_are_found_from_their_middles(seed, sections):
    placed, rows = _centred_table(seed, sections=sections)
    assert _texts(_table(placed)) == rows


@pytest.mark.parametrize("seed", range(4))
def test_the_walk_from_the_middles_leaves_top_aligned_rows_to_the_spacing(seed):
    from planrecon.ingest.pdf_centred import centred_rows
    from planrecon.ingest.pdf_geometry import line_to_segments, segments_to_columns

    placed, _ = _centred_table(seed, top_aligned=True)
    words = [w for x, top, text in placed for w in _words(x, top, text)]
    block = [line_to_segments(ln) for ln in words_to_lines(words)]
    from planrecon.ingest.pdf_rows import _placed

    assert centred_rows(block, _placed(block, segments_to_columns(block))) is None


def test_the_last_rows_wrapped_text_stays_and_a_paragraph_under_the_table_does_not():
    """Its wrapped line is wider than any line of its column above, but crosses no other."""
    from planrecon.ingest.pdf_geometry import lines_to_blocks

    placed = [(10, 0, "Ref"), (60, 0, "Action"), (300, 0, "Owner"),
              (10, 16, "1.1"), (60, 16, "Agree the plan"), (300, 16, "SPT"),
              (10, 32, "1.2"), (60, 32, "Review the budget with"), (300, 32, "CSG"),
              (60, 42, "providers and the voluntary sector")]
    under = [(10, 52, "The panel is asked to note the progress made since the last meeting")]
    for paragraph, rows in (([], 4), (under, 4)):
        words = [w for x, top, text in placed + paragraph for w in _words(x, top, text)]
        blocks = lines_to_blocks(words_to_lines(words))
        assert [len(b) for b in blocks] == [rows]
        assert blocks[0][-1][0].text == "providers and the voluntary sector"


def test_a_cell_run_up_to_the_next_column_is_parted_where_that_columns_texts_start():
    """A sheet printed without clipping: three actions run on to a space before the owner
    column, so their lines read as one segment; the owners all start at one x, and two
    lines show that x as a cell's start."""
    rows = [("1.1", "Agree the joint planning for", "SPT"), ("1.2", "Review budgets", "CSG"),
            ("1.3", "Audit the joint planning for", "Providers"),
            ("1.4", "Publish directory", "SP Team"), ("1.5", "Brief the joint planning for", "CB")]
    owner_x = 60 + 4.0 * 24 + 2.2 * 4 + 2.5  # a space and a bit after the three long ones
    placed = [(10, 0, "Ref"), (60, 0, "Action"), (owner_x, 0, "Owner")]
    for k, (ref, action, owner) in enumerate(rows, 1):
        placed += [(10, 16.0 * k, ref), (60, 16.0 * k, action), (owner_x, 16.0 * k, owner)]
    assert _texts(_tight(placed))[1:] == [list(r) for r in rows]


def test_words_of_prose_starting_at_one_x_do_not_part_a_column():
    placed = [(10, 0, "Ref"), (60, 0, "Action"), (300, 0, "Owner")]
    for k, word in enumerate(["plan", "bids", "fees", "data"], 1):
        placed += [(10, 16.0 * k, f"1.{k}"), (60, 16.0 * k, f"Review the {word} annually"),
                   (300, 16.0 * k, "SPT")]
    assert [row[1] for row in _texts(_tight(placed))[1:]] == [
        f"Review the {w} annually" for w in ["plan", "bids", "fees", "data"]]


def test_blank_rows_do_not_pass_for_the_line_pitch_of_a_centred_table():
    """Steps between lines of 5.2 (centred) and 10.4 (wrapped) points, and three blank rows
    of 20.8: the pitch is the wrapped lines' step, however many blank rows there are."""
    from planrecon.ingest.pdf_centred import _slots
    from planrecon.ingest.pdf_geometry import line_to_segments

    tops = [0, 10.4, 15.6, 20.8, 41.6, 62.4, 83.2, 93.6]
    words = [w for top in tops for w in _words(10, top, "text")]
    block = [line_to_segments(ln) for ln in words_to_lines(words)]
    assert _slots(block)[1] == 10.4


def _sectioned_table(seed: int, lists: bool):
    """Action | Owner | Due under a one-line header, rows flush and centred, and no ref
    column to mark the rows: one-line section names between them, in the action column
    alone; actions wrapped to the column's width over one to three lines or, with `lists`,
    a lead-in line and its "- " items, each line with room to spare."""
    import random
    import textwrap

    rng = random.Random(seed)
    width = 46  # characters across the action column (x 10 to 250)
    placed = [(10, 0, "Action"), (280, 0, "Owner"), (420, 0, "Due")]
    rows, y = [["Action", "Owner", "Due"]], PITCH
    for k in range(1, rng.randrange(5, 9)):
        if rng.random() < 0.4:
            name = f"{k}. {' '.join(rng.sample(WORDS, 3)).capitalize()}"
            placed.append((10, y, name))
            rows.append([name, "", ""])
            y += PITCH
        if lists and rng.random() < 0.5:
            items = [" ".join(rng.sample(WORDS, 3)) for _ in range(rng.randrange(2, 4))]
            action = ["To include:", *(f"- {item}" for item in items)]
            text = "; ".join(["To include:", *items])
        else:
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(2, 20)))
            action = textwrap.wrap(text, width)
        cells = [action, [" ".join(rng.sample(WORDS, 2)).title()
                          for _ in range(rng.randrange(1, 3))], [f"Mar 0{rng.randrange(6, 10)}"]]
        height = max(map(len, cells)) * PITCH
        for x, lines in zip((10, 280, 420), cells, strict=True):
            first = y + (height - len(lines) * PITCH) / 2
            placed += [(x, first + n * PITCH, line) for n, line in enumerate(lines)]
        rows.append([text, " ".join(cells[1]), cells[2][0]])
        y += height
    return placed, rows


@pytest.mark.parametrize("lists", [False, True])
@pytest.mark.parametrize("seed", range(12))
def test_section_names_between_centred_rows_stay_rows_of_their_own(seed, lists):
    """No column has text on every row, so the walk from the due dates' middles passes over
    the header and each section name; a line that ends with room to spare ends its cell,
    unless the next line is a list item."""
    placed, rows = _sectioned_table(seed, lists)
    assert _texts(_table(placed)) == rows
