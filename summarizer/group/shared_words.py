"""The evidence rule of full-text clustering: two articles close in cosine are one story
only if they share enough content words (see ``MIN_SHARED_WORDS``)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
from scipy import sparse

from summarizer.group.candidates import pair_similarities

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
        # Name tokens ("harbour_bridge") repeat their words; only plain words count.
        plain = np.flatnonzero(["_" not in term for term in terms])
        self.words = (
            sparse.diags(longer.astype(np.float32)) @ (matrix[:, plain] > 0).astype(np.float32)
        ).tocsr()
        self.words.eliminate_zeros()
        self.exempt = self.words.getnnz(axis=1) == 0
        self._terms = terms[plain]
        self._texts = texts
        self._analyse = analyse

    def weak(self, start: int, stop: int, linked: np.ndarray) -> np.ndarray:
        """For rows ``start:stop`` against every row: True where a pair the similarities
        would link (``linked``) lacks evidence."""
        rows, cols = np.nonzero(linked)
        weak = np.zeros_like(linked)
        weak[rows, cols] = self.weak_pairs(rows + start, cols)
        return weak

    def weak_pairs(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """True where the pair ``(first[k], second[k])`` lacks evidence."""
        shared = pair_similarities(self.words, first, second)
        weak = (shared < MIN_SHARED_WORDS) & ~self.exempt[first] & ~self.exempt[second]
        # Two shared words are evidence unless they are one phrase in both texts.
        for k in np.flatnonzero(weak & (shared == MIN_SHARED_WORDS - 1)):
            weak[k] = self._one_phrase(int(first[k]), int(second[k]))
        return weak

    def _one_phrase(self, first: int, second: int) -> bool:
        both = self.words[first].multiply(self.words[second]).indices
        pair = tuple(self._terms[both])
        return all(self._adjacent(pair, self._tokens(n)) for n in (first, second))

    def _tokens(self, row: int) -> list[str]:
        return [token for token in self._analyse(self._texts[row]) if "_" not in token]

    @staticmethod
    def _adjacent(pair: tuple[str, ...], tokens: list[str]) -> bool:
        return any({a, b} == set(pair) for a, b in itertools.pairwise(tokens))


class Evidence(Protocol):
    """Which pairs the similarities would link lack the evidence to be one story."""

    def weak(self, start: int, stop: int, linked: np.ndarray) -> np.ndarray:
        """For rows ``start:stop`` against every row: True where ``linked`` lacks evidence."""
