"""Participants of one parsed article: its people with their roles, organisations and
places."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span

from summarizer.models import NamedEntity, Participants, Person
from summarizer.read.participants.names import (
    Mention,
    capitalised_common_noun,
    clean_name,
    cluster_people,
    plausible_person_name,
    reads_as_personal_name,
    untagged_people,
)
from summarizer.read.participants.roles import role_of
from summarizer.read.participants.roles.titles import title_before
from summarizer.read.participants.vocabulary import (
    CREDIT_PHRASES,
    ORGANIZATION_LABELS,
    PERSON,
    PERSON_TITLES,
    PLACE_LABELS,
)


def _has_person_title(span: Span) -> bool:
    title = title_before(span)
    return bool(title) and title.split()[-1].lower() in PERSON_TITLES


def _in_credit(span: Span) -> bool:
    """The mention sits in a credit line ("Greg Botelho contributed to this report")."""
    sentence = " ".join(span.sent.text.lower().split())
    return any(phrase in sentence for phrase in CREDIT_PHRASES)


def _entities(mentions: Iterable[Mention], exclude: set[str]) -> tuple[NamedEntity, ...]:
    counts: Counter[str] = Counter(m.name for m in mentions if m.name and m.name not in exclude)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(NamedEntity(name, n) for name, n in ranked)


def participants_from_doc(doc: Doc, *, extra_places: Sequence[str] = ()) -> Participants:
    """Extract the participants of one parsed article."""
    mentions = []
    for ent in [*doc.ents, *untagged_people(doc)]:
        if ent.label_ not in {PERSON} | ORGANIZATION_LABELS | PLACE_LABELS:
            continue
        name, possessive = clean_name(ent)
        if not any(character.isalpha() for character in name):
            continue  # emoji, numbers or punctuation the tagger took for a name
        label = ent.label_
        if label != PERSON and capitalised_common_noun(ent):
            continue  # "Education officer Samuel Reyes", "Farmers' groups welcomed ..."
        if label != PERSON and (
            (label in ORGANIZATION_LABELS and _has_person_title(ent))
            or reads_as_personal_name(ent, name)
        ):
            label = PERSON
        mentions.append(Mention(ent, name, label, possessive))
    clusters = cluster_people(mentions)
    people_clusters = [
        c
        for c in clusters
        if c.is_person
        and plausible_person_name(c)
        and not all(_in_credit(m.span) for m in c.mentions)
    ]
    all_forms = frozenset(form for c in people_clusters for form in c.forms)
    person_forms = {form for c in people_clusters for form in c.forms}
    people = tuple(
        Person(
            name=c.name,
            role=role_of(c, all_forms),
            mentions=len(c.mentions),
            aliases=tuple(sorted(form for form in c.forms if form != c.name)),
        )
        for c in sorted(people_clusters, key=lambda c: min(m.span.start for m in c.mentions))
    )
    # A name spaCy tagged ORG once but that belongs to a person is not an organisation.
    organizations = _entities((m for m in mentions if m.label in ORGANIZATION_LABELS), person_forms)
    place_mentions = [m for m in mentions if m.label in PLACE_LABELS]
    places = list(_entities(place_mentions, person_forms))
    known = {p.name for p in places}
    places.extend(NamedEntity(place) for place in extra_places if place and place not in known)
    return Participants(people=people, organizations=organizations, places=tuple(places))
