"""Articles and who they involve: what is read, and what the analysis finds in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


def parse_datetime(value: str | None) -> datetime | None:
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
    feed: str | None = None
    """The URL of the feed the article came from (its tags and weight are the feed's)."""

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
        if self.feed:
            data["feed"] = self.feed
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            title=str(data.get("title") or ""),
            url=data.get("url") or None,
            source=data.get("source") or None,
            published=parse_datetime(data.get("published")),
            feed=data.get("feed") or None,
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
