"""The pipeline's first stages: read the files, fetch the feeds, gather the day's articles
and drop their duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import httpx

from summarizer.collect.collector import (
    FeedCollector,
    TimeWindow,
    record_reports,
    with_known_pages,
    with_known_validators,
)
from summarizer.collect.files import load_files
from summarizer.collect.http import Fetcher, make_client
from summarizer.config import FeedConfig, SourcesConfig
from summarizer.config.settings import DigestSettings
from summarizer.errors import ConfigError, NewsDigestError
from summarizer.group.dedupe import Signature, deduplicate
from summarizer.models import (
    Article,
    DayInputs,
    DedupeResult,
    FeedReport,
    FeedRequest,
    FilterCount,
    LoadResult,
    to_jsonable,
)
from summarizer.store import Store


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
    used. Reading stops at the first article, so a good run pays for one article here (the
    load stage reads them all again), however large its files.

    Raises:
        NewsDigestError: every file failed; the message gives the first reasons.
    """
    tried = load_files(paths, max_bytes=settings.max_file_bytes, quiet=True, stop_after=1)
    if not tried.articles:
        gather(tried, [], None, settings, datetime.now(UTC))


def _collector(config: SourcesConfig, client: httpx.Client) -> FeedCollector:
    fetcher = Fetcher(client, config.limits, allow_private_hosts=config.allow_private_hosts)
    return FeedCollector(fetcher, config.limits, full_text=config.full_text)


def recall_feeds(config: SourcesConfig, feeds: Sequence[FeedConfig]) -> list[FeedRequest]:
    """The feeds to fetch, each with the validators the store kept from its last answer."""
    with Store(config.store_path) as store:
        return with_known_validators(store, feeds)


def fetch(
    config: SourcesConfig,
    requests: Sequence[FeedRequest],
    settings: DigestSettings,
    since: datetime | None = None,
) -> list[FeedReport]:
    """Fetch and parse a batch of feeds; their entries in the day's window, per feed. Only
    the network: it runs wherever the batch is sent."""
    window = TimeWindow.for_day(settings.day, config.window_hours, since=since)
    with make_client(config.limits) as client:
        return _collector(config, client).collect(requests, window)


def recall_pages(config: SourcesConfig, reports: Sequence[FeedReport]) -> list[FeedReport]:
    """The reports, each with the pages of its teasers' links extracted on earlier runs."""
    if config.full_text:
        with Store(config.store_path) as store:
            with_known_pages(store, reports)
    return list(reports)


def extract(
    config: SourcesConfig, reports: Sequence[FeedReport], deadline: float | None = None
) -> list[FeedReport]:
    """Turn a batch of fetched reports' entries into articles (full text for teasers until
    ``deadline``, in seconds since the epoch). Only the network: it runs wherever the batch
    is sent."""
    with make_client(config.limits) as client:
        return _collector(config, client).complete(reports, deadline=deadline)


def record(
    config: SourcesConfig, reports: Sequence[FeedReport], settings: DigestSettings
) -> list[FeedReport]:
    """Keep the pages fetched, each feed's outcome and the articles not seen before."""
    with Store(config.store_path) as store:
        record_reports(store, reports, settings.day)
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
                problems=[to_jsonable(p) for r in reports for p in r.problems],
            )
    if inputs.sources and inputs.failed_sources >= inputs.sources and not inputs.articles:
        reasons = "; ".join(f"{p.source}: {p.reason}" for p in inputs.problems[:5])
        raise NewsDigestError(f"every source failed, nothing to publish ({reasons})")
    if config is not None and config.filters:
        inputs.articles, inputs.filtered = apply_filters(inputs.articles, config)
    return inputs


def apply_filters(
    articles: Sequence[Article], config: SourcesConfig
) -> tuple[list[Article], tuple[FilterCount, ...]]:
    """The articles every keyword rule of ``config`` keeps, and what each rule removed.

    A rule with tags judges only articles of feeds carrying one of them (files have no
    tags, so only rules without tags judge them); an article counts against the first rule
    that removes it."""
    tags = {feed.url: feed.tags for feed in config.feeds}
    rules = config.filters
    removed = [0] * len(rules)
    kept = []
    for article in articles:
        feed_tags = tags.get(article.feed or "", ())
        for number, rule in enumerate(rules):
            if rule.applies_to(feed_tags) and not rule.keeps(article.title, article.text):
                removed[number] += 1
                break
        else:
            kept.append(article)
    counts = tuple(
        FilterCount(rule=rule.describe(), removed=count)
        for rule, count in zip(rules, removed, strict=True)
    )
    return kept, counts


def dedupe(gathered: DayInputs, signed: Sequence[Signature]) -> DedupeResult:
    """Drop the day's exact duplicates and merge its near-duplicates, given the articles'
    signatures in day order."""
    return deduplicate(gathered.articles, guids=gathered.guids, signed=signed)
