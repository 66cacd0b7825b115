"""What a word is, for every stage that counts words in sentences: a run of letters or
digits, with inner apostrophes kept ("don't", "O’Brien"), so scoring, centrality and key
point overlap all see the same words."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def words_of(text: str) -> list[str]:
    """The words of ``text``, as written."""
    return WORD.findall(text)
