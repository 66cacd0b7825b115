import pytest

from summarizer.text.sentences import split_sentences


def _split(text: str) -> tuple[str, ...]:
    return next(split_sentences([text]))


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. envoy met officials in Kyiv on Thursday. He left on Friday.",
        "Talks resumed on Sept. 4 in Paris after a pause. Both sides attended.",
        "Mr. Smith and Dr. Jones met the mayor. They agreed on a plan.",
    ],
)
def test_split_sentences_abbreviations_do_not_end_sentences(text):
    assert len(_split(text)) == 2


def test_split_sentences_are_verbatim_and_skip_subheadings():
    text = "The first paragraph ends here.\n\nTrump phone call\n\nThey spoke with Trump by phone."
    assert _split(text) == ("The first paragraph ends here.", "They spoke with Trump by phone.")


def test_split_sentences_keeps_editorial_brackets_verbatim():
    text = "They urged pressure on (Russian president Vladimir) Putin to stop. Talks go on."
    sentences = _split(text)
    assert sentences[0] == "They urged pressure on (Russian president Vladimir) Putin to stop."


def test_split_sentences_never_joins_paragraphs():
    sentences = _split("No full stop at the end of this paragraph\n\nA new paragraph starts.")
    assert sentences[-1] == "A new paragraph starts."
