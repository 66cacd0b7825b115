from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_ARTICLE = SEEDS / "000_726b05e1c8879489.txt"
SHARED = REPO.parent / "shared"


def unused_port() -> int:
    """A loopback port nothing listens on now: connecting is refused, binding may work."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def newsdigest(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The console script run as a user runs it: a subprocess, with none of this shell's
    Prefect or Dask settings, plus ``env``."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "DASK_"))}
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**environment, **env},
        check=False,
        timeout=300,
    )


def shared_file(relative: str) -> Path:
    """A file of ../shared, or a visible skip when this checkout has no ../shared beside it."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is read at test time, never copied)")
    return path


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One temporary Prefect API for the whole session (starting one costs several seconds).

    Task results persist to a session directory, so no cache from an earlier session (or
    from a user's own runs) can answer for this one.
    """
    from prefect.settings import (
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        PREFECT_LOCAL_STORAGE_PATH,
        temporary_settings,
    )
    from prefect.testing.utilities import prefect_test_harness

    storage = tmp_path_factory.mktemp("prefect-results")
    with (
        prefect_test_harness(server_startup_timeout=90),
        temporary_settings(
            updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None, PREFECT_LOCAL_STORAGE_PATH: storage}
        ),
    ):
        yield
