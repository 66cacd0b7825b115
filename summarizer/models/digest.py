"""The digest: stories (full or brief, followed across days) and the day around them.

These types are the ``digest.json`` contract of DESIGN §5: ``models.contract`` reads and
writes it through them, and ``summarizer/publish/render/digest.schema.json`` is generated
from them (``python -m summarizer.publish.render.schema``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Annotated, Any, Literal, NotRequired

from pydantic import ConfigDict, Field, model_serializer, model_validator, with_config
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from summarizer.models.articles import Participants
from summarizer.models.contract import CONTRACT_CONFIG, Count, Positive, Text, Timestamp

SchemaVersion = Literal[2]
DIGEST_SCHEMA_VERSION: SchemaVersion = 2
"""The ``schema_version`` of ``digest.json`` (``summarizer/publish/render/digest.schema.json``).
Version 2 added each story's depth, thread, "why" line, section and keywords, and counts
inputs and outlets apart (version 1's ``counts.sources`` is read as ``inputs``)."""

Depth = Literal["full", "brief"]
FULL: Depth = "full"
"""A story shown in full: key points, participants, every source."""
BRIEF: Depth = "brief"
"""A story shown in one line: headline, outlets, its best source (never parsed in depth)."""


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """One extracted sentence, verbatim, and the article it comes from."""

    text: Text
    article_id: Text


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source article as the digest cites it (no body text)."""

    article_id: Text
    title: str
    url: str | None = None
    outlet: str | None = None
    published: Timestamp | None = None

    @property
    def voice(self) -> str:
        """Who is speaking, for counting outlets: the outlet, else the URL, else the article
        alone."""
        return self.outlet or self.url or self.article_id


@dataclass(frozen=True, slots=True)
class Thread:
    """The story followed across days: a stable id, the day it was first shown, on how many
    days it has been shown (today included) and the latest earlier one."""

    id: Text
    """Stable across the days the story continues."""
    first_seen: date
    """The first day the thread was published."""
    days: Positive = 1
    """Days the thread has been published on, this one included."""
    previous: date | None = None
    """The latest earlier day the thread appeared; null for a new story."""

    @property
    def is_new(self) -> bool:
        return self.previous is None


def _story_as_published(schema: dict[str, Any]) -> None:
    """What the types alone cannot say: a brief story has no analysis, and a story always
    has its thread in digest.json (the digest starts one for a story without)."""
    schema["if"] = {"properties": {"depth": {"const": BRIEF}}}
    no_one = {"maxItems": 0}
    schema["then"] = {
        "properties": {
            "key_points": no_one,
            "participants": {
                "properties": {"people": no_one, "organizations": no_one, "places": no_one}
            },
        }
    }
    thread = schema["properties"]["thread"]
    schema["properties"]["thread"] = {"description": thread["description"], **thread["anyOf"][0]}


@dataclass(frozen=True, slots=True)
class Story:
    """One event of the day: its headline, key points, participants and sources.

    A ``brief`` story has no key points and no participants: it was ranked below the day's
    top stories, so it was never analysed in depth."""

    __pydantic_config__ = ConfigDict(**CONTRACT_CONFIG, json_schema_extra=_story_as_published)

    # Declared in the order digest.json writes them; the keyword-only ones keep the
    # constructor's positional order (id, headline, key_points, participants, sources).
    id: Text
    headline: Text
    depth: Depth = field(default=FULL, kw_only=True)
    """"full": a top story, analysed in depth; "brief": listed in one line."""
    thread: Thread | None = field(default=None, kw_only=True)
    """The story followed across days (``None`` only before threading: the story then starts
    a thread on the digest's day)."""
    why: str = field(default="", kw_only=True)
    """Why the story ranks where it does, e.g. "5 outlets · 9 articles · first seen 06:10 ·
    new today"."""
    section: str | None = field(default=None, kw_only=True)
    """The feed tag the story is listed under among the briefs; null when its feeds have
    none."""
    keywords: tuple[str, ...] = field(default=(), kw_only=True)
    """The story's most distinctive terms, most distinctive first; later days match their
    stories against them."""
    key_points: tuple[KeyPoint, ...]
    """Sentences quoted verbatim, each from the article it cites."""
    participants: Participants
    sources: Annotated[tuple[SourceRef, ...], Field(json_schema_extra={"minItems": 1})]
    """Every article that went into the story, near-duplicates included."""

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


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A source that could not be used, and why, so no data loss is silent."""

    source: Text
    """File path or feed URL."""
    reason: Text


@dataclass(frozen=True, slots=True)
class FilterCount:
    """A keyword rule of ``[[filters]]`` and the number of articles it kept out."""

    rule: Text
    """The rule as written, e.g. 'exclude "sponsored" · feeds tagged tech'."""
    removed: Count


@dataclass(frozen=True, slots=True)
class DayParticipant:
    """A person and the number of the day's stories naming them."""

    name: Text
    role: str | None
    stories: Positive


@with_config(CONTRACT_CONFIG)
class Counts(TypedDict):
    inputs: Count
    """Files and feeds read."""
    outlets: Count
    """Distinct outlets across every story's sources."""
    articles: Count
    """Articles after exact de-duplication, near-duplicates included."""
    stories: Count
    """Every story, full and brief."""
    full_stories: Count
    """Stories with depth "full"."""
    problems: Count


_SETTINGS_SCHEMA = {
    "properties": {
        "sentences": {"description": "Key points per full story.", "type": "integer", "minimum": 1},
        "algorithm": {"type": "string"},
        "top_stories": {"description": "Stories shown in full.", "type": "integer", "minimum": 0},
        "sections": {
            "description": "The order of the brief stories' sections (feed tags).",
            "type": "array",
            "items": {"type": "string"},
        },
    }
}
"""What a reader may rely on in ``settings``: ``DigestSettings.as_dict()`` fills it, and
the digest passes it through untyped."""


@with_config(CONTRACT_CONFIG)
class DigestFile(TypedDict):
    """reports/YYYY-MM-DD/digest.json: one day's digest, the record the Markdown and HTML
    pages are rendered from (`newsdigest render --date D`). It lists every story read, most
    important first: the top ones in full (depth "full": key points and participants), every
    other one in brief (depth "brief": headline and sources only, never analysed in depth).
    Every story lists all of its sources. Times are ISO 8601 with an offset."""

    schema_version: SchemaVersion
    """Raised when a field changes meaning or is removed; adding an optional field keeps it."""
    date: date
    """The day the digest covers."""
    generated_at: Timestamp
    """When the digest was built."""
    timezone: Text
    """IANA time zone the pages show times in."""
    counts: Counts
    settings: Annotated[dict[str, Any], Field(json_schema_extra=_SETTINGS_SCHEMA)]
    """The run's parameters."""
    stories: list[Story]
    people_of_the_day: list[DayParticipant]
    """People by the number of stories naming them, most first."""
    problems: list[SourceProblem]
    """Sources that could not be used, and why."""
    filtered: NotRequired[list[FilterCount]]
    """The keyword rules of sources.toml ([[filters]]), in order, and how many of the day's
    articles each kept out of the digest (an article counts against the first rule that
    removed it)."""


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything a renderer needs; renderers take nothing else (no clock, no I/O).

    Published as a ``DigestFile``: the counts are worked out when it is written."""

    # dt.date: pydantic reads the annotation in the class, where ``date`` is this field.
    date: dt.date
    generated_at: Timestamp
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

    @model_serializer(mode="plain")
    def _published(self) -> DigestFile:
        return {
            "schema_version": DIGEST_SCHEMA_VERSION,
            "date": self.date,
            "generated_at": self.generated_at,
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
            "stories": [
                story if story.thread else replace(story, thread=story.thread_on(self.date))
                for story in self.stories
            ],
            "people_of_the_day": list(self.people_of_the_day),
            "problems": list(self.problems),
            "filtered": list(self.filtered),
        }

    @model_validator(mode="before")
    @classmethod
    def _read_counts(cls, data: Any) -> Any:
        """The two counts that are not worked out from the stories; a ``schema_version`` 1
        digest called the inputs ``sources``."""
        if not isinstance(data, dict):
            return data
        counts = data.get("counts", {})
        return {
            **data,
            "article_count": counts.get("articles", 0),
            "input_count": counts.get("inputs", counts.get("sources", 0)),
        }
