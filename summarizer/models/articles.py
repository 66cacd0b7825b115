"""Articles and who they involve: what is read, and what the analysis finds in it.

The annotations say how each field is read from and written to JSON (``models.contract``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, TypeVar

from pydantic import BeforeValidator, Field

from summarizer.models.contract import Positive, Text, Timestamp

T = TypeVar("T")


def _or_none(value: object) -> object:
    return value or None


def _text_or_empty(value: object) -> str:
    return str(value or "")


def _is_blank(value: object) -> bool:
    return not value


AnyText = Annotated[str, BeforeValidator(str)]
"""Any JSON value, read as its text (an input file's ids are often numbers)."""

Omitted = Annotated[T | None, BeforeValidator(_or_none), Field(exclude_if=_is_blank)]
"""Optional: an empty value reads as absent, and an absent one is not written."""


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, as loaded from a file or a feed (the article lines of the batch
    commands and of the state store)."""

    id: AnyText
    text: AnyText
    title: Annotated[str, BeforeValidator(_text_or_empty), Field(exclude_if=_is_blank)] = ""
    url: Omitted[str] = None
    source: Omitted[str] = None
    published: Omitted[Timestamp] = None
    feed: Omitted[str] = None
    """The URL of the feed the article came from (its tags and weight are the feed's)."""


@dataclass(frozen=True, slots=True)
class Person:
    """A person named in an article, under the longest form of their name the text uses."""

    name: Text
    """The longest form of the name the text uses."""
    role: Annotated[Text | None, Field(exclude_if=_is_blank)] = None
    """The role as the text states it (not written when it states none)."""
    mentions: Positive = 1
    aliases: Annotated[tuple[Text, ...], Field(json_schema_extra={"uniqueItems": True})] = ()


@dataclass(frozen=True, slots=True)
class NamedEntity:
    """An organisation or a place, with how often the text names it."""

    name: Text
    mentions: Positive = 1


@dataclass(frozen=True, slots=True)
class Participants:
    """Who and what an article (or a story) involves."""

    people: tuple[Person, ...] = ()
    organizations: tuple[NamedEntity, ...] = ()
    places: tuple[NamedEntity, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """What the pipeline learned about one article."""

    article: Article
    headline: str
    sentences: tuple[str, ...]
    """Every sentence of the prose, verbatim, in order."""
    summary: tuple[str, ...]
    """The article's own summary: some of ``sentences``, in order (a story's key points are
    picked across its articles, see ``Story.key_points``)."""
    participants: Participants
    in_english: bool = True
    """False for an article in another language: its summary is its lead sentences and it
    has no participants (the parser and the role rules are English)."""
