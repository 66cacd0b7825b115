"""The editing stages: look at every article cheaply, group them into stories, follow the
stories across days, rank them, analyse only the top ones in depth and build the digest."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from summarizer.config import SourcesConfig
from summarizer.config.settings import DigestSettings
from summarizer.dates import memory_days
from summarizer.errors import ReportError
from summarizer.group.clustering import cluster_articles
from summarizer.group.dedupe import with_near_duplicates
from summarizer.group.skim import Skim
from summarizer.group.term_counts import TermCounts
from summarizer.group.threads import Remembered, ThreadState, follow_threads, remember
from summarizer.heap import release_freed_memory
from summarizer.models import (
    Article,
    ArticleAnalysis,
    DayInputs,
    DedupeResult,
    Digest,
    StoryGroup,
)
from summarizer.publish.days import load_digest, published_days
from summarizer.rank import DayShape, RankedStory, rank_stories
from summarizer.read.articles import analyse_articles
from summarizer.text.headlines import Casing
from summarizer.text.parser import start_workers
from summarizer.write.digest import build_digest, edited_stories

log = logging.getLogger(__name__)


def cluster(
    articles: Sequence[Article], skims: Sequence[Skim], counted: list[TermCounts]
) -> list[StoryGroup]:
    """Group articles into stories, each with its most central articles and keywords; a day
    of full texts from its partitions' term counts (none on a day of headlines), which are
    made into the day's vectors (``counted`` is emptied; a day of headlines has none)."""
    headlines = [s.headline for s in skims]
    stories = list(cluster_articles(articles, headlines=headlines, counted=counted).stories)
    # The day's vectors and candidate pairs are gone now, and the largest stage is over.
    release_freed_memory()
    return stories


def memory(settings: DigestSettings) -> list[Remembered]:
    """The threads of the published days before ``settings.day`` (at most ``MEMORY_DAYS``
    back); a day whose ``digest.json`` cannot be read is left out, with a warning."""
    digests = []
    for day in memory_days(published_days(settings.out_dir), settings.day):
        try:
            digests.append(load_digest(settings.out_dir, day))
        except ReportError as exc:
            log.warning("threads: %s; that day is left out of the memory", exc)
    return remember(digests)


def thread(
    groups: Sequence[StoryGroup],
    articles: Sequence[Article],
    unique: DedupeResult,
    settings: DigestSettings,
) -> list[ThreadState]:
    """Match each story against the threads of the previous published days."""
    ids = [
        [a.id for a in with_near_duplicates((articles[p] for p in g.members), unique.extra_sources)]
        for g in groups
    ]
    return follow_threads(groups, ids, memory(settings), settings.day)


def rank(
    groups: Sequence[StoryGroup],
    threads: Sequence[ThreadState],
    articles: Sequence[Article],
    skims: Sequence[Skim],
    unique: DedupeResult,
    config: SourcesConfig | None,
    settings: DigestSettings,
) -> list[RankedStory]:
    """Order the stories; the top ones are shown in full and parsed, the rest in a line."""
    shape = DayShape(
        day=settings.day,
        top_stories=settings.top_stories,
        timezone=settings.timezone,
        sections=settings.sections,
        feeds={feed.url: feed for feed in config.feeds} if config else None,
    )
    return rank_stories(groups, threads, articles, skims, unique.extra_sources, shape)


def carriers(
    ranked: Sequence[RankedStory], articles: Sequence[Article], skims: Sequence[Skim]
) -> list[Article]:
    """The articles the deep analysis reads: the carriers of the stories shown in full. An
    article that is only its title is read as its cleaned headline ("UPDATE 2-", "VIDEO:"
    and the outlet's name are no participants)."""
    deep = []
    for p in (p for story in ranked for p in story.carriers):
        article = articles[p]
        if article.title and " ".join(article.text.split()) == " ".join(article.title.split()):
            article = replace(article, text=skims[p].headline)
        deep.append(article)
    return deep


WARM_UP_SIZES = range(256 * 1024, 100 * 1024 * 1024)
"""Days whose texts are this large (characters, or bytes of their files: about 50 to 30,000
full articles) have the deep analysis's worker processes started ahead of it. A smaller day
may not spread its analysis over them; on a larger one their models (~250 MB each) would
sit beside the clustering's peak for minutes to save a second or two."""


def start_analysis_workers(articles: Sequence[Article], settings: DigestSettings) -> None:
    """Start the deep analysis's worker processes for a day of ``articles`` of a size in
    ``WARM_UP_SIZES``, without waiting: they load their models while the clustering leaves a
    core idle."""
    if sum(len(article.text) for article in articles) in WARM_UP_SIZES:
        start_workers(settings.workers, settings.model)


def analyse(
    articles: Sequence[Article], settings: DigestSettings, casing: Casing | None = None
) -> list[ArticleAnalysis]:
    """Summarise each article and find its participants (one parse per article); Title Case
    text is parsed as ``casing`` says the day writes it."""
    return analyse_articles(
        articles,
        summary_length=settings.key_points,
        algorithm=settings.algorithm,
        workers=settings.workers,
        model=settings.model,
        casing=casing,
    )


def build(
    ranked: Sequence[RankedStory],
    analyses: Sequence[ArticleAnalysis],
    articles: Sequence[Article],
    skims: Sequence[Skim],
    inputs: DayInputs,
    unique: DedupeResult,
    settings: DigestSettings,
) -> Digest:
    """The day's digest: every story in ranked order, the top ones told in full."""
    stories = edited_stories(
        ranked,
        articles,
        skims,
        {a.article.id: a for a in analyses},
        unique.extra_sources,
        points=settings.key_points,
        algorithm=settings.algorithm,
    )
    return build_digest(
        stories,
        day=settings.day,
        generated_at=datetime.now(UTC),
        analyses=analyses,
        problems=inputs.problems,
        input_count=inputs.sources,
        article_count=len(articles) + sum(len(v) for v in unique.extra_sources.values()),
        settings=settings.as_dict(),
        timezone=settings.timezone,
        filtered=inputs.filtered,
        not_in_english=[a for a, skim in zip(articles, skims, strict=True) if not skim.in_english],
    )
