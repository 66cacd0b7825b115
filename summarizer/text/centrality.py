"""Position-aware directed centrality: the default sentence ranker.

News puts what matters first, which is why Lead-3 is so hard to beat. This ranker keeps that
prior and lets content move a sentence up or down: in the spirit of PacSum (Zheng & Lapata,
2019), a sentence gains from resembling the sentences that *follow* it (the rest of the
article elaborates on it) and loses from resembling those that *precede* it (it repeats
them). Similarities are TF-IDF cosines inside the article, kept only above a threshold
between the article's smallest and largest similarity. No training, no reference summaries.

The three weights are the ones 5-fold cross-validation on CNN/DailyMail dev chose in every
fold (each fold's choice made on the other four): on the held-out folds they beat Lead-3 by
+1.07 / +1.32 / +0.94 ROUGE-1/2/Lsum on average, in 4 folds of 5, and on XSum dev, never
used to choose them, they beat Lead-1 by +0.71 / +0.11 / +0.45 (``bench/summary_folds.py``,
``bench/RESULTS.md``). The earlier weights (1.0, −1.0, 0.3) were fitted to all of CNN/DailyMail
dev at once and held up less well: +0.42 / +0.66 / +0.46 held out, 3 folds of 5.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache

import numpy as np

from summarizer.text.words import words_of

FOLLOWING_WEIGHT = 1.5
"""Weight of the (normalised) centrality against the log-position prior."""
PRECEDING_WEIGHT = -1.0
"""Resembling earlier sentences counts against a sentence, as much as resembling later ones
counts for it."""
EDGE_THRESHOLD = 0.15
"""Similarities below min + 0.15 × (max − min) of the article are not edges."""


_POSSESSIVE = re.compile(r"['’]s$")


@cache
def _stop_words() -> frozenset[str]:
    # Imported when first needed: importing spaCy takes ~0.6 s, which choosing an algorithm
    # (the run's settings, `newsdigest --help`) must not pay.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


# A story's key points compare its sentences several times over (each article's own
# ranking, then the story's, then its points against each other's), and each time a
# sentence's words are the same.
@lru_cache(maxsize=8_192)
def _content_words(sentence: str) -> tuple[str, ...]:
    words = (_POSSESSIVE.sub("", m.lower()) for m in words_of(sentence))
    stop_words = _stop_words()
    return tuple(w for w in words if w not in stop_words)


def similarity_matrix(sentences: Sequence[str]) -> np.ndarray:
    """Cosine similarity of the sentences' TF-IDF vectors (IDF over this article's sentences);
    the diagonal is zero."""
    counts = [Counter(_content_words(s)) for s in sentences]
    document_frequency = Counter(word for c in counts for word in c)
    vocabulary = {word: column for column, word in enumerate(document_frequency)}
    n = len(sentences)
    rows = np.fromiter((row for row, c in enumerate(counts) for _ in c), dtype=np.intp)
    columns = np.fromiter((vocabulary[word] for c in counts for word in c), dtype=np.intp)
    term_counts = np.fromiter((count for c in counts for count in c.values()), dtype=float)
    sentence_counts = np.fromiter(document_frequency.values(), dtype=float)
    idf = np.log((n + 1) / (sentence_counts + 0.5))
    matrix = np.zeros((n, max(len(vocabulary), 1)))
    matrix[rows, columns] = (1 + np.log(term_counts)) * idf[columns]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = matrix / np.where(norms == 0, 1, norms)
    similarity = matrix @ matrix.T
    np.fill_diagonal(similarity, 0.0)
    return similarity


def sentence_scores(
    sentences: Sequence[str],
    *,
    following: float = FOLLOWING_WEIGHT,
    preceding: float = PRECEDING_WEIGHT,
    threshold: float = EDGE_THRESHOLD,
) -> list[float]:
    """A score per sentence: higher is more summary-worthy (the weights default to the
    shipped ones; ``bench/summarization.py --cv`` varies them)."""
    n = len(sentences)
    if n == 0:
        return []
    similarity = similarity_matrix(sentences)
    off_diagonal = similarity[~np.eye(n, dtype=bool)]
    if off_diagonal.size:
        low, high = float(off_diagonal.min()), float(off_diagonal.max())
        edges = np.clip(similarity - (low + threshold * (high - low)), 0.0, None)
    else:
        edges = similarity
    later = np.triu(edges, k=1).sum(axis=1)
    earlier = np.tril(edges, k=-1).sum(axis=1)
    centrality = later + preceding * earlier
    scale = float(np.abs(centrality).max()) or 1.0
    position = np.log(np.arange(1, n + 1))
    return [float(score) for score in -position + following * centrality / scale]


def rank(sentences: Sequence[str], count: int, **weights: float) -> list[int]:
    """The ``count`` best sentence positions, best first (earlier wins a tie); ``weights``
    as :func:`sentence_scores` takes them."""
    scores = sentence_scores(sentences, **weights)
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:count]
