"""How many processes and threads a machine's work is spread over: known before anything
heavy is imported, so the run's settings can default to it without loading the parser."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterable

_MAX_WORKERS = 4
"""Beyond this, each process's own copy of its imports (a model: ~250 MB) costs more memory
than the work gains; a large machine gets a Dask cluster instead."""


def _usable_cores() -> int:
    # The CPU set this process may run on (a container's cpuset or ``taskset``); a CPU quota
    # (``docker --cpus``) is not seen here, hence the cap below.
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def default_threads() -> int:
    """Threads for work that releases the interpreter: one per usable core, at most 4."""
    return max(1, min(_MAX_WORKERS, _usable_cores()))


def default_workers() -> int:
    """Worker processes to start here: one per usable core, at most 4, or 1 inside a daemon
    process such as a Dask worker, which may not start processes of its own."""
    if multiprocessing.current_process().daemon:
        return 1
    return default_threads()


def quiet_on_ctrl_c() -> None:
    """For a worker process: Ctrl-C reaches the whole process group, so a worker leaves at
    once and quietly (no traceback per worker); the parent, which gets it too, ends the run."""
    signal.signal(signal.SIGINT, lambda _signum, _frame: os._exit(1))


def preload_in_workers(modules: Iterable[str]) -> None:
    """Have the worker processes started from now on begin with ``modules`` imported: they
    are imported once, by the process that starts the workers (multiprocessing's
    forkserver), where each worker of each stage imported them again (1-1.5 s a worker).
    Only before this process's first worker starts; later it changes nothing."""
    multiprocessing.get_context("forkserver").set_forkserver_preload(list(modules))
