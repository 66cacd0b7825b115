"""The flow's last task, `deliver`, as the Prefect UI shows it: one log line per target, a
delivery table, and a failure that fails the task and the run, never what was published."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from prefect.client.schemas.objects import StateType

from summarizer.deliver import DeliveryFailed
from tests.conftest import SEEDS, unused_port
from tests.flows.api import run_artifacts

pytestmark = pytest.mark.prefect
DAY = "2026-11-25"


def _sources(tmp_path: Path, *urls: str) -> Path:
    notify = "".join(
        f'\n[[notify]]\nname = "room {n}"\nurl = "{url}"\n' for n, url in enumerate(urls)
    )
    path = tmp_path / "sources.toml"
    path.write_text(
        f'output_dir = "out"\n[files]\npaths = ["{SEEDS / "102_rail_timetable.md"}"]\n{notify}',
        encoding="utf-8",
    )
    return path


def _task_runs(flow_run_id):
    """The run's task states by stage, its log messages and its artifacts, once the API has
    recorded the final state of `deliver` (task states reach it as events, a moment later)."""
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=10)  # logs reach the API in batches
    with get_client(sync_client=True) as client:
        deadline = time.monotonic() + 30
        while True:
            runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id={"any_": [flow_run_id]}))
            states = {r.name.rsplit("-", 1)[0]: r.state_type for r in runs if r.state_type}
            final = states.get("deliver") in {StateType.COMPLETED, StateType.FAILED}
            if final or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))
        artifacts = run_artifacts(client, flow_run_id)
    return (
        {stage: state.value for stage, state in states.items()},
        [log.message for log in logs],
        artifacts,
    )


def test_the_deliver_task_logs_one_line_per_target(prefect_harness, tmp_path, httpserver):
    from flows.daily_digest import daily_digest

    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    sources = _sources(tmp_path, f"json://127.0.0.1:{httpserver.port}/hook")
    state = daily_digest(sources_file=str(sources), date=DAY, return_state=True)
    assert state.is_completed()
    states, messages, artifacts = _task_runs(state.state_details.flow_run_id)
    assert states["deliver"] == "COMPLETED"
    assert f"sent the {DAY} digest to room 0" in messages
    assert any(m.startswith("1 sent, 0 already sent, 0 failed in ") for m in messages)
    table = next(a for a in artifacts if a.key == "digest-delivery")
    assert "room 0" in str(table.data) and "sent" in str(table.data)
    assert len(httpserver.log) == 1


def test_a_failed_target_fails_the_task_and_the_run_but_not_the_digest(
    prefect_harness, tmp_path, httpserver
):
    from flows.daily_digest import daily_digest

    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    sources = _sources(
        tmp_path,
        f"json://127.0.0.1:{unused_port()}/closed",
        f"json://127.0.0.1:{httpserver.port}/hook",
    )
    state = daily_digest(sources_file=str(sources), date=DAY, return_state=True)
    assert state.is_failed()
    with pytest.raises(DeliveryFailed, match="1 of 2 deliveries failed"):
        state.result()
    states, messages, _ = _task_runs(state.state_details.flow_run_id)
    assert states.pop("deliver") == "FAILED"
    assert set(states.values()) == {"COMPLETED"}
    assert any(m.startswith(f"could not send the {DAY} digest to room 0: ") for m in messages)
    assert f"sent the {DAY} digest to room 1" in messages
    assert (tmp_path / "out" / DAY / "digest.html").exists()
    assert len(httpserver.log) == 1


def test_a_target_can_come_from_a_prefect_secret_block(prefect_harness, tmp_path, httpserver):
    """`url_block` names a Prefect Secret block; the flow reads it (the URL, with its token,
    appears in no log line)."""
    from prefect.blocks.system import Secret

    from flows.daily_digest import daily_digest

    httpserver.expect_request("/token-hook", method="POST").respond_with_data("ok")
    Secret(value=f"json://127.0.0.1:{httpserver.port}/token-hook").save(
        "newsdigest-test-chat", overwrite=True
    )
    sources = _sources(tmp_path)
    sources.write_text(
        sources.read_text(encoding="utf-8") + '\n[[notify]]\nurl_block = "newsdigest-test-chat"\n',
        encoding="utf-8",
    )
    state = daily_digest(sources_file=str(sources), date=DAY, return_state=True)
    assert state.is_completed()
    _, messages, _ = _task_runs(state.state_details.flow_run_id)
    assert f"sent the {DAY} digest to notification from newsdigest-test-chat" in messages
    assert not any("token-hook" in m for m in messages)
    assert len(httpserver.log) == 1
