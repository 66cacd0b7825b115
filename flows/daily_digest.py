"""The daily digest as a Prefect flow: load → analyse (in batches) → render and publish.

Tasks are coarse on purpose (one per stage, one per batch of articles): Prefect costs a few
milliseconds per task run, and the UI stays readable. All logic lives in ``summarizer``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from summarizer.analyse import ArticleAnalysis
from summarizer.models import Article, Digest
from summarizer.pipeline import (
    DigestSettings,
    analyse,
    batches,
    load_sources,
    make_digest,
    parse_day,
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
def load_task(sources: list[str], settings: DigestSettings) -> LoadResult:
    loaded = load_sources(sources, settings)
    get_run_logger().info(
        "loaded %d articles from %d files, %d problems",
        len(loaded.articles),
        loaded.files,
        len(loaded.problems),
    )
    return loaded


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
    sources: list[str],
    date: str | None = None,
    out_dir: str = "reports",
    sentences: int = 3,
    algorithm: str = "default",
) -> dict[str, str]:
    """Build the digest of ``date`` (default: today, UTC) from article files.

    Args:
        sources: article files, directories or glob patterns.
        date: the digest date, YYYY-MM-DD.
        out_dir: where ``YYYY-MM-DD/digest.{md,html,json}`` are written.
        sentences: key points per story.
        algorithm: summarisation algorithm (``default``, ``lead``, ``lexrank``, ...).
    """
    settings = DigestSettings(
        day=parse_day(date), out_dir=Path(out_dir), sentences=sentences, algorithm=algorithm
    )
    loaded = load_task(sources, settings)
    analyses = [a for batch in batches(loaded.articles) for a in analyse_task(batch, settings)]
    digest = make_digest(analyses, loaded, settings)
    written = publish_task(digest, settings.out_dir)
    create_markdown_artifact(
        key="daily-digest",
        markdown=markdown_renderer.render(digest)[:_ARTIFACT_LIMIT],
        description=f"News digest for {settings.day.isoformat()}",
    )
    return written
