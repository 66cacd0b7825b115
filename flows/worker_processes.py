"""Worker processes for the mapped stages whose work is Python (``Stage.holds_interpreter``:
sign, skim, count) on the thread runner.

Threads share one interpreter, so those batches gain nothing side by side in threads. While a
stage is mapped, a pool of processes (one per usable core, at most one per batch) is open, and
each batch's task hands its work to it and waits: the task stays a Prefect task (its state,
time limit and log lines), and the cores work in parallel. The pool is closed when the stage
ends, so its processes hold no memory while the day is clustered. A worker imports only the
stage's function (a module of ``summarizer.group``, 1.5–2 s), never Prefect.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError, ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from summarizer.text.workers import quiet_on_ctrl_c, usable_cores

# Prefect copies the flow thread's context into each task thread it starts.
_OPEN: ContextVar[_Workers | None] = ContextVar("worker_processes", default=None)


class _Workers:
    """A pool that is given a batch only when a worker is free: a pool queues what it is
    given, and queued work could not be called back when a batch fails."""

    def __init__(self, workers: int) -> None:
        # forkserver, not fork: the parent runs threads (Prefect's among them), and forking
        # a threaded process can copy a held lock into the child.
        self.pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("forkserver"),
            initializer=quiet_on_ctrl_c,
        )
        self.free = threading.Semaphore(workers)
        self.closed = threading.Event()

    def run(self, work: Callable[..., Any], **inputs: Any) -> Any:
        while not self.free.acquire(timeout=0.2):
            if self.closed.is_set():
                raise CancelledError("the stage stopped before this batch started")
        try:
            if self.closed.is_set():
                raise CancelledError("the stage stopped before this batch started")
            return self.pool.submit(work, **inputs).result()
        finally:
            self.free.release()

    def close(self) -> None:
        self.closed.set()
        self.pool.shutdown()


@contextmanager
def worker_processes(batches: int) -> Iterator[None]:
    """Within the block, ``in_worker`` runs work in a pool of processes when more than one
    batch and more than one core make that worth starting them (~1.5 s). Leaving it (after
    a failed batch too), batches not yet started never start."""
    count = min(batches, usable_cores())
    if count < 2:
        yield
        return
    workers = _Workers(count)
    token = _OPEN.set(workers)
    try:
        yield
    finally:
        _OPEN.reset(token)
        workers.close()


def in_worker() -> Callable[..., Any] | None:
    """How a task of the open pool's stage runs its work (``call(work, **inputs)``); None
    outside ``worker_processes``, or when no pool was worth opening: run it in the task."""
    workers = _OPEN.get()
    return None if workers is None else workers.run
