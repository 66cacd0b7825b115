"""A stage's time limit grows with the day's articles, and a stage that passes it fails the
run with one line naming the stage, the articles and the setting that raises the limit."""

from __future__ import annotations

import pickle
import time

import pytest

from flows import worker_processes
from flows.stage_tasks import PrefectRunner, StageTimedOut, time_limit
from summarizer.pipeline import ANALYSE, CLUSTER, FETCH, Stage
from tests.flows.batch_work import slow_python


def test_the_limit_grows_with_the_days_articles():
    assert time_limit(CLUSTER, 10, 600) == 600  # never less than the setting
    assert time_limit(CLUSTER, 50_000, 600) == 3000  # 600 s per 10,000 articles
    assert time_limit(FETCH, 0, 600) == 900  # the network stages keep their floor
    assert time_limit(ANALYSE, 100, 600) is None  # a worker thread Prefect cannot stop


def _slow(articles: list[int]) -> list[int]:
    time.sleep(4)
    return articles


@pytest.mark.prefect
def test_a_stage_out_of_time_names_itself_its_articles_and_the_setting(prefect_harness):
    from prefect import flow

    slow = Stage("cluster-slowly", _slow, lambda result: f"{len(result)} articles")

    @flow
    def day() -> list[int]:
        return PrefectRunner(stage_timeout=1).call(slow, articles=[1, 2, 3])

    @flow
    def mapped_day() -> list[list[int]]:
        return PrefectRunner(stage_timeout=1).map(slow, "articles", [[1], [2, 3]])

    message = (
        "the cluster-slowly stage ran out of time: 1 s for 3 articles (stage_timeout 1 s per"
        " 10,000 articles); raise it with --stage-timeout or the run form's stage_timeout"
    )
    with pytest.raises(StageTimedOut) as raised:
        day()
    assert str(raised.value) == message
    assert pickle.loads(pickle.dumps(raised.value)).args == raised.value.args
    # Both batches run out of time; the one Prefect reports first is named, with its articles.
    with pytest.raises(StageTimedOut, match=r"ran out of time: 1 s for (1 article|2 articles) "):
        mapped_day()


_SLOW_PYTHON = Stage(
    "sign-slowly", slow_python, lambda result: f"{len(result)} articles", holds_interpreter=True
)


@pytest.mark.prefect
def test_a_stage_run_one_batch_after_another_stops_at_its_first_batch_out_of_time(
    prefect_harness, tmp_path, monkeypatch
):
    from prefect import flow

    monkeypatch.setattr(worker_processes, "default_workers", lambda: 1)  # no worker processes

    @flow
    def mapped_day() -> list[list[int]]:
        return PrefectRunner(stage_timeout=1).map(
            _SLOW_PYTHON, "articles", [[1], [2, 3], [4]], record=str(tmp_path)
        )

    with pytest.raises(StageTimedOut, match="the sign-slowly stage ran out of time: 1 s for 1 a"):
        mapped_day()
    assert [p.name for p in tmp_path.iterdir()] == ["1"]  # the later batches never started


@pytest.mark.prefect
def test_a_stage_in_worker_processes_stops_its_queued_batches_when_one_is_out_of_time(
    prefect_harness, tmp_path, monkeypatch
):
    from prefect import flow

    monkeypatch.setattr(worker_processes, "default_workers", lambda: 2)

    @flow
    def mapped_day() -> list[list[int]]:
        # 8 s: time for the workers to start and take the first two batches.
        return PrefectRunner(stage_timeout=8).map(
            _SLOW_PYTHON, "articles", [[1], [2, 3], [4], [5]], record=str(tmp_path), seconds=90
        )

    started = time.monotonic()
    with pytest.raises(StageTimedOut, match="the sign-slowly stage ran out of time: 8 s for"):
        mapped_day()
    # The batches running were stopped, not waited for (90 s each) ...
    assert time.monotonic() - started < 45
    # ... and the two batches after them never started.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1", "2"]
