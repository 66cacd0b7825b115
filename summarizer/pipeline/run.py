"""Run the stages in their one order, directly or through an orchestrator's runner."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from summarizer.config import SourcesConfig
from summarizer.delivery import SecretReader
from summarizer.models import FeedReport
from summarizer.pipeline.editing import carriers, day_casing
from summarizer.pipeline.intake import source_lists
from summarizer.pipeline.output import Published
from summarizer.pipeline.stages import (
    ANALYSE,
    BUILD,
    CLUSTER,
    DEDUPE,
    DELIVER,
    EXTRACT,
    FETCH,
    LOAD,
    PUBLISH,
    RANK,
    RENDER,
    SKIM,
    THREAD,
    Stage,
)
from summarizer.settings import DigestSettings

log = logging.getLogger(__name__)
T = TypeVar("T")


class StageRunner(Protocol):
    """How a stage is executed: directly, or as an orchestrator's task."""

    def call(self, stage: Stage, *args: Any) -> Any:
        """Run ``stage`` once and return its result."""

    def map(self, stage: Stage, batches: Sequence[Any], *args: Any) -> list[Any]:
        """Run ``stage`` once per batch (as the runner sees fit: at once or in turn)."""


class DirectRunner:
    """Plain function calls, logged through the library's logger."""

    def call(self, stage: Stage, *args: Any) -> Any:
        result, account = stage.run_and_describe(*args)
        log.info("%s: %s", stage.name, account)
        return result

    def map(self, stage: Stage, batches: Sequence[Any], *args: Any) -> list[Any]:
        return [self.call(stage, batch, *args) for batch in batches]


def in_batches(items: Sequence[T], size: int | None) -> list[list[T]]:
    """``items`` in lists of ``size`` (all in one list when ``size`` is ``None``)."""
    if size is None:
        return [list(items)]
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def run_pipeline(
    paths: Sequence[str | Path],
    settings: DigestSettings,
    config: SourcesConfig | None = None,
    *,
    since: datetime | None = None,
    runner: StageRunner | None = None,
    read_block: SecretReader | None = None,
) -> Published:
    """Load, fetch, deduplicate, skim, cluster, thread, rank, analyse the top stories in
    depth, build, render, publish and deliver the digest of ``settings.day``: every stage of
    ``STAGES``, in order, through ``runner``. Delivery runs only when ``config`` names an
    email or chat target (``read_block`` reads the Prefect Secret blocks it names); its
    outcome is ``Published.delivery``."""
    runner = runner or DirectRunner()
    started = datetime.now().astimezone()
    file_paths, feeds = source_lists(paths, config)
    loaded = runner.call(LOAD, file_paths, settings) if file_paths else None
    reports: list[FeedReport] = []
    if config is not None:
        # One budget for the whole run's full-text fetching, whichever batch spends it.
        deadline = time.time() + config.limits.full_text_budget
        for batch in in_batches(feeds, FETCH.batch):
            fetched = runner.call(FETCH, config, batch, settings, since)
            reports.extend(runner.call(EXTRACT, config, fetched, settings, deadline))
    inputs, unique = runner.call(DEDUPE, loaded, reports, config, settings, started)
    articles = unique.articles
    skims = runner.call(SKIM, articles)
    groups = runner.call(CLUSTER, articles, skims)
    threads = runner.call(THREAD, groups, articles, unique, settings)
    ranked = runner.call(RANK, groups, threads, articles, skims, unique, config, settings)
    deep = carriers(ranked, articles, skims)
    casing = day_casing(articles, skims)
    parts = runner.map(ANALYSE, in_batches(deep, ANALYSE.batch), settings, casing) if deep else []
    analyses = [analysis for part in parts for analysis in part]
    digest = runner.call(BUILD, ranked, analyses, articles, skims, inputs, unique, settings)
    published = runner.call(PUBLISH, digest, runner.call(RENDER, digest, settings), settings)
    if config is None or not config.delivers:
        return published
    return replace(published, delivery=runner.call(DELIVER, digest, config, settings, read_block))
