"""The console script leaves without Python's teardown of its objects, but only after every
exit handler a command registered (the temporary server's stop, the worker pools' joins),
with its output flushed and its own exit status; an uncaught error ends as usual, and
``main`` called in a process of one's own leaves that process's ending alone."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

# A command of the real console script that registers an exit handler of its own, prints
# into a pipe (block-buffered: lost unless flushed) and ends with the status it is given.
_PROBE = """
import atexit
import os
import sys
from pathlib import Path

import typer

from flows import cli


@cli.app.command("probe")
def probe(marker: Path, status: int = 0, fail: bool = False) -> None:
    atexit.register(marker.write_text, "the command's exit handler ran")
    print("said before leaving")
    if fail:
        raise RuntimeError("an uncaught error")
    raise typer.Exit(status)


class TornDown:
    def __del__(self, write=os.write):
        write(2, b"torn down\\n")


held = TornDown()  # freed only by Python's teardown
sys.argv = ["newsdigest", "probe", *sys.argv[1:]]
cli.console()
"""


@pytest.mark.parametrize("status", [0, 3])
def test_the_command_leaves_after_its_exit_handlers_with_its_status(tmp_path, status):
    marker = tmp_path / "marker"
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(marker), "--status", str(status)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=120,
    )
    assert result.returncode == status, result.stderr
    assert result.stdout == "said before leaving\n"
    assert marker.read_text() == "the command's exit handler ran"
    assert "torn down" not in result.stderr


def test_an_uncaught_error_ends_as_python_ends_it(tmp_path):
    marker = tmp_path / "marker"
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(marker), "--fail"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert "RuntimeError: an uncaught error" in result.stderr
    assert marker.read_text() == "the command's exit handler ran"
    assert "torn down" in result.stderr
