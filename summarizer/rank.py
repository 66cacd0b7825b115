"""Decide what leads: order the day's stories as an editor would, pick the top ones to show
in full, and the few articles of each that carry it into the deep analysis.

A story's weight is its reach (distinct outlets count twice as much as articles, and at most
three articles of one outlet count: ten copies from one wire service are one voice), times
how fresh its latest article is, times the feed's ``weight`` from ``sources.toml``. A story
that only repeats what earlier days already showed (every one of its articles was cited
before) sinks below everything new.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from summarizer.config import FeedConfig
from summarizer.dates import aware, day_label, moment_label
from summarizer.group.dedupe import with_near_duplicates
from summarizer.group.skim import Skim, teaser_sentences
from summarizer.group.threads import ThreadState
from summarizer.models import BRIEF, FULL, Article, StoryGroup
from summarizer.text.words import is_repeat

MAX_CARRIERS = 6
"""Articles of one story parsed in depth: the earliest and the most central."""
SUPPORT_ARTICLES = 24
"""Other articles of a full story (the most central) whose quickly split sentences back its
key points: enough to tell what several outlets report, bounded for a story of hundreds."""
OUTLET_WEIGHT = 2.0
ARTICLE_WEIGHT = 1.0
ARTICLES_PER_OUTLET = 3
"""Articles of one outlet that count towards a story's reach: a blog posting about one thing
24 times is still one voice."""
RECENCY_WEIGHT = 0.25
"""A story whose latest article is the day's newest gains this share over one whose latest
is ``RECENCY_SPAN`` older."""
RECENCY_SPAN = timedelta(days=1)
REPEAT_FACTOR = 0.1
"""What is left of the weight of a story with nothing new since an earlier day."""


@dataclass(frozen=True, slots=True)
class RankedStory:
    """A story of the day, placed: its articles, thread, weight and depth."""

    group: StoryGroup
    thread: ThreadState
    score: float
    why: str
    section: str | None
    depth: str
    carriers: tuple[int, ...]
    """Positions of the articles to parse in depth (none for a brief story)."""
    support: tuple[int, ...]
    """Other articles of a full story whose quickly split sentences back its key points."""


@dataclass(frozen=True, slots=True)
class DayShape:
    """How the day is edited: stories in full, section order, feed weights and tags, and the
    day and time zone the "why" line speaks in."""

    day: date
    top_stories: int
    timezone: str = "UTC"
    sections: tuple[str, ...] = ()
    feeds: Mapping[str, FeedConfig] | None = None


def _times(articles: Sequence[Article]) -> list[datetime]:
    return sorted(aware(a.published) for a in articles if a.published)


def _recency(latest: datetime | None, newest: datetime | None) -> float:
    """1 for a story whose latest article is the day's newest, falling to 0 for one a day
    older (0 for every story of a day without times)."""
    if latest is None or newest is None:
        return 0.0
    return max(0.0, 1.0 - (newest - latest) / RECENCY_SPAN)


def _filed_moment(dated: Sequence[datetime]) -> datetime | None:
    """When an undated story counts as published: at the median time of the day's dated
    articles, as a typical article of the day it is filed for, not as the oldest news there
    is (nor as the freshest)."""
    return dated[len(dated) // 2] if dated else None


def _section(feeds: Sequence[FeedConfig], order: Sequence[str]) -> str | None:
    """Where most of the story's articles come from: each article (``feeds`` has one entry
    per article) counts its feed's first tag; a tie goes to the tag ``order`` puts first."""
    firsts = Counter(feed.tags[0] for feed in feeds if feed.tags)
    if not firsts:
        return None
    place = {tag: k for k, tag in enumerate(order)}
    return min(firsts, key=lambda tag: (-firsts[tag], place.get(tag, len(place)), tag))


def _why(
    outlets: int,
    count: int,
    first: datetime | None,
    state: ThreadState,
    shape: DayShape,
    weight: float,
    repeat: bool,
) -> str:
    parts = [_count(outlets, "outlet"), _count(count, "article")]
    if first is not None:
        moment = first.astimezone(ZoneInfo(shape.timezone))
        parts.append(f"first seen {moment_label(moment, shape.day)}")
    thread = state.thread
    if thread.is_new:
        parts.append("new today")
    elif repeat:
        parts.append(f"nothing new since {day_label(thread.previous, shape.day)}")
    else:
        parts.append(f"developing · day {thread.days}")
    if weight != 1.0:
        parts.append(f"feed weight {weight:g}")
    return " · ".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _carriers(group: StoryGroup, articles: Sequence[Article], skims: Sequence[Skim]) -> list[int]:
    """The earliest article (it broke the story), then the most central; English first,
    since only English is parsed in depth."""
    published = {p: articles[p].published for p in group.members}
    dated = sorted((aware(moment), p) for p, moment in published.items() if moment is not None)
    order = [dated[0][1]] if dated else []
    order += group.central
    order.sort(key=lambda p: not skims[p].in_english)  # stable: keeps the order within each
    chosen: list[int] = []
    for position in order:
        if position not in chosen:
            chosen.append(position)
    return chosen[:MAX_CARRIERS]


def _has_two_statements(
    group: StoryGroup, articles: Sequence[Article], skims: Sequence[Skim]
) -> bool:
    """A full story shows at least two key points, so its articles must say two things: two
    headlines that are not one wording of the other, or a headline and a teaser sentence
    that does not repeat it. One statement, however many outlets carry it, is a brief."""
    said: list[str] = []
    for position in group.central or group.members:
        for statement in (skims[position].headline, *teaser_sentences(articles[position])):
            if statement and not is_repeat(statement, said):
                said.append(statement)
                if len(said) > 1:
                    return True
    return False


def rank_stories(
    groups: Sequence[StoryGroup],
    threads: Sequence[ThreadState],
    articles: Sequence[Article],
    skims: Sequence[Skim],
    duplicates: Mapping[str, Sequence[Article]],
    shape: DayShape,
) -> list[RankedStory]:
    """Every story, most important first; the first ``shape.top_stories`` that have two
    things to say are shown in full."""
    feeds = shape.feeds or {}
    dated = _times(articles)
    newest = dated[-1] if dated else None
    filed = _filed_moment(dated)
    scored = []
    for index, (group, state) in enumerate(zip(groups, threads, strict=True)):
        everything = with_near_duplicates((articles[p] for p in group.members), duplicates)
        voices = Counter(a.source or a.url or a.id for a in everything)
        outlets = len(voices)
        story_feeds = [feeds[a.feed] for a in everything if a.feed and a.feed in feeds]
        weight = max((f.weight for f in story_feeds), default=1.0)
        times = _times(everything)
        repeat = state.continuing and all(a.id in state.seen_articles for a in everything)
        counted = sum(min(n, ARTICLES_PER_OUTLET) for n in voices.values())
        reach = OUTLET_WEIGHT * math.log2(1 + outlets) + ARTICLE_WEIGHT * math.log2(1 + counted)
        latest = times[-1] if times else filed
        fresh = 1.0 + RECENCY_WEIGHT * _recency(latest, newest)
        score = reach * fresh * weight * (REPEAT_FACTOR if repeat else 1.0)
        why = _why(
            outlets, len(everything), times[0] if times else None, state, shape, weight, repeat
        )
        scored.append((score, index, why, _section(story_feeds, shape.sections)))
    scored.sort(key=lambda item: (-item[0], item[1]))
    ranked = []
    shown_in_full = 0
    for score, index, why, section in scored:
        group = groups[index]
        full = shown_in_full < shape.top_stories and _has_two_statements(group, articles, skims)
        shown_in_full += full
        carriers = tuple(_carriers(group, articles, skims)) if full else ()
        support = (
            tuple(p for p in group.central if p not in carriers)[:SUPPORT_ARTICLES] if full else ()
        )
        ranked.append(
            RankedStory(
                group=group,
                thread=threads[index],
                score=round(score, 4),
                why=why,
                section=section,
                depth=FULL if full else BRIEF,
                carriers=carriers,
                support=support,
            )
        )
    # Full stories first, each part in rank order: a brief that outranks a full story is
    # still listed among the briefs, and the full stories are numbered without a gap.
    ranked.sort(key=lambda story: story.depth != FULL)
    return ranked
