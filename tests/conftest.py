from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_ARTICLE = SEEDS / "000_726b05e1c8879489.txt"
SHARED = REPO.parent / "shared"


def shared_file(relative: str) -> Path:
    """A file of ../shared, or a visible skip when this checkout has no ../shared beside it."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is read at test time, never copied)")
    return path


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API for the whole session (starting one costs several seconds)."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    with (
        prefect_test_harness(server_startup_timeout=90),
        temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}),
    ):
        yield
