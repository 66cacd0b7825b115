"""Each stage of the library's pipeline as a Prefect task, and the runner that calls them.

Tasks are coarse on purpose: Prefect costs a few milliseconds per task run. A task takes its
stage function's parameters by name, so the UI shows "articles" and "settings", and the
analysis cache key reads them by name. HTTP clients, the store and the spaCy model are
created inside the library calls, never passed as task inputs (they would break or slow
Prefect's cache keys).
"""

from __future__ import annotations

import functools
import hashlib
import inspect
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from datetime import timedelta
from typing import Any

from prefect import Task, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext, TaskRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.task_engine import TaskRunTimeoutError
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import opaque

from flows.worker_processes import in_worker, worker_processes
from summarizer.config.settings import STAGE_TIMEOUT_ARTICLES, STAGE_TIMEOUT_DEFAULT
from summarizer.errors import NewsDigestError
from summarizer.identity import content_hash
from summarizer.pipeline import ANALYSE, EXTRACT, FETCH, Stage
from summarizer.publish.freshness import code_fingerprint

_NETWORK_RETRY_DELAYS = [10, 60]


def _analysis_cache_key(_context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Articles' content hashes plus the settings, the code and the day's casing (how Title
    Case text is read) that shape the result."""
    articles, settings = parameters["articles"], parameters["settings"]
    casing = parameters.get("casing")
    digest = hashlib.sha256(
        f"{code_fingerprint()}|{settings.key_points}|{settings.algorithm}|{settings.model}".encode()
    )
    for article in articles:
        read_as = casing.recase(article.text) if casing is not None else article.text
        digest.update(f"{article.id}|{content_hash(read_as)}|{article.title}".encode())
    return f"analyse-v4-{digest.hexdigest()}"


# What a stage adds as a task. Each feed's own failures are handled inside the library; the
# retries on fetch and extract cover what escapes that (the network gone for a moment; they
# write nothing, so a retried batch changes nothing). The analysis result is cached by
# content.
_NETWORK = {"retries": 2, "retry_delay_seconds": _NETWORK_RETRY_DELAYS}
_TASK_OPTIONS: dict[str, dict[str, Any]] = {
    FETCH.name: _NETWORK,
    EXTRACT.name: _NETWORK,
    ANALYSE.name: {
        "cache_key_fn": _analysis_cache_key,
        "cache_expiration": timedelta(days=7),
        "persist_result": True,
    },
}


class StageFailed(Exception):
    """A stage whose result says it failed (a delivery target that could not be reached):
    the task fails, so the UI says so, and the run still gets the result to report."""

    def __init__(self, message: str, result: Any) -> None:
        super().__init__(message)
        self.result = result

    def __reduce__(self) -> tuple[type[StageFailed], tuple[str, Any]]:
        return StageFailed, (str(self), self.result)


class StageTimedOut(NewsDigestError):
    """A stage ran past its time limit: which stage, on how many articles, and the setting
    that raises the limit (Prefect's own message names none of them)."""

    @classmethod
    def of(cls, stage: Stage, articles: int, seconds: float, stage_timeout: float) -> StageTimedOut:
        on = f" for {articles:,} article{'s' * (articles != 1)}" if articles else ""
        return cls(
            f"the {stage.name} stage ran out of time: {seconds:,.0f} s{on} (stage_timeout "
            f"{stage_timeout:,.0f} s per {STAGE_TIMEOUT_ARTICLES:,} articles); raise it with "
            "--stage-timeout or the run form's stage_timeout"
        )


def articles_in(inputs: Mapping[str, Any]) -> int:
    """How many of the day's articles a stage's inputs hold: its ``articles``, the
    ``gathered`` day's, or what gather collects (the loaded files' articles and the feeds')."""
    if "articles" in inputs:
        return len(inputs["articles"])
    if "gathered" in inputs:
        return len(inputs["gathered"].articles)
    loaded = inputs.get("loaded")
    reports = inputs.get("reports") or ()
    return (len(loaded.articles) if loaded else 0) + sum(len(r.articles) for r in reports)


# The network stages wait on many hosts whatever the day's size (their budgets are in
# sources.toml's [limits]); these floors leave those budgets room.
_FLOORS = {FETCH.name: 900, EXTRACT.name: 1800}


def time_limit(stage: Stage, articles: int, stage_timeout: float) -> float | None:
    """Seconds ``stage`` may take on ``articles``: ``stage_timeout`` per
    ``STAGE_TIMEOUT_ARTICLES`` of them and never less (the network stages: never less than
    their floor); ``None`` for the deep analysis, which runs in a worker thread where Prefect
    cannot interrupt it, and is bounded by the stories shown, not the day's size."""
    if stage is ANALYSE:
        return None
    scaled = stage_timeout * max(1.0, articles / STAGE_TIMEOUT_ARTICLES)
    return max(scaled, _FLOORS.get(stage.name, 0))


@functools.cache
def task_of(stage: Stage) -> Task[..., Any]:
    """``stage`` as a Prefect task, made once."""
    signature = inspect.signature(stage.run)

    def run(*args: Any, **kwargs: Any) -> Any:
        # Prefect passes a signature's leading parameters by position.
        inputs = signature.bind(*args, **kwargs).arguments
        result, account = stage.run_and_describe(in_worker(), **inputs)
        logger = get_run_logger()
        logger.info(account)
        for level, line in stage.notes(result):
            logger.log(level, line)
        if failure := stage.failure(result):
            raise StageFailed(failure, result)
        return result

    run.__name__ = run.__qualname__ = stage.run.__name__
    # Prefect reads a task's parameters from its signature: the stage function's names.
    run.__signature__ = signature  # type: ignore[attr-defined]
    options = _TASK_OPTIONS.get(stage.name, {})
    if "cache_key_fn" not in options:
        options = {"cache_policy": NO_CACHE, **options}
    return task(run, name=stage.name, **options)


class PrefectRunner:
    """Each stage a task, given a time limit that grows with the day's articles; a mapped
    stage's batches submitted at once so task runners spread them (on threads, a stage that
    holds the interpreter in worker processes, a batch as a worker is free)."""

    def __init__(self, stage_timeout: float = STAGE_TIMEOUT_DEFAULT) -> None:
        self.stage_timeout = stage_timeout

    def call(self, stage: Stage, **inputs: Any) -> Any:
        articles = articles_in(inputs)
        limit = time_limit(stage, articles, self.stage_timeout)
        task = task_of(stage).with_options(timeout_seconds=limit)
        # ``opaque``: without it Prefect walks every object inside each input looking for
        # futures: on a day of 900 headlines, ~4 s of a 20 s run (bench/RESULTS.md).
        try:
            return task(**{name: opaque(value) for name, value in inputs.items()})
        except StageFailed as failed:
            return failed.result
        except TaskRunTimeoutError as exc:
            raise StageTimedOut.of(stage, articles, limit or 0, self.stage_timeout) from exc

    def map(self, stage: Stage, over: str, batches: Sequence[Any], **inputs: Any) -> list[Any]:
        limits = [time_limit(stage, len(batch), self.stage_timeout) for batch in batches]
        threads = _on_threads()
        # On threads, ``opaque`` as in ``call``; a Dask worker would be handed the annotation
        # itself (prefect-dask does not unwrap it), so there batches go as they are.
        wrap = opaque if threads else _as_is
        python_bound = stage.holds_interpreter and threads
        with worker_processes(len(batches)) if python_bound else nullcontext(0) as workers:
            # Python batches side by side in threads only share one interpreter: 30,000
            # articles were signed in 39 s that way, 20 s one batch after another, and in
            # two worker processes 12.5 s (bench/RESULTS.md). A batch is submitted when there
            # is a worker for it, so that its task's time is its work, a failed batch stops
            # the stage before the batches after it start, and the UI shows as running
            # only what runs.
            one_at_a_time = python_bound or (stage.runs_requests_at_once and threads)
            width = workers or (1 if one_at_a_time else len(batches))
            results: list[Any] = [None] * len(batches)
            running: dict[PrefectFuture[Any], int] = {}
            submitted = 0
            while submitted < len(batches) or running:
                while submitted < len(batches) and len(running) < width:
                    task = task_of(stage).with_options(timeout_seconds=limits[submitted])
                    parts = {over: batches[submitted], **inputs}
                    future = task.submit(**{name: wrap(value) for name, value in parts.items()})
                    running[future] = submitted
                    submitted += 1
                done = next(as_completed(list(running)))
                index = running.pop(done)
                results[index] = self._result_of(stage, done, len(batches[index]), limits[index])
        return results

    def warm_up(self, stage: Stage, **inputs: Any) -> None:
        # On a Dask cluster the stage runs on its workers, which start their own.
        if stage.warm_up is not None and _on_threads():
            stage.warm_up(**inputs)

    def _result_of(
        self, stage: Stage, future: PrefectFuture[Any], articles: int, limit: float | None
    ) -> Any:
        try:
            result = future.result()
        except TaskRunTimeoutError as exc:
            raise StageTimedOut.of(stage, articles, limit or 0, self.stage_timeout) from exc
        if future.state.name == "Cached":  # the task did not run, so it logged nothing
            get_run_logger().info("%s (cached): %s", stage.name, stage.describe(result))
        return result


def _as_is(value: Any) -> Any:
    return value


def _on_threads() -> bool:
    context = FlowRunContext.get()
    return context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)
