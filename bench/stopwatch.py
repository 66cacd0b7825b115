"""Seconds per named step of a bench, each step timed as it runs."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Stopwatch:
    """``timed(name, work)`` runs ``work`` and records its seconds under ``name``."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def timed(self, name: str, work: Callable[[], T]) -> T:
        started = time.perf_counter()
        result = work()
        self.seconds[name] = time.perf_counter() - started
        return result
