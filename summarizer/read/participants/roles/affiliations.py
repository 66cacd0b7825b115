"""Whom a person speaks for, when the text gives nothing else: "CNN's Karl Penhaul", "the
ACLU's Rita Sklar", "David Williams of Ladbrokes", "Simon Clare, from bookmakers Coral". The
role is the organisation's name; a place ("Salle Keita, of Mali") is where someone is from,
not whom they work for, and is not read."""

from __future__ import annotations

from spacy.tokens import Span

from summarizer.read.participants.names import entity_of
from summarizer.read.participants.roles.base import Who
from summarizer.read.participants.vocabulary import PLACE_LABELS, PROPER_NOUN_TAGS

_LINKS = frozenset({"of", "from", "at"})
_PHRASE_ENDS = frozenset({",", ".", ";", ":", ")"})


def organisation_before(span: Span, who: Who | None = None) -> str:
    """'CNN' in "CNN's Karl Penhaul"."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].tag_ != "POS":
        return ""
    owner = entity_of(doc[span.start - 2])
    if owner is None or owner.label_ != "ORG":
        return ""
    return _name(owner)


def organisation_after(span: Span, who: Who | None = None) -> str:
    """'Ladbrokes' in 'David Williams of Ladbrokes said', 'bookmakers Coral' in 'Simon Clare,
    from bookmakers Coral, confirmed'."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i >= len(doc) or doc[i].lower_ not in _LINKS:
        return ""
    objects = [c for c in doc[i].children if c.dep_ == "pobj"]
    if not objects:
        return ""
    head = objects[0]
    end = head.right_edge.i
    if head.tag_ not in PROPER_NOUN_TAGS and head.ent_type_ != "ORG":
        return ""
    if any(t.ent_type_ in PLACE_LABELS | {"PERSON", "NORP", "DATE"} for t in doc[i + 1 : end + 1]):
        return ""
    after = doc[end + 1] if end + 1 < len(doc) else None
    if after is not None and after.text not in _PHRASE_ENDS and not after.tag_.startswith("VB"):
        return ""
    return _name(doc[i + 1 : end + 1])


def _name(phrase: Span) -> str:
    """The organisation's name as written, without "the" or a possessive ending."""
    tokens = [t for t in phrase if not t.is_space]
    while tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    while tokens and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]
    if not tokens:
        return ""
    text = phrase.doc[tokens[0].i : tokens[-1].i + 1].text
    return " ".join(text.split()).replace("’", "'")
