"""Roles a sentence states about its subject: "was confirmed as ...", "his role as ...",
"X, who leads the union", and the next sentence's "The Prime Minister said". A bare "X is a
golfer" is not read: on untuned articles it gave a right role 0 times in 4 ("type to let
illness decide over his career")."""

from __future__ import annotations

from spacy.tokens import Span

from summarizer.read.participants.roles.base import Who, attribute_of, strip_role
from summarizer.read.participants.vocabulary import (
    AGENT_NOUNS,
    ANCHORED_PRONOUNS,
    APPOINTMENT_VERBS,
    COMMON_NOUN_TAGS,
    COPULAS,
    NOT_TITLE_ENTITIES,
    PERSON,
    PERSON_TITLES,
    POST_NOUNS,
    ROLE_MAX_TOKENS,
)


def next_sentence_calls(span: Span, who: Who | None = None) -> str:
    """'Prime Minister' from 'David Cameron launched an attack on ... . The Prime Minister
    said ...', and 'golfer' from "Rickie Fowler has earned ... . The golfer's girlfriend
    ...": the news habit of naming someone, then referring to them by what they are."""
    doc = span.doc
    if span.root.dep_ not in {"nsubj", "nsubjpass"}:
        return ""
    # The next sentence's first word, found by walking on (``Span.sent`` scans the doc).
    start = next((t.i for t in doc[span.end :] if t.is_sent_start), None)
    if start is None:
        return ""
    first = next((t for t in doc[start:] if not (t.is_punct or t.is_space)), None)
    if first is None or first.lower_ != "the":
        return ""
    if any(e.label_ == PERSON and e.start < span.start for e in span.sent.ents):
        return ""  # the sentence is about someone named earlier in it
    noun = first.head
    subject = noun.dep_ in {"nsubj", "nsubjpass"} or (
        noun.dep_ == "poss" and noun.head.dep_ in {"nsubj", "nsubjpass"}
    )
    if not subject or noun.lower_ not in PERSON_TITLES or not 0 < noun.i - first.i <= 3:
        return ""
    return strip_role(list(doc[first.i : noun.i + 1]), who)


def named_as(span: Span, who: Who | None = None) -> str:
    """The post a sentence gives someone: 'Kilmarnock's permanent manager' in 'Gary Locke
    will be confirmed as ...' or 'Kilmarnock will confirm Gary Locke as ...', 'captain' in
    'Smith was named captain', 'the most unpopular golfer on tour' in 'Watson was voted the
    most unpopular golfer on tour by his fellow professionals'."""
    root = span.root
    verb = root.head
    if verb.lower_ not in APPOINTMENT_VERBS:
        return ""  # "charged as an adult" says nothing about who someone is
    if root.dep_ == "dobj":
        nouns = [c for c in verb.rights if c.i > root.i]
    elif root.dep_ in {"nsubj", "nsubjpass"}:
        nouns = list(verb.rights)
        if root.dep_ == "nsubjpass":
            nouns = [c for c in nouns if c.dep_ in {"oprd", "dobj", "attr"}] + nouns
    else:
        return ""
    for child in nouns:
        if child.dep_ == "prep" and child.lower_ == "as":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            child = objects[0] if objects else child
        elif root.dep_ == "dobj" or child.dep_ not in {"oprd", "dobj", "attr"}:
            continue
        if child.tag_ in COMMON_NOUN_TAGS:
            # The noun and what qualifies it ("on tour"), not the agent ("by his fellow
            # professionals") nor when ("on Friday").
            end = child.i
            for qualifier in child.rights:
                if qualifier.dep_ != "prep" or qualifier.lower_ == "by":
                    break
                if any(t.ent_type_ in NOT_TITLE_ENTITIES for t in qualifier.subtree):
                    break
                end = qualifier.right_edge.i
            return strip_role(list(span.doc[child.left_edge.i : end + 1]), who)
    return ""


def role_as(span: Span, who: Who | None = None) -> str:
    """'Borussia Dortmund boss' in 'Jurgen Klopp has revealed he will be vacating his role as
    Borussia Dortmund boss': the subject's own post, named in the same sentence."""
    if span.root.dep_ != "nsubj":
        return ""
    for token in span.sent:
        if token.i < span.end:
            continue
        if token.ent_type_ == PERSON:
            return ""  # someone else is named first: "his" may be theirs
        if token.lower_ not in POST_NOUNS or not any(
            c.dep_ == "poss" and c.lower_ in ANCHORED_PRONOUNS for c in token.children
        ):
            continue
        # The parser hangs "as" on the post or on its verb ("leaving his role as ...").
        preps = [*token.rights, *(c for c in token.head.rights if c.i > token.i)]
        for prep in preps:
            objects = [c for c in prep.children if c.dep_ == "pobj"] if prep.lower_ == "as" else []
            if objects:
                noun = objects[0]
                return strip_role(list(span.doc[noun.left_edge.i : noun.i + 1]), who)
    return ""


def who_clause(span: Span, who: Who | None = None) -> str:
    """The role a relative clause states: 'union leader' style roles from 'X, who leads the
    union' ("leader of the union") or 'X, who is the club's chairman'."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != "," or doc[span.end + 1].lower_ != "who":
        return ""
    verb = doc[span.end + 1].head
    if verb.dep_ != "relcl":
        return ""
    if verb.lower_ in COPULAS:
        return attribute_of(verb, who)
    agent = AGENT_NOUNS.get(verb.lower_)
    objects = [c for c in verb.rights if c.dep_ == "dobj"]
    if agent is None or not objects:
        return ""
    phrase = doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
    if len(phrase) > ROLE_MAX_TOKENS or any(t.ent_type_ == PERSON for t in phrase):
        return ""
    # Keep "the": "leader of the union" reads as the text does.
    return f"{agent} of {' '.join(phrase.text.split())}".replace("’", "'")
