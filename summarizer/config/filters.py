"""Keyword rules (``[[filters]]`` in ``sources.toml``): which of the day's articles go into
the digest. Applied before anything is analysed; what each rule removed is counted, so the
digest can say so.

Example::

    [[filters]]
    exclude = ["sponsored", "horoscope"]   # everywhere

    [[filters]]
    tags = ["tech"]                        # only articles of feeds tagged "tech"
    include = ["open source", "linux"]     # keep those that name one of these
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from summarizer.config.tables import Table


def _phrase_pattern(phrase: str) -> str:
    # Whole words, case-insensitive, any run of white space between a phrase's words.
    return r"(?<!\w)" + r"\s+".join(re.escape(word) for word in phrase.split()) + r"(?!\w)"


class FilterRule(Table):
    """Keep an article only if it names one of ``include`` (when given) and none of
    ``exclude``; with ``tags``, only articles of feeds carrying one of them are judged."""

    include: Annotated[tuple[str, ...], Field(strict=False)] = ()
    exclude: Annotated[tuple[str, ...], Field(strict=False)] = ()
    tags: Annotated[tuple[str, ...], Field(strict=False)] = ()

    @field_validator("include", "exclude")
    @classmethod
    def _phrases(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not phrase.strip() for phrase in value):
            raise ValueError("must not hold an empty word or phrase")
        return tuple(" ".join(phrase.split()) for phrase in value)

    @model_validator(mode="after")
    def _has_words(self) -> FilterRule:
        if not (self.include or self.exclude):
            raise ValueError("needs include or exclude words")
        return self

    @cached_property
    def _included(self) -> re.Pattern[str] | None:
        return _any_of(self.include)

    @cached_property
    def _excluded(self) -> re.Pattern[str] | None:
        return _any_of(self.exclude)

    def applies_to(self, feed_tags: Sequence[str]) -> bool:
        return not self.tags or any(tag in self.tags for tag in feed_tags)

    def keeps(self, title: str, text: str) -> bool:
        """Whether an article with this title and text passes the rule."""
        text = f"{title}\n{text}"
        if self._included is not None and not self._included.search(text):
            return False
        return self._excluded is None or not self._excluded.search(text)

    def describe(self) -> str:
        """``include "linux", "open source" · exclude "sponsored" · feeds tagged tech``."""
        parts = [
            f"{verb} " + ", ".join(f'"{phrase}"' for phrase in phrases)
            for verb, phrases in (("include", self.include), ("exclude", self.exclude))
            if phrases
        ]
        if self.tags:
            parts.append("feeds tagged " + ", ".join(self.tags))
        return " · ".join(parts)


def _any_of(phrases: Sequence[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile("|".join(_phrase_pattern(p) for p in phrases), re.IGNORECASE)
