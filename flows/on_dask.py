"""The daily-digest flow with its mapped stages (near-duplicate signatures, skim, term
counts, the deep analysis) on a Dask cluster, for a work-pool deployment: ``prefect.yaml``'s
``daily-dask``.

The scheduler's address is read where a worker loads the flow, from
``NEWSDIGEST_DASK_ADDRESS`` (``tcp://scheduler:8786``); unset, each run starts a LocalCluster
of 2 worker processes on the worker's machine. Needs ``pip install 'newsdigest[dask]'``.
"""

from __future__ import annotations

import os

from flows.daily_digest import daily_digest
from flows.runners import with_task_runner

DASK_ADDRESS_VARIABLE = "NEWSDIGEST_DASK_ADDRESS"

daily_digest_on_dask = with_task_runner(
    daily_digest, "dask", os.environ.get(DASK_ADDRESS_VARIABLE) or None
)
