"""The Prefect UI path, end to end: a real server, `newsdigest serve`, a run triggered the way
the UI's "Run → Custom run" does it (POST create_flow_run on the deployment), artifacts and
logs read back from the API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import SEEDS, unused_port

pytestmark = pytest.mark.integration
BIN = Path(sys.executable).parent
FINAL_STATES = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def _wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{what} not ready after {timeout:g} s")


class _RetryingTransport(httpx.HTTPTransport):
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
    """A Prefect server on a free loopback port. The port is free when chosen but may be taken
    before the server binds it; then the server exits and another port is tried."""
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

        _wait(up, 120, "Prefect server")
        if server.poll() is None:
            return server, api
    raise RuntimeError("no Prefect server could bind a free port in three tries")


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[httpx.Client, Path, dict]]:
    home = tmp_path_factory.mktemp("prefect-home")
    work = tmp_path_factory.mktemp("deployment")
    base_env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_RUNNER_POLL_FREQUENCY": "1",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    sources = work / "sources.toml"
    sources.write_text(
        f'output_dir = "reports"\n[files]\npaths = ["{SEEDS}"]\n'
        '[schedule]\ncron = "30 5 * * *"\ntimezone = "Europe/Berlin"\n',
        encoding="utf-8",
    )
    logs = work / "serve.log"
    processes: list[subprocess.Popen] = []
    try:
        server, api = _start_server(base_env)
        processes.append(server)
        env = {**base_env, "PREFECT_API_URL": api}
        with logs.open("wb") as log:
            processes.append(
                subprocess.Popen(
                    [str(BIN / "newsdigest"), "serve", "--sources", str(sources)],
                    env=env,
                    cwd=work,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        with httpx.Client(base_url=api, timeout=10, transport=_RetryingTransport()) as client:
            _wait(
                lambda: client.get("/deployments/name/daily-digest/daily").status_code == 200,
                120,
                "deployment",
            )
            yield client, work, env
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()


def _deployment(client: httpx.Client) -> dict:
    return client.get("/deployments/name/daily-digest/daily").raise_for_status().json()


def test_schedule_read_back_equals_sources_toml(served):
    client, _, _ = served
    schedules = _deployment(client)["schedules"]
    assert [(s["schedule"]["cron"], s["schedule"]["timezone"]) for s in schedules] == [
        ("30 5 * * *", "Europe/Berlin")
    ]


def test_custom_run_from_the_ui_publishes_the_digest_and_artifacts(served):
    client, work, _ = served
    started = time.monotonic()
    deployment = _deployment(client)
    run = (
        client.post(
            f"/deployments/{deployment['id']}/create_flow_run",
            json={"parameters": {"date": "2026-11-20", "key_points": 2, "algorithm": "lexrank"}},
        )
        .raise_for_status()
        .json()
    )
    state = _final_state(client, run["id"])["type"]
    log = (work / "serve.log").read_text(encoding="utf-8", errors="replace")
    assert state == "COMPLETED", log[-3000:]
    print(f"\nUI trigger to COMPLETED: {time.monotonic() - started:.1f} s")
    flow_run = client.get(f"/flow_runs/{run['id']}").json()
    assert flow_run["name"] == "digest-2026-11-20"
    digest = work / "reports/2026-11-20/digest.json"
    assert digest.exists()
    settings = json.loads(digest.read_text(encoding="utf-8"))["settings"]
    assert settings["algorithm"] == "lexrank" and settings["sentences"] == 2
    artifacts = client.post(
        "/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [run["id"]]}}}
    ).json()
    by_key = {a["key"]: a for a in artifacts}
    assert {"daily-digest", "digest-sources", "digest-html"} <= set(by_key)
    assert "Andriy Yermak" in by_key["daily-digest"]["data"]
    assert by_key["digest-sources"]["type"] == "table"
    assert "2026-11-20/digest.html" in by_key["digest-html"]["data"]
    task_runs = client.post(
        "/task_runs/filter", json={"task_runs": {"flow_run_id": {"any_": [run["id"]]}}}
    ).json()
    stages = {t["name"].rsplit("-", 1)[0] for t in task_runs}
    assert {"load", "dedupe", "summarise+participants", "render", "publish"} <= stages
    _wait(
        lambda: any(
            entry["name"].startswith("summarizer")
            for entry in client.post(
                "/logs/filter", json={"logs": {"flow_run_id": {"any_": [run["id"]]}}}
            ).json()
        ),
        30,
        "library logs in the run's logs",
    )


def _final_state(client: httpx.Client, run_id: str, timeout: float = 240) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get(f"/flow_runs/{run_id}").json()["state"]
        if state["type"] in FINAL_STATES:
            return state
        time.sleep(1)
    raise TimeoutError(f"flow run {run_id} still running after {timeout:g} s")


def test_an_unknown_algorithm_is_refused_when_the_run_is_created(served):
    client, _, _ = served
    response = client.post(
        f"/deployments/{_deployment(client)['id']}/create_flow_run",
        json={"parameters": {"algorithm": "nope"}},
    )
    assert response.status_code in {409, 422}
    assert "algorithm" in response.text and "nope" in response.text


def test_a_malformed_date_fails_the_run_before_any_work(served):
    """JSON Schema does not enforce "format": "date" on the server (the UI shows a date
    picker); the flow's own validation stops the run before its first task."""
    client, _, _ = served
    run = (
        client.post(
            f"/deployments/{_deployment(client)['id']}/create_flow_run",
            json={"parameters": {"date": "25/11/2026"}},
        )
        .raise_for_status()
        .json()
    )
    state = _final_state(client, run["id"])
    assert state["type"] == "FAILED"
    assert "date" in state["message"] and "valid date" in state["message"]
    task_runs = client.post(
        "/task_runs/filter", json={"task_runs": {"flow_run_id": {"any_": [run["id"]]}}}
    ).json()
    assert task_runs == []
