"""Group the day's articles into stories: the same event told by several outlets.

Articles become TF-IDF vectors (sublinear term frequency, English stop words) of their title
and text, with names (runs of capitalised words) added once more as single tokens so that
"Malaysia Airlines" or "Michelle Obama" weigh more than common words; a day of headlines and
teasers goes without them (see ``cluster_articles``). Stories are then formed
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
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from summarizer.analysis.headlines import clean_headlines
from summarizer.models import Article, StoryGroup
from summarizer.stories.short_texts import short_text_vectors
from summarizer.wordlists import word_set

FULL_TEXT_THRESHOLD = 0.15
"""Mean cosine similarity two groups of full articles need to merge. A digest groups events,
not topics: at 0.08 (chosen earlier as a compromise with WikiRef220, whose groups are topics)
long articles about different events of one topic merged, and a story followed across days
then continued the wrong thread. 0.15 was chosen on the even-numbered Multi-News clusters of
``bench/threads.py`` and holds on the odd-numbered ones (``bench/RESULTS.md``); on all
Multi-News events its BCubed F1 is 0.909 against 0.862 at 0.08."""
HEADLINE_THRESHOLD = 0.05
"""The same for headline-only input (feeds that carry just a title and a teaser), over word
stems and before the centroid merge (``HEADLINE_MERGE``)."""
HEADLINE_MERGE = 0.15
"""Centroid cosine at which two groups of headlines are one story. With the first threshold,
chosen on day 1 of ``bench/realday.py`` (dev data) and checked on its day 2 and on the
WikiRef and Multi-News halves (``bench/RESULTS.md``); at 0.08 unrelated stories merge."""
SETTLED_GROUP = 5
"""Members from which a group of headlines may take in another without a linked pair (see
``centroid_link``)."""
HEADLINE_WORDS = 40
"""Articles shorter than this are clustered as headlines."""
NEIGHBOURS = 50
"""Strongest neighbours kept per article in the similarity graph."""
MIN_SHARED_WORDS = 3
"""Distinct content words two articles must share to be linked at all, or two that are not
one phrase in both: short articles sharing only "city council" can be close in cosine and
still be different events."""
TITLE_WORDS = 15
"""A text shorter than this is a title, and exempt from the shared-words rule."""
KEYWORDS = 30
"""Terms kept per story: its most distinctive words and names, which later days match."""
_BLOCK = 512
# A name: a capitalised word that does not open a sentence, or a run of several.
_NAME = re.compile(
    r"(?<![.!?:\n\"“‘]\s)(?<!^)\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*"  # not opening a sentence
    r"|\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+"  # or several capitalised words
)
# Words every day's news shares whatever the event (weekdays, "said", "percent"...).
NEWS_STOP_WORDS = word_set(__package__ or "summarizer.stories", "news_stop_words.txt")
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS | NEWS_STOP_WORDS)
_STOP_WORDS = sorted(STOP_WORDS)


def _with_names(text: str) -> str:
    """The text, then each name once more as one token ("Michelle_Obama")."""
    names = (m.group(0).replace(" ", "_") for m in _NAME.finditer(text))
    return text + "\n" + " ".join(names)


def document_text(article: Article, *, names: bool = True) -> str:
    text = f"{article.title}\n{article.text}" if article.title else article.text
    return _with_names(text) if names else text


def vectors(texts: Sequence[str]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (a row of zeros for a text without content words)."""
    return _vectorise(texts)[0]


def _vectorise(texts: Sequence[str]) -> tuple[sparse.csr_matrix, SharedWords | None]:
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words=_STOP_WORDS, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no text has a single content word
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32), None
    return matrix, SharedWords(texts, matrix, vectorizer)


def _describe_groups(
    groups: list[list[int]], matrix: sparse.csr_matrix, terms: np.ndarray
) -> list[StoryGroup]:
    described = []
    for members in groups:
        centroid = np.asarray(matrix[members].sum(axis=0)).ravel()
        closeness = matrix[members] @ centroid
        central = sorted(range(len(members)), key=lambda k: (-closeness[k], k))
        top = [int(t) for t in np.argsort(-centroid, kind="stable")[:KEYWORDS] if centroid[t] > 0]
        described.append(
            StoryGroup(
                members=tuple(members),
                central=tuple(members[k] for k in central),
                keywords=tuple(str(terms[t]).replace("_", " ") for t in top),
            )
        )
    return described


class SharedWords:
    """Which content words two texts share, for the evidence rule (``MIN_SHARED_WORDS``).

    Titles (texts under ``TITLE_WORDS`` words) are exempt: one shared name may be all two
    titles of a story have."""

    def __init__(
        self, texts: Sequence[str], matrix: sparse.csr_matrix, vectorizer: TfidfVectorizer
    ) -> None:
        terms = vectorizer.get_feature_names_out()
        self.terms = terms
        # Name tokens ("harbour_bridge") repeat their words; only plain words count.
        plain = np.flatnonzero(["_" not in term for term in terms])
        longer = np.array([len(t.split()) >= TITLE_WORDS for t in texts], dtype=np.float32)
        self.words = (sparse.diags(longer) @ (matrix[:, plain] > 0).astype(np.float32)).tocsr()
        self.words.eliminate_zeros()
        self.exempt = self.words.getnnz(axis=1) == 0
        self._terms = terms[plain]
        self._texts = texts
        self._analyse = vectorizer.build_analyzer()

    def weak(self, start: int, stop: int, linked: np.ndarray) -> np.ndarray:
        """For rows ``start:stop`` against every row: True where a pair the similarities
        would link (``linked``) lacks evidence."""
        shared = (self.words[start:stop] @ self.words.T).toarray()
        weak = linked & (shared < MIN_SHARED_WORDS)
        weak[self.exempt[start:stop], :] = False
        weak[:, self.exempt] = False
        # Two shared words are evidence unless they are one phrase in both texts.
        for i, j in zip(*np.nonzero(weak & (shared == MIN_SHARED_WORDS - 1)), strict=True):
            weak[i, j] = self._one_phrase(start + int(i), int(j))
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


Graph = dict[int, dict[int, float]]
"""Each node's linked neighbours and their similarity."""


def similarity_graph(
    matrix: sparse.csr_matrix,
    *,
    floor: float,
    neighbours: int = NEIGHBOURS,
    shared_words: Evidence | None = None,
) -> dict[int, dict[int, float]]:
    """Each row's strongest ``neighbours`` cosine similarities at or above ``floor``,
    symmetrised; computed a block of rows at a time. With ``shared_words``, a pair without
    enough shared words is not linked at all."""
    graph: dict[int, dict[int, float]] = {i: {} for i in range(matrix.shape[0])}
    for start in range(0, matrix.shape[0], _BLOCK):
        stop = min(start + _BLOCK, matrix.shape[0])
        block = (matrix[start:stop] @ matrix.T).toarray()
        if shared_words is not None:
            block[shared_words.weak(start, stop, block >= floor)] = 0.0
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
    size = dict.fromkeys(graph, 1.0)
    return _agglomerate(
        graph,
        size,
        threshold,
        score=lambda total, a, b: total / (a * b),
        combine=lambda a, b, _total: a + b,
    )


def centroid_link(
    matrix: sparse.csr_matrix, labels: Sequence[int], threshold: float, graph: Graph
) -> list[int]:
    """Merge the groups of ``labels`` while the cosine of two groups' centroids (the sums of
    their rows of ``matrix``) is at least ``threshold``; a group number per row. Two groups
    merge only when ``graph`` links a pair across them (the pair has the evidence to be one
    story) or one of them has ``SETTLED_GROUP`` members: a big group's centroid is the story's
    vocabulary, and a headline close to it on a rare word ("Titanfall reviewed") belongs.

    Mean pairwise similarity falls as a story of headlines grows (each says the event in
    other words), while its centroid settles on the words they share: centroids tell two
    halves of one story apart from two stories."""
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        groups.setdefault(label, []).append(row)
    members = list(groups.values())
    group_of = {row: k for k, rows in enumerate(members) for row in rows}
    indicator = sparse.csr_matrix(
        (
            np.ones(len(labels), dtype=np.float32),
            ([group_of[r] for r in range(len(labels))], list(range(len(labels)))),
        ),
        shape=(len(members), len(labels)),
    )
    sums = indicator @ matrix
    # Per group pair: [dot product of their sums, linked pairs across them].
    links: dict[int, dict[int, np.ndarray]] = {k: {} for k in range(len(members))}
    gram = (sums @ sums.T).tocoo()
    for a, b, value in zip(gram.row, gram.col, gram.data, strict=True):
        if a != b and value > 0:
            links[int(a)][int(b)] = np.array([value, 0.0])
    for row, edges in graph.items():
        for other in edges:
            a, b = group_of[row], group_of[other]
            if a != b and b in links[a]:
                links[a][b] = links[a][b] + np.array([0.0, 0.5])  # each edge is seen twice
    squared = np.asarray(sums.multiply(sums).sum(axis=1)).ravel()
    # Per group: [squared norm of its sum, members].
    mass = {k: np.array([squared[k], len(rows)]) for k, rows in enumerate(members)}

    def cosine(link: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
        if not (link[1] > 0 or max(a[1], b[1]) >= SETTLED_GROUP) or not (a[0] and b[0]):
            return 0.0
        return float(link[0] / np.sqrt(a[0] * b[0]))

    merged = _agglomerate(
        links,
        mass,
        threshold,
        score=cosine,
        combine=lambda a, b, link: np.array([a[0] + b[0] + 2 * link[0], a[1] + b[1]]),
    )
    return _numbered([merged[group_of[row]] for row in range(len(labels))])


def _agglomerate(
    links: dict[int, dict[int, Any]],
    mass: dict[int, Any],
    threshold: float,
    *,
    score: Callable[[Any, Any, Any], float],
    combine: Callable[[Any, Any, Any], Any],
) -> list[int]:
    """Agglomerative clustering over sparse pairwise sums: ``links[a][b]`` is what two groups
    share (a sum of similarities, a dot product), ``mass[a]`` what a group holds (its size,
    its squared norm). The best pair by ``score(link, mass_a, mass_b)`` merges while it is at
    least ``threshold``; the merged group's links add up and its mass is ``combine(mass_a,
    mass_b, link_ab)``. Returns a group number per node (numbered by first member)."""
    links = {node: dict(edges) for node, edges in links.items()}
    mass = dict(mass)
    heap = [
        (-score(s, mass[a], mass[b]), a, b)
        for a, edges in links.items()
        for b, s in edges.items()
        if a < b and score(s, mass[a], mass[b]) >= threshold
    ]
    heapq.heapify(heap)
    parent = {node: node for node in links}
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in links or b not in links or b not in links[a]:
            continue  # a group merged since this pair was queued
        if abs(-negative - score(links[a][b], mass[a], mass[b])) > 1e-9:
            continue  # stale score
        between = links[a][b]
        for other, total in links.pop(b).items():
            links[other].pop(b, None)
            if other != a:
                links[a][other] = links[a].get(other, 0.0) + total
                links[other][a] = links[a][other]
        links[a].pop(a, None)
        mass[a] = combine(mass[a], mass.pop(b), between)
        parent[b] = a
        for other, total in links[a].items():
            value = score(total, mass[a], mass[other])
            if value >= threshold:
                heapq.heappush(heap, (-value, min(a, other), max(a, other)))
    return _numbered([_root(parent, node) for node in sorted(parent)])


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
    """Which story each article belongs to (``labels[i]`` for ``articles[i]``), and each
    story's members, most central first, and keywords (``stories[label]``)."""

    labels: tuple[int, ...]
    stories: tuple[StoryGroup, ...] = ()

    def groups(self) -> list[list[int]]:
        """Article positions per story, each in input order, stories by first article."""
        grouped: dict[int, list[int]] = {}
        for position, label in enumerate(self.labels):
            grouped.setdefault(label, []).append(position)
        return list(grouped.values())


def is_headline_only(articles: Sequence[Article]) -> bool:
    lengths = sorted(len(a.text.split()) for a in articles)
    return bool(lengths) and lengths[len(lengths) // 2] < HEADLINE_WORDS


def short_text(article: Article, headline: str) -> str:
    """What a headline-only or teaser article is compared on: its cleaned headline, and its
    teaser when it has one (a headline-only entry's text is its title again)."""
    text = " ".join(article.text.split())
    if not text or text == " ".join((article.title or "").split()) or text == headline:
        return headline
    return f"{headline}\n{text}"


def _short_text_clustering(
    articles: Sequence[Article], headlines: Sequence[str] | None, threshold: float
) -> tuple[list[int], sparse.csr_matrix, np.ndarray]:
    if headlines is None:
        cleaned = clean_headlines([a.title or "" for a in articles], [a.source for a in articles])
        headlines = [h.text if a.title else "" for h, a in zip(cleaned, articles, strict=True)]
    texts = [short_text(a, h) for a, h in zip(articles, headlines, strict=True)]
    outlets = [a.source or a.feed for a in articles]
    short = short_text_vectors(texts, outlets, STOP_WORDS)
    graph = similarity_graph(short.matrix, floor=min(threshold, 0.02), shared_words=short.evidence)
    labels = centroid_link(short.matrix, average_link(graph, threshold), HEADLINE_MERGE, graph)
    return labels, short.matrix, short.terms


def cluster_articles(
    articles: Sequence[Article],
    *,
    headlines: Sequence[str] | None = None,
    threshold: float | None = None,
) -> Clustering:
    """Group ``articles`` into stories. The threshold defaults to the full-text one, or the
    headline one when most articles are only a title and a teaser; such a day is compared on
    the articles' ``headlines`` as statements (cleaned here when not given, see
    :mod:`summarizer.analysis.headlines`) and their word stems
    (:mod:`summarizer.stories.short_texts`)."""
    if not articles:
        return Clustering(())
    short = is_headline_only(articles)
    if threshold is None:
        threshold = HEADLINE_THRESHOLD if short else FULL_TEXT_THRESHOLD
    if short:
        labels, matrix, terms = _short_text_clustering(articles, headlines, threshold)
    else:
        # Names counted twice help long articles and hurt titles and teasers: a Title Case
        # headline is one long "name" (bench/clustering.py).
        matrix, shared_words = _vectorise([document_text(a) for a in articles])
        graph = similarity_graph(matrix, floor=min(threshold, 0.02), shared_words=shared_words)
        labels = average_link(graph, threshold)
        terms = shared_words.terms if shared_words else np.array([""])
    clustering = Clustering(tuple(labels))
    return Clustering(
        clustering.labels, tuple(_describe_groups(clustering.groups(), matrix, terms))
    )
