"""What a word is, for every stage that counts words in sentences: a run of letters or
digits, with inner apostrophes kept ("don't", "O’Brien"), so scoring, centrality and key
point overlap all see the same words."""

from __future__ import annotations

import re
from collections.abc import Sequence

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words_of(text: str) -> list[str]:
    """The words of ``text``, as written."""
    return WORD.findall(text)


REPEAT_OVERLAP = 0.8
"""A sentence sharing this much of the shorter one's words with a point shown on an earlier
day is a repeat (verbatim, or near it: a changed number, another attribution)."""


def _words(sentence: str) -> frozenset[str]:
    return frozenset(word.lower() for word in words_of(sentence))


def is_repeat(sentence: str, shown: Sequence[str]) -> bool:
    """True when ``sentence`` says (nearly) word for word one of the ``shown`` points."""
    words = _words(sentence)
    for earlier in shown:
        other = _words(earlier)
        if words and other and len(words & other) / min(len(words), len(other)) >= REPEAT_OVERLAP:
            return True
    return False
