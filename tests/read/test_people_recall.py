"""People the small model tags as organisations or places, found again from evidence the
text gives (issue 18 §3): given names, ages, titles, and a full name tagged once."""

from spacy.tokens import Span

from summarizer.read.participants.given_names import is_given_name
from summarizer.read.participants.names import reads_as_personal_name
from summarizer.text.parser import load_pipeline
from tests.builders import people_in, roles_in


def _span(text: str, start: int, end: int, label: str = "ORG") -> Span:
    doc = load_pipeline()(text)
    return Span(doc, start, end, label=label)


def test_the_census_given_names_are_read_from_the_names_package():
    assert is_given_name("Rita") and is_given_name("jordan")
    assert not is_given_name("Sklar") and not is_given_name("Department")


def test_a_given_name_and_a_surname_read_as_a_person_whatever_the_model_says():
    assert reads_as_personal_name(_span("Rita Sklar told the panel.", 0, 2), "Rita Sklar")
    assert reads_as_personal_name(
        _span("He beat Jordan Spieth on Sunday.", 2, 4, "GPE"), "Jordan Spieth"
    )


def test_an_age_or_a_title_before_the_name_makes_a_person_of_any_pair_of_names():
    assert reads_as_personal_name(
        _span("Pat went out with Julia Church, 67, last night.", 4, 6), "Julia Church"
    )
    assert reads_as_personal_name(_span("Zoo visitor Terra Lurie heard it.", 2, 4), "Terra Lurie")


def test_organisations_places_and_datelines_stay_what_they_are():
    for text, start, end, label in [
        ("The Commerce Department said on Monday.", 1, 3, "ORG"),
        ("Fans met at Virginia Beach on Friday.", 3, 5, "GPE"),
        ("Shares rose in HONG KONG today.", 3, 5, "GPE"),
        ("Rochester Fire Department officials said so.", 0, 3, "ORG"),
    ]:
        span = _span(text, start, end, label)
        assert not reads_as_personal_name(span, span.text), text
    text = "Hong Kong shares rose. Traders in Hong Kong and Hong Kong brokers agreed."
    doc = load_pipeline()(text)
    places = [e for e in doc.ents if e.text == "Hong Kong"]
    if len(places) >= 2 and all(e.label_ == "GPE" for e in places):
        assert not reads_as_personal_name(Span(doc, 0, 2, label="ORG"), "Hong Kong")


def test_a_full_name_tagged_once_outweighs_its_surname_tagged_as_a_place():
    text = (
        "Liana Barrientos, 39, of the Bronx, pleaded not guilty on Friday. "
        "Barrientos married ten men. Barrientos would spell her name differently. "
        "Barrientos has been arrested before. Prosecutors said Barrientos lied."
    )
    people = people_in(text)
    assert list(people) == ["Liana Barrientos"]
    assert "Barrientos" in people["Liana Barrientos"].aliases


def test_a_surname_that_is_also_a_street_word_stays_a_name_after_a_given_name():
    text = (
        "Chris Lane, 22, was shot while jogging. His parents, Donna and Peter Lane, "
        "flew in from Melbourne. Lane had been studying in Oklahoma."
    )
    names = set(people_in(text))
    assert {"Chris Lane", "Peter Lane"} <= names


def test_reporters_named_in_a_credit_line_are_not_people_in_the_story():
    text = (
        "Blues legend B.B. King was hospitalized for dehydration. King, 89, is now home. "
        "CNN's Greg Botelho and Sonya Hamasaki contributed to this report."
    )
    names = set(people_in(text))
    assert "B.B. King" in names
    assert not names & {"Greg Botelho", "Sonya Hamasaki"}


def test_a_generational_suffix_is_part_of_the_name_a_post_nominal_is_not():
    text = (
        "Iron Man star Robert Downey Jr. walked out of an interview in London on Tuesday. "
        "Downey said he was tired. Jim Murphy MP said the interviewer was right."
    )
    names = set(people_in(text))
    assert "Robert Downey Jr." in names
    assert "Jim Murphy" in names


def test_one_person_whatever_the_hyphens_and_apostrophes_two_when_a_surname_is_only_part():
    text = (
        "Peter O’Toole starred in the film. Sam Waley-Cohen rode the winner. "
        "Mr Waley Cohen said it was a dream. O'Toole was 81. Peter O'Toole died in 2013. "
        "Rabbi Laura Janner-Klausner defended her father. Lord Janner, 86, was not charged."
    )
    people = people_in(text)
    assert len([n for n in people if "Toole" in n]) == 1
    assert len([n for n in people if "Cohen" in n]) == 1
    assert "Janner" in people and "Laura Janner-Klausner" in people


def test_schools_districts_and_clubs_are_not_people_even_after_a_given_name():
    text = (
        "Brianne Altice taught at Davis High School until 2014. The Davis School District "
        "said it could not comment. Burton Albion won again. Altice will be sentenced in May."
    )
    names = set(people_in(text))
    assert "Brianne Altice" in names
    assert not names & {"Davis High School", "Davis School District", "Burton Albion"}


def test_a_caption_verb_run_into_a_name_is_cut_off():
    text = (
        "Lord Janner, 86, will not be charged. Rabbi Laura Janner-Klausner Signed: The letter "
        "from his children says he is innocent. Janner-Klausner said the family was relieved."
    )
    names = set(people_in(text))
    assert "Laura Janner-Klausner" in names
    assert not any(name.endswith("Signed") for name in names)


def test_a_name_the_model_left_untagged_is_found_after_a_rank_with_the_whole_title():
    text = (
        "Two officers were shot on Sunday. The 13-year Cottonwood Police veteran Sgt Jeremy "
        "Daniels was flown to a hospital in Phoenix."
    )
    people = roles_in(text)
    assert people.get("Jeremy Daniels", "").endswith("Cottonwood Police veteran Sgt")


def test_a_full_name_opening_with_initials_outweighs_its_surname_tagged_otherwise():
    text = (
        "Jockey AP McCoy rode his last race at Sandown. McCoy won 20 titles. "
        "The crowd cheered McCoy. The day belonged to McCoy."
    )
    names = set(people_in(text))
    assert "AP McCoy" in names


def test_a_first_name_sharing_a_surname_with_the_next_name_is_a_person():
    text = (
        "Police arrested suspects Ruth and Peter Gaver on Sunday. "
        "Peter Gaver was shot in the abdomen."
    )
    names = set(people_in(text))
    assert {"Ruth", "Peter Gaver"} <= names


def test_a_name_listed_with_two_or_more_people_is_a_person():
    text = (
        "According to the newspaper, Barrientos married six men in 2002 - namely Davit "
        "Koridze, Duran Goktepe, Aliaksandr Paharelau, Vakhtang Dzneladze and Rashid Rajput."
    )
    names = set(people_in(text))
    assert {"Davit Koridze", "Aliaksandr Paharelau", "Rashid Rajput"} <= names
