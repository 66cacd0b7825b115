"""One roster from several articles' participants: the same person named "Keir Starmer" in
one article and "Starmer" or "Sir Keir Starmer" in another is one entry, under the longest
full name, with every alias, the mentions added up and the first role a text states."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarizer.models import NamedEntity, Participants, Person


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
