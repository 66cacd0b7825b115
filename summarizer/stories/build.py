"""Turn analysed articles into the day's digest: stories (articles grouped by event, see
:mod:`summarizer.stories.clustering`) ranked by importance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from summarizer.analysis.centrality import similarity_matrix
from summarizer.analysis.layout import derive_title, parse_body
from summarizer.models import (
    Article,
    ArticleAnalysis,
    Digest,
    KeyPoint,
    SourceProblem,
    SourceRef,
    Story,
)
from summarizer.participants.merge import day_roster, merge_participants
from summarizer.stories.keypoints import select_key_points

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


def central_headline(headlines: Sequence[str]) -> int:
    """The position of the headline most like the others (the first on a tie)."""
    if len(headlines) < 3:
        return 0
    similarity = similarity_matrix(headlines)
    totals = similarity.sum(axis=1)
    return int(max(range(len(headlines)), key=lambda i: (totals[i], -i)))


def story_from_articles(
    analyses: Sequence[ArticleAnalysis],
    duplicates: Mapping[str, Sequence[Article]] | None = None,
    *,
    points: int = 3,
) -> Story:
    """A story of one or more articles about the same event, with their near-duplicates as
    extra sources. One article keeps its own summary; several get key points across all."""
    duplicates = duplicates or {}
    lead = analyses[central_headline([a.headline for a in analyses])]
    if len(analyses) == 1:
        key_points = tuple(KeyPoint(text, lead.article.id) for text in lead.summary)
    else:
        pairs = [(a.article.id, a.sentences) for a in analyses]
        key_points = tuple(select_key_points(pairs, count=points))
    sources = []
    for analysis in analyses:
        sources.append(_source_ref(analysis.article, analysis.headline))
        sources.extend(
            _source_ref(a, a.title or derive_title(parse_body(a.text)))
            for a in duplicates.get(analysis.article.id, ())
        )
    return Story(
        id=analyses[0].article.id,
        headline=lead.headline,
        key_points=key_points,
        participants=merge_participants([a.participants for a in analyses]),
        sources=tuple(sources),
    )


def _importance(story: Story) -> tuple[int, int, datetime]:
    """Distinct outlets first, then the story's size (articles), then its latest news."""
    latest = max((s.published for s in story.sources if s.published), default=_EPOCH)
    if latest.tzinfo is None:
        latest = latest.replace(tzinfo=UTC)
    return story.distinct_outlets, len(story.sources), latest


def _language_note(analyses: Sequence[ArticleAnalysis]) -> list[SourceProblem]:
    """One line for every article the English analysis could not read."""
    others = [a.article for a in analyses if not a.in_english]
    if not others:
        return []
    outlets = sorted({a.source or a.id for a in others})
    shown = ", ".join(outlets[:3]) + (f" and {len(outlets) - 3} more" if len(outlets) > 3 else "")
    noun = "article" if len(others) == 1 else "articles"
    return [
        SourceProblem(
            shown,
            f"{len(others)} {noun} not in English: published with their lead sentences, "
            "without participants",
        )
    ]


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
    groups: Sequence[Sequence[int]] | None = None,
    points: int = 3,
) -> Digest:
    """The digest of ``day``: one story per group of ``analyses`` (positions; by default
    each article alone), most important first."""
    extra = extra_sources or {}
    grouped = groups if groups is not None else [[i] for i in range(len(analyses))]
    stories = sorted(
        (story_from_articles([analyses[i] for i in g], extra, points=points) for g in grouped),
        key=_importance,
        reverse=True,
    )
    if max_stories is not None:
        stories = stories[:max_stories]
    return Digest(
        date=day,
        generated_at=generated_at,
        stories=tuple(stories),
        problems=(*problems, *_language_note(analyses)),
        article_count=len(analyses) + sum(len(v) for v in extra.values()),
        source_count=source_count,
        settings=dict(settings or {}),
        timezone=timezone,
        people_of_the_day=day_roster([story.participants.people for story in stories]),
    )
