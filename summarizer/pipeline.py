"""The daily pipeline, declared once.

``STAGES`` names every stage, the library function that does its work and how it batches;
:func:`run_pipeline` is the one order they run in. Called directly it runs each stage as a
plain function call (:class:`DirectRunner`); the Prefect flow passes a runner that turns each
stage into a task and adds caching, retries and artifacts, nothing else. So the flow and the
direct call cannot drift apart.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import httpx

from summarizer.analysis.articles import analyse_articles
from summarizer.config import FeedConfig, SourcesConfig
from summarizer.errors import ConfigError, NewsDigestError
from summarizer.models import (
    Article,
    ArticleAnalysis,
    DayInputs,
    DedupeResult,
    Digest,
    FeedReport,
    LoadResult,
)
from summarizer.publish.days import render_if_changed, write_day
from summarizer.settings import DigestSettings
from summarizer.sources.collect import FeedCollector, TimeWindow, record_new
from summarizer.sources.files import expand_paths, load_files
from summarizer.sources.http import Fetcher, make_client
from summarizer.sources.store import Store
from summarizer.stories.build import build_digest
from summarizer.stories.clustering import cluster_articles
from summarizer.stories.dedupe import deduplicate

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the pipeline: its name (a task's name in the Prefect UI), the function
    doing the work, how many items one call takes (``None``: everything at once) and the
    one-line account of its result that is logged."""

    name: str
    run: Callable[..., Any]
    describe: Callable[[Any], str]
    batch: int | None = None


@dataclass(frozen=True, slots=True)
class Published:
    """What the publish stage wrote: the day's files, whether they were rewritten, and the
    archive files that changed."""

    paths: dict[str, Path]
    rewritten: bool
    archive: list[Path]


def source_lists(
    paths: Sequence[str | Path], config: SourcesConfig | None
) -> tuple[list[str | Path], list[FeedConfig]]:
    """The file paths (given ones, then the sources file's) and feeds of a run.

    Raises:
        ConfigError: there is neither a file nor a feed to read.
    """
    all_paths = [*paths, *(config.files if config else ())]
    feeds = list(config.feeds) if config else []
    if not all_paths and not feeds:
        raise ConfigError(
            "no sources given: pass article files, a directory, a glob or a sources file"
        )
    return all_paths, feeds


def load(paths: Sequence[str | Path], settings: DigestSettings) -> LoadResult:
    """Load article files; unusable files become problems."""
    return load_files(paths, max_bytes=settings.max_file_bytes)


def check_files(paths: Sequence[str | Path], settings: DigestSettings) -> None:
    """Fail before any orchestration starts when not one of a files-only run's files can be
    used. Files are tried in turn until one gives an article, so a good run pays for one
    file here (the load stage reads them all again).

    Raises:
        NewsDigestError: every file failed; the message gives the first reasons.
    """
    tried = LoadResult()
    for path in expand_paths(paths):
        loaded = load_files([path], max_bytes=settings.max_file_bytes, log_problems=False)
        if loaded.articles:
            return
        tried.files += loaded.files
        tried.problems.extend(loaded.problems)
    gather(tried, [], None, settings, datetime.now(UTC))


def _collector(config: SourcesConfig, client: httpx.Client, store: Store) -> FeedCollector:
    fetcher = Fetcher(client, config.limits, allow_private_hosts=config.allow_private_hosts)
    return FeedCollector(fetcher, store, config.limits, full_text=config.full_text)


def fetch(
    config: SourcesConfig,
    feeds: Sequence[FeedConfig],
    settings: DigestSettings,
    since: datetime | None = None,
) -> list[FeedReport]:
    """Fetch and parse a batch of feeds; their entries in the day's window, per feed."""
    window = TimeWindow.for_day(settings.day, config.window_hours, since=since)
    with make_client(config.limits) as client, Store(config.store_path) as store:
        return _collector(config, client, store).collect(feeds, window)


def extract(
    config: SourcesConfig,
    reports: Sequence[FeedReport],
    settings: DigestSettings,
    deadline: float | None = None,
) -> list[FeedReport]:
    """Turn fetched entries into articles (full text for teasers until ``deadline``, in
    seconds since the epoch) and record the new ones."""
    with make_client(config.limits) as client, Store(config.store_path) as store:
        _collector(config, client, store).complete(reports, deadline=deadline)
        record_new(store, reports, settings.day)
    return list(reports)


def gather(
    loaded: LoadResult | None,
    reports: Sequence[FeedReport],
    config: SourcesConfig | None,
    settings: DigestSettings,
    started: datetime,
) -> DayInputs:
    """The day's articles (files, plus every feed article recorded for the day) and problems.

    Raises:
        NewsDigestError: every source failed, so there is nothing honest to publish.
    """
    inputs = DayInputs()
    if loaded is not None:
        inputs.articles.extend(loaded.articles)
        inputs.problems.extend(loaded.problems)
        inputs.sources += loaded.files
        inputs.failed_sources += len({p.source.split(":")[0] for p in loaded.problems})
    for report in reports:
        inputs.sources += 1
        inputs.guids.update(report.guids)
        inputs.problems.extend(report.problems)
        if report.failed:
            inputs.failed_sources += 1
    if config is not None and config.feeds:
        with Store(config.store_path) as store:
            inputs.articles.extend(store.articles_for(settings.day))
            store.log_run(
                settings.day,
                started=started,
                fetched=sum(1 for r in reports if not r.failed),
                new=sum(r.new for r in reports),
                failed=sum(1 for r in reports if r.failed),
                problems=[p.to_dict() for r in reports for p in r.problems],
            )
    if inputs.sources and inputs.failed_sources >= inputs.sources and not inputs.articles:
        reasons = "; ".join(f"{p.source}: {p.reason}" for p in inputs.problems[:5])
        raise NewsDigestError(f"every source failed, nothing to publish ({reasons})")
    return inputs


def dedupe(
    loaded: LoadResult | None,
    reports: Sequence[FeedReport],
    config: SourcesConfig | None,
    settings: DigestSettings,
    started: datetime,
) -> tuple[DayInputs, DedupeResult]:
    """Gather the day's articles, then drop exact duplicates and merge near-duplicates."""
    inputs = gather(loaded, reports, config, settings, started)
    return inputs, deduplicate(inputs.articles, guids=inputs.guids)


def analyse(articles: Sequence[Article], settings: DigestSettings) -> list[ArticleAnalysis]:
    """Summarise each article and find its participants (one parse per article)."""
    return analyse_articles(
        articles,
        summary_length=settings.key_points,
        algorithm=settings.algorithm,
        workers=settings.workers,
    )


def cluster(articles: Sequence[Article]) -> list[list[int]]:
    """Group articles into stories: positions of the articles of each story."""
    return cluster_articles(articles).groups()


def build(
    analyses: Sequence[ArticleAnalysis],
    groups: Sequence[Sequence[int]],
    inputs: DayInputs,
    unique: DedupeResult,
    settings: DigestSettings,
) -> Digest:
    """The day's digest: one story per group of analysed articles, most important first."""
    return build_digest(
        analyses,
        day=settings.day,
        generated_at=datetime.now(UTC),
        problems=inputs.problems,
        source_count=inputs.sources,
        extra_sources=unique.extra_sources,
        max_stories=settings.max_stories,
        settings=settings.as_dict(),
        timezone=settings.timezone,
        groups=groups,
        points=settings.key_points,
    )


def render(digest: Digest, settings: DigestSettings) -> dict[str, str] | None:
    """Every format of the day's digest, or ``None`` when the published files say it already."""
    return render_if_changed(digest, settings.out_dir)


def publish(digest: Digest, rendered: dict[str, str] | None, settings: DigestSettings) -> Published:
    """Write the rendered day atomically (nothing when unchanged), then the archive."""
    paths, archive = write_day(digest, rendered, settings.out_dir, base_url=settings.base_url)
    return Published(paths, rendered is not None, archive)


LOAD = Stage(
    "load",
    load,
    lambda r: f"loaded {len(r.articles)} articles from {r.files} files, {len(r.problems)} problems",
)
FETCH = Stage(
    "fetch",
    fetch,
    lambda reports: (
        f"fetched {len(reports)} feeds: {sum(r.failed for r in reports)} failed, "
        f"{sum(r.status == 'not modified' for r in reports)} not modified, "
        f"{sum(len(r.in_window) for r in reports)} entries in the window"
    ),
    batch=25,
)
EXTRACT = Stage(
    "extract",
    extract,
    lambda reports: (
        f"{sum(len(r.articles) for r in reports)} articles from {len(reports)} "
        f"feeds ({sum(r.full_text_fetched for r in reports)} full texts fetched), "
        f"{sum(r.new for r in reports)} new"
    ),
)
DEDUPE = Stage(
    "dedupe",
    dedupe,
    lambda r: (
        f"{len(r[0].articles)} articles: {len(r[1].articles)} unique, "
        f"{r[1].dropped} exact duplicates dropped, "
        f"{sum(len(v) for v in r[1].extra_sources.values())} near-duplicates merged"
    ),
)
ANALYSE = Stage(
    # Summaries and participants read the same spaCy parse, so they share a stage.
    "summarise+participants",
    analyse,
    lambda analyses: (
        f"summarised {len(analyses)} articles; participants: "
        f"{sum(len(a.participants.people) for a in analyses)} people, "
        f"{sum(len(a.participants.organizations) for a in analyses)} organisations, "
        f"{sum(len(a.participants.places) for a in analyses)} places"
    ),
    batch=200,
)
CLUSTER = Stage(
    "cluster",
    cluster,
    lambda groups: (
        f"{sum(map(len, groups))} articles in {len(groups)} stories "
        f"({sum(len(g) > 1 for g in groups)} told by several articles)"
    ),
)
BUILD = Stage("build", build, lambda digest: f"{len(digest.stories)} stories in the digest")
RENDER = Stage(
    "render",
    render,
    lambda rendered: (
        "nothing changed since the day's digest was published"
        if rendered is None
        else "rendered " + ", ".join(f"{fmt} {len(text):,} chars" for fmt, text in rendered.items())
    ),
)
PUBLISH = Stage(
    "publish",
    publish,
    lambda p: (
        ("published " + ", ".join(str(path) for path in p.paths.values()))
        if p.rewritten
        else "the published files stand"
    ),
)
STAGES: tuple[Stage, ...] = (LOAD, FETCH, EXTRACT, DEDUPE, ANALYSE, CLUSTER, BUILD, RENDER, PUBLISH)
"""Every stage, in the order data flows through them."""


class StageRunner(Protocol):
    """How a stage is executed: directly, or as an orchestrator's task."""

    def call(self, stage: Stage, *args: Any) -> Any:
        """Run ``stage`` once and return its result."""

    def map(self, stage: Stage, batches: Sequence[Any], *args: Any) -> list[Any]:
        """Run ``stage`` once per batch (as the runner sees fit: at once or in turn)."""


class DirectRunner:
    """Plain function calls, logged through the library's logger."""

    def call(self, stage: Stage, *args: Any) -> Any:
        result = stage.run(*args)
        log.info("%s: %s", stage.name, stage.describe(result))
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
) -> Published:
    """Load, fetch, deduplicate, analyse, cluster, build, render and publish the digest of
    ``settings.day``: every stage of ``STAGES``, in order, through ``runner``."""
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
    parts = runner.map(ANALYSE, in_batches(unique.articles, ANALYSE.batch), settings)
    analyses = [analysis for part in parts for analysis in part]
    groups = runner.call(CLUSTER, [a.article for a in analyses])
    digest = runner.call(BUILD, analyses, groups, inputs, unique, settings)
    return runner.call(PUBLISH, digest, runner.call(RENDER, digest, settings), settings)
