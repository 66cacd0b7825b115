"""How the process holds memory: what its C heap freed handed back to the system, few heaps
for its threads, and cycle collections that skip what existed before the day's work."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_M_ARENA_MAX = -8
"""``mallopt``'s parameter for the most arenas (glibc's malloc.h)."""


@functools.cache
def _c_library() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    return None if name is None else ctypes.CDLL(name)


def _malloc_trim() -> Callable[[int], int] | None:
    return getattr(_c_library(), "malloc_trim", None)


def share_malloc_arenas(arenas: int = 2) -> None:
    """Let the threads started from now on allocate from at most ``arenas`` heaps (glibc's
    ``M_ARENA_MAX``); a no-op on a C library without ``mallopt``.

    glibc gives threads that allocate at once heaps of their own, up to eight per core,
    and what one heap frees the others cannot reuse. A Prefect run's tasks each run in a
    thread, and the day's large results are made in one and freed in another: at 100,000
    articles, two heaps instead of glibc's default kept the run's peak ~70 MB lower
    (bench/RESULTS.md).
    """
    mallopt = getattr(_c_library(), "mallopt", None)
    if mallopt is not None:
        mallopt(_M_ARENA_MAX, arenas)


def release_freed_memory() -> None:
    """Hand the heap's free pages back to the system (glibc's ``malloc_trim``); a no-op on a
    C library without it.

    glibc keeps what a process frees for its own later use: after clustering 100,000
    articles, ~260 MB of freed vectors and candidate pairs stayed with the run until it
    ended, beside the deep analysis's worker processes (bench/RESULTS.md).
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@contextmanager
def collections_of_new_objects() -> Iterator[None]:
    """Within the block, Python's cycle collector skips every object that existed when it
    began (``gc.freeze``); on leaving, they are the collector's again.

    Before a run, the process holds the imported libraries' modules, classes and functions
    (Prefect, scikit-learn, pydantic...: ~240,000 objects), none of them garbage, and each
    full collection walked them all again: 0.2-0.4 s a pass, ~1.5 s of a 10,000-article
    run's single-core stages (bench/RESULTS.md). For one day at a time in a process (the
    freeze is the whole process's, and the first block to end ends it); cycles that were
    garbage already when it began wait for its end.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
