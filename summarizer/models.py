"""The data every stage speaks: articles in, stories and a digest out.

The ``to_dict``/``from_dict`` pairs produce the JSONL and ``digest.json`` contracts of DESIGN §4–5.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from summarizer.config import FeedConfig

DIGEST_SCHEMA_VERSION = 1
"""The ``schema_version`` of ``digest.json`` (``summarizer/render/digest.schema.json``)."""


def _parse_datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, as loaded from a file or a feed."""

    id: str
    text: str
    title: str = ""
    url: str | None = None
    source: str | None = None
    published: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.title:
            data["title"] = self.title
        if self.url:
            data["url"] = self.url
        if self.source:
            data["source"] = self.source
        if self.published:
            data["published"] = self.published.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            title=str(data.get("title") or ""),
            url=data.get("url") or None,
            source=data.get("source") or None,
            published=_parse_datetime(data.get("published")),
        )


@dataclass(frozen=True, slots=True)
class Person:
    """A person named in an article, under the longest form of their name the text uses."""

    name: str
    role: str | None = None
    mentions: int = 1
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name}
        if self.role:
            data["role"] = self.role
        data["mentions"] = self.mentions
        data["aliases"] = list(self.aliases)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Person:
        return cls(
            name=data["name"],
            role=data.get("role"),
            mentions=int(data.get("mentions", 1)),
            aliases=tuple(data.get("aliases", ())),
        )


@dataclass(frozen=True, slots=True)
class NamedEntity:
    """An organisation or a place, with how often the text names it."""

    name: str
    mentions: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "mentions": self.mentions}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NamedEntity:
        return cls(name=data["name"], mentions=int(data.get("mentions", 1)))


@dataclass(frozen=True, slots=True)
class Participants:
    """Who and what an article (or a story) involves."""

    people: tuple[Person, ...] = ()
    organizations: tuple[NamedEntity, ...] = ()
    places: tuple[NamedEntity, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "people": [p.to_dict() for p in self.people],
            "organizations": [o.to_dict() for o in self.organizations],
            "places": [p.to_dict() for p in self.places],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Participants:
        return cls(
            people=tuple(Person.from_dict(p) for p in data.get("people", ())),
            organizations=tuple(NamedEntity.from_dict(o) for o in data.get("organizations", ())),
            places=tuple(NamedEntity.from_dict(p) for p in data.get("places", ())),
        )


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """One extracted sentence, verbatim, and the article it comes from."""

    text: str
    article_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "article_id": self.article_id}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KeyPoint:
        return cls(text=data["text"], article_id=data["article_id"])


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source article as the digest cites it (no body text)."""

    article_id: str
    title: str
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceRef:
        return cls(
            article_id=data["article_id"],
            title=data["title"],
            url=data.get("url"),
            outlet=data.get("outlet"),
            published=_parse_datetime(data.get("published")),
        )


@dataclass(frozen=True, slots=True)
class Story:
    """One event of the day: its headline, key points, participants and sources."""

    id: str
    headline: str
    key_points: tuple[KeyPoint, ...]
    participants: Participants
    sources: tuple[SourceRef, ...]

    @property
    def distinct_outlets(self) -> int:
        """How many different outlets report the story (a source without one counts alone)."""
        return len({s.outlet or s.url or s.article_id for s in self.sources})

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "key_points": [k.to_dict() for k in self.key_points],
            "participants": self.participants.to_dict(),
            "sources": [s.to_dict() for s in self.sources],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        return cls(
            id=data["id"],
            headline=data["headline"],
            key_points=tuple(KeyPoint.from_dict(k) for k in data["key_points"]),
            participants=Participants.from_dict(data["participants"]),
            sources=tuple(SourceRef.from_dict(s) for s in data["sources"]),
        )


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A source that could not be used, and why, so no data loss is silent."""

    source: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceProblem:
        return cls(source=data["source"], reason=data["reason"])


@dataclass(frozen=True, slots=True)
class DayParticipant:
    """A person and the number of the day's stories naming them."""

    name: str
    role: str | None
    stories: int


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything a renderer needs; renderers take nothing else (no clock, no I/O)."""

    date: date
    generated_at: datetime
    stories: tuple[Story, ...]
    problems: tuple[SourceProblem, ...] = ()
    article_count: int = 0
    source_count: int = 0
    settings: dict[str, Any] = field(default_factory=dict)
    timezone: str = "UTC"
    """The IANA time zone readers see the digest's times in."""
    people_of_the_day: tuple[DayParticipant, ...] = ()
    """People ordered by how many stories name them (``participants.merge.day_roster``)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": DIGEST_SCHEMA_VERSION,
            "date": self.date.isoformat(),
            "generated_at": self.generated_at.isoformat(),
            "timezone": self.timezone,
            "counts": {
                "sources": self.source_count,
                "articles": self.article_count,
                "stories": len(self.stories),
                "problems": len(self.problems),
            },
            "settings": self.settings,
            "stories": [s.to_dict() for s in self.stories],
            "people_of_the_day": [
                {"name": p.name, "role": p.role, "stories": p.stories}
                for p in self.people_of_the_day
            ],
            "problems": [p.to_dict() for p in self.problems],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Digest:
        counts = data.get("counts", {})
        return cls(
            date=date.fromisoformat(data["date"]),
            generated_at=datetime.fromisoformat(data["generated_at"]),
            stories=tuple(Story.from_dict(s) for s in data["stories"]),
            problems=tuple(SourceProblem.from_dict(p) for p in data.get("problems", ())),
            article_count=int(counts.get("articles", 0)),
            source_count=int(counts.get("sources", 0)),
            settings=dict(data.get("settings", {})),
            timezone=str(data.get("timezone") or "UTC"),
            people_of_the_day=tuple(
                DayParticipant(p["name"], p.get("role"), int(p["stories"]))
                for p in data.get("people_of_the_day", ())
            ),
        )


# What stages hand each other before the digest exists.


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


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """What the pipeline learned about one article."""

    article: Article
    headline: str
    sentences: tuple[str, ...]
    """Every sentence of the prose, verbatim, in order."""
    summary: tuple[str, ...]
    """The article's own summary: some of ``sentences``, in order (a story's key points are
    picked across its articles, see ``Story.key_points``)."""
    participants: Participants
    in_english: bool = True
    """False for an article in another language: its summary is its lead sentences and it
    has no participants (the parser and the role rules are English)."""
