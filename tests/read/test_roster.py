"""Participants merged across a story's articles."""

from summarizer.models import NamedEntity, Participants, Person
from summarizer.read.participants.merge import merge_participants, merge_people


def test_surname_and_full_name_are_one_person_with_mentions_added():
    people = merge_people(
        [
            [Person("Starmer", None, 2)],
            [Person("Keir Starmer", "British Prime Minister", 3, ("Starmer",))],
        ]
    )
    assert people == (Person("Keir Starmer", "British Prime Minister", 5, ("Starmer",)),)


def test_two_people_sharing_a_surname_stay_two():
    people = merge_people([[Person("Mary Smith", "judge", 1)], [Person("John Smith", None, 1)]])
    assert [p.name for p in people] == ["Mary Smith", "John Smith"]


def test_organisations_and_places_add_up():
    merged = merge_participants(
        [
            Participants(organizations=(NamedEntity("UN", 2),), places=(NamedEntity("Kyiv"),)),
            Participants(organizations=(NamedEntity("UN", 1), NamedEntity("NATO", 4))),
        ]
    )
    assert merged.organizations == (NamedEntity("NATO", 4), NamedEntity("UN", 3))
    assert merged.places == (NamedEntity("Kyiv", 1),)


def test_the_day_roster_counts_stories_per_person_across_forms():
    from summarizer.read.participants.merge import day_roster

    roster = day_roster(
        [
            [Person("Keir Starmer", "Prime Minister")],
            [Person("Starmer"), Person("Ana Silva")],
            [Person("Keir Starmer", None, 2, ("Starmer",))],
        ]
    )
    assert [(p.name, p.role, p.stories) for p in roster] == [
        ("Keir Starmer", "Prime Minister", 3),
        ("Ana Silva", None, 1),
    ]
