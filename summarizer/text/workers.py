"""How many analysis processes a machine runs: known before anything heavy is imported, so
the run's settings can default to it without loading the parser."""

from __future__ import annotations

import multiprocessing
import os

_MAX_WORKERS = 4


def default_workers() -> int:
    """Analysis processes to use here: one per core (at most 4), or 1 inside a daemon
    process such as a Dask worker, which may not start processes of its own."""
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, min(_MAX_WORKERS, os.cpu_count() or 1))
