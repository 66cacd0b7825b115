"""A role is what a person is: nouns that name people (WordNet's person nouns, issue 18 §2)
make roles of words the lists lack, and keep a phrase about a thing from being a role."""

from importlib.resources import files

import pytest

from summarizer.read.participants.person_nouns import can_name_a_person, is_person_noun
from summarizer.text.parser import load_pipeline
from summarizer.wordlists import word_set
from tests.builders import roles_in

GENERATED = ("person_nouns.txt", "person_senses.txt", "person_nouns_also_verbs.txt")


def test_a_person_noun_the_tagger_calls_a_verb_is_still_a_title():
    roles = roles_in(
        "Also in attendance were producer Rodney Jerkins, singer Eddie Money and "
        "saxophonist Kirk Whalum."
    )
    assert roles["Kirk Whalum"] == "saxophonist"


def test_an_apposition_about_a_thing_is_not_a_role():
    roles = roles_in(
        "Prosecutors said Barrientos married Mohamed Gerbril in 1999, Ahmed Allam, then a "
        "second 2001 marriage to Habibur Rahman, the Post reported. "
        "Tom Hughes, a museum in Leeds, opened on Monday."
    )
    assert roles["Ahmed Allam"] is None
    assert roles["Tom Hughes"] is None


def test_a_phrase_about_a_person_stays_whole():
    roles = roles_in(
        "The defendant, Mark Jones, 34, told the court he was innocent. "
        "Ellen Page, the star of Juno, said she was delighted."
    )
    assert roles["Mark Jones"] == "defendant"
    assert roles["Ellen Page"] == "star of Juno"  # a person in a rarer sense keeps a phrase


def test_one_of_a_group_is_one_person():
    roles = roles_in("One of the suspects, David Gaver, was shot in the abdomen.")
    assert roles["David Gaver"] == "One of the suspects"


@pytest.mark.parametrize(
    ("sentence", "word", "names_a_person"),
    [
        ("The saxophonist played.", "saxophonist", True),
        ("The clerk was abused.", "clerk", True),
        ("Two clerks were abused.", "clerks", True),
        ("Two policewomen arrived.", "policewomen", True),
        ("Policewomen arrived.", "Policewomen", False),  # capitalised: it may be a name
        ("The court heard the case.", "court", False),
        ("They have a house.", "have", False),  # a verb; "have" names a rich person as a noun
        ("He was accused of theft.", "accused", False),
    ],
)
def test_is_person_noun_reads_the_word_in_context(sentence, word, names_a_person):
    token = next(t for t in load_pipeline()(sentence) if t.text == word)
    assert is_person_noun(token) is names_a_person


def test_a_rarer_sense_counts_for_a_phrase_head():
    assert can_name_a_person("star") and can_name_a_person("models")
    assert not can_name_a_person("museum") and not can_name_a_person("marriage")


@pytest.mark.parametrize("name", GENERATED)
def test_generated_lists_carry_the_wordnet_licence_and_no_proper_names(name):
    text = files("summarizer.read.participants").joinpath("data", name).read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in text
    words = word_set("summarizer.read.participants", name)
    assert words and all(word == word.lower() and " " not in word for word in words)


def test_people_given_as_examples_of_a_group_are_one_of_it():
    roles = roles_in(
        "In recent months, a whole host of stars have been wearing the body jewellery, "
        "including Zoe Kravitz, Jordin Sparks and Adele Adkins. "
        "Critics of the plan, including Tom Baker, a local farmer, spoke against it. "
        "The shop sells brands, including Stella McCartney."
    )
    assert roles["Zoe Kravitz"] == roles["Jordin Sparks"] == roles["Adele Adkins"] == "star"
    assert roles["Tom Baker"] == "local farmer"  # what is said of the person comes first
    assert roles["Stella McCartney"] is None  # brands are not people
