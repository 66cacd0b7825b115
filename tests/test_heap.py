import os

import psutil
import pytest

from summarizer.heap import _malloc_trim, release_freed_memory


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 1e6


@pytest.mark.skipif(_malloc_trim() is None, reason="this C library has no malloc_trim")
def test_freed_memory_goes_back_to_the_system():
    blocks = [os.urandom(8) * 250 for _ in range(100_000)]  # 200 MB of malloc's own blocks
    last = blocks[-1]  # held: the top of the heap stays in use, so glibc keeps what is below
    del blocks
    before = _rss_mb()
    release_freed_memory()
    assert _rss_mb() < before - 100
    assert len(last) == 2_000
