"""Whether a word names a person ("saxophonist", "suspect", "clerk"): the listed titles and
WordNet's person nouns (``data/person_*.txt``, written by ``tools/wordnet_person_nouns.py``)."""

from __future__ import annotations

from spacy.tokens import Token

from summarizer.read.participants.vocabulary import (
    COMMON_NOUN_TAGS,
    PERSON_NOUN_VERBS,
    PERSON_NOUNS,
    PERSON_SENSES,
    PERSON_TITLES,
    RANKS,
    RELATIONS,
)

_VERB_TAGS = frozenset({"VB", "VBP", "VBZ"})


def is_person_noun(token: Token) -> bool:
    """The word names a person: a listed title, or a noun whose commonest sense is a person,
    read as a noun. A word tagged as a verb counts only when it cannot be one: the tagger
    calls "saxophonist" a verb, and "have" (a rich person, to WordNet) is one."""
    if token.lower_ in PERSON_TITLES:
        return True
    forms = _singular_forms(token.lower_)
    if not token.is_lower or not forms & PERSON_NOUNS:
        return False
    if token.tag_ in _VERB_TAGS:
        return not forms & PERSON_NOUN_VERBS
    return token.tag_ in COMMON_NOUN_TAGS


def can_name_a_person(word: str) -> bool:
    """``word`` (lower case, singular or plural) names a person in some sense ("star",
    "model"), or is a listed title, rank or relation."""
    return bool(_singular_forms(word) & (PERSON_SENSES | PERSON_TITLES | RELATIONS | RANKS))


def _singular_forms(lower: str) -> set[str]:
    """The word and the singulars it may be the plural of."""
    forms = {lower, lower.removesuffix("s"), lower.removesuffix("es")}
    if lower.endswith("ies"):
        forms.add(lower[:-3] + "y")  # "deputies"
    if lower.endswith("men"):
        forms.add(lower[:-3] + "man")  # "chairmen", "policewomen"
    return forms
