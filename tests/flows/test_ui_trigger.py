"""The Prefect UI path, end to end: a real server, `newsdigest serve`, a run triggered the way
the UI's "Run → Custom run" does it (POST create_flow_run on the deployment), artifacts and
logs read back from the API."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from tests.prefect_server import Served, served_deployment, wait

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    with served_deployment(tmp_path_factory, ui=False) as served:
        yield served


def test_schedule_read_back_equals_sources_toml(served):
    schedules = served.deployment()["schedules"]
    assert [(s["schedule"]["cron"], s["schedule"]["timezone"]) for s in schedules] == [
        ("30 5 * * *", "Europe/Berlin")
    ]


def test_custom_run_from_the_ui_publishes_the_digest_and_artifacts(served):
    client, work = served.client, served.work
    started = time.monotonic()
    deployment = served.deployment()
    run = (
        client.post(
            f"/deployments/{deployment['id']}/create_flow_run",
            json={"parameters": {"date": "2026-11-20", "key_points": 2, "algorithm": "lexrank"}},
        )
        .raise_for_status()
        .json()
    )
    state = served.final_state(run["id"])["type"]
    assert state == "COMPLETED", served.log()[-3000:]
    print(f"\nUI trigger to COMPLETED: {time.monotonic() - started:.1f} s")
    flow_run = client.get(f"/flow_runs/{run['id']}").json()
    # The name it was created with (what the UI's toast names) stays in front of the day.
    assert flow_run["name"] == f"{run['name']} · digest-2026-11-20"
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
    # The run's page shows each task's inputs by the stage function's parameter names.
    inputs = {t["name"].rsplit("-", 1)[0]: set(t["task_inputs"]) for t in task_runs}
    assert inputs["rank"] == {
        "groups", "threads", "articles", "skims", "unique", "config", "settings"
    }  # fmt: skip
    assert inputs["summarise+participants"] == {"articles", "settings", "casing"}
    assert not [name for name, names in inputs.items() if "args" in names]
    wait(
        lambda: any(
            entry["name"].startswith("summarizer")
            for entry in client.post(
                "/logs/filter", json={"logs": {"flow_run_id": {"any_": [run["id"]]}}}
            ).json()
        ),
        30,
        "library logs in the run's logs",
    )


def test_an_unknown_algorithm_is_refused_when_the_run_is_created(served):
    client = served.client
    response = client.post(
        f"/deployments/{served.deployment()['id']}/create_flow_run",
        json={"parameters": {"algorithm": "nope"}},
    )
    assert response.status_code in {409, 422}
    assert "algorithm" in response.text and "nope" in response.text


def test_a_malformed_date_fails_the_run_before_any_work(served):
    """JSON Schema does not enforce "format": "date" on the server (the UI shows a date
    picker); the flow's own validation stops the run before its first task."""
    client = served.client
    run = (
        client.post(
            f"/deployments/{served.deployment()['id']}/create_flow_run",
            json={"parameters": {"date": "25/11/2026"}},
        )
        .raise_for_status()
        .json()
    )
    state = served.final_state(run["id"])
    assert state["type"] == "FAILED"
    assert "date" in state["message"] and "valid date" in state["message"]
    task_runs = client.post(
        "/task_runs/filter", json={"task_runs": {"flow_run_id": {"any_": [run["id"]]}}}
    ).json()
    assert task_runs == []
