"""Turn the ranked stories into the day's digest: the top ones told in full from the deep
analysis of their carrying articles, every other one in a line (see
:mod:`summarizer.rank`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from summarizer.dates import aware
from summarizer.group.clustering import is_headline_only
from summarizer.group.skim import Skim, quick_sentences, teaser_sentences
from summarizer.group.term_counts import STOP_WORDS
from summarizer.models import (
    BRIEF,
    Article,
    ArticleAnalysis,
    Digest,
    FilterCount,
    KeyPoint,
    Participants,
    SourceProblem,
    SourceRef,
    Story,
)
from summarizer.rank import RankedStory
from summarizer.read.participants.merge import (
    day_roster,
    merge_participants,
    supported_participants,
)
from summarizer.text.centrality import similarity_matrix
from summarizer.text.headlines import is_title_case
from summarizer.text.layout import derive_title, parse_body
from summarizer.text.summaries import select_sentences
from summarizer.text.words import is_repeat
from summarizer.write.headline_points import Statement, ToldInHeadlines, headline_key_points
from summarizer.write.keypoints import select_key_points


def _source_ref(article: Article, title: str) -> SourceRef:
    return SourceRef(
        article_id=article.id,
        title=title,
        url=article.url,
        outlet=article.source,
        # A time without an offset is read as UTC, so every digest time is unambiguous.
        published=aware(article.published) if article.published else None,
    )


def central_headline(headlines: Sequence[str]) -> int:
    """The position of the headline most like the others (the first on a tie)."""
    if len(headlines) < 3:
        return 0
    similarity = similarity_matrix(headlines)
    totals = similarity.sum(axis=1)
    return int(max(range(len(headlines)), key=lambda i: (totals[i], -i)))


def _single_article_points(
    analysis: ArticleAnalysis, *, points: int, algorithm: str, shown: Sequence[str]
) -> tuple[KeyPoint, ...]:
    if not shown:
        chosen: Sequence[str] = analysis.summary[:points]
    else:
        fresh = [s for s in analysis.sentences if not is_repeat(s, shown)]
        chosen = select_sentences(fresh, count=points, algorithm=algorithm)
    return tuple(KeyPoint(text, analysis.article.id) for text in chosen)


def _sources(
    members: Sequence[Article],
    headlines: Mapping[str, str],
    duplicates: Mapping[str, Sequence[Article]],
) -> tuple[SourceRef, ...]:
    sources = []
    for article in members:
        sources.append(_source_ref(article, headlines[article.id]))
        sources.extend(
            _source_ref(a, a.title or derive_title(parse_body(a.text)))
            for a in duplicates.get(article.id, ())
        )
    return tuple(sources)


def story_from_articles(
    analyses: Sequence[ArticleAnalysis],
    duplicates: Mapping[str, Sequence[Article]] | None = None,
    *,
    points: int = 3,
    algorithm: str = "default",
    shown: Sequence[str] = (),
    support: Sequence[Sequence[str]] = (),
    others: Sequence[tuple[Article, str]] = (),
    order: Sequence[str] = (),
    told: ToldInHeadlines | None = None,
) -> Story:
    """A story told in full by the articles analysed in depth (``analyses``), with their
    near-duplicates and the story's ``others`` (article, headline) as further sources.

    One article alone keeps its own summary; several get key points across all of them,
    backed by the ``support`` sentences of the others. A story ``told`` in headlines and
    teasers takes its headline and key points from them instead. No key point repeats a
    ``shown`` one. Sources are listed in ``order`` (article ids, most central first), else
    as ``analyses`` then ``others`` give them.
    """
    duplicates = duplicates or {}
    lead = analyses[central_headline([a.headline for a in analyses])]
    headline = lead.headline
    if told is not None:
        headline = told.headline
        key_points: tuple[KeyPoint, ...] = tuple(
            headline_key_points(
                told.statements,
                count=points,
                stop_words=STOP_WORDS,
                headline=headline,
                shown=shown,
            )
        )
    elif len(analyses) == 1 and not support:
        key_points = _single_article_points(lead, points=points, algorithm=algorithm, shown=shown)
    else:
        pairs = [(a.article.id, a.sentences) for a in analyses]
        key_points = tuple(select_key_points(pairs, count=points, support=support, shown=shown))
    members = [a.article for a in analyses] + [article for article, _ in others]
    if order:
        rank = {article_id: k for k, article_id in enumerate(order)}
        members.sort(key=lambda a: rank.get(a.id, len(rank)))
    headlines = {a.article.id: a.headline for a in analyses} | {a.id: h for a, h in others}
    return Story(
        id=members[0].id,
        headline=headline,
        key_points=key_points,
        participants=(
            supported_participants(
                [(a.participants, is_title_case(a.article.text)) for a in analyses]
            )
            if told is not None
            else merge_participants([a.participants for a in analyses])
        ),
        sources=_sources(members, headlines, duplicates),
    )


def brief_story(
    members: Sequence[Article],
    headlines: Sequence[str],
    duplicates: Mapping[str, Sequence[Article]] | None = None,
) -> Story:
    """A story listed in one line: its most typical headline and every source, no analysis."""
    by_id = {article.id: headline for article, headline in zip(members, headlines, strict=True)}
    return Story(
        id=members[0].id,
        headline=headlines[central_headline(headlines)],
        key_points=(),
        participants=Participants(),
        sources=_sources(members, by_id, duplicates or {}),
        depth=BRIEF,
    )


def _language_note(
    analyses: Sequence[ArticleAnalysis], skimmed_foreign: Sequence[Article]
) -> list[SourceProblem]:
    """One line for every article of the day not in English: those the deep analysis could
    not read, and those only the skim saw (sources of one-line stories, or a full story's
    sources that were not parsed); an article the analysis read as English is not one."""
    unread = {a.article.id: a.article for a in analyses if not a.in_english}
    read = {a.article.id for a in analyses if a.in_english}
    others = {**{a.id: a for a in skimmed_foreign if a.id not in read}, **unread}
    if not others:
        return []
    outlets = sorted({a.source or a.id for a in others.values()})
    shown = ", ".join(outlets[:3]) + (f" and {len(outlets) - 3} more" if len(outlets) > 3 else "")
    noun = "article" if len(others) == 1 else "articles"
    if len(unread) == len(others):
        how = "published with their lead sentences, without participants"
    elif not unread:
        how = "listed among the sources, not parsed"
    else:
        how = (
            f"{len(unread)} of them published with their lead sentences and without "
            "participants, the rest listed among the sources, not parsed"
        )
    return [SourceProblem(shown, f"{len(others)} {noun} not in English: {how}")]


def told_in_headlines(
    central: Sequence[int], articles: Sequence[Article], skims: Sequence[Skim]
) -> ToldInHeadlines:
    """What the articles at positions ``central`` (most central first) say in their
    headlines and teasers, and the story's headline: the most central complete one."""
    statements = []
    for p in central:
        article, skim = articles[p], skims[p]
        outlet = article.source or article.feed or article.id
        statements.append(Statement(article.id, outlet, skim.headline, skim.cut_off))
        statements.extend(Statement(article.id, outlet, s) for s in teaser_sentences(article))
    return ToldInHeadlines(
        headline=_lead_headline([skims[p] for p in central]), statements=tuple(statements)
    )


HEADLINE_WORDS = 5
"""Words a story's headline should have: a headline that says what happened, not a topic
label ("Fannie Mae and Freddie Mac")."""


def _lead_headline(skims: Sequence[Skim]) -> str:
    """The most central headline that is complete, says something and asks nothing."""

    def says_something(skim: Skim) -> bool:
        text = skim.headline.rstrip()
        return len(text.split()) >= HEADLINE_WORDS and not text.endswith("?")

    for rule in (lambda s: not s.cut_off and says_something(s), lambda s: not s.cut_off):
        chosen = [s.headline for s in skims if rule(s)]
        if chosen:
            return chosen[0]
    return skims[0].headline


def edited_stories(
    ranked: Sequence[RankedStory],
    articles: Sequence[Article],
    skims: Sequence[Skim],
    analyses: Mapping[str, ArticleAnalysis],
    duplicates: Mapping[str, Sequence[Article]],
    *,
    points: int,
    algorithm: str,
) -> list[Story]:
    """The day's stories in their ranked order: the full ones from their carriers' deep
    analysis (``analyses``, by article id), the brief ones from the cheap look alone."""
    stories = []
    for item in ranked:
        members = item.group.members
        if item.carriers:
            short = is_headline_only([articles[p] for p in members])
            story = story_from_articles(
                [analyses[articles[p].id] for p in item.carriers],
                duplicates,
                points=points,
                algorithm=algorithm,
                shown=item.thread.shown_points,
                support=[quick_sentences(articles[p]) for p in item.support],
                others=[
                    (articles[p], skims[p].headline) for p in members if p not in item.carriers
                ],
                order=[articles[p].id for p in item.group.central],
                told=told_in_headlines(item.group.central, articles, skims) if short else None,
            )
        else:
            story = brief_story(
                [articles[p] for p in members], [skims[p].headline for p in members], duplicates
            )
        stories.append(
            replace(
                story,
                id=articles[members[0]].id,  # as a new thread is named: its first article
                depth=item.depth,
                thread=item.thread.thread,
                why=item.why,
                section=item.section,
                keywords=item.group.keywords,
            )
        )
    return stories


def build_digest(
    stories: Sequence[Story],
    *,
    day: date,
    generated_at: datetime,
    analyses: Sequence[ArticleAnalysis] = (),
    problems: Sequence[SourceProblem] = (),
    input_count: int = 0,
    article_count: int | None = None,
    settings: dict[str, Any] | None = None,
    timezone: str = "UTC",
    filtered: Sequence[FilterCount] = (),
    not_in_english: Sequence[Article] = (),
) -> Digest:
    """The digest of ``day`` from its stories, in the order given; the analysed articles
    and ``not_in_english`` (what the skim found) tell which were not in English."""
    return Digest(
        date=day,
        generated_at=generated_at,
        stories=tuple(stories),
        problems=(*problems, *_language_note(analyses, not_in_english)),
        article_count=(
            article_count if article_count is not None else sum(len(s.sources) for s in stories)
        ),
        input_count=input_count,
        settings=dict(settings or {}),
        timezone=timezone,
        people_of_the_day=day_roster([story.participants.people for story in stories]),
        filtered=tuple(filtered),
    )
