"""Key points of a story told in headlines and teasers: what its outlets say, not ten
wordings of one fact.

When a story's articles carry little text, each outlet's headline (cleaned to its statement,
:mod:`summarizer.text.headlines`) and teaser sentences are its statements. A statement is
worth more the more *other* outlets say something like it (its best match in each other
outlet's statements, averaged), and points are chosen by maximal marginal relevance over
word stems, so a second wording of a chosen point, or of the story's own headline, is passed
over while anything else is left. A story with two or more distinct statements always gets at
least two points. A cut-off headline ("… and  ...") is a point only when nothing complete is
left, and then keeps its ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from summarizer.group.short_texts import StemAnalyzer
from summarizer.models import KeyPoint
from summarizer.text.words import is_repeat
from summarizer.wordlists import word_set
from summarizer.write.keypoints import is_clutter_text

MIN_CONTENT_WORDS = 2
"""Words a statement needs beyond stop words, numbers and dates ("March 11, 2014, 8:57 pm"
is a dateline, not a point)."""
MAX_OVERLAP = 0.5
"""A statement this similar (cosine over stems) to a chosen point, or to the headline, is
another wording of it."""
REDUNDANCY_WEIGHT = 0.7
CUT_OFF_SUFFIX = " …"


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing an article of the story says: its headline or a teaser sentence."""

    article_id: str
    outlet: str
    text: str
    cut_off: bool = False


@dataclass(frozen=True, slots=True)
class ToldInHeadlines:
    """A story as its headlines and teasers tell it."""

    headline: str
    statements: tuple[Statement, ...]
    """Most central article first."""


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


_CALENDAR = word_set(__package__ or __name__.rpartition(".")[0], "calendar_words.txt")


def _content_words(text: str, stop_words: frozenset[str]) -> int:
    words = re.findall(r"[^\W\d_][\w'’]*", text.lower())
    return sum(1 for w in words if w not in stop_words and w not in _CALENDAR)


def _usable(statement: Statement, shown: Sequence[str], stop_words: frozenset[str]) -> bool:
    text = statement.text.strip()
    if _content_words(text, stop_words) < MIN_CONTENT_WORDS or text.endswith("?"):
        return False
    return not is_clutter_text(text) and not (shown and is_repeat(text, shown))


def _similarity(texts: Sequence[str], stop_words: frozenset[str]) -> np.ndarray:
    vectorizer = TfidfVectorizer(analyzer=StemAnalyzer(stop_words), sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no text has a content word
        return np.eye(len(texts))
    return (matrix @ matrix.T).toarray()


def _support(
    similarity: np.ndarray, outlets: Sequence[str], candidates: Sequence[int]
) -> np.ndarray:
    """For each candidate, the mean over the other outlets of its best match there."""
    names = sorted(set(outlets))
    if len(names) < 2:
        return np.zeros(len(candidates))
    owner = np.array(outlets)
    support = np.zeros(len(candidates))
    for k, i in enumerate(candidates):
        best = [similarity[i, owner == name].max() for name in names if name != outlets[i]]
        support[k] = float(np.mean(best))
    return support


def headline_key_points(
    statements: Sequence[Statement],
    *,
    count: int,
    stop_words: frozenset[str],
    headline: str = "",
    shown: Sequence[str] = (),
) -> list[KeyPoint]:
    """Up to ``count`` points from ``statements`` (most central article first), each credited
    to its article, most supported first; never a repeat of a ``shown`` point.

    Args:
        headline: the story's headline: a point should say something else.
        stop_words: words that never count as shared content.
    """
    if count <= 0 or not statements:
        return []
    texts = [s.text for s in statements] + [headline]
    similarity = _similarity(texts, stop_words)
    first_of: dict[str, int] = {}
    for i, statement in enumerate(statements):
        if _usable(statement, shown, stop_words):
            first_of.setdefault(_folded(statement.text), i)
    candidates = sorted(first_of.values())
    if not candidates:
        return []
    support = _support(similarity[:-1, :-1], [s.outlet for s in statements], candidates)
    relevance = {i: float(v) for i, v in zip(candidates, support, strict=True)}
    complete = [i for i in candidates if not statements[i].cut_off]
    heading = len(statements) if headline else None
    chosen = _pick(complete, relevance, similarity, count, heading)
    floor = min(2, len(candidates), count)
    if len(chosen) < floor:  # two distinct statements always make two points
        rest = [i for i in candidates if i not in chosen]
        chosen += _pick(rest, relevance, similarity, floor - len(chosen), None, chosen, cap=False)
    return [
        KeyPoint(
            statements[i].text + (CUT_OFF_SUFFIX if statements[i].cut_off else ""),
            statements[i].article_id,
        )
        for i in chosen
    ]


def _pick(
    pool: Sequence[int],
    relevance: dict[int, float],
    similarity: np.ndarray,
    count: int,
    heading: int | None,
    already: Sequence[int] = (),
    *,
    cap: bool = True,
) -> list[int]:
    """Maximal marginal relevance over ``pool``; with ``cap``, a statement too like a chosen
    one or the heading is never taken."""
    chosen: list[int] = []
    while len(chosen) < count:
        best, best_value = -1, -np.inf
        for i in pool:
            if i in chosen:
                continue
            against = [*already, *chosen]
            overlap = max((similarity[i, j] for j in against), default=0.0)
            near_heading = similarity[i, heading] if heading is not None else 0.0
            if cap and max(overlap, near_heading) > MAX_OVERLAP:
                continue
            value = relevance[i] - REDUNDANCY_WEIGHT * overlap
            if value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
    return chosen
