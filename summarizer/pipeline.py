"""The whole daily pipeline as plain function calls, without any orchestrator.

The Prefect flow calls the same stages one task each; benchmarks call :func:`run_pipeline`
directly to measure what orchestration adds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from summarizer.analyse import ArticleAnalysis, analyse_articles
from summarizer.digest import build_digest
from summarizer.errors import ConfigError, NewsDigestError
from summarizer.models import Article, Digest
from summarizer.publish import publish
from summarizer.sources.files import DEFAULT_MAX_FILE_BYTES, LoadResult, load_files
from summarizer.summarize import check_algorithm

DEFAULT_BATCH_SIZE = 200


@dataclass(frozen=True, slots=True)
class DigestSettings:
    """The knobs of one digest run, checked before any work starts."""

    day: date
    out_dir: Path
    sentences: int = 3
    algorithm: str = "default"
    max_stories: int | None = None
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES

    def __post_init__(self) -> None:
        check_algorithm(self.algorithm)
        if not 1 <= self.sentences <= 20:
            raise ConfigError(f"sentences must be between 1 and 20, not {self.sentences}")
        if self.max_stories is not None and self.max_stories < 1:
            raise ConfigError(f"max_stories must be 1 or more, not {self.max_stories}")

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


def load_sources(paths: Sequence[str | Path], settings: DigestSettings) -> LoadResult:
    """Load every source; fail only when not a single article could be used.

    Raises:
        ConfigError: no paths, or they name no files.
        NewsDigestError: every source failed (the problems say why).
    """
    if not paths:
        raise ConfigError("no sources given: pass article files, a directory or a glob")
    result = load_files(paths, max_bytes=settings.max_file_bytes)
    if not result.articles and result.problems:
        reasons = "; ".join(f"{p.source}: {p.reason}" for p in result.problems[:5])
        raise NewsDigestError(f"every source failed, nothing to publish ({reasons})")
    return result


def batches(articles: Sequence[Article], size: int = DEFAULT_BATCH_SIZE) -> list[list[Article]]:
    """Articles in batches of ``size``: the unit of work for analysis."""
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]


def analyse(articles: Sequence[Article], settings: DigestSettings) -> list[ArticleAnalysis]:
    return analyse_articles(articles, sentences=settings.sentences, algorithm=settings.algorithm)


def make_digest(
    analyses: Sequence[ArticleAnalysis],
    loaded: LoadResult,
    settings: DigestSettings,
    *,
    generated_at: datetime | None = None,
) -> Digest:
    return build_digest(
        analyses,
        day=settings.day,
        generated_at=generated_at or datetime.now(UTC),
        problems=loaded.problems,
        source_count=loaded.files,
        max_stories=settings.max_stories,
        settings=settings.as_dict(),
    )


def run_pipeline(paths: Sequence[str | Path], settings: DigestSettings) -> dict[str, Path]:
    """Load, analyse, render and publish the digest of ``settings.day``."""
    loaded = load_sources(paths, settings)
    analyses = [a for batch in batches(loaded.articles) for a in analyse(batch, settings)]
    return publish(make_digest(analyses, loaded, settings), settings.out_dir)
