"""Roles written before a name: a title ("French President Emmanuel Macron"), including
those the parser misreads, and a bare rank or royal style ("Major Tom Stallard")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from summarizer.read.participants.names import clean_name, entity_of, is_descriptor
from summarizer.read.participants.person_nouns import is_person_noun
from summarizer.read.participants.roles.base import Who, strip_role
from summarizer.read.participants.vocabulary import (
    HONORIFICS,
    JOINERS,
    NOT_TITLE_ENTITIES,
    PERSON,
    PERSON_TITLES,
    RANKS,
    RELATIONS,
    TITLE_TAGS,
)


def title_before(span: Span, who: Who | None = None) -> str:
    """'French President' in 'French President Emmanuel Macron'."""
    inside = set(range(span.start, span.end))
    modifiers: set[int] = set()
    for token in span:
        for child in token.lefts:
            if child.i not in inside and child.dep_ not in {"det", "cc", "punct", "prep"}:
                modifiers.update(t.i for t in child.subtree)
    run: list[int] = []
    i = span.start - 1
    while (i in modifiers or (span.doc[i].text in JOINERS and i - 1 in modifiers)) and not (
        _ends_a_phrase(span.doc[i])
    ):
        run.append(i)
        i -= 1
    # The parser often misreads a caption's title ("Leeds Rhinos winger Kallum Watkins"
    # parsed as a verb) or a coordinated one; the words themselves still read as a title.
    words = _title_words_before(span, who)
    if len(words) > len(run) and set(run) <= set(words):
        run = words
    # Descriptors the model swept into the name count too: "Colombian Camilo Villegas".
    inside_name = list(span)
    while span.label_ == PERSON and len(inside_name) > 2 and is_descriptor(inside_name[0]):
        run.append(inside_name.pop(0).i)
    tokens = [span.doc[j] for j in sorted(run)]
    # A form of address between the title and the name is not part of the title:
    # "fertility specialist Dr. David Tourgeman", "Police spokesman Major Thulani Zwane".
    address = []
    while (
        len(tokens) > 1
        and tokens[-1].lower_.rstrip(".") in HONORIFICS
        and tokens[-1].lower_ not in PERSON_TITLES  # "Superior Court Judge" keeps its head
    ):
        address.append(tokens.pop())
    if address and tokens[-1].lower_ not in PERSON_TITLES:
        if any(word.lower_.rstrip(".") in RANKS for word in address):
            # A rank is part of the title it closes: "Cottonwood Police veteran Sgt".
            tokens += reversed(address)
        else:
            return ""  # "Yesterday Mr Hussen ...": no title stood before the address
    return strip_role(tokens, who)


def _ends_a_phrase(token: Token) -> bool:
    """Punctuation a title cannot span: quotes ("'thief' Mila Kunis"), brackets, colons.
    Hyphens and the possessive join words ("vice-captain", "Fowler's girlfriend")."""
    return token.is_punct and token.tag_ not in {"HYPH", "POS"} and token.text not in JOINERS


def _title_words_before(span: Span, who: Who | None) -> list[int]:
    """Positions of the words right before a name that read as its title: nouns, adjectives
    and title words, joined by hyphens, slashes, possessives and "and" ("Rickie Fowler's
    girlfriend and bikini model"). Empty unless the word next to the name is a title word or
    the parser hangs it on the name."""
    doc = span.doc
    own_words = {word for form in who.own for word in form.split()} if who else set()

    def title_like(token: Token) -> bool:
        if token.ent_type_ in NOT_TITLE_ENTITIES:
            return False
        ent = entity_of(token)
        if ent is not None:
            # Another person only as an owner ("Rickie Fowler's girlfriend"), whatever the
            # model's label for them; a team it took for a person is fine ("Warrington
            # Wolves forward").
            name, owner = clean_name(ent)
            if who is None:
                person = ent.label_ == PERSON
            else:
                person = name in who.people or bool(own_words & set(name.split()))
            if person and not owner:
                return False
        if token.tag_ == "VBG" and token.dep_ != "amod":
            return False  # a verb ("including his girlfriend"), not "reigning champion"
        return token.tag_ in TITLE_TAGS or is_person_noun(token)

    def person_word(i: int) -> bool:
        word = doc[i].lower_
        owned = i > 0 and doc[i - 1].tag_ == "POS"
        return word in PERSON_TITLES or (word in RELATIONS and owned)

    run: list[int] = []
    i = span.start - 1
    while i >= 0 and not doc[i].is_space and not _ends_a_phrase(doc[i]):
        token = doc[i]
        if run and token.lower_ in RELATIONS and not person_word(i):
            # A relation is next to the name ("his wife Audrey") or owned ("Fowler's
            # girlfriend and ..."); elsewhere it ends a caption the text ran on ("... to be
            # with his wife Masters chairman Billy Payne").
            break
        # "candidate and shadow secretary", "Fowler's girlfriend and bikini model"; not
        # "the field and German referee" nor "owners and trainer".
        joins = (
            token.lower_ in {"and", "&"}
            and i > 0
            and bool(run)
            and (person_word(i - 1) or _names_two_teams(doc[i - 1], doc[i + 1]))
        )
        if not (title_like(token) or joins):
            break
        run.append(i)
        i -= 1
    if not run:
        return []
    last = doc[span.start - 1]
    ends_a_title = (
        (is_person_noun(last) and last.tag_ != "NNS")
        or last.ent_type_ == "NORP"
        or (last.tag_ == "NN" and span.start <= last.head.i < span.end)
    )
    return sorted(run) if ends_a_title else []


def _names_two_teams(before: Token, after: Token) -> bool:
    """'Killie and Hearts' in 'Ex-Killie and Hearts player': names on both sides of "and",
    neither of them a person."""
    return all(
        token.text[:1].isupper() and token.ent_type_ != PERSON and not token.is_sent_start
        for token in (before, after)
    )


def rank(span: Span, who: Who | None = None) -> str:
    """A rank or royal style that is all the text says: 'Major' in 'Major Tom Stallard'."""
    doc = span.doc
    words = [doc[span.start - 1]] if span.start > 0 else []
    if len(span) > 1:
        words.append(span[0])  # "Prince George"; a lone "King" is a surname
    for word in words:
        if word.lower_.rstrip(".") in RANKS:
            return word.text
    return ""
