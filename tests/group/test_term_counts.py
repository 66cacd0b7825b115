"""A day counted in partitions gives the vectors one vectorizer gives the whole day."""

from __future__ import annotations

import itertools
import json

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from summarizer.group.clustering import cluster_articles
from summarizer.group.term_counts import (
    _STOP_WORDS,
    Documents,
    TermCounts,
    count_terms,
    count_texts,
    merge_counts,
    tfidf,
)
from summarizer.models import Article
from tests.conftest import shared_file


def _multinews() -> list[Article]:
    path = shared_file("data/multidoc/multinews_dev.jsonl")
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines()[:30]:
        articles.extend(Article(id=a["id"], text=a["text"]) for a in json.loads(line)["articles"])
    return articles


def test_partitions_merge_into_the_whole_days_vectors():
    articles = _multinews()
    whole = TfidfVectorizer(sublinear_tf=True, stop_words=_STOP_WORDS, dtype=np.float32)
    expected = whole.fit_transform(Documents(articles)).tocsr()
    expected.sort_indices()
    cuts = [0, 7, 8, 50, len(articles)]  # uneven, one of a single article

    def counted() -> list[TermCounts]:
        return [count_terms(articles[a:b]) for a, b in itertools.pairwise(cuts)]

    parts = counted()
    merged = merge_counts(parts)
    assert parts == []  # merged, not held twice
    assert list(merged.terms) == list(whole.get_feature_names_out())
    assert list(merged.words) == [len(text.split()) for text in Documents(articles)]
    vectors = tfidf(merged)
    assert vectors is merged.counts  # made in place
    assert (vectors.indptr == expected.indptr).all() and (vectors.indices == expected.indices).all()
    assert np.array_equal(vectors.data, expected.data)
    # The library call counts the day itself, and gives the same stories.
    assert cluster_articles(articles, counted=counted()) == cluster_articles(articles)


def test_a_partition_without_a_content_word_merges_as_rows_of_zeros():
    empty = count_texts(["the of and", "¤ …"])
    assert empty.counts.shape == (2, 0) and list(empty.words) == [3, 2]
    merged = merge_counts([count_texts(["Harbour barrier closes"]), empty])
    vectors = tfidf(merged)
    assert vectors.shape == (3, 3) and vectors[1:].nnz == 0
