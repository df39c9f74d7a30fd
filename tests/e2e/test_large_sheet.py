"""A 50,000-row action plan is read whole: every row becomes an action, none is lost.

Read and normalised as a worker does it (`workers.read_and_normalise`) and validated as the
run does (`normalise.combine`), without a whole run:
reconciling and writing that many actions is timed by `make bench` (`scripts.large_papers`,
`scripts.bench_workbook`), not repeated here on every test run.
"""

from planrecon import workers
from planrecon.normalise import NormaliseConfig, combine
from scripts.hostile_papers import big_sheet

ROWS = 50_000


def test_a_50000_row_sheet_is_read_whole(tmp_path):
    big_sheet(tmp_path / "large-action-plan.xlsx", ROWS)
    read = workers.read_and_normalise(workers._read_one, tmp_path / "large-action-plan.xlsx",
                                      tmp_path, "", NormaliseConfig.load())
    normalised = combine([read.reading])
    actions = normalised.actions
    assert not read.paper.quarantined and not normalised.issues
    assert len(actions) == ROWS
    assert actions["ref"].iloc[[0, -1]].tolist() == ["1.1", "500.100"]
    assert actions["owners"].iloc[-1] == ("Commissioning Team",)
