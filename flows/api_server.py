"""Local Prefect API servers: starting one, waiting until it answers, stopping it.

Two kinds. ``newsdigest run`` without a configured server (``PREFECT_API_URL``) starts a
temporary one of its own (:class:`TemporaryApi`), early, so that its start-up overlaps the
command's input checks, and stops it when the command ends. ``newsdigest serve
--start-server`` starts a long-lived ``prefect server start`` (:func:`start_local_server`),
since a schedule only fires on a real server.

Nothing here imports Prefect in this process: the command has not quietened it yet, and its
server application alone takes seconds to import; the server processes import it."""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from summarizer.errors import ConfigError, NewsDigestError

LOCAL_API = "http://127.0.0.1:4200/api"
"""Where ``prefect server start`` serves its API by default, and ``--start-server`` too."""

_API_WAIT_SECONDS = 90.0


def wait_for_api(
    process: subprocess.Popen[bytes],
    api_url: str,
    *,
    name: str,
    timeout: float,
    error: type[NewsDigestError] = NewsDigestError,
) -> None:
    """Return once the Prefect API at ``api_url``, served by ``process``, answers its health
    check.

    Raises:
        error: the process (called ``name``) exited, or did not answer within ``timeout`` s.
    """
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            # Ctrl-C reaches the server too, and it may stop before this process has raised
            # its own KeyboardInterrupt: give that a moment to arrive first.
            time.sleep(1.0)
            raise error(f"{name} exited with code {process.returncode}")
        try:
            if httpx.get(f"{api_url}/health", timeout=2).json() is True:
                return
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.1)
    raise error(f"{name} did not answer within {timeout:g} s")


# How Prefect runs its own temporary server: no UI and none of the background services a
# long-lived server needs (scheduler, late-run marking, ...), which would take a core's share
# from the run; the app built once (measured: bench/RESULTS.md).
_EPHEMERAL_SERVER = {"PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


class TemporaryApi:
    """A Prefect API server of this command's own, on a free loopback port, started before
    anything heavy is imported so that its start-up overlaps the command's; Prefect's clients
    find it through ``PREFECT_API_URL``. It is Prefect's own server application
    (``prefect.server.api.server:create_app``, what ``prefect server start`` serves) on the
    same database, run as Prefect runs its temporary server (no UI, no background services);
    it stops when the command ends. Prefect's own temporary server starts only once a flow
    is called, after the whole library has loaded."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        spec = importlib.util.find_spec("prefect")
        if spec is None or spec.origin is None:
            raise NewsDigestError("Prefect is not installed")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn",
                "--app-dir", str(Path(spec.origin).parent.parent),
                "--factory", "prefect.server.api.server:create_app",
                "--host", "127.0.0.1", "--port", str(self.port),
                "--log-level", "error", "--lifespan", "on",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **_EPHEMERAL_SERVER},
        )  # fmt: skip
        atexit.register(self.stop)
        _TEMPORARY_APIS.append(self)
        os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{self.port}/api"
        os.environ["PREFECT_UI_URL"] = ""  # no UI here: no "View at" link to a dead page

    def wait(self, timeout: float = _API_WAIT_SECONDS) -> None:
        """Return once the server answers.

        Raises:
            NewsDigestError: it exited or did not answer within ``timeout`` seconds.
        """
        wait_for_api(
            self.process,
            os.environ["PREFECT_API_URL"],
            name="Prefect's temporary API server",
            timeout=timeout,
        )

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the server to finish its writes and stop; kill it after ``timeout`` seconds."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_TEMPORARY_APIS: list[TemporaryApi] = []


def start_temporary_prefect() -> TemporaryApi | None:
    """Start a temporary Prefect API now when no server is configured (``PREFECT_API_URL``);
    call ``wait()`` on it before the flow runs."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    return TemporaryApi()


def stop_temporary_apis(*, timeout: float) -> None:
    """Stop the temporary servers this command started, each within ``timeout`` seconds."""
    for api in _TEMPORARY_APIS:
        api.stop(timeout=timeout)


def kill_temporary_apis() -> None:
    """Kill the temporary servers this command started, without waiting for them."""
    for api in _TEMPORARY_APIS:
        api.process.kill()


def start_local_server(*, timeout: float = 120) -> subprocess.Popen[bytes]:
    """Start ``prefect server start`` on 127.0.0.1:4200 and wait until it answers.

    Raises:
        ConfigError: the server did not become healthy in time.
    """
    prefect = shutil.which("prefect") or str(Path(sys.executable).with_name("prefect"))
    server = subprocess.Popen(
        [prefect, "server", "start", "--host", "127.0.0.1", "--port", "4200"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        # Offline, its telemetry service only logs an ERROR line that it cannot send.
        env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"},
    )
    try:
        wait_for_api(
            server, LOCAL_API, name="`prefect server start`", timeout=timeout, error=ConfigError
        )
    except ConfigError:
        server.terminate()
        raise
    os.environ["PREFECT_API_URL"] = LOCAL_API  # for the flow-run processes serve starts
    return server
