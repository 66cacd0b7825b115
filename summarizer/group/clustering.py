"""Group the day's articles into stories: the same event told by several outlets.

Articles become TF-IDF vectors (sublinear term frequency, English stop words) of their title
and text, with names (runs of capitalised words) added once more as single tokens so that
"Malaysia Airlines" or "Michelle Obama" weigh more than common words
(:mod:`summarizer.group.term_counts`, which counts a large day in partitions); a day of
headlines and teasers goes without them (see ``cluster_articles``). Stories are then formed
by average-link agglomerative clustering over cosine similarity: two groups merge while the
mean similarity of all their cross pairs stays at or above a threshold chosen on dev data
(``bench/clustering.py``; a day's digest needs events, not topics, so the threshold must not
merge two different football matches into one story).

Cost and memory stay near-linear. A day of full texts compares each article only with the
articles sharing one of its key terms (:mod:`summarizer.group.candidates`: on the dev
clustering sets these hold over 99 % of the pairs an exhaustive comparison links); a day of
headlines (a thousand or two items, each a dozen words) still compares every pair, a block of
rows at a time. Either way only each article's strongest neighbours above a floor are kept,
so 5,000 articles never build a 5,000 × 5,000 matrix. Average linkage then runs on that
sparse graph (a missing pair counts as similarity 0), one component of strong links at a
time (:mod:`summarizer.group.linkage`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from scipy import sparse

from summarizer.dates import aware
from summarizer.group.candidates import (
    candidate_pairs,
    heaviest_entries,
    heaviest_per_row,
    pair_scores,
)
from summarizer.group.linkage import Links, average_link, centroid_link
from summarizer.group.shared_words import TITLE_WORDS, Evidence, SharedWords
from summarizer.group.short_texts import short_text_vectors
from summarizer.group.skim import has_teaser
from summarizer.group.term_counts import (
    STOP_WORDS,
    Documents,
    TermCounts,
    count_texts,
    counter,
    merge_counts,
    tfidf,
)
from summarizer.heap import release_freed_memory
from summarizer.models import Article, StoryGroup
from summarizer.text.headlines import clean_headlines
from summarizer.text.language import is_english

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
HEADLINE_WORDS = 40
"""Articles shorter than this are clustered as headlines."""
NEIGHBOURS = 50
"""Strongest neighbours kept per article in the similarity graph."""
CANDIDATES = NEIGHBOURS
"""Candidates compared per article on a day of full texts (``candidate_graph``), chosen from
the articles sharing its key terms by the key weight they share."""
LEAD_WORDS = 25
"""Words of a teaser or article compared on a day of headlines."""
EVENT_SPAN = timedelta(days=3)
"""Articles published further apart than this are never linked directly, however alike: a
blog's weekly "Code Health" posts (on a day read without a time window). They can still meet
in one story through articles published between them; a story that goes on for longer is
followed as a thread."""
KEYWORDS = 30
"""Terms kept per story: its most distinctive words and names, which later days match."""
_BLOCK = 512


def vectors(texts: Sequence[str]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (a row of zeros for a text without content words)."""
    return _vectorise(texts)[0]


def _vectorise(
    texts: Sequence[str], counted: list[TermCounts] | None = None
) -> tuple[sparse.csr_matrix, SharedWords | None]:
    """The texts' vectors and shared words, from their partitions' term counts when counted
    already (``counted`` is emptied, its counts made into the vectors)."""
    counts = merge_counts(counted) if counted else count_texts(texts)
    if counts.counts.shape[0] != len(texts):
        raise ValueError(f"{counts.counts.shape[0]} rows of term counts for {len(texts)} texts")
    if not len(counts.terms):  # no text has a single content word
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32), None
    matrix = tfidf(counts)
    # An unfitted counter analyses as the fitted ones did, without their vocabulary.
    analyse = counter().build_analyzer()
    return matrix, SharedWords(texts, matrix, counts.terms, counts.words >= TITLE_WORDS, analyse)


def _describe_groups(
    groups: list[list[int]], matrix: sparse.csr_matrix, terms: np.ndarray
) -> list[StoryGroup]:
    # Every story's centroid (the sum of its rows) at once, kept sparse: a dense one per
    # story costs stories × terms, which grows with the square of the day.
    story_of = np.empty(matrix.shape[0], dtype=np.int64)
    for story, members in enumerate(groups):
        story_of[members] = story
    indicator = sparse.csr_matrix(
        (np.ones(len(story_of), dtype=matrix.dtype), (story_of, np.arange(len(story_of)))),
        shape=(len(groups), matrix.shape[0]),
    )
    centroids = (indicator @ matrix).tocsr()
    centroids.sort_indices()
    stories, columns, _ = heaviest_entries(centroids, KEYWORDS)
    keywords: list[list[str]] = [[] for _ in groups]
    for story, column in zip(stories.tolist(), columns.tolist(), strict=True):
        keywords[story].append(str(terms[column]).replace("_", " "))
    described = []
    # One story's centroid at a time in a dense row: a sparse product with the centroid's
    # transpose costs the vocabulary's size per story, which grows with the day.
    centroid = np.zeros(matrix.shape[1], dtype=matrix.dtype)
    for story, members in enumerate(groups):
        central = members
        if len(members) > 1:
            terms_of = slice(centroids.indptr[story], centroids.indptr[story + 1])
            centroid[centroids.indices[terms_of]] = centroids.data[terms_of]
            closeness = matrix[members] @ centroid
            centroid[centroids.indices[terms_of]] = 0.0
            central = [
                members[k] for k in sorted(range(len(members)), key=lambda k: (-closeness[k], k))
            ]
        described.append(
            StoryGroup(
                members=tuple(members),
                central=tuple(central),
                keywords=tuple(keywords[story]),
            )
        )
    return described


def similarity_graph(
    matrix: sparse.csr_matrix,
    *,
    floor: float,
    neighbours: int = NEIGHBOURS,
    shared_words: Evidence | None = None,
    published: Sequence[datetime | None] | None = None,
) -> Links:
    """Each row's strongest ``neighbours`` cosine similarities at or above ``floor``,
    symmetrised; computed a block of rows at a time. With ``shared_words``, a pair without
    enough shared words is not linked at all, nor, with ``published``, two articles published
    more than ``EVENT_SPAN`` apart."""
    seconds = _seconds(published) if published is not None else None
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in range(0, matrix.shape[0], _BLOCK):
        stop = min(start + _BLOCK, matrix.shape[0])
        block = (matrix[start:stop] @ matrix.T).toarray()
        if seconds is not None:
            rows, cols = np.nonzero(block >= floor)  # only pairs that could be linked
            # An undated article (NaN) is never too far from anything.
            apart = np.abs(seconds[start + rows] - seconds[cols]) > EVENT_SPAN.total_seconds()
            block[rows[apart], cols[apart]] = 0.0
        if shared_words is not None:
            block[shared_words.weak(start, stop, block >= floor)] = 0.0
        for offset, row in enumerate(block):
            i = start + offset
            row[i] = 0.0
            candidates = np.flatnonzero(row >= floor)
            if candidates.size > neighbours:
                candidates = candidates[np.argpartition(-row[candidates], neighbours)[:neighbours]]
            found.append((np.full(candidates.size, i), candidates, row[candidates]))
    if not found:
        return Links(0, *(np.empty(0, np.int64),) * 2, np.empty(0, np.float64))
    first, second, similarity = (np.concatenate(part) for part in zip(*found, strict=True))
    return Links.of_pairs(matrix.shape[0], first, second, similarity.astype(np.float64))


def candidate_graph(
    matrix: sparse.csr_matrix,
    *,
    floor: float,
    shared_words: SharedWords | None = None,
    published: Sequence[datetime | None] | None = None,
    neighbours: int = NEIGHBOURS,
) -> Links:
    """``similarity_graph`` over the candidate pairs of :mod:`summarizer.group.candidates`
    instead of every pair: the cost grows with the articles, not with their pairs."""
    plain = shared_words.plain if shared_words is not None else None
    seconds = _seconds(published) if published is not None else None
    linked = []
    for first, second in candidate_pairs(matrix, per_row=CANDIDATES):
        similarity, shared = pair_scores(matrix, first, second, plain)
        kept = similarity >= floor
        if seconds is not None:
            # An undated article (NaN) is never too far from anything.
            kept &= ~(np.abs(seconds[first] - seconds[second]) > EVENT_SPAN.total_seconds())
        first, second, similarity, shared = (
            first[kept],
            second[kept],
            similarity[kept],
            shared[kept],
        )
        if shared_words is not None:
            strong = ~shared_words.weak_pairs(first, second, shared)
            first, second, similarity = first[strong], second[strong], similarity[strong]
        # Positions fit 32 bits: the day's links are held at half the size.
        linked.append((first.astype(np.int32), second.astype(np.int32), similarity))
    first, second, similarity = (np.concatenate(part) for part in zip(*linked, strict=True))
    # In pair order, as one pass over every candidate gave them (ties below go by position).
    order = np.lexsort((second, first))
    first, second, similarity = first[order], second[order], similarity[order]
    # A pair is kept when it is among the strongest ``neighbours`` of either of its rows.
    ends = np.concatenate([first, second])
    best = heaviest_per_row(ends, np.concatenate([similarity, similarity]), neighbours)
    # A mask, not np.unique: numpy 2's hash-table unique takes ~4 s on the ~6 million
    # positions of 100,000 articles (numpy/numpy#31969), the mask 0.05 s.
    chosen = np.zeros(len(first), dtype=bool)
    chosen[best % max(len(first), 1)] = True
    return Links(
        matrix.shape[0], first[chosen], second[chosen], similarity[chosen].astype(np.float64)
    )


def _seconds(published: Sequence[datetime | None]) -> np.ndarray:
    return np.array(
        [np.nan if moment is None else aware(moment).timestamp() for moment in published]
    )


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
    # Words beyond the limit do not change which side of it a text is on; not splitting
    # them saves a day of full texts ~0.5 s.
    lengths = sorted(len(a.text.split(maxsplit=HEADLINE_WORDS)) for a in articles)
    return bool(lengths) and lengths[len(lengths) // 2] < HEADLINE_WORDS


def short_text(article: Article, headline: str) -> str:
    """What a headline-only or teaser article is compared on: its cleaned headline, and the
    first ``LEAD_WORDS`` of its teaser when it has one (a headline-only entry's text is its
    title again). A long article on a day of headlines is compared by its lead too: its
    whole text shares generic words with anything ("use", "version", "team")."""
    text = " ".join(article.text.split())
    if not text or not has_teaser(article) or text == headline:
        return headline
    return f"{headline}\n{' '.join(text.split()[:LEAD_WORDS])}"


def _short_text_clustering(
    articles: Sequence[Article], headlines: Sequence[str] | None, threshold: float
) -> tuple[list[int], sparse.csr_matrix, np.ndarray]:
    if headlines is None:
        cleaned = clean_headlines([a.title or "" for a in articles], [a.source for a in articles])
        headlines = [h.text if a.title else "" for h, a in zip(cleaned, articles, strict=True)]
    texts = [short_text(a, h) for a, h in zip(articles, headlines, strict=True)]
    outlets = [a.source or a.feed for a in articles]
    english = [is_english(text) for text in texts]
    short = short_text_vectors(texts, outlets, STOP_WORDS, english)
    graph = similarity_graph(
        short.matrix,
        floor=min(threshold, 0.02),
        shared_words=short.evidence,
        published=[a.published for a in articles],
    )
    labels = centroid_link(
        short.matrix, average_link(graph, threshold), HEADLINE_MERGE, graph, outlets
    )
    return labels, short.matrix, short.terms


def cluster_articles(
    articles: Sequence[Article],
    *,
    headlines: Sequence[str] | None = None,
    threshold: float | None = None,
    counted: list[TermCounts] | None = None,
) -> Clustering:
    """Group ``articles`` into stories. The threshold defaults to the full-text one, or the
    headline one when most articles are only a title and a teaser; such a day is compared on
    the articles' ``headlines`` as statements (cleaned here when not given, see
    :mod:`summarizer.text.headlines`) and their word stems
    (:mod:`summarizer.group.short_texts`). A day of full texts is vectorised from the term
    counts of its partitions when they were counted already (the ``count`` stage):
    ``counted`` is emptied and its counts made into the vectors, so that a large day's counts
    are not held twice."""
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
        matrix, shared_words = _vectorise(Documents(articles), counted)
        # What the stage frees, it hands back as it goes (the partitions' counts now, the
        # candidates below): the day's peak memory is this stage's.
        release_freed_memory()
        graph = candidate_graph(
            matrix,
            floor=min(threshold, 0.02),
            shared_words=shared_words,
            published=[a.published for a in articles],
        )
        release_freed_memory()
        labels = average_link(graph, threshold)
        terms = shared_words.terms if shared_words else np.array([""])
    clustering = Clustering(tuple(labels))
    return Clustering(
        clustering.labels, tuple(_describe_groups(clustering.groups(), matrix, terms))
    )
