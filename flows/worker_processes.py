"""Worker processes for the mapped stages whose work is Python (``Stage.holds_interpreter``:
sign, skim, count) on the thread runner.

Threads share one interpreter, so those batches gain nothing side by side in threads. While a
stage is mapped, a pool of processes (one per usable core, at most one per batch) is open, the
runner submits a batch's task when a worker is free, and the task hands its work to it and
waits: the task stays a Prefect task (its state, time limit and log lines), and the cores
work in parallel. The pool is closed when the stage ends, so its processes hold no memory
while the day is clustered. A worker imports only the
stage's function (a module of ``summarizer.group``, 1.5–2 s), never Prefect.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from summarizer.text.workers import quiet_on_ctrl_c, usable_cores

# Prefect copies the flow thread's context into each task thread it starts.
_OPEN: ContextVar[ProcessPoolExecutor | None] = ContextVar("worker_processes", default=None)


@contextmanager
def worker_processes(batches: int) -> Iterator[int]:
    """Within the block, ``in_worker`` runs work in a pool of processes when more than one
    batch and more than one core make that worth starting them (~1.5 s); the block is given
    how many (0: none). Leaving it (after a failed batch too) waits for the batches running."""
    count = min(batches, usable_cores())
    if count < 2:
        yield 0
        return
    # forkserver, not fork: the parent runs threads (Prefect's among them), and forking a
    # threaded process can copy a held lock into the child.
    pool = ProcessPoolExecutor(
        count, mp_context=multiprocessing.get_context("forkserver"), initializer=quiet_on_ctrl_c
    )
    token = _OPEN.set(pool)
    try:
        yield count
    finally:
        _OPEN.reset(token)
        pool.shutdown(cancel_futures=True)


def in_worker() -> Callable[..., Any] | None:
    """How a task of the open pool's stage runs its work (``call(work, **inputs)``); None
    outside ``worker_processes``, or when no pool was worth opening: run it in the task."""
    pool = _OPEN.get()
    return None if pool is None else lambda work, **inputs: pool.submit(work, **inputs).result()
