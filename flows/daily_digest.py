"""The daily digest as a Prefect flow: load files and fetch feeds → dedupe → analyse → publish.

Tasks are coarse on purpose (one per stage, one per batch of feeds or articles): Prefect costs
a few milliseconds per task run, and the UI stays readable. All logic lives in ``summarizer``;
HTTP clients, the store and the spaCy model are created inside the library calls, never passed
as task parameters (they would break or slow Prefect's cache keys).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from summarizer.analyse import ArticleAnalysis
from summarizer.config import FeedConfig, SourcesConfig, load_config
from summarizer.dedupe import DedupeResult
from summarizer.errors import ConfigError
from summarizer.ingest import FeedReport
from summarizer.models import Article, Digest
from summarizer.pipeline import (
    FEED_BATCH_SIZE,
    DayInputs,
    DigestSettings,
    analyse,
    batches,
    dedupe,
    fetch_feeds,
    gather,
    load_file_sources,
    make_digest,
    parse_day,
    parse_since,
)
from summarizer.publish import publish
from summarizer.render import markdown as markdown_renderer
from summarizer.sources.files import LoadResult

# Library loggers (no Prefect import there) reach the run logs through
# PREFECT_LOGGING_EXTRA_LOGGERS=summarizer plus this level.
if logging.getLogger("summarizer").level == logging.NOTSET:
    logging.getLogger("summarizer").setLevel(logging.INFO)

# Artifacts over ~1 MB make the server refuse to publish the event; the file has it all.
_ARTIFACT_LIMIT = 900_000


@task(name="load", cache_policy=NO_CACHE)
def load_task(paths: list[str], settings: DigestSettings) -> LoadResult:
    loaded = load_file_sources(paths, settings)
    get_run_logger().info(
        "loaded %d articles from %d files, %d problems",
        len(loaded.articles),
        loaded.files,
        len(loaded.problems),
    )
    return loaded


@task(name="fetch", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=10)
def fetch_task(
    config: SourcesConfig,
    feeds: list[FeedConfig],
    settings: DigestSettings,
    since: datetime | None,
) -> list[FeedReport]:
    reports = fetch_feeds(config, feeds, settings.day, since=since)
    failed = sum(1 for r in reports if r.status == "failed")
    get_run_logger().info(
        "fetched %d feeds: %d failed, %d new articles, %d full texts",
        len(reports),
        failed,
        sum(r.new for r in reports),
        sum(r.full_text_fetched for r in reports),
    )
    return reports


@task(name="dedupe", cache_policy=NO_CACHE)
def dedupe_task(
    loaded: LoadResult | None,
    reports: list[FeedReport],
    config: SourcesConfig | None,
    settings: DigestSettings,
    started: datetime,
) -> tuple[DayInputs, DedupeResult]:
    inputs = gather(loaded, reports, config, settings.day, started=started)
    unique = dedupe(inputs)
    get_run_logger().info(
        "%d articles: %d unique, %d exact duplicates dropped, %d near-duplicates merged",
        len(inputs.articles),
        len(unique.articles),
        unique.dropped,
        sum(len(v) for v in unique.extra_sources.values()),
    )
    return inputs, unique


@task(name="analyse", cache_policy=NO_CACHE)
def analyse_task(articles: list[Article], settings: DigestSettings) -> list[ArticleAnalysis]:
    analyses = analyse(articles, settings)
    get_run_logger().info("analysed %d articles", len(analyses))
    return analyses


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(digest: Digest, out_dir: Path) -> dict[str, str]:
    written = publish(digest, out_dir)
    get_run_logger().info("published %s", ", ".join(str(p) for p in written.values()))
    return {fmt: str(path) for fmt, path in written.items()}


def _run_name() -> str:
    from prefect.runtime import flow_run

    day = flow_run.parameters.get("date") or "today"
    return f"digest-{day}"


@flow(name="daily-digest", flow_run_name=_run_name, validate_parameters=True)
def daily_digest(
    sources: list[str] | None = None,
    date: str | None = None,
    out_dir: str | None = None,
    sentences: int = 3,
    algorithm: str = "default",
    sources_file: str | None = None,
    since: str | None = None,
) -> dict[str, str]:
    """Build the digest of ``date`` (default: today, UTC) from article files and feeds.

    Args:
        sources: article files, directories or glob patterns.
        date: the digest date, YYYY-MM-DD.
        out_dir: where ``YYYY-MM-DD/digest.{md,html,json}`` are written (default: the
            sources file's ``output_dir``, else ``reports``).
        sentences: key points per story.
        algorithm: summarisation algorithm (``default``, ``lead``, ``lexrank``, ...).
        sources_file: a ``sources.toml`` listing feeds, files and limits.
        since: take feed entries published from this ISO date/time on (overrides the
            sources file's ``window_hours``).
    """
    started = datetime.now(UTC)
    config = load_config(Path(sources_file)) if sources_file else None
    output = Path(out_dir) if out_dir else (config.output_dir if config else Path("reports"))
    settings = DigestSettings(
        day=parse_day(date), out_dir=output, sentences=sentences, algorithm=algorithm
    )
    window_start = parse_since(since)
    paths = [*(sources or []), *(config.files if config else ())]
    feeds = list(config.feeds) if config else []
    if not paths and not feeds:
        raise ConfigError(
            "no sources given: pass article files, a directory, a glob or a sources file"
        )
    loaded = load_task(paths, settings) if paths else None
    reports = [
        report
        for start in range(0, len(feeds), FEED_BATCH_SIZE)
        for report in fetch_task(
            config, feeds[start : start + FEED_BATCH_SIZE], settings, window_start
        )
    ]
    inputs, unique = dedupe_task(loaded, reports, config, settings, started)
    analyses = [a for batch in batches(unique.articles) for a in analyse_task(batch, settings)]
    digest = make_digest(analyses, inputs, unique, settings)
    written = publish_task(digest, settings.out_dir)
    create_markdown_artifact(
        key="daily-digest",
        markdown=markdown_renderer.render(digest)[:_ARTIFACT_LIMIT],
        description=f"News digest for {settings.day.isoformat()}",
    )
    return written
