"""The same flow on a Dask LocalCluster (2 worker processes) gives the same digest, with the
cheap stages mapped over partitions of the day (near-duplicate signatures, skim, term counts)
spread over its workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS, newsdigest
from tests.flows.api import task_run_names

pytestmark = [pytest.mark.integration, pytest.mark.prefect]


def _digest_without_clock(path: str) -> dict:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    data.pop("generated_at")
    return data


def test_dask_runner_gives_the_same_digest_as_threads(prefect_harness, tmp_path, monkeypatch):
    pytest.importorskip("prefect_dask", reason="prefect-dask is not installed")
    from dataclasses import replace

    from prefect.settings import PREFECT_TASKS_REFRESH_CACHE, temporary_settings

    import summarizer.pipeline.run as run_module
    from flows.daily_digest import daily_digest
    from flows.runners import with_task_runner

    # Partitions of two articles: the seeds' six articles are signed and counted by three
    # tasks each, and their five outlets skimmed by three.
    for stage in ("SIGN", "SKIM", "COUNT"):
        monkeypatch.setattr(run_module, stage, replace(getattr(run_module, stage), batch=2))

    parameters = {"sources": [str(SEEDS)], "date": "2026-11-25"}
    # Both runs analyse for real: no result cached by an earlier run may stand in.
    with temporary_settings(updates={PREFECT_TASKS_REFRESH_CACHE: True}):
        threads = daily_digest(out_dir=str(tmp_path / "threads"), **parameters)
        on_dask = with_task_runner(daily_digest, "dask")(
            out_dir=str(tmp_path / "dask"), return_state=True, **parameters
        )
    assert _digest_without_clock(on_dask.result()["json"]) == _digest_without_clock(threads["json"])
    names = task_run_names(on_dask.state_details.flow_run_id)
    assert names.count("sign") == names.count("skim") == names.count("count") == 3


def test_a_dask_run_from_the_command_line_is_quiet(tmp_path):
    """No Dask INFO lines, no library INFO lines from the workers: stdout has the paths."""
    pytest.importorskip("prefect_dask", reason="prefect-dask is not installed")
    article = str(SEEDS / "102_rail_timetable.md")
    result = newsdigest(
        "run",
        article,
        "--task-runner",
        "dask",
        "--out",
        "out",
        "--date",
        "2026-11-25",
        cwd=tmp_path,
        PREFECT_HOME=str(tmp_path / "home"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 3
