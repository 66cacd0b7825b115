"""What stages hand each other before the digest exists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from summarizer.config import FeedConfig
from summarizer.models.articles import Article
from summarizer.models.digest import FilterCount, SourceProblem


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry, normalised: plain-text title and body, absolute link, aware date."""

    title: str
    link: str | None
    guid: str | None
    published: datetime | None
    author: str | None
    text: str


@dataclass(frozen=True, slots=True)
class FeedState:
    """A feed's validators for a conditional GET."""

    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class FeedRequest:
    """A feed to fetch, with the validators the store kept from its last answer (for a
    conditional GET): all a fetch needs, so it can run where the store is not."""

    feed: FeedConfig
    known: FeedState = FeedState(None, None)


@dataclass
class FeedReport:
    """What one feed gave this run."""

    feed: FeedConfig
    status: str = ""
    entries: int = 0
    in_window: list[FeedEntry] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    guids: dict[str, str] = field(default_factory=dict)
    problems: list[SourceProblem] = field(default_factory=list)
    validators: FeedState | None = None  # stored once the feed's articles are recorded
    full_text_fetched: int = 0
    full_text_over_budget: int = 0  # teasers left as they were: the time budget was used up
    known_pages: dict[str, dict[str, str]] = field(default_factory=dict)
    """Pages of its teasers' links the store has extracted before ({} when extraction found
    nothing), by URL: not fetched again."""
    fetched_pages: dict[str, dict[str, str]] = field(default_factory=dict)
    """Pages extracted this run, by URL, for the store to keep."""
    new: int = 0

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass
class LoadResult:
    """The articles that loaded, and what went wrong with the rest."""

    articles: list[Article] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    files: int = 0


@dataclass
class DedupeResult:
    """Unique articles, with the near-duplicates folded into each as extra sources."""

    articles: list[Article] = field(default_factory=list)
    extra_sources: dict[str, list[Article]] = field(default_factory=dict)
    dropped: int = 0


@dataclass
class DayInputs:
    """Everything gathered for a day before analysis."""

    articles: list[Article] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    sources: int = 0
    failed_sources: int = 0
    guids: dict[str, str] = field(default_factory=dict)
    filtered: tuple[FilterCount, ...] = ()
    """What each keyword rule of ``[[filters]]`` kept out of the day."""


@dataclass(frozen=True, slots=True)
class StoryGroup:
    """The articles of one story, as clustering found them: positions in the day's unique
    articles (in input order, and most central first) and the story's keywords."""

    members: tuple[int, ...]
    central: tuple[int, ...]
    keywords: tuple[str, ...]
