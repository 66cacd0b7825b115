import pytest

from summarizer.errors import ConfigError
from summarizer.text.summaries import ALGORITHMS, select_sentences

SENTENCES = [
    "The city council approved a new budget for schools on Monday.",
    "The budget adds 40 million euros for school buildings and teachers.",
    "Opposition members said the plan came too late for this school year.",
    "Parents welcomed the money but asked for smaller classes.",
    "The mayor said the first new schools would open in 2028.",
    "Weather on Monday was mild and dry across the region.",
]
DETERMINISTIC = sorted(set(ALGORITHMS) - {"random"})


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
def test_select_sentences_empty_input_gives_nothing(algorithm):
    assert select_sentences([], count=3, algorithm=algorithm) == []


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
def test_select_sentences_one_sentence_article(algorithm):
    assert select_sentences(SENTENCES[:1], count=3, algorithm=algorithm) == SENTENCES[:1]


@pytest.mark.parametrize("algorithm", sorted(ALGORITHMS))
def test_select_sentences_returns_n_verbatim_in_document_order(algorithm):
    chosen = select_sentences(SENTENCES, count=3, algorithm=algorithm)
    assert len(chosen) == 3
    assert all(sentence in SENTENCES for sentence in chosen)
    assert chosen == sorted(chosen, key=SENTENCES.index)


@pytest.mark.parametrize("algorithm", DETERMINISTIC)
def test_select_sentences_is_deterministic(algorithm):
    first = select_sentences(SENTENCES, count=2, algorithm=algorithm)
    assert select_sentences(SENTENCES, count=2, algorithm=algorithm) == first


def test_select_sentences_keeps_repeated_sentences_apart():
    repeated = [*SENTENCES[:3], SENTENCES[0]]
    assert len(select_sentences(repeated, count=3, algorithm="lexrank")) == 3


def test_select_sentences_ignores_sentences_without_words():
    assert select_sentences(["—", "…", SENTENCES[0]], count=2) == [SENTENCES[0]]


def test_lead_takes_the_first_sentences():
    assert select_sentences(SENTENCES, count=2, algorithm="lead") == SENTENCES[:2]


def test_unknown_algorithm_names_the_available_ones():
    with pytest.raises(ConfigError, match=r"available: .*lexrank"):
        select_sentences(SENTENCES, algorithm="nope")
