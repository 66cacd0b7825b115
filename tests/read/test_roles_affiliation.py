"""Whom someone speaks for is their role when the text gives nothing else (issue 18 §2)."""

from tests.builders import roles_in


def test_an_organisation_owning_the_name_is_the_role():
    roles = roles_in(
        "CNN's Karl Penhaul spoke to a shepherd who saw the crash. "
        "Penhaul said the valley was silent."
    )
    assert roles["Karl Penhaul"] == "CNN"


def test_an_organisation_after_of_or_from_is_the_role_but_a_place_is_not():
    roles = roles_in(
        "David Williams of Ladbrokes said: 'Punters are backing the name.' "
        "Simon Clare, from bookmakers Coral, confirmed the odds had been cut. "
        "Her tenth marriage was to Salle Keita, of Mali, in 2010."
    )
    assert roles["David Williams"] == "Ladbrokes"
    assert roles["Simon Clare"] == "bookmakers Coral"
    assert roles.get("Salle Keita") is None


def test_a_title_wins_over_the_organisation_someone_speaks_for():
    roles = roles_in(
        "Chief executive Ross McEwan of RBS said: 'This is going to be another tough year.'"
    )
    assert roles["Ross McEwan"] == "Chief executive"


def test_an_apposition_the_writer_forgot_to_close_before_the_verb_is_read():
    roles = roles_in(
        "The boy's leg was injured in the fall, but he was not attacked by the animals, "
        "Dr. Christopher Kuhar, the zoo's executive director told Fox 8."
    )
    assert roles["Christopher Kuhar"] == "zoo's executive director"


def test_his_points_back_to_a_person_not_to_the_owner_of_a_place():
    roles = roles_in(
        "Mike Tindall cheered at the finish. In Aintree's crowded unsaddling area, the former "
        "England captain was making a beeline for the winner, with his wife, Zara Phillips, "
        "at his side."
    )
    assert roles["Zara Phillips"] == "Mike Tindall's wife"


def test_a_number_joined_by_a_hyphen_stays_part_of_the_title():
    roles = roles_in(
        "The first lady was on hand to present 15-time Grammy winner Alicia Keys with an award."
    )
    assert roles["Alicia Keys"] == "15-time Grammy winner"


def test_roles_are_whole_noun_phrases_as_the_issue_names_them():
    roles = roles_in(
        "Superior Court Judge Maria Lopez denied the request on Tuesday. "
        "Yen Tran, founder of Skin Laundry, said the treatments were safe. "
        "Dr. Ram Sharma, the doctor who treated Khanal, said the boy was recovering."
    )
    assert roles["Maria Lopez"] == "Superior Court Judge"
    assert roles["Yen Tran"] == "founder of Skin Laundry"
    assert roles["Ram Sharma"] == "doctor who treated Khanal"


def test_one_word_that_may_be_anything_is_not_shown_a_title_or_nationality_is():
    roles = roles_in(
        "Smith's 911 phone call was played in court Chancey Luna has been charged with murder. "
        "He finished ahead of Australian Marc Leishman. Hooker Mick Higham scored twice."
    )
    assert roles["Chancey Luna"] is None  # "court" is where he was, not what he is
    assert roles["Marc Leishman"] == "Australian"
    assert roles["Mick Higham"] == "Hooker"
