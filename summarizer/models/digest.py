"""The digest: stories (full or brief, followed across days) and the day around them.

The ``to_dict``/``from_dict`` pairs produce the ``digest.json`` contract of DESIGN §5
(``summarizer/publish/render/digest.schema.json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from summarizer.models.articles import Participants, parse_datetime

DIGEST_SCHEMA_VERSION = 2
"""The ``schema_version`` of ``digest.json`` (``summarizer/publish/render/digest.schema.json``).
Version 2 added each story's depth, thread, "why" line, section and keywords, and counts
inputs and outlets apart (version 1's ``counts.sources`` is read as ``inputs``)."""

FULL = "full"
"""A story shown in full: key points, participants, every source."""
BRIEF = "brief"
"""A story shown in one line: headline, outlets, its best source (never parsed in depth)."""


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

    @property
    def voice(self) -> str:
        """Who is speaking, for counting outlets: the outlet, else the URL, else the article
        alone."""
        return self.outlet or self.url or self.article_id

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
            published=parse_datetime(data.get("published")),
        )


@dataclass(frozen=True, slots=True)
class Thread:
    """A story followed across days: a stable id, the day it was first shown, on how many
    days it has been shown (today included) and the latest earlier one."""

    id: str
    first_seen: date
    days: int = 1
    previous: date | None = None

    @property
    def is_new(self) -> bool:
        return self.previous is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "first_seen": self.first_seen.isoformat(),
            "days": self.days,
            "previous": self.previous.isoformat() if self.previous else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Thread:
        previous = data.get("previous")
        return cls(
            id=str(data["id"]),
            first_seen=date.fromisoformat(data["first_seen"]),
            days=int(data.get("days", 1)),
            previous=date.fromisoformat(previous) if previous else None,
        )


@dataclass(frozen=True, slots=True)
class Story:
    """One event of the day: its headline, key points, participants and sources.

    A ``brief`` story has no key points and no participants: it was ranked below the day's
    top stories, so it was never analysed in depth."""

    id: str
    headline: str
    key_points: tuple[KeyPoint, ...]
    participants: Participants
    sources: tuple[SourceRef, ...]
    depth: str = FULL
    thread: Thread | None = None
    """``None`` only before threading: the story then starts a thread on the digest's day."""
    why: str = ""
    """Why it ranks where it does: "5 outlets · 9 articles · first seen 06:10 · new today"."""
    section: str | None = None
    """The feed tag it is listed under among the briefs (``None``: untagged)."""
    keywords: tuple[str, ...] = ()
    """Its most distinctive words, most distinctive first (what later days match against)."""

    @property
    def distinct_outlets(self) -> int:
        """How many different outlets report the story (a source without one counts alone)."""
        return len({s.voice for s in self.sources})

    @property
    def is_full(self) -> bool:
        return self.depth == FULL

    def thread_on(self, day: date) -> Thread:
        """The story's thread; a new one starting on ``day`` when it has none yet."""
        return self.thread or Thread(id=self.id, first_seen=day)

    def to_dict(self, day: date) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "depth": self.depth,
            "thread": self.thread_on(day).to_dict(),
            "why": self.why,
            "section": self.section,
            "keywords": list(self.keywords),
            "key_points": [k.to_dict() for k in self.key_points],
            "participants": self.participants.to_dict(),
            "sources": [s.to_dict() for s in self.sources],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        thread = data.get("thread")
        return cls(
            id=data["id"],
            headline=data["headline"],
            key_points=tuple(KeyPoint.from_dict(k) for k in data["key_points"]),
            participants=Participants.from_dict(data["participants"]),
            sources=tuple(SourceRef.from_dict(s) for s in data["sources"]),
            depth=str(data.get("depth") or FULL),
            thread=Thread.from_dict(thread) if thread else None,
            why=str(data.get("why") or ""),
            section=data.get("section"),
            keywords=tuple(data.get("keywords", ())),
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
class FilterCount:
    """A keyword rule of ``[[filters]]`` and the number of articles it kept out."""

    rule: str
    removed: int

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "removed": self.removed}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FilterCount:
        return cls(rule=data["rule"], removed=int(data["removed"]))


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
    input_count: int = 0
    """Files and feeds read (not outlets: one JSONL file can hold forty outlets)."""
    settings: dict[str, Any] = field(default_factory=dict)
    timezone: str = "UTC"
    """The IANA time zone readers see the digest's times in."""
    people_of_the_day: tuple[DayParticipant, ...] = ()
    """People ordered by how many stories name them (``participants.merge.day_roster``)."""
    filtered: tuple[FilterCount, ...] = ()
    """What each keyword rule kept out, in the rules' order."""

    @property
    def outlet_count(self) -> int:
        """Distinct outlets across the day's stories."""
        return len({s.voice for story in self.stories for s in story.sources})

    @property
    def full_stories(self) -> tuple[Story, ...]:
        return tuple(story for story in self.stories if story.is_full)

    @property
    def brief_stories(self) -> tuple[Story, ...]:
        return tuple(story for story in self.stories if not story.is_full)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": DIGEST_SCHEMA_VERSION,
            "date": self.date.isoformat(),
            "generated_at": self.generated_at.isoformat(),
            "timezone": self.timezone,
            "counts": {
                "inputs": self.input_count,
                "outlets": self.outlet_count,
                "articles": self.article_count,
                "stories": len(self.stories),
                "full_stories": len(self.full_stories),
                "problems": len(self.problems),
            },
            "settings": self.settings,
            "stories": [s.to_dict(self.date) for s in self.stories],
            "people_of_the_day": [
                {"name": p.name, "role": p.role, "stories": p.stories}
                for p in self.people_of_the_day
            ],
            "problems": [p.to_dict() for p in self.problems],
            "filtered": [f.to_dict() for f in self.filtered],
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
            input_count=int(counts.get("inputs", counts.get("sources", 0))),
            settings=dict(data.get("settings", {})),
            timezone=str(data.get("timezone") or "UTC"),
            people_of_the_day=tuple(
                DayParticipant(p["name"], p.get("role"), int(p["stories"]))
                for p in data.get("people_of_the_day", ())
            ),
            filtered=tuple(FilterCount.from_dict(f) for f in data.get("filtered", ())),
        )
