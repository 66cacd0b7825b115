"""A real Prefect server on loopback with `newsdigest serve` attached, for the UI-path tests
(API-triggered in tests/flows, clicked through in Chromium in tests/browser)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import SEEDS, unused_port

BIN = Path(sys.executable).parent
FINAL_STATES = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{what} not ready after {timeout:g} s")


class RetryingTransport(httpx.HTTPTransport):
    """Retries what Prefect's own client retries (429, 502, 503), as the UI does: the
    SQLite-backed server answers 503 while its database is briefly locked."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for delay in (0.5, 1, 2, 4, 8):
            response = super().handle_request(request)
            if response.status_code not in {429, 502, 503}:
                return response
            response.close()
            time.sleep(delay)
        return super().handle_request(request)


def _start_server(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """A Prefect server on a free loopback port (never 4200), started the way the README
    says works on any port: ``PREFECT_API_URL`` set before the server starts, so its UI
    calls this port's API. The port is free when chosen but may be taken before the server
    binds it; then the server exits and another port is tried."""
    for _ in range(3):
        port = unused_port()
        api = f"http://127.0.0.1:{port}/api"
        server = subprocess.Popen(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env={**env, "PREFECT_API_URL": api},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )

        def up(server: subprocess.Popen = server, api: str = api) -> bool:
            if server.poll() is not None:
                return True  # exited: stop waiting, try another port
            return httpx.get(f"{api}/health", timeout=2).json() is True

        wait(up, 120, "Prefect server")
        if server.poll() is None:
            return server, api
    raise RuntimeError("no Prefect server could bind a free port in three tries")


@dataclass
class Served:
    """A running server with the ``daily-digest/daily`` deployment served."""

    client: httpx.Client
    api: str
    work: Path
    env: dict[str, str]

    @property
    def ui(self) -> str:
        return self.api.removesuffix("/api")

    def deployment(self) -> dict:
        return self.client.get("/deployments/name/daily-digest/daily").raise_for_status().json()

    def final_state(self, run_id: str, timeout: float = 240) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.client.get(f"/flow_runs/{run_id}").json()["state"]
            if state["type"] in FINAL_STATES:
                return state
            time.sleep(0.5)
        raise TimeoutError(f"flow run {run_id} still running after {timeout:g} s")

    def log(self) -> str:
        return (self.work / "serve.log").read_text(encoding="utf-8", errors="replace")


SEEDS_DAILY_0530_BERLIN = (
    f'output_dir = "reports"\n[files]\npaths = ["{SEEDS}"]\n'
    '[schedule]\ncron = "30 5 * * *"\ntimezone = "Europe/Berlin"\n'
)
"""The sources.toml the UI-path tests serve: the seeds, daily at 05:30 Berlin time."""


@contextmanager
def served_deployment(
    tmp_path_factory: Any, *, ui: bool, sources: str = SEEDS_DAILY_0530_BERLIN
) -> Iterator[Served]:
    """A Prefect server (with its UI when ``ui``) and `newsdigest serve --sources` on the
    ``sources`` text, polling for runs every second, in fresh temporary directories."""
    home, work = tmp_path_factory.mktemp("prefect-home"), tmp_path_factory.mktemp("deployment")
    base_env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "true" if ui else "false",
        "PREFECT_RUNNER_POLL_FREQUENCY": "1",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    (work / "sources.toml").write_text(sources, encoding="utf-8")
    processes: list[subprocess.Popen] = []
    try:
        server, api = _start_server(base_env)
        processes.append(server)
        env = {**base_env, "PREFECT_API_URL": api}
        with (work / "serve.log").open("wb") as log:
            processes.append(
                subprocess.Popen(
                    [str(BIN / "newsdigest"), "serve", "--sources", str(work / "sources.toml")],
                    env=env,
                    cwd=work,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        with httpx.Client(base_url=api, timeout=10, transport=RetryingTransport()) as client:
            wait(
                lambda: client.get("/deployments/name/daily-digest/daily").status_code == 200,
                120,
                "deployment",
            )
            yield Served(client, api, work, env)
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
