"""What every role finder shares: whose role is read (``Who``), the finder signature, and
turning a run of tokens into a role a reader can trust (``strip_role``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from summarizer.read.participants.names import clean_name, is_descriptor
from summarizer.read.participants.person_nouns import can_name_a_person, is_person_noun
from summarizer.read.participants.vocabulary import (
    ADJECTIVE_TAGS,
    ANCHORED_PRONOUNS,
    COMMON_NOUN_TAGS,
    COPULAS,
    HONORIFICS,
    MEDIA_WORDS,
    PERSON,
    PERSON_TITLES,
    PROPER_NOUN_TAGS,
    RANKS,
    RELATIONS,
    ROLE_MAX_TOKENS,
)


@dataclass(frozen=True)
class Who:
    """Whose role is being read (their forms), and every name the article's people go by."""

    own: frozenset[str]
    people: frozenset[str]


RoleFinder = Callable[[Span, Who | None], str]
"""Every role finder: a person's mention and whose role is read in, the role (or "") out."""


def _anchor_before(position: int, doc: Doc, who: Who | None) -> str:
    """The person a possessive pronoun before ``position`` most likely points to: the last
    person named before it who is not the person being described."""
    sentence = doc[position].sent

    def named(start: int, end: int) -> list[tuple[Span, str]]:
        found = []
        for ent in doc.ents:
            # "In Aintree's crowded unsaddling area, ... his wife": the owner of a thing is
            # seldom whom "his" points back to.
            if ent.root.dep_ == "poss":
                continue
            if ent.label_ == PERSON and start <= ent.start and ent.end <= end:
                name, _ = clean_name(ent)
                if name and who and name in who.people and name not in who.own:
                    found.append((ent, name))
        return found

    # In the same sentence, the person it is about comes first ("Ms Kunis, who lives with
    # partner Ashton Kutcher and daughter Wyatt"); otherwise the previous sentence's subject
    # ("Leishman had to withdraw. His wife Audrey ..."), else whoever it named last.
    same = named(sentence.start, position)
    if same:
        return same[0][1]
    if sentence.start == 0:
        return ""
    earlier = named(doc[sentence.start - 1].sent.start, sentence.start)
    subjects = [name for ent, name in earlier if ent.root.dep_ in {"nsubj", "nsubjpass"}]
    if subjects:
        return subjects[-1]
    return earlier[-1][1] if earlier else ""


def strip_role(tokens: list[Token], who: Who | None = None) -> str:
    # A capitalised article inside the phrase starts a sentence the text ran on from a
    # caption: "... from a concert The teen's attorney".
    restart = [i for i, t in enumerate(tokens) if i and t.tag_ == "DT" and t.text[:1].isupper()]
    if restart:
        tokens = tokens[restart[-1] :]
    while tokens and (tokens[0].dep_ in {"det", "cc", "punct", "nummod"} or tokens[0].is_space):
        if len(tokens) > 1 and tokens[1].tag_ == "HYPH" and tokens[0].dep_ == "nummod":
            break  # a compound stays whole: "15-time Grammy winner", not "time Grammy winner"
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > ROLE_MAX_TOKENS:
        return ""
    if (
        tokens[0].i > 0
        and tokens[0].doc[tokens[0].i - 1].lower_ == "of"
        and any(t.tag_ == "POS" for t in tokens)
    ):
        return ""  # an owner cut in half: "the Duchess of [Cambridge's close friend]"
    # Another person may be part of a role ("one of the killers of Fusilier Lee Rigby"); the
    # person being described may not.
    text = " ".join(t.text for t in tokens)
    own = who.own if who else frozenset()
    if any(t.ent_type_ == PERSON for t in tokens) and (
        not own or any(form in text for form in own)
    ):
        return ""
    describing = [
        t
        for t in tokens
        if t.is_alpha
        and (not t.ent_type_ or t.ent_type_ == "NORP" or is_descriptor(t))  # "Colombian"
    ]
    if not describing or not _describes(tokens) or _only_a_name(describing):
        return ""
    anchor = ""
    if tokens[0].tag_ == "PRP$" and tokens[0].lower_ in ANCHORED_PRONOUNS:
        # "his wife Audrey" -> "Leishman's wife": the role names whose wife she is.
        anchor = _anchor_before(tokens[0].i, tokens[0].doc, who)
        tokens = tokens[1:]
        if not tokens:
            return ""
    elif len(tokens) == 1 and tokens[0].lower_ in RELATIONS:
        # "with partner Ashton Kutcher" -> "Mila Kunis's partner".
        anchor = _anchor_before(tokens[0].i, tokens[0].doc, who)
    if len(tokens) == 1 and not _known_alone(tokens[0]):
        return ""  # one word that may be anything: "court", "parent", "six-pack"
    text = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    role = " ".join(text.split()).replace("’", "'")
    return f"{anchor}'s {role}" if anchor else role


def _known_alone(word: Token) -> bool:
    """A one-word role is shown only when it surely names what a person is: a title, rank or
    relation of the word lists, a noun whose commonest sense is a person ("saxophonist",
    "clerk"), or a nationality. Other single words were right 8 times in 13 on the articles
    the rules are tuned on ("court", "six-pack" and "museum" are not people)."""
    lower = word.lower_.rstrip(".")
    known = PERSON_TITLES | RANKS | RELATIONS
    return (
        lower in known
        or is_person_noun(word)
        or lower.removesuffix("s") in known
        or word.ent_type_ == "NORP"
        or (word.tag_ in ADJECTIVE_TAGS and word.text[:1].isupper() and not word.is_sent_start)
    )


def _head_word(tokens: list[Token]) -> Token:
    """The word a role phrase is about, its syntactic head: "golfer" in "most unpopular golfer
    on tour", "flyers" in "one of the three kite flyers"."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    head = heads[0] if len(heads) == 1 else tokens[-1]
    if head.lower_ == "one":
        of = [c for c in head.children if c.lower_ == "of" and c.i in inside]
        members = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
        head = members[0] if members else head
    return head


def _compound(word: Token) -> str:
    """A word with the hyphenated compound it closes: "scrum-half"."""
    doc = word.doc
    if word.i >= 2 and doc[word.i - 1].tag_ == "HYPH":
        return doc[word.i - 2 : word.i + 1].text.lower()
    return word.lower_


def _only_a_name(words: list[Token]) -> bool:
    """Proper nouns that describe nothing: a first name the model left out of the entity
    ("Evander" Holyfield), a nickname's first half ("FKA" Twigs), an event ("Masters")."""
    return all(
        w.tag_ in PROPER_NOUN_TAGS
        and w.ent_type_ != "NORP"
        and w.lower_ not in PERSON_TITLES | RANKS | RELATIONS
        for w in words
    )


def _describes(tokens: list[Token]) -> bool:
    """A role names what someone is: it ends in a noun or a nationality ("Colombian"), and is
    more than an honorific ("Mr", "Princess") or an adverb ("most notably"). A phrase of
    common nouns is about a noun that can name a person: "most unpopular golfer on tour", not
    "a second marriage to Habibur Rahman" nor "museum in Leeds"."""
    last = tokens[-1]
    if last.lower_.rstrip(".") in HONORIFICS and (
        len(tokens) == 1 or last.lower_.rstrip(".") not in PERSON_TITLES | RANKS
    ):
        return False  # "Mr", but not "Superior Court Judge" nor "Cottonwood Police Sgt"
    if tokens[0].lower_.rstrip(".") in HONORIFICS - RANKS:
        return False  # a nickname: "Mr Unpopular Bubba Watson"
    if last.lower_ in MEDIA_WORDS:
        return False  # a caption cue run into the name: "Scroll down for video Abase Hussen"
    if is_person_noun(last):  # "Loose forward", "saxophonist": the tagger may call it a verb
        return True
    if last.tag_ in ADJECTIVE_TAGS and last.text[:1].isupper() and not last.is_sent_start:
        return True  # a nationality: "Colombian Camilo Villegas" (not "Former" opening one)
    # On the untuned halves this removed 6 wrong roles and 3 right ones ("retired couple").
    head = _head_word(tokens)
    if head.tag_ in COMMON_NOUN_TAGS and not head.ent_type_:
        return can_name_a_person(_compound(head))
    return last.tag_ in PROPER_NOUN_TAGS or last.ent_type_ == "NORP"


def noun_phrase(token: Token, *, edge: str, before: int | None = None) -> Token | None:
    """The largest common-noun phrase whose subtree has ``token`` as its left or right edge
    (counting only words before position ``before`` when given: the parser hangs an
    apposition's name under the noun it describes)."""
    best = None
    for candidate in [token, *token.ancestors]:
        if before is not None:
            if max(t.i for t in candidate.subtree if t.i < before) != token.i:
                break
        elif getattr(candidate, edge).i != token.i:
            break
        if candidate.tag_ in COMMON_NOUN_TAGS and not candidate.ent_type_:
            best = candidate
    return best


def attribute_of(verb: Token, who: Who | None) -> str:
    """The noun phrase a form of "to be" gives its subject: 'a golfer' in 'is a golfer'."""
    if verb.lower_ not in COPULAS:
        return ""
    attributes = [c for c in verb.rights if c.dep_ == "attr" and c.tag_ in COMMON_NOUN_TAGS]
    if not attributes:
        return ""
    attribute = attributes[0]
    return strip_role(list(verb.doc[attribute.left_edge.i : attribute.right_edge.i + 1]), who)
