"""One roster from several articles' participants: the same person named "Keir Starmer" in
one article and "Starmer" or "Sir Keir Starmer" in another is one entry, under the longest
full name, with every alias, the mentions added up and the first role a text states."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarizer.models import DayParticipant, NamedEntity, Participants, Person


@dataclass
class _Entry:
    name: str
    role: str | None
    mentions: int
    forms: set[str] = field(default_factory=set)
    order: int = 0


def _same_person(entry: _Entry, person: Person) -> bool:
    """One of the two names is a form of the other: equal, an alias, or its trailing
    words (a surname) — but two different full names never match."""
    names = {person.name, *person.aliases}
    if names & entry.forms:
        return True
    shorter, longer = (
        w.split() for w in sorted((entry.name, person.name), key=lambda n: len(n.split()))
    )
    if len(shorter) >= len(longer) or longer[-len(shorter) :] != shorter:
        return False
    # "Vries" or "de Vries" is a surname of "Ingrid de Vries"; "John Smith" is not "Mary Smith".
    return len(shorter) == 1 or shorter[0].islower()


def merge_people(groups: Sequence[Sequence[Person]]) -> tuple[Person, ...]:
    """People of several articles as one list, most mentioned first."""
    entries: list[_Entry] = []
    for people in groups:
        for person in people:
            entry = next((e for e in entries if _same_person(e, person)), None)
            if entry is None:
                entries.append(
                    _Entry(person.name, person.role, 0, {person.name}, order=len(entries))
                )
                entry = entries[-1]
            entry.mentions += person.mentions
            entry.forms |= {person.name, *person.aliases}
            entry.role = entry.role or person.role
            if len(person.name.split()) > len(entry.name.split()):
                entry.name = person.name
    ranked = sorted(entries, key=lambda e: (-e.mentions, e.order))
    return tuple(
        Person(e.name, e.role, e.mentions, tuple(sorted(e.forms - {e.name}))) for e in ranked
    )


def day_roster(stories: Sequence[Sequence[Person]]) -> tuple[DayParticipant, ...]:
    """People across the day's stories (one list of people per story), with the number of
    stories naming each, most first; the same person under two forms counts once per story."""
    entries: list[_Entry] = []
    story_sets: list[set[int]] = []
    for number, people in enumerate(stories):
        for person in people:
            index = next((i for i, e in enumerate(entries) if _same_person(e, person)), None)
            if index is None:
                entries.append(_Entry(person.name, person.role, 0, {person.name}, len(entries)))
                story_sets.append(set())
                index = len(entries) - 1
            entry = entries[index]
            entry.forms |= {person.name, *person.aliases}
            entry.role = entry.role or person.role
            if len(person.name.split()) > len(entry.name.split()):
                entry.name = person.name
            story_sets[index].add(number)
    ranked = sorted(range(len(entries)), key=lambda i: (-len(story_sets[i]), entries[i].name))
    return tuple(
        DayParticipant(entries[i].name, entries[i].role, len(story_sets[i])) for i in ranked
    )


def merge_entities(groups: Sequence[Sequence[NamedEntity]]) -> tuple[NamedEntity, ...]:
    counts: Counter[str] = Counter()
    for entities in groups:
        for entity in entities:
            counts[entity.name] += entity.mentions
    return tuple(NamedEntity(name, n) for name, n in counts.most_common())


def merge_participants(items: Sequence[Participants]) -> Participants:
    if len(items) == 1:
        return items[0]
    return Participants(
        people=merge_people([p.people for p in items]),
        organizations=merge_entities([p.organizations for p in items]),
        places=merge_entities([p.places for p in items]),
    )
