"""Run the stages in their one order, directly or through an orchestrator's runner."""

from __future__ import annotations

import logging
import time
from collections.abc import Hashable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

from summarizer.collect.collector import sharing_pages
from summarizer.config import FeedConfig, SourcesConfig
from summarizer.config.settings import DigestSettings
from summarizer.group.clustering import is_headline_only
from summarizer.models import Article, FeedReport
from summarizer.pipeline.editing import carriers
from summarizer.pipeline.intake import source_lists
from summarizer.pipeline.output import Published
from summarizer.pipeline.stages import (
    ANALYSE,
    BUILD,
    CLUSTER,
    COUNT,
    DEDUPE,
    EXTRACT,
    FETCH,
    GATHER,
    LOAD,
    PUBLISH,
    RANK,
    RECALL_FEEDS,
    RECALL_PAGES,
    RECORD,
    RENDER,
    SIGN,
    SKIM,
    THREAD,
    Stage,
)
from summarizer.text.headlines import Casing
from summarizer.text.parser import stop_workers

log = logging.getLogger(__name__)
T = TypeVar("T")


class StageRunner(Protocol):
    """How a stage is executed: directly, or as an orchestrator's task. Inputs are passed by
    the names of the stage function's parameters."""

    def call(self, stage: Stage, **inputs: Any) -> Any:
        """Run ``stage`` once and return its result."""

    def map(self, stage: Stage, over: str, batches: Sequence[Any], **inputs: Any) -> list[Any]:
        """Run ``stage`` once per batch, given as its ``over`` input (as the runner sees fit:
        at once or in turn)."""

    def warm_up(self, stage: Stage, **inputs: Any) -> None:
        """Start what ``stage``'s calls will need, without waiting, where they will run."""


class DirectRunner:
    """Plain function calls, logged through the library's logger."""

    def call(self, stage: Stage, **inputs: Any) -> Any:
        result, account = stage.run_and_describe(**inputs)
        log.info("%s: %s", stage.name, account)
        for level, line in stage.notes(result):
            log.log(level, line)
        return result

    def map(self, stage: Stage, over: str, batches: Sequence[Any], **inputs: Any) -> list[Any]:
        return [self.call(stage, **{over: batch}, **inputs) for batch in batches]

    def warm_up(self, stage: Stage, **inputs: Any) -> None:
        if stage.warm_up is not None:
            stage.warm_up(**inputs)


def in_batches(items: Sequence[T], size: int | None) -> list[list[T]]:
    """``items`` in lists of ``size`` (all in one list when ``size`` is ``None``)."""
    if size is None:
        return [list(items)]
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def by_outlet(articles: Sequence[Article], size: int | None) -> list[list[int]]:
    """Positions of ``articles`` in partitions of at least ``size`` (the last may be
    smaller), each outlet's articles in one partition, in day order within it."""
    return in_groups([article.source for article in articles], size)


def in_groups(groups: Sequence[Hashable], size: int | None) -> list[list[int]]:
    """Positions of items, given each item's group, in partitions of at least ``size`` (the
    last may be smaller), each group whole, in order within a partition."""
    members: dict[Hashable, list[int]] = {}
    for position, group in enumerate(groups):
        members.setdefault(group, []).append(position)
    partitions: list[list[int]] = [[]]
    for positions in members.values():
        if size is not None and len(partitions[-1]) >= size:
            partitions.append([])
        partitions[-1].extend(positions)
    return [sorted(partition) for partition in partitions if partition]


def in_partitions(items: Sequence[T], partitions: Sequence[Sequence[int]]) -> list[list[T]]:
    """The items at each partition's positions: a mapped stage's batches."""
    return [[items[p] for p in partition] for partition in partitions]


def in_day_order(partitions: Sequence[Sequence[int]], results: Sequence[Sequence[T]]) -> list[T]:
    """The results of a stage mapped over ``partitions``, one per article, in day order."""
    ordered: dict[int, T] = {}
    for partition, result in zip(partitions, results, strict=True):
        ordered.update(zip(partition, result, strict=True))
    return [ordered[position] for position in range(len(ordered))]


def _read_feeds(
    runner: StageRunner,
    config: SourcesConfig,
    feeds: Sequence[FeedConfig],
    settings: DigestSettings,
    since: datetime | None,
) -> list[FeedReport]:
    """Fetch and extract the feeds in mapped batches, which need only the network (on a
    cluster they run on its workers); the store of seen articles, one SQLite file, is read
    before each and written after them on this machine."""
    # One budget for the whole run's full-text fetching, whichever batch spends it.
    deadline = time.time() + config.limits.full_text_budget
    # Each batch carries its own feeds: the whole list need not travel with every one.
    network = config.model_copy(update={"feed_list": ()})
    requests = runner.call(RECALL_FEEDS, config=config, feeds=feeds)
    fetched = runner.map(
        FETCH,
        "requests",
        in_batches(requests, FETCH.batch),
        config=network,
        settings=settings,
        since=since,
    )
    known: list[FeedReport] = runner.call(RECALL_PAGES, config=config, reports=_joined(fetched))
    # Feeds linking one page are extracted together, so that the page is fetched once.
    partitions = in_groups(sharing_pages(known), EXTRACT.batch)
    extracted = runner.map(
        EXTRACT,
        "reports",
        in_partitions(known, partitions),
        config=network,
        deadline=deadline,
    )
    recorded: list[FeedReport] = runner.call(
        RECORD, config=config, reports=in_day_order(partitions, extracted), settings=settings
    )
    return recorded


def _joined(parts: Sequence[Sequence[T]]) -> list[T]:
    return [item for part in parts for item in part]


def run_pipeline(
    paths: Sequence[str | Path],
    settings: DigestSettings,
    config: SourcesConfig | None = None,
    *,
    since: datetime | None = None,
    runner: StageRunner | None = None,
) -> Published:
    """Load, fetch, deduplicate, skim, count terms, cluster, thread, rank, analyse the top
    stories in depth, build, render and publish the digest of ``settings.day``: every stage
    of ``STAGES`` up to publishing, in order, through ``runner``."""
    runner = runner or DirectRunner()
    started = datetime.now().astimezone()
    file_paths, feeds = source_lists(paths, config)
    loaded = runner.call(LOAD, paths=file_paths, settings=settings) if file_paths else None
    reports: list[FeedReport] = []
    if config is not None and feeds:
        reports = _read_feeds(runner, config, feeds, settings, since)
    inputs = runner.call(
        GATHER, loaded=loaded, reports=reports, config=config, settings=settings, started=started
    )
    # The signatures are needed by dedupe only (100,000 of them hold ~80 MB): not kept.
    signed = runner.map(SIGN, "articles", in_batches(inputs.articles, SIGN.batch))
    signatures = _joined(signed)
    del signed
    unique = runner.call(DEDUPE, gathered=inputs, signed=signatures)
    del signatures
    articles = unique.articles
    partitions = by_outlet(articles, SKIM.batch)
    skimmed = runner.map(SKIM, "articles", in_partitions(articles, partitions))
    skims = in_day_order(partitions, [part.skims for part in skimmed])
    casing = Casing.merged(part.casing for part in skimmed)
    del skimmed
    # A day of headlines is compared on its headlines, not counted; its deep analysis
    # (headlines and teasers) is too short to be worth worker processes.
    headlines = is_headline_only(articles)
    counted = runner.map(COUNT, "articles", [] if headlines else in_batches(articles, COUNT.batch))
    if not headlines:  # the clustering runs on one core: the workers start on the other
        runner.warm_up(ANALYSE, articles=articles, settings=settings)
    groups = runner.call(CLUSTER, articles=articles, skims=skims, counted=counted)
    threads = runner.call(
        THREAD, groups=groups, articles=articles, unique=unique, settings=settings
    )
    ranked = runner.call(
        RANK,
        groups=groups,
        threads=threads,
        articles=articles,
        skims=skims,
        unique=unique,
        config=config,
        settings=settings,
    )
    deep = carriers(ranked, articles, skims)
    parts = runner.map(
        ANALYSE,
        "articles",
        in_batches(deep, ANALYSE.batch) if deep else [],
        settings=settings,
        casing=casing,
    )
    # A day is analysed once: its workers (a model each, ~250 MB) end now rather than with
    # the process, and hold nothing while the digest is built.
    stop_workers()
    digest = runner.call(
        BUILD,
        ranked=ranked,
        analyses=_joined(parts),
        articles=articles,
        skims=skims,
        inputs=inputs,
        unique=unique,
        settings=settings,
    )
    rendered = runner.call(RENDER, digest=digest, settings=settings)
    published: Published = runner.call(PUBLISH, digest=digest, rendered=rendered, settings=settings)
    return published
