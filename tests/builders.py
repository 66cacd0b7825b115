"""Small inputs built inline, so each test states what it feeds in."""

from __future__ import annotations

from datetime import UTC, date, datetime

from summarizer.models import (
    Article,
    Digest,
    KeyPoint,
    NamedEntity,
    Participants,
    Person,
    SourceProblem,
    SourceRef,
    Story,
    Thread,
)
from summarizer.read.articles import participants_of
from summarizer.read.participants.merge import day_roster


def make_story(*, headline: str = "Council approves budget", **overrides: object) -> Story:
    fields: dict[str, object] = {
        "id": "story-1",
        "headline": headline,
        "key_points": (KeyPoint("The council approved the budget on Monday.", "a1"),),
        "participants": Participants(
            people=(Person("Ana Silva", "Finance chief", 2, ("Silva",)),),
            organizations=(NamedEntity("City Council", 1),),
            places=(NamedEntity("Porto", 1),),
        ),
        "sources": (SourceRef("a1", headline, "https://example.org/a1", "Example News", None),),
        "thread": Thread("story-1", date(2026, 11, 25)),
        "why": "1 outlet · 1 article · new today",
    }
    fields.update(overrides)
    return Story(**fields)  # type: ignore[arg-type]


def make_digest(
    *stories: Story,
    problems: tuple[SourceProblem, ...] = (),
    day: date = date(2026, 11, 25),
    timezone: str = "UTC",
) -> Digest:
    return Digest(
        date=day,
        generated_at=datetime(day.year, day.month, day.day, 6, 0, tzinfo=UTC),
        stories=stories,
        problems=problems,
        article_count=len(stories),
        input_count=len(stories),
        timezone=timezone,
        people_of_the_day=day_roster([story.participants.people for story in stories]),
    )


def people_in(text: str) -> dict[str, Person]:
    """The people participant extraction finds in one article's text, by name."""
    return {p.name: p for p in participants_of([Article(id="t", text=text)])[0].people}


def roles_in(text: str) -> dict[str, str | None]:
    """Each person found in ``text`` and the role shown for them."""
    return {name: person.role for name, person in people_in(text).items()}
