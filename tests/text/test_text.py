from summarizer.text.layout import derive_title, parse_body, split_dateline
from tests.conftest import SEED_ARTICLE


def test_parse_body_empty_text_has_no_paragraphs():
    body = parse_body("   \n\n ")
    assert body.paragraphs == ()
    assert derive_title(body) == ""


def test_parse_body_seed_separates_caption_dateline_and_subheading():
    body = parse_body(SEED_ARTICLE.read_text(encoding="utf-8"))
    assert body.caption is not None and body.caption.endswith("( AP )")
    assert body.dateline == "Kyiv"
    assert body.paragraphs[0].startswith("French President Emmanuel Macron said Thursday")
    assert body.subheadings == ("Trump phone call",)
    assert all(p != "Trump phone call" for p in body.paragraphs)
    assert "AP" not in body.caption_text


def test_parse_body_caption_is_only_recognised_by_its_credit():
    text = "A quiet opening paragraph without any credit.\n\nSecond paragraph here."
    assert parse_body(text).caption is None


def test_parse_body_first_short_unpunctuated_line_is_the_headline():
    body = parse_body("Storm closes the harbour\n\nThe storm closed the harbour on Monday.")
    assert body.headline == "Storm closes the harbour"
    assert derive_title(body) == "Storm closes the harbour"
    assert body.paragraphs == ("The storm closed the harbour on Monday.",)


def test_parse_body_single_newline_copy_splits_into_paragraphs():
    body = parse_body("First paragraph ends here.\nCost questions\nSecond paragraph ends here.")
    assert body.paragraphs == ("First paragraph ends here.", "Second paragraph ends here.")
    assert body.subheadings == ("Cost questions",)


def test_split_dateline_variants():
    assert split_dateline("PARIS (AP) — The government fell.") == ("Paris", "The government fell.")
    assert split_dateline("LONDON, England (CNN) -- Police said.") == (
        "London, England",
        "Police said.",
    )
    assert split_dateline("(CNN)The man said.") == (None, "The man said.")
    assert split_dateline("Kyiv: French President Emmanuel Macron said.")[0] == "Kyiv"


def test_split_dateline_leaves_ordinary_colons_alone():
    for text in ("Speaking after a meeting, he said: yes.", "Mr Smith: no way, he said."):
        assert split_dateline(text) == (None, text)


def test_derive_title_shortens_a_long_lede_at_a_word_boundary():
    body = parse_body("word " * 60 + "end.")
    title = derive_title(body)
    assert len(title) <= 110 and title.endswith("…")
    assert not title.endswith(" …")


def test_headline_from_a_lede_keeps_the_claim_and_ends_at_a_clause():
    from summarizer.text.layout import headline_from_lede

    lede = (
        "French President Emmanuel Macron said Thursday that 26 of Ukraine’s allies have "
        "pledged to deploy troops as a “reassurance force” for the war-torn country once "
        "fighting ends in the conflict with Russia."
    )
    assert (
        headline_from_lede(lede) == "Macron: 26 of Ukraine’s allies have pledged to deploy troops"
    )
    barrier = (
        "The city's new storm-surge barrier closed for the first time on Monday night as a "
        "North Sea storm pushed water levels to their highest point in eleven years, port "
        "officials said."
    )
    # Headline style: no leading article before a common word, no day at the end.
    assert headline_from_lede(barrier) == "City's new storm-surge barrier closed for the first time"
    hague = "The Hague court rejected the appeal on Tuesday, lawyers said."
    assert headline_from_lede(hague) == "The Hague court rejected the appeal"
    assert headline_from_lede("The mayor resigned, officials said.") == "The mayor resigned"
    # A claim too short to stand alone keeps its attribution.
    short = "The office said that it would close."
    assert headline_from_lede(short) == "Office said that it would close"
