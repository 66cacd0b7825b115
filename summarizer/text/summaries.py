"""Extractive summaries: pick the most informative sentences, verbatim, in document order.

Every sumy algorithm is available by name, plus ``lead`` (the first sentences, the strongest
simple baseline on news), ``centrality`` (position-aware directed centrality, see
:mod:`summarizer.text.centrality`) and ``default`` (= ``centrality``; not reliably better
than Lead-3 on articles it was not tuned on: ``bench/summary_folds.py``). Sentences come from
:func:`summarizer.text.sentences.split_sentences`, never from sumy's NLTK tokenizer, whose
``punkt_tab`` data cannot be fetched offline.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from summarizer.errors import ConfigError
from summarizer.text import centrality
from summarizer.text.words import WORD, words_of

if TYPE_CHECKING:
    from sumy.summarizers._summarizer import AbstractSummarizer

LANGUAGE = "english"
DEFAULT_ALGORITHM = "centrality"

# Picks sentence indices from a list of sentences.
Selector = Callable[[Sequence[str], int], list[int]]


class _WordTokenizer:
    """The word half of sumy's tokenizer protocol; sentences are already split."""

    language = LANGUAGE

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words_of(sentence))


_TOKENIZER = _WordTokenizer()


# sumy (with NLTK and SciPy behind it) is imported on first use: the default algorithm and
# `lead` never need it, and the import costs most of a second.
_SUMY_CLASSES = {
    "lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
    "luhn": ("sumy.summarizers.luhn", "LuhnSummarizer"),
    "kl": ("sumy.summarizers.kl", "KLSummarizer"),
    "sumbasic": ("sumy.summarizers.sum_basic", "SumBasicSummarizer"),
    "reduction": ("sumy.summarizers.reduction", "ReductionSummarizer"),
    "edmundson": ("sumy.summarizers.edmundson", "EdmundsonSummarizer"),
    "random": ("sumy.summarizers.random", "RandomSummarizer"),
}


def _build_sumy(name: str) -> AbstractSummarizer:
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    module, class_name = _SUMY_CLASSES[name]
    summarizer_class = getattr(importlib.import_module(module), class_name)
    stop_words = get_stop_words(LANGUAGE)
    if name == "edmundson":
        # Only the location method needs no hand-made cue-word lists.
        summarizer = summarizer_class(
            Stemmer(LANGUAGE), cue_weight=0.0, key_weight=0.0, title_weight=0.0, location_weight=1.0
        )
        summarizer.null_words = stop_words
    else:
        summarizer = summarizer_class(Stemmer(LANGUAGE))
        summarizer.stop_words = stop_words
    return summarizer  # type: ignore[no-any-return]


@cache
def _sumy(name: str) -> AbstractSummarizer:
    return _build_sumy(name)


def _sumy_selector(name: str) -> Selector:
    def select(sentences: Sequence[str], count: int) -> list[int]:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

        document = ObjectDocumentModel(
            [Paragraph([Sentence(text, _TOKENIZER) for text in sentences])]
        )
        chosen = _sumy(name)(document, count)
        # sumy hands back Sentence objects that compare by text; map them to positions,
        # taking each position once so repeated sentences stay distinct.
        positions: dict[str, list[int]] = {}
        for index, text in enumerate(sentences):
            positions.setdefault(text.strip(), []).append(index)
        return sorted(positions[str(sentence)].pop(0) for sentence in chosen)

    return select


def _lead(sentences: Sequence[str], count: int) -> list[int]:
    return list(range(min(count, len(sentences))))


def _centrality(sentences: Sequence[str], count: int) -> list[int]:
    return sorted(centrality.rank(sentences, count))


SUMY_ALGORITHMS = tuple(_SUMY_CLASSES)
ALGORITHMS: dict[str, Selector] = {
    "lead": _lead,
    "centrality": _centrality,
    **{name: _sumy_selector(name) for name in SUMY_ALGORITHMS},
}
ALGORITHMS["default"] = ALGORITHMS[DEFAULT_ALGORITHM]


def check_algorithm(algorithm: str) -> str:
    """Return the algorithm name, or raise ConfigError naming the available ones."""
    if algorithm not in ALGORITHMS:
        raise ConfigError(
            f"unknown algorithm {algorithm!r}; available: {', '.join(sorted(ALGORITHMS))}"
        )
    return algorithm


def select_sentences(
    sentences: Sequence[str], *, count: int = 3, algorithm: str = "default"
) -> list[str]:
    """Choose ``count`` sentences with ``algorithm``; verbatim, in document order.

    Raises:
        ConfigError: unknown algorithm or a negative count.
    """
    selector = ALGORITHMS[check_algorithm(algorithm)]
    if count < 0:
        raise ConfigError(f"sentence count must be 0 or more, not {count}")
    usable = [s for s in sentences if WORD.search(s)]
    if count == 0 or not usable:
        return []
    if len(usable) <= count:
        return list(usable)
    return [usable[i] for i in selector(usable, count)]
