"""The evidence rule of full-text clustering: two articles close in cosine are one story
only if they share enough content words (see ``MIN_SHARED_WORDS``)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
from scipy import sparse

from summarizer.group.candidates import pair_scores

MIN_SHARED_WORDS = 3
"""Distinct content words two articles must share to be linked at all, or two that are not
one phrase in both: short articles sharing only "city council" can be close in cosine and
still be different events."""
TITLE_WORDS = 15
"""A text shorter than this is a title, and exempt from the shared-words rule."""


class SharedWords:
    """Which content words two texts share, for the evidence rule (``MIN_SHARED_WORDS``).

    Titles (texts under ``TITLE_WORDS`` words) are exempt: one shared name may be all two
    titles of a story have."""

    def __init__(
        self,
        texts: Sequence[str],
        matrix: sparse.csr_matrix,
        terms: np.ndarray,
        longer: np.ndarray,
        analyse: Callable[[str], list[str]],
    ) -> None:
        """``terms`` names ``matrix``'s columns; ``longer`` is True for the texts of at least
        ``TITLE_WORDS`` words; ``analyse`` tokenises a text as the matrix was made."""
        self.terms = terms
        self.matrix = matrix
        # Name tokens ("harbour_bridge") repeat their words; only plain words count.
        self.plain = np.array(["_" not in term for term in terms], dtype=bool)
        running = np.concatenate([[0], np.cumsum(self.plain[matrix.indices])])
        has_words = running[matrix.indptr[1:]] > running[matrix.indptr[:-1]]
        self.exempt = ~(longer & has_words)
        self._texts = texts
        self._analyse = analyse

    def weak(self, start: int, stop: int, linked: np.ndarray) -> np.ndarray:
        """For rows ``start:stop`` against every row: True where a pair the similarities
        would link (``linked``) lacks evidence."""
        rows, cols = np.nonzero(linked)
        weak = np.zeros_like(linked)
        first = rows + start
        weak[rows, cols] = self.weak_pairs(
            first, cols, pair_scores(self.matrix, first, cols, self.plain)[1]
        )
        return weak

    def weak_pairs(self, first: np.ndarray, second: np.ndarray, shared: np.ndarray) -> np.ndarray:
        """True where the pair ``(first[k], second[k])``, whose texts have ``shared[k]``
        content words in common (``pair_scores`` over ``plain`` columns), lacks evidence."""
        weak = (shared < MIN_SHARED_WORDS) & ~self.exempt[first] & ~self.exempt[second]
        # Two shared words are evidence unless they are one phrase in both texts.
        for k in np.flatnonzero(weak & (shared == MIN_SHARED_WORDS - 1)):
            weak[k] = self._one_phrase(int(first[k]), int(second[k]))
        return weak

    def _one_phrase(self, first: int, second: int) -> bool:
        both = np.intersect1d(self._columns(first), self._columns(second))
        pair = tuple(self.terms[both[self.plain[both]]])
        return all(self._adjacent(pair, self._tokens(n)) for n in (first, second))

    def _columns(self, row: int) -> np.ndarray:
        return self.matrix.indices[self.matrix.indptr[row] : self.matrix.indptr[row + 1]]

    def _tokens(self, row: int) -> list[str]:
        return [token for token in self._analyse(self._texts[row]) if "_" not in token]

    @staticmethod
    def _adjacent(pair: tuple[str, ...], tokens: list[str]) -> bool:
        return any({a, b} == set(pair) for a, b in itertools.pairwise(tokens))


class Evidence(Protocol):
    """Which pairs the similarities would link lack the evidence to be one story."""

    def weak(self, start: int, stop: int, linked: np.ndarray) -> np.ndarray:
        """For rows ``start:stop`` against every row: True where ``linked`` lacks evidence."""
