"""The cheap look at every article, before anything is decided: its headline, whether it is
in English, and (for the few stories shown in full) its sentences cut by punctuation.

No parser runs here. The spaCy parse costs ~40 ms an article; this costs well under 1 ms, so
the day's volume can be read, grouped and ranked before any article is parsed in depth.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.models import Article
from summarizer.text.headlines import Casing, clean_headlines
from summarizer.text.language import is_english, plain_sentences
from summarizer.text.layout import derive_title, parse_body

LANGUAGE_SAMPLE = 4000
"""Characters the language check reads: the opening of an article tells its language."""
CASING_SAMPLE = 300
"""Characters of each text read for how the day writes its words."""


@dataclass(frozen=True, slots=True)
class Skim:
    """What the cheap look found in one article."""

    headline: str
    """Its title as a statement (see :mod:`summarizer.text.headlines`), else one derived
    from its opening."""
    in_english: bool
    cut_off: bool = False
    """The title ended in an ellipsis."""


def skim_articles(articles: Sequence[Article]) -> list[Skim]:
    """Every article's headline and language; each outlet's repeated title suffixes are
    learnt from the whole day."""
    cleaned = clean_headlines([a.title or "" for a in articles], [a.source for a in articles])
    return [
        Skim(
            headline=headline.text if article.title else derive_title(parse_body(article.text)),
            in_english=is_english(article.text[:LANGUAGE_SAMPLE]),
            cut_off=headline.cut_off and bool(article.title),
        )
        for article, headline in zip(articles, cleaned, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class SkimmedPart:
    """The ``skim`` stage's look at a partition of the day's articles: each article's skim,
    and how the partition's headlines and openings write their words (``Casing.merged``
    makes the day's)."""

    skims: list[Skim]
    casing: Casing


def skim_partition(articles: Sequence[Article]) -> SkimmedPart:
    """The ``skim`` stage: ``skim_articles``, and the casing of the same articles (counted
    here, where the partitions run side by side, not once for the whole day)."""
    skims = skim_articles(articles)
    return SkimmedPart(skims, casing_of(articles, skims))


def casing_of(articles: Sequence[Article], skims: Sequence[Skim]) -> Casing:
    """How ``articles`` write their words in sentence case: their headlines and each text's
    opening."""
    openings = (a.text[:CASING_SAMPLE] for a in articles)
    return Casing(itertools.chain((s.headline for s in skims), openings))


def has_teaser(article: Article) -> bool:
    """The article carries text beyond its headline (a feed's entry often repeats only it)."""
    return " ".join(article.text.split()) != " ".join((article.title or "").split())


def teaser_sentences(article: Article) -> tuple[str, ...]:
    """The quickly split sentences of what the article carries beyond its headline; none
    for an entry that only repeats its title."""
    return quick_sentences(article) if has_teaser(article) else ()


def quick_sentences(article: Article) -> tuple[str, ...]:
    """The prose's sentences cut at sentence-ending punctuation (an abbreviation may cut one
    short): enough to tell which facts other outlets also report."""
    return plain_sentences(parse_body(article.text).prose)
