"""Work for mapped test stages, run in worker processes: a worker imports this module to
unpickle it, so it imports nothing heavy (a test module would bring Prefect and the whole
pipeline into every worker)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def where(articles: list[int]) -> list[tuple[int, int]]:
    """Each article with the process it was handled in."""
    return [(article, os.getpid()) for article in articles]


def slow_python(articles: list[int], record: str, seconds: float = 4) -> list[int]:
    """A Python-bound batch that takes ``seconds``, leaving a file named after its first
    article in ``record``."""
    (Path(record) / str(articles[0])).touch()
    time.sleep(seconds)
    return articles


def imported(modules: list[str]) -> list[str]:
    """Those of ``modules`` the process has imported."""
    return [name for name in modules if name in sys.modules]
