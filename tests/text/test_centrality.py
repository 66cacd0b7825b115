"""The default ranker: a log-position prior moved by directed TF-IDF centrality."""

import numpy as np

from summarizer.text import centrality
from summarizer.text.summaries import DEFAULT_ALGORITHM, select_sentences

TOPIC = [
    "A photographer watched the sunrise over the quiet hills yesterday.",
    "The city council approved the flood barrier budget on Monday.",
    "The flood barrier budget gives the council money for steel gates.",
    "Council engineers said the barrier gates would close during storms.",
    "The barrier budget was approved after the council debated for hours.",
]


def test_similarity_is_cosine_with_a_zero_diagonal():
    matrix = centrality.similarity_matrix(
        ["Storm gates closed.", "Storm gates closed.", "Libraries lend laptops."]
    )
    assert np.allclose(np.diag(matrix), 0.0)
    assert matrix[0, 1] == matrix[1, 0] and abs(matrix[0, 1] - 1.0) < 1e-9
    assert matrix[0, 2] == 0.0


def test_without_shared_words_the_ranking_is_the_lead():
    sentences = ["Apples grow red.", "Trains leave early.", "Snow fell overnight.", "Cats nap."]
    assert centrality.rank(sentences, 4) == [0, 1, 2, 3]


def test_a_sentence_the_article_elaborates_on_beats_an_unrelated_first_line():
    assert centrality.rank(TOPIC, 1) == [1]  # Lead-1 would take the photographer


def test_a_sentence_that_repeats_earlier_ones_loses_to_one_that_adds():
    sentences = [
        "The council approved the flood barrier budget on Monday.",
        "The mayor said residents near the river would be safer.",
        "The council approved the flood barrier budget, officials said.",
        "Residents near the river welcomed what the mayor said.",
    ]
    scores = centrality.sentence_scores(sentences)
    assert scores[2] < scores[3] or scores[2] < scores[1]
    assert 2 not in centrality.rank(sentences, 2)


def test_degenerate_inputs():
    assert centrality.rank([], 3) == []
    assert centrality.rank(["Only one sentence."], 3) == [0]
    assert centrality.rank(["1 2 3.", "4 5 6."], 1) == [0]  # no content words at all


def test_default_algorithm_is_the_centrality_ranker_in_document_order():
    assert DEFAULT_ALGORITHM == "centrality"
    chosen = select_sentences(TOPIC, count=3)
    assert chosen == [s for s in TOPIC if s in chosen]  # verbatim, in document order
    assert select_sentences(TOPIC, count=1) == [TOPIC[1]]
