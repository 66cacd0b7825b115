"""The daily digest as a Prefect flow.

Stages, each a task named for it so the UI shows progress: ``load`` (article files),
``fetch`` (one task per batch of feeds), ``extract`` (full text of teasers, new articles into
the store), ``dedupe``, ``summarise+participants`` (one task per batch of articles; both
stages read the same spaCy parse, so they share a task rather than parse twice), ``render``
and ``publish``.

Tasks are coarse on purpose: Prefect costs a few milliseconds per task run. HTTP clients, the
store and the spaCy model are created inside the library calls and never passed as task
parameters (they would break or slow Prefect's cache keys). All logic lives in ``summarizer``.
"""

# No `from __future__ import annotations` here: Prefect builds the UI's parameter form and
# validates runs from these annotations, and a served deployment resolves them out of context.
import datetime as dt
import hashlib
import logging
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_link_artifact,
    create_markdown_artifact,
    create_table_artifact,
)
from prefect.cache_policies import NO_CACHE
from prefect.context import TaskRunContext
from pydantic import Field

from summarizer.analysis.summaries import ALGORITHMS
from summarizer.config import FeedConfig, SourcesConfig, load_config, output_directory
from summarizer.errors import NewsDigestError
from summarizer.identity import content_hash
from summarizer.models import (
    Article,
    ArticleAnalysis,
    DayInputs,
    DedupeResult,
    Digest,
    FeedReport,
    LoadResult,
)
from summarizer.pipeline import (
    FEED_BATCH_SIZE,
    DigestSettings,
    analyse,
    batches,
    dedupe,
    default_day,
    extract_articles,
    fetch_feeds,
    gather,
    load_file_sources,
    make_digest,
    source_lists,
)
from summarizer.publish.days import (
    day_directory,
    day_links,
    digest_paths,
    is_unchanged,
    published_days,
    refresh_archive,
    render_day,
    write_rendered,
)
from summarizer.publish.freshness import code_fingerprint
from summarizer.stories.clustering import cluster_articles

# Library loggers (no Prefect import there) reach the run logs through
# PREFECT_LOGGING_EXTRA_LOGGERS=summarizer plus this level.
if logging.getLogger("summarizer").level == logging.NOTSET:
    logging.getLogger("summarizer").setLevel(logging.INFO)

# Artifacts over ~1 MB make the server refuse to publish the event; the file has it all.
_ARTIFACT_LIMIT = 900_000
_NETWORK_RETRY_DELAYS = [10, 60]

Algorithm = Enum("Algorithm", {name: name for name in sorted(ALGORITHMS)}, type=str)  # type: ignore[misc]


@task(name="load", cache_policy=NO_CACHE, timeout_seconds=600)
def load_task(paths: list[str | Path], settings: DigestSettings) -> LoadResult:
    loaded = load_file_sources(paths, settings)
    get_run_logger().info(
        "loaded %d articles from %d files, %d problems",
        len(loaded.articles),
        loaded.files,
        len(loaded.problems),
    )
    return loaded


# Each feed's own failures are caught and reported inside the batch; a retry here covers
# what escapes that (the store briefly locked, the machine's network gone for a moment).
@task(
    name="fetch",
    cache_policy=NO_CACHE,
    retries=2,
    retry_delay_seconds=_NETWORK_RETRY_DELAYS,
    timeout_seconds=900,
)
def fetch_task(
    config: SourcesConfig,
    feeds: list[FeedConfig],
    settings: DigestSettings,
    since: datetime | None,
) -> list[FeedReport]:
    reports = fetch_feeds(config, feeds, settings.day, since=since)
    get_run_logger().info(
        "fetched %d feeds: %d failed, %d not modified, %d entries in the window",
        len(reports),
        sum(r.failed for r in reports),
        sum(r.status == "not modified" for r in reports),
        sum(len(r.in_window) for r in reports),
    )
    return reports


@task(
    name="extract",
    cache_policy=NO_CACHE,
    retries=2,
    retry_delay_seconds=_NETWORK_RETRY_DELAYS,
    timeout_seconds=1800,
)
def extract_task(
    config: SourcesConfig, reports: list[FeedReport], settings: DigestSettings
) -> list[FeedReport]:
    completed = extract_articles(config, reports, settings.day)
    get_run_logger().info(
        "%d articles from %d feeds (%d full texts fetched), %d new",
        sum(len(r.articles) for r in completed),
        len(completed),
        sum(r.full_text_fetched for r in completed),
        sum(r.new for r in completed),
    )
    return completed


@task(name="dedupe", cache_policy=NO_CACHE, timeout_seconds=600)
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


def _analysis_cache_key(_context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Articles' content hashes plus the settings and the code that shape the result."""
    settings: DigestSettings = parameters["settings"]
    digest = hashlib.sha256(
        f"{code_fingerprint()}|{settings.sentences}|{settings.algorithm}".encode()
    )
    for article in parameters["articles"]:
        digest.update(f"{article.id}|{content_hash(article.text)}|{article.title}".encode())
    return f"analyse-v2-{digest.hexdigest()}"


# No timeout_seconds: this task runs in a worker thread, where Prefect cannot interrupt it.
@task(
    name="summarise+participants",
    cache_key_fn=_analysis_cache_key,
    cache_expiration=timedelta(days=7),
    persist_result=True,
)
def analyse_task(articles: list[Article], settings: DigestSettings) -> list[ArticleAnalysis]:
    analyses = analyse(articles, settings)
    get_run_logger().info(
        "summarised %d articles (%d key points); participants: %d people, %d organisations, "
        "%d places",
        len(analyses),
        sum(len(a.summary) for a in analyses),
        sum(len(a.participants.people) for a in analyses),
        sum(len(a.participants.organizations) for a in analyses),
        sum(len(a.participants.places) for a in analyses),
    )
    return analyses


@task(name="cluster", cache_policy=NO_CACHE)
def cluster_task(articles: list[Article]) -> list[list[int]]:
    groups = cluster_articles(articles).groups()
    several = [g for g in groups if len(g) > 1]
    get_run_logger().info(
        "%d articles in %d stories (%d told by several articles)",
        len(articles),
        len(groups),
        len(several),
    )
    return groups


@task(name="render", cache_policy=NO_CACHE, timeout_seconds=600)
def render_task(digest: Digest, out_dir: Path) -> dict[str, str] | None:
    if is_unchanged(digest, out_dir):
        get_run_logger().info("nothing changed since the day's digest was published")
        return None
    rendered = render_day(digest, day_links(published_days(out_dir), digest.date))

    get_run_logger().info(
        "rendered %d stories: %s",
        len(digest.stories),
        ", ".join(f"{fmt} {len(text):,} chars" for fmt, text in rendered.items()),
    )
    return rendered


@task(name="publish", cache_policy=NO_CACHE, timeout_seconds=600)
def publish_task(
    digest: Digest, rendered: dict[str, str] | None, settings: DigestSettings
) -> dict[str, str]:
    out_dir = settings.out_dir
    directory = day_directory(out_dir, digest.date)
    if rendered is None:  # unchanged: the published files stand, the artifacts repeat them
        written = digest_paths(directory)
        markdown = written["md"].read_text(encoding="utf-8")
    else:
        written = write_rendered(rendered, directory)
        markdown = rendered["md"]
        get_run_logger().info("published %s", ", ".join(str(p) for p in written.values()))
    archive = refresh_archive(out_dir, digest.date, base_url=settings.base_url)
    if archive:
        get_run_logger().info("archive updated: %s", ", ".join(str(p) for p in archive))
    day = digest.date.isoformat()
    create_markdown_artifact(
        key="daily-digest",
        markdown=markdown[:_ARTIFACT_LIMIT],
        description=f"News digest for {day}",
    )
    create_table_artifact(
        key="digest-sources",
        table=_source_table(digest),
        description=f"Sources and problems of the {day} digest",
    )
    create_link_artifact(
        key="digest-html",
        link=written["html"].resolve().as_uri(),
        link_text=f"HTML digest for {day}",
        description="The digest as one self-contained HTML page",
    )
    return {fmt: str(path) for fmt, path in written.items()}


def _source_table(digest: Digest) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for story in digest.stories:
        for source in story.sources:
            row = rows.setdefault(
                source.outlet or "(unnamed)",
                {"source": source.outlet or "(unnamed)", "articles": 0, "problems": ""},
            )
            row["articles"] += 1
    for problem in digest.problems:
        row = rows.setdefault(
            problem.source, {"source": problem.source, "articles": 0, "problems": ""}
        )
        row["problems"] = "; ".join(filter(None, [row["problems"], problem.reason]))
    return list(rows.values())


def _run_name() -> str:
    """`digest-YYYY-MM-DD`, also for scheduled runs, which leave the date to the flow."""
    from prefect.runtime import flow_run

    parameters = flow_run.parameters
    if parameters.get("date"):
        return f"digest-{parameters['date']}"
    sources_file = parameters.get("sources_file")
    try:
        config = load_config(Path(sources_file)) if sources_file else None
    except NewsDigestError:
        config = None  # the flow itself reports the bad file; the name needs only a date
    return f"digest-{default_day(config).isoformat()}"


@flow(name="daily-digest", flow_run_name=_run_name, validate_parameters=True)
def daily_digest(
    sources: list[str] | None = None,
    date: dt.date | None = None,
    out_dir: str | None = None,
    sentences: Annotated[int, Field(ge=1, le=10)] = 3,
    algorithm: Algorithm = Algorithm["default"],  # type: ignore[valid-type]
    sources_file: str | None = None,
    since: datetime | None = None,
    max_stories: Annotated[int | None, Field(ge=1)] = None,
) -> dict[str, str]:
    """Build a day's news digest from article files and feeds.

    Args:
        sources: Article files, directories or glob patterns, read in addition to the
            sources file's feeds and files.
        date: The digest date (default: today in the schedule's time zone).
        out_dir: Where YYYY-MM-DD/digest.md, .html and .json are written (default: the
            sources file's output_dir, else reports).
        sentences: Key points per story.
        algorithm: Summarisation algorithm for the key points.
        sources_file: A sources.toml listing feeds, files, limits and the schedule.
        since: Take feed entries published from this moment on (overrides window_hours).
        max_stories: Publish at most this many stories (default: all).
    """
    started = datetime.now().astimezone()
    config = load_config(Path(sources_file)) if sources_file else None
    day = date or default_day(config)

    output = output_directory(out_dir, config)
    settings = DigestSettings.for_config(
        config,
        day=day,
        out_dir=output,
        sentences=sentences,
        algorithm=Algorithm(algorithm).value,
        max_stories=max_stories,
    )
    paths, feeds = source_lists(sources or [], config)

    loaded = load_task(paths, settings) if paths else None
    reports: list[FeedReport] = []
    for start in range(0, len(feeds), FEED_BATCH_SIZE):
        fetched = fetch_task(config, feeds[start : start + FEED_BATCH_SIZE], settings, since)
        reports.extend(extract_task(config, fetched, settings))
    inputs, unique = dedupe_task(loaded, reports, config, settings, started)
    futures = [analyse_task.submit(batch, settings) for batch in batches(unique.articles)]
    analyses = [a for future in futures for a in future.result()]
    groups = cluster_task([a.article for a in analyses])
    digest = make_digest(analyses, inputs, unique, settings, groups=groups)
    return publish_task(digest, render_task(digest, settings.out_dir), settings)
