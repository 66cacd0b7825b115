"""The whole daily pipeline as plain function calls, without any orchestrator.

The Prefect flow calls the same stages, one task each; benchmarks call :func:`run_pipeline`
directly to measure what orchestration adds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx

from summarizer.analysis.articles import analyse_articles, default_workers
from summarizer.analysis.summaries import check_algorithm
from summarizer.config import FeedConfig, SourcesConfig, local_timezone
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
from summarizer.publish.days import publish
from summarizer.sources.collect import FeedCollector, TimeWindow, record_new
from summarizer.sources.files import DEFAULT_MAX_FILE_BYTES, load_files
from summarizer.sources.http import Fetcher, make_client
from summarizer.sources.store import Store
from summarizer.stories.build import build_digest
from summarizer.stories.clustering import cluster_articles
from summarizer.stories.dedupe import deduplicate

DEFAULT_BATCH_SIZE = 200
FEED_BATCH_SIZE = 25


@dataclass(frozen=True, slots=True)
class DigestSettings:
    """The knobs of one digest run, checked before any work starts."""

    day: date
    out_dir: Path
    sentences: int = 3
    algorithm: str = "default"
    max_stories: int | None = None
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    workers: int = field(default_factory=default_workers)
    timezone: str = field(default_factory=local_timezone)
    """The time zone readers see the digest's times in."""
    base_url: str | None = None
    """Where the output directory is served; makes the Atom feed's links absolute."""

    @classmethod
    def for_config(cls, config: SourcesConfig | None, **values: Any) -> DigestSettings:
        """Settings whose time zone and base URL come from ``sources.toml`` when there is one."""
        if config:
            values.setdefault("timezone", config.schedule.timezone)
            values.setdefault("base_url", config.base_url)
        return cls(**values)

    def __post_init__(self) -> None:
        check_algorithm(self.algorithm)
        if not 1 <= self.sentences <= 20:
            raise ConfigError(f"sentences must be between 1 and 20, not {self.sentences}")
        if self.max_stories is not None and self.max_stories < 1:
            raise ConfigError(f"max_stories must be 1 or more, not {self.max_stories}")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ConfigError(f"{self.timezone!r} is not an IANA time zone") from exc

    def as_dict(self) -> dict[str, object]:
        return {
            "sentences": self.sentences,
            "algorithm": self.algorithm,
            "max_stories": self.max_stories,
        }


def parse_day(value: str | date | None) -> date:
    """A digest date from ISO text; today (UTC) when not given.

    Raises:
        ConfigError: the text is not a YYYY-MM-DD date.
    """
    if value is None or value == "":
        return datetime.now(UTC).date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"date must be YYYY-MM-DD, not {value!r}") from exc


def default_day(config: SourcesConfig | None) -> date:
    """Today in the schedule's time zone (the sources file's, else this machine's)."""
    timezone = config.schedule.timezone if config else local_timezone()
    return datetime.now(ZoneInfo(timezone)).date()


def parse_since(value: str | None) -> datetime | None:
    """``--since``: an ISO date or date-time (UTC unless it says otherwise).

    Raises:
        ConfigError: the text is not ISO-8601.
    """
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"since must be an ISO date or date-time, not {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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


def load_file_sources(paths: Sequence[str | Path], settings: DigestSettings) -> LoadResult:
    """Load article files; unusable files become problems."""
    return load_files(paths, max_bytes=settings.max_file_bytes)


def _collector(config: SourcesConfig, client: httpx.Client, store: Store) -> FeedCollector:
    fetcher = Fetcher(client, config.limits, allow_private_hosts=config.allow_private_hosts)
    return FeedCollector(fetcher, store, config.limits, full_text=config.full_text)


def fetch_feeds(
    config: SourcesConfig,
    feeds: Sequence[FeedConfig],
    day: date,
    *,
    since: datetime | None = None,
    now: datetime | None = None,
) -> list[FeedReport]:
    """Fetch and parse a batch of feeds; their entries in the day's window, per feed."""
    window = TimeWindow.for_day(day, config.window_hours, now=now, since=since)
    with make_client(config.limits) as client, Store(config.store_path) as store:
        return _collector(config, client, store).collect(feeds, window)


def extract_articles(
    config: SourcesConfig, reports: Sequence[FeedReport], day: date
) -> list[FeedReport]:
    """Turn fetched entries into articles (full text for teasers) and record the new ones."""
    with make_client(config.limits) as client, Store(config.store_path) as store:
        _collector(config, client, store).complete(reports)
        record_new(store, reports, day)
    return list(reports)


def gather(
    loaded: LoadResult | None,
    reports: Sequence[FeedReport],
    config: SourcesConfig | None,
    day: date,
    *,
    started: datetime | None = None,
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
            inputs.articles.extend(store.articles_for(day))
            store.log_run(
                day,
                started=started or datetime.now(UTC),
                fetched=sum(1 for r in reports if not r.failed),
                new=sum(r.new for r in reports),
                failed=sum(1 for r in reports if r.failed),
                problems=[p.to_dict() for r in reports for p in r.problems],
            )
    if inputs.sources and inputs.failed_sources >= inputs.sources and not inputs.articles:
        reasons = "; ".join(f"{p.source}: {p.reason}" for p in inputs.problems[:5])
        raise NewsDigestError(f"every source failed, nothing to publish ({reasons})")
    return inputs


def dedupe(inputs: DayInputs) -> DedupeResult:
    return deduplicate(inputs.articles, guids=inputs.guids)


def batches(articles: Sequence[Article], size: int = DEFAULT_BATCH_SIZE) -> list[list[Article]]:
    """Articles in batches of ``size``: the unit of work for analysis."""
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]


def analyse(articles: Sequence[Article], settings: DigestSettings) -> list[ArticleAnalysis]:
    return analyse_articles(
        articles,
        sentences=settings.sentences,
        algorithm=settings.algorithm,
        workers=settings.workers,
    )


def make_digest(
    analyses: Sequence[ArticleAnalysis],
    inputs: DayInputs,
    unique: DedupeResult,
    settings: DigestSettings,
    *,
    generated_at: datetime | None = None,
    groups: Sequence[Sequence[int]] | None = None,
) -> Digest:
    """The digest of analysed articles, grouped into stories (clustered here unless
    ``groups`` already says which analyses belong together)."""
    if groups is None:
        groups = cluster_articles([a.article for a in analyses]).groups()
    return build_digest(
        analyses,
        day=settings.day,
        generated_at=generated_at or datetime.now(UTC),
        problems=inputs.problems,
        source_count=inputs.sources,
        extra_sources=unique.extra_sources,
        max_stories=settings.max_stories,
        settings=settings.as_dict(),
        timezone=settings.timezone,
        groups=groups,
        points=settings.sentences,
    )


def run_pipeline(
    paths: Sequence[str | Path],
    settings: DigestSettings,
    config: SourcesConfig | None = None,
    *,
    since: datetime | None = None,
) -> dict[str, Path]:
    """Load, fetch, deduplicate, analyse, render and publish the digest of ``settings.day``."""
    all_paths, feeds = source_lists(paths, config)
    loaded = load_file_sources(all_paths, settings) if all_paths else None

    reports = (
        extract_articles(
            config, fetch_feeds(config, feeds, settings.day, since=since), settings.day
        )
        if config and feeds
        else []
    )
    inputs = gather(loaded, reports, config, settings.day)
    unique = dedupe(inputs)
    # One call for all articles: the worker pool balances them across processes.
    analyses = analyse(unique.articles, settings)

    digest = make_digest(analyses, inputs, unique, settings)
    return publish(digest, settings.out_dir, base_url=settings.base_url)
