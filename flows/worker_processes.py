"""Worker processes for the mapped stages whose work is Python (``Stage.holds_interpreter``:
sign, skim, count) on the thread runner.

Threads share one interpreter, so those batches gain nothing side by side in threads. While a
stage is mapped, a pool of processes (one per usable core, at most one per batch) is open, the
runner submits a batch's task when a worker is free, and the task hands its work to it and
waits: the task stays a Prefect task (its state, time limit and log lines), and the cores
work in parallel. The pool is closed when the stage ends, so its processes hold no memory
while the day is clustered; when a batch fails or runs out of time, the batches still running
are stopped at once. A worker imports the stage's module (``summarizer.group``: 1.5–3 s, the
skim's language check brings spaCy's word lists), never Prefect; ``newsdigest run`` has the
forkserver import them once for the run (``preload_in_workers``), so that its workers start
with them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from multiprocessing.pool import Pool
from typing import Any

from summarizer.text.workers import default_workers, quiet_on_ctrl_c

# Prefect copies the flow thread's context into each task thread it starts.
_OPEN: ContextVar[Pool | None] = ContextVar("worker_processes", default=None)
_POLL_SECONDS = 0.2


@contextmanager
def worker_processes(batches: int) -> Iterator[int]:
    """Within the block, ``in_worker`` runs work in a pool of processes when more than one
    batch and more than one core make that worth starting them (~2 s); the block is given
    how many (0: none). Leaving it with an exception (a failed or timed-out batch) ends the
    running batches; else it waits for them."""
    count = min(batches, default_workers())
    if count < 2:
        yield 0
        return
    # forkserver, not fork: the parent runs threads (Prefect's among them), and forking a
    # threaded process can copy a held lock into the child.
    pool = multiprocessing.get_context("forkserver").Pool(count, initializer=quiet_on_ctrl_c)
    token = _OPEN.set(pool)
    try:
        yield count
    except BaseException:
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        _OPEN.reset(token)
        pool.join()


def in_worker() -> Callable[..., Any] | None:
    """How a task of the open pool's stage runs its work (``call(work, **inputs)``); None
    outside ``worker_processes``, or when no pool was worth opening: run it in the task."""
    pool = _OPEN.get()
    if pool is None:
        return None

    def call(work: Callable[..., Any], **inputs: Any) -> Any:
        pending = pool.apply_async(work, kwds=inputs)
        # Short waits: Prefect stops a task that runs out of time between two of them (a
        # wait of its own cannot be interrupted).
        while True:
            try:
                return pending.get(_POLL_SECONDS)
            except multiprocessing.TimeoutError:
                continue

    return call
