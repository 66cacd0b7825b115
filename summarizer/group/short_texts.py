"""What a day of headlines and teasers is compared on: word stems, with the evidence two
short texts need to be one story.

A headline is a dozen words, so every word counts and its form should not: "launches",
"launched" and "Launch" are one feature (Snowball's English stemmer, from NLTK, which sumy
already installs; no data to download). Title Case and ALL CAPS are folded, pure numbers and
the pieces of links ("bit.ly/25tovss") are not words. Two texts are linked only when they
share at least ``MIN_SHARED_STEMS`` stems: a single shared word, however rare, is how "Driving
for Uber in Virginia" and "Train carrying GOP lawmakers hits truck in Virginia" end up as one
story. And an outlet's own vocabulary — the words most of its items carry and few other
outlets use ("episode", "AdWords", "listing") — is left out of its items, so a podcast's
episodes or a classifieds feed's listings are not one story for sharing their boilerplate.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from summarizer.wordlists import word_set

if TYPE_CHECKING:
    from nltk.stem.snowball import EnglishStemmer

MIN_SHARED_STEMS = 2
"""Stems two short texts must share to be linked at all (and not one phrase in both) …"""
MIN_SHARED_STEMS_LONGER = 3
"""… or, when both are teaser-long (``LONGER_WORDS``), this many: more words share more by
chance (on Multi-News leads, 2 let unrelated events merge)."""
LONGER_WORDS = 15
"""Words (before stop words are left out) from which a text is teaser-long."""
SAME_OUTLET_SIMILARITY = 0.5
"""Cosine two items of one outlet need to be linked directly: a blog's posts, a podcast's
episodes and a board's listings share their subject and house style, not an event. Items of
one outlet still meet in a story through other outlets' reports of it."""
BOILERPLATE_ITEMS = 3
"""Items of one outlet a word must appear in before it can be the outlet's boilerplate."""
BOILERPLATE_SHARE = 0.3
"""Share of an outlet's items a word must appear in to be its boilerplate …"""
BOILERPLATE_OUTSIDE = 0.5
"""… while other outlets' items carry it at most this many times as often as the outlet's."""

_LINK = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:ly|com|co|org|net|gl|me|io)/\S*", re.I)
_WORD = re.compile(r"[^\W_][\w'’]*[^\W_]|[^\W\d_]")
_POSSESSIVE = re.compile(r"['’]s?$")
# What tells one outlet's items apart: a price, or a token of letters and digits ("1bd",
# "737ft2", "v201601"); a bare number ("death toll rises to 15") does not.
_NUMBER = re.compile(r"[$£€]\s?\d[\d,.]*|\b(?=\w*\d)(?=\w*[^\W\d_])\w+")


@cache
def _stemmer() -> EnglishStemmer:
    # Imported on first use: NLTK (and SciPy's statistics behind it) costs a second at
    # start-up, and a day of full texts never compares stems.
    from nltk.stem.snowball import EnglishStemmer

    return EnglishStemmer()


class StemAnalyzer:
    """Text → stems, remembering each stem's commonest written form (for keywords)."""

    def __init__(self, stop_words: frozenset[str]) -> None:
        self.stop_words = stop_words
        self.forms: dict[str, Counter[str]] = {}

    def __call__(self, text: str) -> list[str]:
        stems = []
        for match in _WORD.finditer(_LINK.sub(" ", text)):
            word = _POSSESSIVE.sub("", match.group(0).lower())
            if len(word) < 2 or word.isdigit() or word in self.stop_words:
                continue
            stem = _stemmer().stem(word)
            stems.append(stem)
            self.forms.setdefault(stem, Counter())[word] += 1
        return stems

    def written(self, stem: str) -> str:
        forms = self.forms.get(stem)
        return min(forms, key=lambda f: (-forms[f], f)) if forms else stem


def _without_foreign_stop_words(text: str) -> str:
    """The text without them, line by line: its first line is still its headline."""
    stop_words = word_set(__package__ or __name__.rpartition(".")[0], "foreign_function_words.txt")
    return "\n".join(
        " ".join(w for w in line.split() if w.strip(".,;:!?\"'«»()").lower() not in stop_words)
        for line in text.split("\n")
    )


def stem(word: str) -> str:
    """The stem a keyword is compared by."""
    return _stemmer().stem(word.lower())


class StemEvidence:
    """Which pairs of short texts share too few stems to be one story (see
    ``clustering.similarity_graph``): fewer than ``MIN_SHARED_STEMS``, or just that many when
    they are one phrase in both ("city council"); two teasers need
    ``MIN_SHARED_STEMS_LONGER``. When either is a teaser, ``MIN_SHARED_STEMS`` of the shared
    stems must be in both headlines (a text that is a headline alone is all headline): two
    reports of one event say it in their headlines, while thirty words of two teasers share a
    few by chance — a genome abstract's lead shares "cause" and "loss" with "Plasmodium
    leftovers cause bone loss", and two release notes share "pleased", "update" and
    "release"."""

    def __init__(
        self,
        matrix: sparse.csr_matrix,
        *,
        sequences: Sequence[Sequence[int]],
        outlets: Sequence[str | None],
        lengths: Sequence[int],
        teaser_headlines: Sequence[Sequence[int] | None],
        headline_numbers: Sequence[Sequence[str]],
    ) -> None:
        self.matrix = matrix
        self.present = (matrix > 0).astype(np.float32).tocsr()
        self.teaser = np.array([cols is not None for cols in teaser_headlines], dtype=bool)
        # A text that is a headline alone is all headline; an outlet's boilerplate, left out
        # of the vectors, is no evidence in a headline either.
        teaser_rows = [(r, c) for r, cols in enumerate(teaser_headlines) for c in cols or ()]
        alone = sparse.diags((~self.teaser).astype(np.float32)) @ self.present
        self.headlines = (
            _binary(alone + _indicator(teaser_rows, matrix.shape)).multiply(self.present).tocsr()
        )
        vocabulary: dict[str, int] = {}
        number_rows = [
            (r, vocabulary.setdefault(token, len(vocabulary)))
            for r, tokens in enumerate(headline_numbers)
            for token in tokens
        ]
        self.numbers = _indicator(number_rows, (matrix.shape[0], max(1, len(vocabulary))))
        self.numbered = self.numbers.getnnz(axis=1) > 0
        self.outlets = np.array([outlet or f"\0{row}" for row, outlet in enumerate(outlets)])
        self.longer = np.array([n >= LONGER_WORDS for n in lengths])
        self.stems = [frozenset(self.present[row].indices) for row in range(matrix.shape[0])]
        self.phrases = [
            {frozenset(pair) for pair in itertools.pairwise(sequence)} for sequence in sequences
        ]

    def weak(self, start: int, stop: int, linked: np.ndarray) -> np.ndarray:
        shared = (self.present[start:stop] @ self.present.T).toarray()
        both_longer = self.longer[start:stop, None] & self.longer[None, :]
        weak = linked & (shared < np.where(both_longer, MIN_SHARED_STEMS_LONGER, MIN_SHARED_STEMS))
        similarity = (self.matrix[start:stop] @ self.matrix.T).toarray()
        same_outlet = self.outlets[start:stop, None] == self.outlets[None, :]
        weak |= linked & same_outlet & (similarity < SAME_OUTLET_SIMILARITY)
        teasers = self.teaser[start:stop, None] | self.teaser[None, :]
        if teasers.any():
            in_headlines = (self.headlines[start:stop] @ self.headlines.T).toarray()
            weak |= linked & teasers & (in_headlines < MIN_SHARED_STEMS)
        # One outlet's listings, versions or episodes: both headlines carry numbers and share
        # none ("$2150 1bd" and "$2550 2bd", "v201601" and "v201605").
        numbered = same_outlet & self.numbered[start:stop, None] & self.numbered[None, :]
        if (numbered & linked).any():
            common = (self.numbers[start:stop] @ self.numbers.T).toarray() > 0
            weak |= linked & numbered & ~common
        two = linked & ~weak & (shared == MIN_SHARED_STEMS) & ~both_longer
        for i, j in zip(*np.nonzero(two), strict=True):
            weak[i, j] = self._one_phrase(start + int(i), int(j))
        return weak

    def _one_phrase(self, first: int, second: int) -> bool:
        both = self.stems[first] & self.stems[second]
        return both in self.phrases[first] and both in self.phrases[second]


def _indicator(cells: Sequence[tuple[int, int]], shape: tuple[int, int]) -> sparse.csr_matrix:
    """A 0/1 matrix with a one in each (row, column) of ``cells``."""
    rows = [r for r, _ in cells]
    cols = [c for _, c in cells]
    ones = np.ones(len(cells), dtype=np.float32)
    return _binary(sparse.csr_matrix((ones, (rows, cols)), shape=shape))


def _binary(matrix: sparse.spmatrix) -> sparse.csr_matrix:
    binary = sparse.csr_matrix(matrix, dtype=np.float32)
    binary.data[:] = 1.0
    return binary


def without_boilerplate(
    matrix: sparse.csr_matrix, outlets: Sequence[str | None]
) -> sparse.csr_matrix:
    """``matrix`` (rows: texts, columns: stems) without each outlet's boilerplate stems in its
    own rows, L2-normalised again."""
    present = (matrix > 0).astype(np.float32).tocsr()
    total = np.asarray(present.sum(axis=0)).ravel()
    by_outlet: dict[str, list[int]] = {}
    for row, outlet in enumerate(outlets):
        if outlet:
            by_outlet.setdefault(outlet, []).append(row)
    drop_rows, drop_cols = [], []
    for rows in by_outlet.values():
        if len(rows) < BOILERPLATE_ITEMS:
            continue
        inside = np.asarray(present[rows].sum(axis=0)).ravel()
        outside = total - inside
        boilerplate = np.flatnonzero(
            (inside >= BOILERPLATE_ITEMS)
            & (inside >= BOILERPLATE_SHARE * len(rows))
            & (outside <= BOILERPLATE_OUTSIDE * inside)
        )
        for row in rows:
            drop_rows.extend([row] * len(boilerplate))
            drop_cols.extend(boilerplate)
    if not drop_rows:
        return matrix
    mask = sparse.csr_matrix(
        (np.ones(len(drop_rows), dtype=np.float32), (drop_rows, drop_cols)), shape=matrix.shape
    )
    kept = (matrix - matrix.multiply(mask)).tocsr()
    kept.eliminate_zeros()
    norms = np.sqrt(np.asarray(kept.multiply(kept).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (sparse.diags(1.0 / norms).astype(np.float32) @ kept).tocsr()


@dataclass(frozen=True, slots=True)
class ShortTexts:
    """A day of short texts as vectors over stems."""

    matrix: sparse.csr_matrix
    """L2-normalised TF-IDF rows (zeros for a text without a stem), without each outlet's
    boilerplate."""
    terms: np.ndarray
    """Each column's stem in its commonest written form."""
    evidence: StemEvidence


def short_text_vectors(
    texts: Sequence[str],
    outlets: Sequence[str | None],
    stop_words: frozenset[str],
    english: Sequence[bool] | None = None,
) -> ShortTexts:
    """``texts`` (each by its ``outlets`` entry) as vectors over stems; a text that is not
    ``english`` also goes without the function words of the other languages feeds most often
    carry ("de", "da" and "em" made every Portuguese item one story)."""
    if english is not None and not all(english):
        texts = [
            text if is_english else _without_foreign_stop_words(text)
            for text, is_english in zip(texts, english, strict=True)
        ]
    analyzer = StemAnalyzer(stop_words)
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # not one text has a word
        empty = sparse.csr_matrix((len(texts), 1), dtype=np.float32)
        no_stems = StemEvidence(
            empty,
            sequences=[[] for _ in texts],
            outlets=outlets,
            lengths=[0] * len(texts),
            teaser_headlines=[None] * len(texts),
            headline_numbers=[[] for _ in texts],
        )
        return ShortTexts(empty, np.array([""]), no_stems)
    column = vectorizer.vocabulary_
    sequences = [[column[stem] for stem in analyzer(text)] for text in texts]
    written = np.array([analyzer.written(t) for t in vectorizer.get_feature_names_out()])
    matrix = without_boilerplate(matrix, outlets)
    lengths = [len(text.split()) for text in texts]
    teaser_headlines = [_teaser_headline(text, analyzer, column) for text in texts]
    numbers = [set(_NUMBER.findall(text.partition("\n")[0].lower())) for text in texts]
    evidence = StemEvidence(
        matrix,
        sequences=sequences,
        outlets=outlets,
        lengths=lengths,
        teaser_headlines=teaser_headlines,
        headline_numbers=[sorted(tokens) for tokens in numbers],
    )
    return ShortTexts(matrix, written, evidence)


def _teaser_headline(text: str, analyzer: StemAnalyzer, column: dict[str, int]) -> list[int] | None:
    """The stem columns of a teaser's headline (its first line); None for a text that is a
    headline alone or has none."""
    headline, newline, teaser = text.partition("\n")
    if not (newline and headline.strip() and teaser.strip()):
        return None
    return sorted({column[stem] for stem in analyzer(headline) if stem in column})
