"""What the fork server that starts the workers loads before it forks any (`workers._context`).

A worker forked from the server starts with all of this already in memory, in milliseconds,
instead of importing it for seconds: the code a worker runs, every reader with the library
it reads its format with (readers are otherwise imported when their first paper arrives),
and pandera's validation backends, which pandera loads on its first validation (a second
or more; more again where Dask is installed, whose types it registers too).
"""

import contextlib
import importlib

import pandas as pd

from planrecon import ingest, workers  # noqa: F401  (workers: what each worker runs)
from planrecon.normalise.schema import ACTION_ROW, INDICATOR_ROW, ActionsSchema, IndicatorsSchema

for reader in ingest.READERS.values():
    importlib.import_module(reader, ingest.__name__)
with contextlib.suppress(Exception):  # a warm-up that fails only leaves the workers slower:
    for schema, columns in ((ActionsSchema, ACTION_ROW), (IndicatorsSchema, INDICATOR_ROW)):
        schema.validate(pd.DataFrame(columns=columns))  # each worker validates for itself
