"""Key points of a story told by several articles: 3–5 sentences across all of them,
non-redundant, each quoted verbatim from (and credited to) the article it comes from.

A sentence is worth more when its own article puts it early and builds on it (the
single-document ranker, :mod:`summarizer.text.centrality`) and when *other* outlets report
the same thing (cross-article support: its best match in each other article). Points are then picked
by maximal marginal relevance, so a second sentence saying what a chosen one says is passed
over, and shown in reading order: the earlier a fact comes in its article, the earlier it
comes in the list. Clutter that news pages carry in their text (photo credits, "Click image
above", share and sign-up prompts, bare headlines) is never a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.models import KeyPoint
from summarizer.text import centrality
from summarizer.text.words import is_repeat

DEFAULT_POINTS = 5
SUPPORT_WEIGHT = 1.0
"""Weight of cross-article support against the single-article score."""
REDUNDANCY_WEIGHT = 0.6
"""MMR trade-off: how much resemblance to an already chosen point costs."""
MAX_OVERLAP = 0.5
"""A candidate this similar (cosine) to a chosen point is a repeat, whatever its score."""
MIN_WORDS = 6
MAX_WORDS = 60
CANDIDATES_PER_ARTICLE = 25
"""Only each article's first sentences compete (news puts its facts up front), which also
bounds the work for very long articles."""

_CLUTTER = re.compile(
    r"""(
        \b(click|tap)\b.{0,30}\b(image|photo|here|above|below|link)\b
      | \b(scroll|swipe)\s+(down|up|through)\b
      | \b(photo|image|video|picture)s?\s*(:|credit|courtesy)
      | \b(getty\s+images|ap\s+photo|reuters/|afp\s+photo|shutterstock|istock)\b
      | \b(sign\s+up|subscribe)\b.{0,40}\b(newsletter|email|updates)\b
      | \bfollow\s+(us|\w+)\s+on\s+(twitter|facebook|instagram)\b
      | \b(share|like)\s+(this|on)\s+(story|article|facebook|twitter)\b
      | \b(all\s+rights\s+reserved|copyright\s+\d{4}|©)
      | \bread\s+(more|the\s+full\s+story)\b
      | \bthis\s+(article|story)\s+(was|has\s+been)\s+(updated|corrected)\b
      | https?://|www\.|@\w+\.\w+
      | ^\s*(advertisement|related|more\s*:|watch\s*:|listen\s*:)
      | \bsubmitted\s+by\s+\S+|\[\d+\s+comments?\]
    )""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    article: int
    position: int
    relative_position: float
    pickable: bool = True


def is_clutter_text(text: str) -> bool:
    """Page furniture rather than news: credits, prompts, links."""
    return bool(_CLUTTER.search(text))


def is_clutter(sentence: str) -> bool:
    """Page furniture, or not a sentence at all (a headline or caption line)."""
    if not re.search(r"[.!?…]['\"’”)]*\s*$", sentence):
        return True
    return is_clutter_text(sentence)


def _is_candidate(sentence: str) -> bool:
    """News, and a point a reader can use: not clutter, not a question (the reader wants the
    answer), neither a fragment nor a paragraph-long run-on."""
    if not MIN_WORDS <= len(sentence.split()) <= MAX_WORDS:
        return False
    return not is_clutter(sentence) and not sentence.rstrip(" '\"’”)").endswith("?")


def _candidates(
    articles: Sequence[Sequence[str]], pickable: int, shown: Sequence[str]
) -> tuple[list[_Candidate], list[float]]:
    """Candidate sentences of every article; only those of the first ``pickable`` articles
    that repeat no ``shown`` point may be chosen, the others only lend support."""
    candidates: list[_Candidate] = []
    own_scores: list[float] = []
    for index, sentences in enumerate(articles):
        usable = [s for s in sentences if _is_candidate(s)][:CANDIDATES_PER_ARTICLE]
        if not usable:
            continue
        scores = centrality.sentence_scores(usable)
        for position, (sentence, score) in enumerate(zip(usable, scores, strict=True)):
            may_pick = index < pickable and not (shown and is_repeat(sentence, shown))
            candidates.append(
                _Candidate(sentence, index, position, position / len(usable), may_pick)
            )
            own_scores.append(score)
    return candidates, own_scores


def _support(candidates: Sequence[_Candidate], similarity: np.ndarray) -> np.ndarray:
    """For each sentence, the mean over the *other* articles of its best match there."""
    articles = sorted({c.article for c in candidates})
    if len(articles) < 2:
        return np.zeros(len(candidates))
    owner = np.array([c.article for c in candidates])
    best = np.stack(
        [np.where(owner == a, 0.0, similarity[:, owner == a].max(axis=1)) for a in articles]
    )
    return best.sum(axis=0) / (len(articles) - 1)


def _scale(values: np.ndarray) -> np.ndarray:
    spread = float(values.max() - values.min()) if values.size else 0.0
    return (values - values.min()) / spread if spread else np.zeros_like(values)


def select_key_points(
    articles: Sequence[tuple[str, Sequence[str]]],
    *,
    count: int = DEFAULT_POINTS,
    support: Sequence[Sequence[str]] = (),
    shown: Sequence[str] = (),
) -> list[KeyPoint]:
    """Up to ``count`` key points from ``articles`` — (article id, its sentences) pairs in the
    order the story lists its sources — verbatim, non-redundant, in reading order.

    Args:
        support: the sentences of the story's other articles: they count as other outlets
            reporting a fact, but are never quoted.
        shown: points shown for the story on earlier days, never repeated.
    """
    texts = [sentences for _, sentences in articles]
    candidates, own = _candidates([*texts, *support], len(texts), shown)
    if not any(c.pickable for c in candidates) or count <= 0:
        return []
    similarity = centrality.similarity_matrix([c.text for c in candidates])
    relevance = _scale(np.array(own)) + SUPPORT_WEIGHT * _scale(_support(candidates, similarity))
    chosen: list[int] = []
    while len(chosen) < min(count, len(candidates)):
        best, best_value = -1, -np.inf
        for i in range(len(candidates)):
            if i in chosen or not candidates[i].pickable:
                continue
            overlap = max((similarity[i, j] for j in chosen), default=0.0)
            if overlap > MAX_OVERLAP:
                continue
            value = relevance[i] - REDUNDANCY_WEIGHT * overlap
            if value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
    ordered = sorted(chosen, key=lambda i: (candidates[i].relative_position, candidates[i].article))
    return [KeyPoint(candidates[i].text, articles[candidates[i].article][0]) for i in ordered]
