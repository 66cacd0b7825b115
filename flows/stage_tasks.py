"""Each stage of the library's pipeline as a Prefect task, and the runner that calls them.

Tasks are coarse on purpose: Prefect costs a few milliseconds per task run. A task takes its
stage function's parameters by name, so the UI shows "articles" and "settings", and the
analysis cache key reads them by name. HTTP clients, the store and the spaCy model are
created inside the library calls, never passed as task inputs (they would break or slow
Prefect's cache keys).
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from prefect import Task, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import TaskRunContext
from prefect.utilities.annotations import opaque

from summarizer.identity import content_hash
from summarizer.pipeline import ANALYSE, EXTRACT, FETCH, STAGES, Stage
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
# retries on fetch and extract cover what escapes that (the store briefly locked, the network
# gone for a moment). No timeout on analysis: it runs in a worker thread, where Prefect cannot
# interrupt it, and its result is cached by content.
_NETWORK = {"retries": 2, "retry_delay_seconds": _NETWORK_RETRY_DELAYS}
_TASK_OPTIONS: dict[str, dict[str, Any]] = {
    FETCH.name: {**_NETWORK, "timeout_seconds": 900},
    EXTRACT.name: {**_NETWORK, "timeout_seconds": 1800},
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


def _stage_task(stage: Stage) -> Task[..., Any]:
    signature = inspect.signature(stage.run)

    def run(*args: Any, **kwargs: Any) -> Any:
        # Prefect passes a signature's leading parameters by position.
        inputs = signature.bind(*args, **kwargs).arguments
        result, account = stage.run_and_describe(**inputs)
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
    options = _TASK_OPTIONS.get(stage.name, {"timeout_seconds": 600})
    if "cache_key_fn" not in options:
        options = {"cache_policy": NO_CACHE, **options}
    return task(run, name=stage.name, **options)


TASKS = {stage.name: _stage_task(stage) for stage in STAGES}


class PrefectRunner:
    """Each stage a task; batched stages submitted at once so task runners spread them."""

    def call(self, stage: Stage, **inputs: Any) -> Any:
        # ``opaque``: without it Prefect walks every object inside each input looking for
        # futures: on a day of 900 headlines, ~4 s of a 20 s run (bench/RESULTS.md).
        try:
            return TASKS[stage.name](**{name: opaque(value) for name, value in inputs.items()})
        except StageFailed as failed:
            return failed.result

    def map(self, stage: Stage, over: str, batches: Sequence[Any], **inputs: Any) -> list[Any]:
        # Batches go to the task runner as they are: a Dask worker would get ``opaque`` itself.
        futures = [TASKS[stage.name].submit(**{over: batch}, **inputs) for batch in batches]
        results = [future.result() for future in futures]
        for future, result in zip(futures, results, strict=True):
            if future.state.name == "Cached":  # the task did not run, so it logged nothing
                get_run_logger().info("%s (cached): %s", stage.name, stage.describe(result))
        return results
