"""The cheap look at every article, before anything is decided: its headline, whether it is
in English, and (for the few stories shown in full) its sentences cut by punctuation.

No parser runs here. The spaCy parse costs ~40 ms an article; this costs well under 1 ms, so
the day's volume can be read, grouped and ranked before any article is parsed in depth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.analysis.language import is_english, plain_sentences
from summarizer.analysis.layout import derive_title, parse_body
from summarizer.models import Article

LANGUAGE_SAMPLE = 4000
"""Characters the language check reads: the opening of an article tells its language."""


@dataclass(frozen=True, slots=True)
class Skim:
    """What the cheap look found in one article."""

    headline: str
    in_english: bool


def skim(article: Article) -> Skim:
    """The article's headline (its title, else one derived from its opening) and language."""
    headline = article.title or derive_title(parse_body(article.text))
    return Skim(headline=headline, in_english=is_english(article.text[:LANGUAGE_SAMPLE]))


def skim_articles(articles: Sequence[Article]) -> list[Skim]:
    return [skim(article) for article in articles]


def quick_sentences(article: Article) -> tuple[str, ...]:
    """The prose's sentences cut at sentence-ending punctuation (an abbreviation may cut one
    short): enough to tell which facts other outlets also report."""
    return plain_sentences(parse_body(article.text).prose)
