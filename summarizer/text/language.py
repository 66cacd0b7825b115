"""Is an article in English? Told cheaply, before any parse: English prose is full of
function words ("the", "of", "and", "said"), whatever it is about. The share of words that
are on spaCy's English stop-word list is high for English news and low for French, German or
Spanish (which share only a few short words with it), and near zero for Chinese or Japanese,
which are not even written with spaces. Only English gets the deep analysis (its parser and
role rules are English); other articles are published with their lead sentences.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

MIN_ENGLISH_SHARE = 0.2
"""English news prose runs far above this (see ``bench/RESULTS.md``); French and German stay
well below."""
MIN_WORDS = 12
"""Fewer words than this (a headline, a teaser) cannot be told; it counts as English."""
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Sentence-ending marks of Latin, CJK, Arabic and Urdu script; a blank line ends a sentence
# too (a headline or dateline block has no full stop to end it).
_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟۔])\s*|\s*\n\s*\n\s*")
_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _share_of_stop_words(words: list[str]) -> float:
    # map over the set's membership test: counted in C, ~3x faster than a generator.
    return sum(map(STOP_WORDS.__contains__, words)) / len(words) if words else 0.0


def is_english(text: str) -> bool:
    """True unless the text is long enough to tell and reads as another language."""
    if len(_SPACELESS.findall(text)) >= MIN_WORDS:
        return False  # Chinese, Japanese or Korean script
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return True
    return _share_of_stop_words(words) >= MIN_ENGLISH_SHARE


def plain_sentences(text: str) -> tuple[str, ...]:
    """The text's sentences, cut at sentence-ending punctuation of any script (no parser:
    for languages the English model cannot split)."""
    sentences = (part.strip() for part in _SENTENCE_END.split(text))
    return tuple(sentence for sentence in sentences if sentence)
