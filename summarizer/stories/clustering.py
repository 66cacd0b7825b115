"""Group the day's articles into stories: the same event told by several outlets.

Articles become TF-IDF vectors (sublinear term frequency, English stop words) of their title
and text, with names (runs of capitalised words) added once more as single tokens so that
"Malaysia Airlines" or "Michelle Obama" weigh more than common words. Stories are then formed
by average-link agglomerative clustering over cosine similarity: two groups merge while the
mean similarity of all their cross pairs stays at or above a threshold chosen on dev data
(``bench/clustering.py``; a day's digest needs events, not topics, so the threshold must not
merge two different football matches into one story).

Memory stays near-linear: similarities are computed in blocks of rows, and only each
article's strongest neighbours above a floor are kept, so 5,000 articles never build a
5,000 × 5,000 matrix. Average linkage then runs on that sparse graph (a missing pair counts
as similarity 0), which scipy and scikit-learn only offer on dense inputs.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from summarizer.models import Article
from summarizer.wordlists import word_set

FULL_TEXT_THRESHOLD = 0.08
"""Mean cosine similarity two groups of full articles need to merge. Chosen on two dev sets
that pull in opposite directions: WikiRef220 groups by topic (looser is better) and Multi-News
by event (stricter is better); 0.08 keeps BCubed F1 above 0.85 on both."""
HEADLINE_THRESHOLD = 0.05
"""The same for headline-only input (feeds that carry just a title and a teaser)."""
HEADLINE_WORDS = 40
"""Articles shorter than this are clustered as headlines."""
NEIGHBOURS = 50
"""Strongest neighbours kept per article in the similarity graph."""
_BLOCK = 512
# A name: a capitalised word that does not open a sentence, or a run of several.
_NAME = re.compile(
    r"(?<![.!?:\n\"“‘]\s)(?<!^)\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*"  # not opening a sentence
    r"|\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+"  # or several capitalised words
)
# Words every day's news shares whatever the event (weekdays, "said", "percent"...).
NEWS_STOP_WORDS = word_set(__package__ or "summarizer.stories", "news_stop_words.txt")
_STOP_WORDS = sorted(ENGLISH_STOP_WORDS | NEWS_STOP_WORDS)


def _with_names(text: str) -> str:
    """The text, then each name once more as one token ("Michelle_Obama")."""
    names = (m.group(0).replace(" ", "_") for m in _NAME.finditer(text))
    return text + "\n" + " ".join(names)


def document_text(article: Article) -> str:
    return _with_names(f"{article.title}\n{article.text}" if article.title else article.text)


def vectors(texts: Sequence[str]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (a row of zeros for a text without content words)."""
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words=_STOP_WORDS, dtype=np.float32)
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no text has a single content word
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)


def similarity_graph(
    matrix: sparse.csr_matrix, *, floor: float, neighbours: int = NEIGHBOURS
) -> dict[int, dict[int, float]]:
    """Each row's strongest ``neighbours`` cosine similarities at or above ``floor``,
    symmetrised; computed a block of rows at a time."""
    graph: dict[int, dict[int, float]] = {i: {} for i in range(matrix.shape[0])}
    for start in range(0, matrix.shape[0], _BLOCK):
        block = (matrix[start : start + _BLOCK] @ matrix.T).toarray()
        for offset, row in enumerate(block):
            i = start + offset
            row[i] = 0.0
            candidates = np.flatnonzero(row >= floor)
            if candidates.size > neighbours:
                candidates = candidates[np.argpartition(-row[candidates], neighbours)[:neighbours]]
            for j in candidates:
                graph[i][int(j)] = graph[int(j)][i] = float(row[j])
    return graph


def average_link(graph: dict[int, dict[int, float]], threshold: float) -> list[int]:
    """Average-link agglomerative clustering on a sparse similarity graph; returns a group
    number per node (numbered by first member)."""
    size = {node: 1 for node in graph}
    # Sum of similarities between two live groups, kept for both directions.
    links = {node: dict(edges) for node, edges in graph.items()}
    heap = [
        (-s, a, b)
        for a, edges in links.items()
        for b, s in edges.items()
        if a < b and s >= threshold
    ]
    heapq.heapify(heap)
    parent = {node: node for node in graph}
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in links or b not in links or b not in links[a]:
            continue  # a group merged since this pair was queued
        if abs(-negative - links[a][b] / (size[a] * size[b])) > 1e-9:
            continue  # stale mean
        for other, total in links.pop(b).items():
            links[other].pop(b, None)
            if other != a:
                links[a][other] = links[a].get(other, 0.0) + total
                links[other][a] = links[a][other]
        links[a].pop(a, None)
        size[a] += size.pop(b)
        parent[b] = a
        for other, total in links[a].items():
            mean = total / (size[a] * size[other])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(a, other), max(a, other)))
    return _numbered([_root(parent, node) for node in sorted(graph)])


def _root(parent: dict[int, int], node: int) -> int:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def _numbered(roots: list[int]) -> list[int]:
    numbers: dict[int, int] = {}
    return [numbers.setdefault(root, len(numbers)) for root in roots]


@dataclass(frozen=True, slots=True)
class Clustering:
    """Which story each article belongs to (``labels[i]`` for ``articles[i]``)."""

    labels: tuple[int, ...]

    def groups(self) -> list[list[int]]:
        """Article positions per story, each in input order, stories by first article."""
        grouped: dict[int, list[int]] = {}
        for position, label in enumerate(self.labels):
            grouped.setdefault(label, []).append(position)
        return list(grouped.values())


def is_headline_only(articles: Sequence[Article]) -> bool:
    lengths = sorted(len(a.text.split()) for a in articles)
    return bool(lengths) and lengths[len(lengths) // 2] < HEADLINE_WORDS


def cluster_articles(articles: Sequence[Article], *, threshold: float | None = None) -> Clustering:
    """Group ``articles`` into stories. The threshold defaults to the full-text one, or the
    headline one when most articles are only a title and a teaser."""
    if not articles:
        return Clustering(())
    if threshold is None:
        threshold = HEADLINE_THRESHOLD if is_headline_only(articles) else FULL_TEXT_THRESHOLD
    matrix = vectors([document_text(a) for a in articles])
    graph = similarity_graph(matrix, floor=min(threshold, 0.02))
    return Clustering(tuple(average_link(graph, threshold)))
