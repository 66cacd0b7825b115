"""Roles set beside a name with commas or as a noun it stands next to: "Andriy Yermak, the
Ukrainian president's chief of staff", "the U.S. envoy for peace talks, Steve Witkoff", "his
wife Audrey", "first-team players at Kilmarnock — A, B and C"."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from summarizer.read.participants.names import entity_of, first_of_list
from summarizer.read.participants.person_nouns import can_name_a_person
from summarizer.read.participants.roles.base import Who, noun_phrase, strip_role
from summarizer.read.participants.roles.titles import title_before
from summarizer.read.participants.vocabulary import COMMON_NOUN_TAGS, PERSON, PLURAL_NOUN_TAGS


def apposition_after(span: Span, who: Who | None = None) -> str:
    """'the Ukrainian president's chief of staff' in 'Andriy Yermak, the ... staff, said'."""
    doc = span.doc
    start = span.end
    if start >= len(doc) or doc[start].text != ",":
        return ""
    first = start + 1
    if (
        first < len(doc)
        and doc[first].like_num
        and first + 1 < len(doc)
        and doc[first + 1].text == ","
    ):
        first += 2  # "John Smith, 45, a father of two"
    if first >= len(doc) or doc[first].lower_ in {"who", "which", "that", "and", "or"}:
        return ""
    if doc[first].lower_ == "one" and first + 1 < len(doc) and doc[first + 1].lower_ == "of":
        head = doc[first]  # "one of the three kite flyers"
    else:
        head = noun_phrase(doc[first], edge="left_edge")
    if head is None:
        return ""
    end = head.right_edge.i
    # "Niall Horan, the keen golf-playing member of One Direction but better known ..."
    cut = next(
        (t.i for t in doc[head.i + 1 : end + 1] if t.lower_ in {"but", "who", "which", "whose"}),
        None,
    )
    if cut is not None:
        end = _short_who_clause(doc, cut) or cut - 1
    elif end + 1 < len(doc) and doc[end + 1].text not in {",", ".", ")", ";", "—", "–"}:
        # A missing comma before the verb ("Dr. Christopher Kuhar, the zoo's executive
        # director told Fox 8") is fine when the parser itself hangs the phrase on the name.
        named = head.dep_ == "appos" and span.start <= head.head.i < span.end
        if not (named and doc[end + 1].tag_.startswith("VB")):
            return ""
    return strip_role(list(doc[first : end + 1]), who)


def _short_who_clause(doc: Doc, who: int) -> int:
    """The last word of a short who-clause that completes a role ("the doctor who treated
    Khanal,"), or 0 when the clause is long or is not one."""
    if doc[who].lower_ != "who":
        return 0
    closing = next(
        (t.i for t in doc[who + 1 : who + 8] if t.text in {",", ".", ";", ")", "—", "–"}), None
    )
    return closing - 1 if closing is not None and closing - who > 2 else 0


def apposition_before(span: Span, who: Who | None = None) -> str:
    """'U.S. envoy for peace talks' in 'the U.S. envoy for peace talks, Steve Witkoff,'."""
    doc = span.doc
    comma = span.start - 1
    if comma < 1 or doc[comma].text != ",":
        return ""
    head = noun_phrase(doc[comma - 1], edge="right_edge", before=comma)
    if head is None or head.right_edge.i > span.end:
        return ""
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text not in {",", ".", ";", ")"}:
        return ""
    start = head.left_edge.i
    of = head.head
    if head.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ == "one":
        start = of.head.i  # "One of the suspects, David Gaver,": one person, not "suspects"
    phrase = list(doc[start:comma])
    if any(t.text in {",", "—", "–", ";"} for t in phrase):
        return ""  # a list ("his sister, Princess Beatrice, and mother"), not one description
    return strip_role(phrase, who)


def described_by(span: Span, who: Who | None = None) -> str:
    """The noun a name stands in apposition to: 'his wife' in 'his wife Audrey', 'first-team
    players at Kilmarnock' in '... first-team players at Kilmarnock — Manuel Pascali, Alexei
    Eremenko'. Every name of a list shares the description (made singular), and a title
    before the first name of a list describes them all."""
    first = first_of_list(span)
    doc = span.doc
    if first.dep_ == "appos" and first.head.tag_ in COMMON_NOUN_TAGS and first.head.i < first.i:
        head = first.head
        name_start = min(t.i for t in first.subtree if t.ent_type_ == PERSON or t.i == first.i)
        before = [t.i for t in head.subtree if t.i < name_start and not t.is_punct]
        if not before:
            return ""
        end = max(before)
        role = strip_role(list(doc[head.left_edge.i : end + 1]), who)
        plural = head.text if head.tag_ == "NNS" else ""
    elif first.i != span.root.i and first.ent_type_ == PERSON:
        ent = entity_of(first)
        if ent is None or ent.start == 0 or doc[ent.start - 1].tag_ != "NNS":
            return ""  # "producer Rodney Jerkins, singer Eddie Money": each has their own
        role = title_before(ent, who)
        plural = role.split()[-1] if role else ""
    else:
        return ""
    if plural and (first.i != span.root.i or _heads_a_list(first)):
        role = re.sub(rf"\b{re.escape(plural)}\b", _singular(plural), role, count=1)
    return role


def _heads_a_list(first: Token) -> bool:
    """The name heads a list of names ("players A, B and C")."""
    return any(child.dep_ == "conj" and child.ent_type_ == PERSON for child in first.children)


def _singular(word: str) -> str:
    if not word.endswith("s") or word.endswith("ss"):
        return word
    return word[:-2] if word.endswith(("ches", "shes", "xes")) else word[:-1]


def one_of_the_group(span: Span, who: Who | None = None) -> str:
    """'star' in 'a whole host of stars have been wearing the jewellery, including FKA Twigs,
    Rihanna and Lady Gaga': the people a sentence gives as examples of a group of people.
    The parser hangs "including" on the nearest noun ("jewellery"), so the group is the
    nearest plural noun before it that can name people, with its modifiers, made singular.
    ("such as" was tried too: on the held-out half it added 4 wrong roles and no right one.)"""
    first = first_of_list(span)
    including = first.head
    if first.dep_ != "pobj" or including.lower_ != "including":
        return ""
    doc = span.doc
    for token in reversed(doc[span.sent.start : including.i]):
        if token.ent_type_ == PERSON:
            return ""  # someone named in between may be whom the group belongs to
        if token.tag_ in PLURAL_NOUN_TAGS and can_name_a_person(token.lower_):
            modifiers = [t for t in token.lefts if t.dep_ in {"amod", "compound"}]
            start = modifiers[0].i if modifiers else token.i
            # One plural word that may name people is enough here: the list says they are.
            group = strip_role(list(doc[start : token.i + 1]), who) or (
                token.text if start == token.i else ""
            )
            return re.sub(rf"\b{re.escape(token.text)}\b", _singular(token.text), group, count=1)
    return ""
