"""How many analysis processes a machine runs: known before anything heavy is imported, so
the run's settings can default to it without loading the parser."""

from __future__ import annotations

import multiprocessing
import os
import signal

_MAX_WORKERS = 4


def usable_cores() -> int:
    """Cores this process may run on (fewer than the machine's in a container or under
    ``taskset``); 1 inside a daemon process such as a Dask worker, which may not start
    processes of its own."""
    if multiprocessing.current_process().daemon:
        return 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def quiet_on_ctrl_c() -> None:
    """For a worker process: Ctrl-C reaches the whole process group, so a worker leaves at
    once and quietly (no traceback per worker); the parent, which gets it too, ends the run."""
    signal.signal(signal.SIGINT, lambda _signum, _frame: os._exit(1))


def default_workers() -> int:
    """Analysis processes to use here: one per usable core, at most 4."""
    return max(1, min(_MAX_WORKERS, usable_cores()))
