"""The words of a day's full-text articles, counted a partition at a time, and the day's
TF-IDF vectors made from the counts.

Tokenising and counting is the Python part of vectorising, and a partition's counts depend on
its articles alone, so the ``count`` stage is mapped (worker processes on the thread runner,
a Dask cluster's workers). Only the merge needs the whole day: the day's vocabulary (every
partition's terms, sorted as one vectorizer sorts them), the inverse document frequencies and
the normalisation (scikit-learn's ``TfidfTransformer``). The vectors equal those of one
``TfidfVectorizer`` over the whole day (tested).

A document is the article's title and text with its names (runs of capitalised words) added
once more as single tokens, so that "Malaysia Airlines" or "Michelle Obama" weigh more than
common words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    CountVectorizer,
    TfidfTransformer,
)

from summarizer.models import Article
from summarizer.wordlists import word_set

# A name: a capitalised word that does not open a sentence, or a run of several. Each
# alternative starts at a capital and looks back from there, so the search skips to the
# next capital instead of testing the look-behinds at every character.
_NAME = re.compile(
    r"[A-Z](?<!\w[A-Z])"  # a word's first letter
    r"(?:(?<![.!?:\n\"“‘]\s[A-Z])(?<!^[A-Z])[\w'’-]+(?:\s+[A-Z][\w'’-]+)*"  # not opening a sentence
    r"|[\w'’-]+(?:\s+[A-Z][\w'’-]+)+)"  # or several capitalised words
)
# Words every day's news shares whatever the event (weekdays, "said", "percent"...).
NEWS_STOP_WORDS = word_set(__package__ or __name__.rpartition(".")[0], "news_stop_words.txt")
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS | NEWS_STOP_WORDS)
_STOP_WORDS = sorted(STOP_WORDS)


def _with_names(text: str) -> str:
    """The text, then each name once more as one token ("Michelle_Obama"), a line each."""
    # The names joined first and their spaces made underscores in one call: a Python call
    # per name was a seventh of counting a day's words.
    return text + "\n" + "\n".join(_NAME.findall(text)).replace(" ", "_")


def document_text(article: Article, *, names: bool = True) -> str:
    text = f"{article.title}\n{article.text}" if article.title else article.text
    return _with_names(text) if names else text


class Documents(Sequence[str]):
    """The articles' ``document_text``, each made when it is read: a large day's texts are
    not held twice."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._articles = articles

    def __len__(self) -> int:
        return len(self._articles)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [document_text(a) for a in self._articles[index]]
        return document_text(self._articles[index])


@dataclass(frozen=True, slots=True)
class TermCounts:
    """Documents' term counts: ``counts[i, j]`` times ``terms[j]`` (sorted) in document i,
    and each document's number of words (split at white space) in ``words``."""

    counts: sparse.csr_matrix
    terms: np.ndarray
    words: np.ndarray


def counter() -> CountVectorizer:
    """The tokeniser and counter of every partition (lower case, English and news stop words
    left out, float32 counts as ``TfidfVectorizer`` makes them)."""
    return CountVectorizer(stop_words=_STOP_WORDS, dtype=np.float32)


def count_terms(articles: Sequence[Article]) -> TermCounts:
    """The ``count`` stage: the term counts of a partition of the day's articles."""
    return count_texts(Documents(articles))


def count_texts(texts: Sequence[str]) -> TermCounts:
    """The term counts of ``texts`` (no terms at all when no text has a content word)."""
    words: list[int] = []

    def counted() -> Iterator[str]:  # each text's words counted as the counter reads it
        for text in texts:
            words.append(len(text.split()))
            yield text

    vectorizer = counter()
    try:
        counts = vectorizer.fit_transform(counted()).tocsr()
    except ValueError:  # no text has a single content word
        return TermCounts(
            sparse.csr_matrix((len(texts), 0), dtype=np.float32),
            np.array([], dtype=str),
            np.array([len(text.split()) for text in texts]),
        )
    return TermCounts(counts, vectorizer.get_feature_names_out(), np.array(words))


def merge_counts(parts: list[TermCounts]) -> TermCounts:
    """The partitions' counts, rows in partition order, over the union of their terms.
    ``parts`` is emptied, so that once merged a large day's counts are not held twice (at
    100,000 articles the partitions are ~380 MB)."""
    # Python's set and sort, not numpy's: a vocabulary is an array of str objects, which
    # numpy sorts and searches comparing objects one call at a time (100,000 articles: 5.2 s
    # against 1.9 s). Both order terms by code point, as the vectorizer does.
    seen: set[str] = set()
    for part in parts:
        seen.update(part.terms.tolist())
    vocabulary = sorted(seen)
    del seen
    column_of = {term: column for column, term in enumerate(vocabulary)}
    terms = np.array(vocabulary, dtype=object)
    del vocabulary
    words = np.concatenate([part.words for part in parts])
    blocks = []
    while parts:
        part = parts.pop(0)
        columns = np.fromiter(map(column_of.__getitem__, part.terms.tolist()), np.intp)
        columns = columns[part.counts.indices]
        blocks.append(
            sparse.csr_matrix(
                (part.counts.data, columns, part.counts.indptr),
                shape=(part.counts.shape[0], len(terms)),
            )
        )
    del column_of  # ~60 MB at 100,000 articles, gone before the stacking doubles the counts
    return TermCounts(sparse.vstack(blocks, format="csr"), terms, words)


def tfidf(counts: TermCounts) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (sublinear term frequency) of the counts (a row of zeros
    for a document without content words), made in place: ``counts.counts`` becomes them,
    so a large day's matrix is not held twice."""
    transformer = TfidfTransformer(sublinear_tf=True).fit(counts.counts)
    matrix = transformer.transform(counts.counts, copy=False)
    # Each row's terms in column order, whichever partitions counted them: the same day
    # gives the same matrix, entry for entry, and so the same sums.
    matrix.sort_indices()
    return matrix
