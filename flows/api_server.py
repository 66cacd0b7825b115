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
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from summarizer.errors import ConfigError, NewsDigestError

LOCAL_API = "http://127.0.0.1:4200/api"
"""Where ``prefect server start`` serves its API by default, and ``--start-server`` too."""

_API_WAIT_SECONDS = 90.0
_FLOWS_ROOT = Path(__file__).resolve().parent.parent  # where the ``flows`` package is


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
    # One client for every poll: each new one builds a TLS context (~30 ms of a core that
    # the starting server needs).
    with httpx.Client(timeout=2) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                # Ctrl-C reaches the server too, and it may stop before this process has
                # raised its own KeyboardInterrupt: give that a moment to arrive first.
                time.sleep(1.0)
                raise error(f"{name} exited with code {process.returncode}")
            try:
                if client.get(f"{api_url}/health").json() is True:
                    return
            except (httpx.HTTPError, ValueError):
                pass
            time.sleep(0.1)
    raise error(f"{name} did not answer within {timeout:g} s")


def temporary_api_app() -> Any:
    """The application a :class:`TemporaryApi` serves, built in the server's process (uvicorn
    calls this): Prefect's own server application (``create_app``, what ``prefect server
    start`` serves) set up as Prefect sets up its own temporary server: ``ephemeral`` (no UI,
    and of the background services only those that record runs, events and logs: no
    scheduler, late-run marking... that would take a core's share from the run) and
    ``final`` (built once; measured: bench/RESULTS.md)."""
    from prefect.server.api.server import create_app

    return create_app(ephemeral=True, final=True)


class TemporaryApi:
    """A Prefect API server of this command's own, on a free loopback port, started before
    anything heavy is imported so that its start-up overlaps the command's; Prefect's clients
    find it through ``PREFECT_API_URL``. It serves :func:`temporary_api_app` on the same
    database as any Prefect run here, and stops when the command ends. Prefect's own
    temporary server starts only once a flow is called, after the whole library has loaded.

    Why uvicorn on ``create_app`` and not a Prefect command: ``prefect server start`` has no
    option for this set of services (its ``--no-services`` drops the task-run recorder too),
    and ``SubprocessASGIServer``, what Prefect's own temporary mode runs, waits in ``start()``
    until the server answers, and its module takes ~5 s to import in this process. So this
    starts what that class starts, uvicorn's command line on ``create_app``, the server
    factory documented in Prefect's API reference, with its own arguments in place of the
    private ``PREFECT__SERVER_*`` variables that class sets; nothing else of the server."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn",
                "--app-dir", str(_FLOWS_ROOT),
                "--factory", f"{__name__}:{temporary_api_app.__name__}",
                "--host", "127.0.0.1", "--port", str(self.port),
                "--log-level", "error", "--lifespan", "on",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        atexit.register(self.stop)
        _TEMPORARY_APIS.append(self)
        self._replaced = {
            name: os.environ.get(name) for name in ("PREFECT_API_URL", "PREFECT_UI_URL")
        }
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

    def discard(self) -> None:
        """Kill the server unused (the command needs no flow after all) and give Prefect's
        settings back what they were, so nothing later points at a dead server."""
        self.process.kill()
        self.process.wait()
        for name, value in self._replaced.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

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
