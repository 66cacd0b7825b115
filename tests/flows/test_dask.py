"""The same flow on a Dask LocalCluster (2 worker processes) gives the same digest, with the
cheap stages mapped over partitions of the day (fetching and extracting feeds, near-duplicate
signatures, skim, term counts) spread over its workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.collect.collector import FeedCollector
from summarizer.store import Store
from tests.conftest import SEEDS, newsdigest
from tests.feed_site import mixed_feeds, mixed_site, sources_toml
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


def _not_in_the_flows_process(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("feeds fetched in the flow's process, not on a Dask worker")


def test_feeds_fetched_on_dask_workers_give_the_same_digest_and_store(
    prefect_harness, httpserver, tmp_path, monkeypatch
):
    """Fetching and extracting run on the workers (they need only the network); the store
    of seen articles and pages, on the flow's machine, ends as a run on threads leaves it."""
    pytest.importorskip("prefect_dask", reason="prefect-dask is not installed")
    from dataclasses import replace

    from prefect.settings import PREFECT_TASKS_REFRESH_CACHE, temporary_settings

    import summarizer.pipeline.run as run_module
    from flows.daily_digest import daily_digest
    from flows.runners import with_task_runner
    from summarizer.config import load_config

    # Batches of two feeds: the six feeds are fetched by three tasks and extracted by three.
    for stage in ("FETCH", "EXTRACT"):
        monkeypatch.setattr(run_module, stage, replace(getattr(run_module, stage), batch=2))
    site = mixed_site(httpserver)
    page = site.server.url_for("/2026/11/museum")
    runs, pages = {}, {}
    with temporary_settings(updates={PREFECT_TASKS_REFRESH_CACHE: True}):
        for runner in ("threads", "dask"):
            if runner == "dask":  # from now on, this process cannot fetch: the workers must
                for method in ("collect", "complete"):
                    monkeypatch.setattr(FeedCollector, method, _not_in_the_flows_process)
            (tmp_path / runner).mkdir()
            sources = sources_toml(tmp_path / runner, mixed_feeds(site))
            flow = with_task_runner(daily_digest, runner)
            runs[runner] = flow(sources_file=str(sources), date="2026-11-24", return_state=True)
            with Store(load_config(sources).store_path) as store:
                pages[runner] = store.cached_pages([page])
    on_dask = _digest_without_clock(runs["dask"].result()["json"])
    assert on_dask == _digest_without_clock(runs["threads"].result()["json"])
    museum = next(s for s in on_dask["stories"] if s["headline"].startswith("Museum reopens"))
    people = {p["name"] for p in museum["participants"]["people"]}
    assert "Hanna Visser" in people  # only in the page, which a worker fetched
    assert pages["dask"] == pages["threads"] and "Hanna Visser" in pages["dask"][page]["text"]
    assert {p["source"] for p in on_dask["problems"]} >= {"Gone", "Homepage"}
    names = task_run_names(runs["dask"].state_details.flow_run_id)
    assert names.count("fetch") == names.count("extract") == 3


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


def test_the_local_clusters_workers_do_not_profile():
    """Dask's statistical profiler reads every thread's stack 100 times a second; on Python
    before 3.11.9 that deadlocks a worker whose task starts and ends threads, as fetching
    does (CPython gh-106883). The cluster a run starts has it off."""
    pytest.importorskip("prefect_dask", reason="prefect-dask is not installed")
    import dask

    from flows.runners import task_runner

    task_runner("dask")
    assert dask.config.get("distributed.worker.profile.enabled") is False
