"""Extractive summaries: pick the most informative sentences, verbatim, in document order.

Every sumy algorithm is available by name, plus ``lead`` (the first sentences, the strongest
simple baseline on news) and ``default``. Sentences come from
:func:`summarizer.analyse.split_sentences`, never from sumy's NLTK tokenizer, whose
``punkt_tab`` data cannot be fetched offline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.random import RandomSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from summarizer.errors import ConfigError

LANGUAGE = "english"
DEFAULT_ALGORITHM = "lead"

# Picks sentence indices from a list of sentences.
Selector = Callable[[Sequence[str], int], list[int]]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class _WordTokenizer:
    """The word half of sumy's tokenizer protocol; sentences are already split."""

    language = LANGUAGE

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


_TOKENIZER = _WordTokenizer()


def _build_sumy(name: str) -> AbstractSummarizer:
    stemmer = Stemmer(LANGUAGE)
    stop_words = get_stop_words(LANGUAGE)
    summarizer: AbstractSummarizer
    if name == "edmundson":
        # Only the location method needs no hand-made cue-word lists.
        summarizer = EdmundsonSummarizer(
            stemmer, cue_weight=0.0, key_weight=0.0, title_weight=0.0, location_weight=1.0
        )
        summarizer.null_words = stop_words
        return summarizer
    classes: dict[str, type[AbstractSummarizer]] = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
        "kl": KLSummarizer,
        "sumbasic": SumBasicSummarizer,
        "reduction": ReductionSummarizer,
        "random": RandomSummarizer,
    }
    summarizer = classes[name](stemmer)
    summarizer.stop_words = stop_words
    return summarizer


@cache
def _sumy(name: str) -> AbstractSummarizer:
    return _build_sumy(name)


def _sumy_selector(name: str) -> Selector:
    def select(sentences: Sequence[str], count: int) -> list[int]:
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


SUMY_ALGORITHMS = (
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "kl",
    "sumbasic",
    "reduction",
    "edmundson",
    "random",
)
ALGORITHMS: dict[str, Selector] = {
    "lead": _lead,
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
    usable = [s for s in sentences if _WORD.search(s)]
    if count == 0 or not usable:
        return []
    if len(usable) <= count:
        return list(usable)
    return [usable[i] for i in selector(usable, count)]
