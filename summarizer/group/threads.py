"""Follow stories across days: match today's stories against the threads of the previous
published days, so a continuing story keeps its thread id, counts its days and links back.

The memory is what readers were shown: the ``digest.json`` of each of the previous
``MEMORY_DAYS`` published days (every story, brief or full, with its keywords, key points and
source article ids). Nothing else is kept and no model is needed. A story continues a thread
when it shares an article with it, or when the keywords (each story's most distinctive words
and names, ``clustering.KEYWORDS`` of them, compared by word stem) are evidence on *both*
sides: enough of the story's list and enough of the thread's, never one shared word, and one
more of a story or thread of ``SMALL_STORY`` articles or fewer (a five-word headline sharing
"episode" with a thirty-keyword story is no continuation). Its best match, the latest day on
a tie.
Two stories of a day may continue one thread (an event the day before told as one story can
split into two).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from summarizer.group.short_texts import stem
from summarizer.models import Digest, StoryGroup, Thread

MIN_SHARED_KEYWORDS = 0.15
"""Share of *each* keyword list two stories must have in common to be one thread (against
the smaller list before: a one-headline story sharing one word of five continued anything).
Kept from the Multi-News choice (``bench/threads.py``, chosen on the even clusters); the
two-list rule was chosen on day 1 of ``bench/realday.py`` (dev data)."""
MIN_KEYWORDS_IN_COMMON = 2
"""Keywords two stories must share at least, whatever their shares."""
SMALL_STORY = 2
"""A story or thread of this many articles or fewer needs one keyword more in common."""


@dataclass(frozen=True, slots=True)
class Remembered:
    """A thread as earlier days showed it."""

    thread: Thread
    """As of its latest appearance."""
    day: date
    """The latest day it appeared."""
    headline: str
    keywords: frozenset[str]
    shown_points: tuple[str, ...]
    """Every key point shown for it, oldest first."""
    article_ids: frozenset[str]
    """Every article it cited."""

    @property
    def stems(self) -> frozenset[str]:
        return keyword_stems(self.keywords)


@dataclass(frozen=True, slots=True)
class ThreadState:
    """Where a story of the day stands in its thread."""

    thread: Thread
    shown_points: tuple[str, ...] = ()
    """Key points the thread showed on earlier days: not to be shown again."""
    seen_articles: frozenset[str] = field(default_factory=frozenset)
    """Articles the thread cited on earlier days."""

    @property
    def continuing(self) -> bool:
        return not self.thread.is_new


def remember(digests: Sequence[Digest]) -> list[Remembered]:
    """The threads of ``digests`` (any order), one entry per thread."""
    appearances: dict[str, list[tuple[date, Digest, int]]] = {}
    for digest in sorted(digests, key=lambda d: d.date):
        for index, story in enumerate(digest.stories):
            thread = story.thread_on(digest.date)
            appearances.setdefault(thread.id, []).append((digest.date, digest, index))
    remembered = []
    for seen in appearances.values():
        day, digest, index = seen[-1]
        latest = digest.stories[index]
        stories = [d.stories[i] for _, d, i in seen]
        remembered.append(
            Remembered(
                thread=latest.thread_on(day),
                day=day,
                headline=latest.headline,
                keywords=frozenset(latest.keywords),
                shown_points=tuple(p.text for s in stories for p in s.key_points),
                article_ids=frozenset(src.article_id for s in stories for src in s.sources),
            )
        )
    return remembered


def keyword_stems(keywords: Iterable[str]) -> frozenset[str]:
    """Keywords as they are compared: each word by its stem ("launches" = "launch")."""
    return frozenset(" ".join(stem(word) for word in k.split()) for k in keywords)


def keyword_overlap(
    first: frozenset[str], second: frozenset[str], *, sizes: tuple[int, int] = (3, 3)
) -> float:
    """The smaller of the two lists' shares in common (0 when either is empty, or when they
    share fewer than ``MIN_KEYWORDS_IN_COMMON`` keywords, one more when either story, by
    ``sizes`` in articles, is small)."""
    if not first or not second:
        return 0.0
    shared = len(first & second)
    needed = MIN_KEYWORDS_IN_COMMON + (1 if min(sizes) <= SMALL_STORY else 0)
    if shared < needed:
        return 0.0
    return shared / max(len(first), len(second))


def _continued(past: Remembered) -> ThreadState:
    """A continuing story takes the thread's id, whatever its own."""
    thread = Thread(
        id=past.thread.id,
        first_seen=past.thread.first_seen,
        days=past.thread.days + 1,
        previous=past.day,
    )
    return ThreadState(thread, past.shown_points, past.article_ids)


def follow_threads(
    groups: Sequence[StoryGroup],
    article_ids: Sequence[Sequence[str]],
    memory: Sequence[Remembered],
    day: date,
) -> list[ThreadState]:
    """The thread of each story of ``day``: a continued one, or a new one under the story's
    own id. ``article_ids[k]`` lists every article of ``groups[k]`` (near-duplicates
    included); the story's id is its first one."""
    states = []
    # Only earlier days are memory, so re-running a day repeats it.
    remembered = [(past, past.stems) for past in memory if past.day < day]
    for k, group in enumerate(groups):
        # Stemmed only when there is a past to match: a day's stories are many.
        keywords = keyword_stems(group.keywords) if remembered else frozenset()
        ids = set(article_ids[k])
        best: tuple[float, date] | None = None
        match = None
        for past, past_stems in remembered:
            sizes = (len(ids), len(past.article_ids))
            score = (
                1.0
                if ids & past.article_ids
                else keyword_overlap(keywords, past_stems, sizes=sizes)
            )
            if score >= MIN_SHARED_KEYWORDS and (best is None or (score, past.day) > best):
                best, match = (score, past.day), past
        states.append(
            _continued(match)
            if match
            else ThreadState(Thread(id=article_ids[k][0], first_seen=day))
        )
    return states
