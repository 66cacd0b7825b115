"""Chromium for the browser tests: Debian's (``apt-get install chromium``; ``.ci/run``
installs it), driven by Playwright through ``executable_path`` (no browser download)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest


def _chromium() -> str | None:
    candidates = [os.environ.get("NEWSDIGEST_CHROMIUM"), "chromium", "chromium-browser"]
    return next((shutil.which(c) for c in candidates if c and shutil.which(c)), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium on this machine: `apt-get install chromium` (.ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()
