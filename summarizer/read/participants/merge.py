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
    role: str | None = None
    mentions: int = 0
    forms: set[str] = field(default_factory=set)
    stories: set[int] = field(default_factory=set)


def _surname_of(short: str, full: str) -> bool:
    """ "Vries" or "de Vries" is a surname of "Ingrid de Vries"; "John Smith" is not a form of
    "Mary Smith"."""
    shorter, longer = short.split(), full.split()
    if len(shorter) >= len(longer) or longer[-len(shorter) :] != shorter:
        return False
    return len(shorter) == 1 or shorter[0].islower()


class _Roster:
    """Entries found by any of their forms, or by surname, without comparing every pair:
    a day can name thousands of people."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self._by_form: dict[str, int] = {}
        self._by_last_word: dict[str, list[int]] = {}

    def _find(self, person: Person) -> int | None:
        for form in (person.name, *person.aliases):
            if form in self._by_form:
                return self._by_form[form]
        last = person.name.split()[-1] if person.name.split() else ""
        for index in self._by_last_word.get(last, ()):
            name = self.entries[index].name
            if _surname_of(person.name, name) or _surname_of(name, person.name):
                return index
        return None

    def add(self, person: Person) -> _Entry:
        index = self._find(person)
        if index is None:
            index = len(self.entries)
            self.entries.append(_Entry(person.name))
        entry = self.entries[index]
        entry.mentions += person.mentions
        entry.role = entry.role or person.role
        if len(person.name.split()) > len(entry.name.split()):
            entry.name = person.name
        for form in (person.name, *person.aliases):
            entry.forms.add(form)
            self._by_form.setdefault(form, index)
            words = form.split()
            if words and index not in self._by_last_word.setdefault(words[-1], []):
                self._by_last_word[words[-1]].append(index)
        return entry


def merge_people(groups: Sequence[Sequence[Person]]) -> tuple[Person, ...]:
    """People of several articles as one list, most mentioned first."""
    roster = _Roster()
    for people in groups:
        for person in people:
            roster.add(person)
    # Most mentioned first; among equals, whoever the articles named first.
    ranked = sorted(roster.entries, key=lambda e: -e.mentions)
    return tuple(
        Person(e.name, e.role, e.mentions, tuple(sorted(e.forms - {e.name}))) for e in ranked
    )


def day_roster(stories: Sequence[Sequence[Person]]) -> tuple[DayParticipant, ...]:
    """People across the day's stories (one list of people per story), with the number of
    stories naming each, most first; the same person under two forms counts once per story."""
    roster = _Roster()
    for number, people in enumerate(stories):
        for person in people:
            roster.add(person).stories.add(number)
    ranked = sorted(roster.entries, key=lambda e: (-len(e.stories), e.name))
    return tuple(DayParticipant(e.name, e.role, len(e.stories)) for e in ranked)


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


SUPPORT_NEEDED = 2
"""Readings a participant of a story told in headlines needs: two articles that name it the
same way, or one that names it in sentence-case text (which counts twice)."""


def supported_participants(items: Sequence[tuple[Participants, bool]]) -> Participants:
    """The participants of a story told in headlines, each (participants, read from Title
    Case text) per article: only those the articles give evidence for. Title Case hides which
    words are names, so one headline's reading alone ("Fannie Bailout", place "Video") is
    not shown; a name another kind of participant already has is not shown twice."""

    def support(names: set[str], kind: str) -> int:
        total = 0
        for participants, title_case in items:
            found = {p.name for p in participants.people} | {
                f for p in participants.people for f in p.aliases
            }
            if kind != "people":
                found = {e.name for e in getattr(participants, kind)}
            if names & found:
                total += 1 if title_case else SUPPORT_NEEDED
        return total

    merged = merge_participants([p for p, _ in items])
    people = tuple(
        p
        for p in merged.people
        if p.role or support({p.name, *p.aliases}, "people") >= SUPPORT_NEEDED
    )
    person_forms = {form for p in people for form in (p.name, *p.aliases)}
    person_words = {word for form in person_forms for word in form.split()}

    def kept(entities: Sequence[NamedEntity], kind: str) -> tuple[NamedEntity, ...]:
        return tuple(
            e
            for e in entities
            if e.name not in person_forms
            and not (len(e.name.split()) == 1 and e.name in person_words)
            and support({e.name}, kind) >= SUPPORT_NEEDED
        )

    return Participants(
        people=people,
        organizations=kept(merged.organizations, "organizations"),
        places=kept(merged.places, "places"),
    )
