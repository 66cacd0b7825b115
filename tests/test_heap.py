import gc
import os
import weakref

import psutil
import pytest

from summarizer.heap import _malloc_trim, collections_of_new_objects, release_freed_memory


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


class _Node:
    """An object in a reference cycle: only the cycle collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_collections_in_the_block_skip_only_what_existed_before_it():
    old = _Node()
    old_ref = weakref.ref(old)
    with collections_of_new_objects():
        new_ref = weakref.ref(_Node())
        del old
        gc.collect()
        assert new_ref() is None  # made in the block: collected as usual
        assert old_ref() is not None  # there before: not walked, so not found to be garbage
    gc.collect()
    assert old_ref() is None  # the collector's again
    assert gc.get_freeze_count() == 0
