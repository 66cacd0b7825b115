"""Turn analysed articles into the day's digest: stories ranked by importance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from summarizer.analyse import ArticleAnalysis
from summarizer.models import Article, Digest, KeyPoint, SourceProblem, SourceRef, Story
from summarizer.text import derive_title, parse_body

_EPOCH = datetime.min.replace(tzinfo=UTC)


def _source_ref(article: Article, title: str) -> SourceRef:
    return SourceRef(
        article_id=article.id,
        title=title,
        url=article.url,
        outlet=article.source,
        # A time without an offset is read as UTC, so every digest time is unambiguous.
        published=(
            article.published.replace(tzinfo=UTC)
            if article.published and article.published.tzinfo is None
            else article.published
        ),
    )


def story_from_article(analysis: ArticleAnalysis, duplicates: Sequence[Article] = ()) -> Story:
    """A story of one article and its near-duplicates (until clustering groups events)."""
    main = _source_ref(analysis.article, analysis.headline)
    extra = [_source_ref(a, a.title or derive_title(parse_body(a.text))) for a in duplicates]
    return Story(
        id=analysis.article.id,
        headline=analysis.headline,
        key_points=tuple(KeyPoint(text, analysis.article.id) for text in analysis.key_points),
        participants=analysis.participants,
        sources=(main, *extra),
    )


def _importance(story: Story) -> tuple[int, datetime, int]:
    """Distinct outlets first, then the latest publication time, then the story's size."""
    outlets = {s.outlet or s.url or s.article_id for s in story.sources}
    latest = max((s.published for s in story.sources if s.published), default=_EPOCH)
    if latest.tzinfo is None:
        latest = latest.replace(tzinfo=UTC)
    people = len(story.participants.people)
    return len(outlets), latest, len(story.key_points) + people


def build_digest(
    analyses: Sequence[ArticleAnalysis],
    *,
    day: date,
    generated_at: datetime,
    problems: Sequence[SourceProblem] = (),
    source_count: int = 0,
    extra_sources: Mapping[str, Sequence[Article]] | None = None,
    max_stories: int | None = None,
    settings: dict[str, Any] | None = None,
    timezone: str = "UTC",
) -> Digest:
    """The digest of ``day``: one story per unique article, most important first."""
    extra = extra_sources or {}
    stories = sorted(
        (story_from_article(a, extra.get(a.article.id, ())) for a in analyses),
        key=_importance,
        reverse=True,
    )
    if max_stories is not None:
        stories = stories[:max_stories]
    return Digest(
        date=day,
        generated_at=generated_at,
        stories=tuple(stories),
        problems=tuple(problems),
        article_count=len(analyses) + sum(len(v) for v in extra.values()),
        source_count=source_count,
        settings=dict(settings or {}),
        timezone=timezone,
    )
