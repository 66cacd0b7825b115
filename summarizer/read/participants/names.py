"""Finding the people, organisations and places an article names.

spaCy finds the entity mentions; this module cleans each mention into a name (no possessive,
honorific or post-nominal) and merges the mentions of one person (a bare surname, a
possessive "Starmer's", a first name) under the longest form of the name the text uses. The
label of a merged person is the majority over its mentions, because the small model
sometimes tags a surname as ORG; possessive mentions ("Zelenskyy's office") do not vote.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from summarizer.read.participants.given_names import is_given_name
from summarizer.read.participants.vocabulary import (
    ADJECTIVE_TAGS,
    COMMON_NOUN_TAGS,
    HONORIFICS,
    INSTITUTION_ENDINGS,
    NOT_NAME_ENDINGS,
    PERSON,
    PERSON_TITLES,
    PLACE_LABELS,
    POST_NOMINALS,
    PROPER_NOUN_TAGS,
    RELATIONS,
    SPEECH_VERBS,
)
from summarizer.text.parser import is_english_noun

# "AP", "J.P.", "B.B.": initials standing for given names.
_INITIALS = re.compile(r"[A-Z]{1,3}|(?:[A-Z]\.){1,3}")
_POSSESSIVE = re.compile(r"(?:['’]s?|\s+['’]s?)$")


@dataclass
class Mention:
    span: Span
    name: str
    label: str
    possessive: bool


@dataclass
class Cluster:
    name: str
    forms: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    mentions: list[Mention] = field(default_factory=list)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.forms[mention.name] += 1
        # The model tags "X's office" ORG whatever X is, so only a PERSON tag of a
        # possessive says something.
        if not mention.possessive or mention.label == PERSON:
            self.votes[mention.label] += 1

    @property
    def is_person(self) -> bool:
        person_votes = self.votes[PERSON]
        if not person_votes:
            return False
        return person_votes >= sum(self.votes.values()) - person_votes or self.named_in_full

    @property
    def named_in_full(self) -> bool:
        """The model tagged the full name a person ("Liana Barrientos") and it opens with a
        given name or initials ("AP McCoy"): its bare surname's other tags ("Barrientos" as a
        place, twelve times) are the model's confusion, not a second entity."""
        words = self.name.split()
        return (
            len(words) > 1
            and (is_given_name(words[0]) or _INITIALS.fullmatch(words[0]) is not None)
            and any(m.label == PERSON and m.name == self.name for m in self.mentions)
        )


def is_descriptor(token: Token) -> bool:
    """A word the model swept into a name that describes the person instead:
    "Veterinarian Lucyna ...", "Fusilier Lee Rigby", "Colombian Camilo Villegas"."""
    word = token.text.lower()
    return word in PERSON_TITLES or token.tag_ in ADJECTIVE_TAGS | COMMON_NOUN_TAGS


def clean_name(span: Span) -> tuple[str, bool]:
    """The mention's name without possessive, honorifics, descriptors or post-nominals."""
    tokens = [t for t in span if not t.is_space]
    possessive = bool(tokens) and tokens[-1].text in {"'s", "’s", "'", "’"}
    if possessive:
        tokens = tokens[:-1]
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and following.text in {"'s", "’s"}:
        possessive = True
    while tokens and tokens[0].text.lower() in HONORIFICS | {"the"}:
        tokens = tokens[1:]
    if span.label_ == PERSON:
        while len(tokens) > 2 and is_descriptor(tokens[0]):
            tokens = tokens[1:]
    # A score the model ran into the name ("C. Tolley 4-68") is not part of it, nor a
    # caption's verb ("Laura Janner-Klausner Signed: The letter ...").
    while tokens and (
        tokens[-1].text in POST_NOMINALS
        or (tokens[-1].tag_.startswith("VB") and len(tokens) > 1)
        or tokens[-1].is_punct
        or any(ch.isdigit() for ch in tokens[-1].text)
    ):
        tokens = tokens[:-1]
    if not tokens:
        return "", possessive
    # The text's own spacing keeps "Kuziel-Zawalich" whole; line breaks become spaces.
    name = " ".join(span.doc[tokens[0].i : tokens[-1].i + 1].text.split())
    return _POSSESSIVE.sub("", name).strip(), possessive


def _units(name: str) -> list[tuple[str, ...]]:
    """The words of a name, each split at its hyphens, whatever its apostrophes: captions and
    body text of one article write "Waley-Cohen" / "Waley Cohen" and "O'Toole" / "O’Toole"."""
    return [tuple(word.split("-")) for word in name.replace("’", "'").split()]


def _words(units: Sequence[tuple[str, ...]]) -> list[str]:
    return [word for unit in units for word in unit]


def _same_name(first: str, second: str) -> bool:
    return _words(_units(first)) == _words(_units(second))


def _is_form_of(short: str, full: str) -> bool:
    """True when ``short`` is a shorter way to write ``full`` (surname, first name, ...): a run
    of its whole words ("Waley Cohen" of "Sam Waley-Cohen"; not "Janner" of "Laura
    Janner-Klausner", another person)."""
    words, units = _words(_units(short)), _units(full)
    if len(words) >= len(_words(units)):
        return False
    return any(
        _words(units[i:j]) == words for i in range(len(units)) for j in range(i + 1, len(units) + 1)
    )


def plausible_person_name(cluster: Cluster) -> bool:
    name = cluster.name
    if not name or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return False
    words = name.split()
    if words[-1].lower() in INSTITUTION_ENDINGS:
        return False  # "Davis High School", "Burton Albion"
    if words[-1].lower() in NOT_NAME_ENDINGS and not (len(words) > 1 and is_given_name(words[0])):
        return False  # "Colditz Castle", "Manchester United"; not "Chris Lane"
    if _written_in_lower_case(cluster):
        return False  # "the updated Batch Processing guide" after "improved batch processing"
    if len(words) == 1:
        # A lone capitalised common noun ("Volunteer coordinator ...") is not a name.
        if not any(t.tag_ in PROPER_NOUN_TAGS for m in cluster.mentions for t in m.span):
            return False
        return any(_reads_as_person(m.span) for m in cluster.mentions)
    return True


def _written_in_lower_case(cluster: Cluster) -> bool:
    """Every word of a several-word name also stands in lower case in the same text: a
    capitalised term ("Batch Processing"), not a person; nobody writes "mark carney"."""
    words = cluster.name.split()
    if len(words) < 2 or not cluster.mentions:
        return False
    lower = _lower_case_words(cluster.mentions[0].span.doc)
    return all(word.lower() in lower and word[0].isupper() for word in words)


_LOWER_CASE_WORDS = "newsdigest_lower_case_words"


def _lower_case_words(doc: Doc) -> set[str]:
    """The words ``doc`` writes in lower case, collected once per text: every several-word
    name of the text asks (a walk over the whole text each time was a tenth of a parse)."""
    if _LOWER_CASE_WORDS not in doc.user_data:
        doc.user_data[_LOWER_CASE_WORDS] = {token.text for token in doc if token.is_lower}
    words: set[str] = doc.user_data[_LOWER_CASE_WORDS]
    return words


def reads_as_personal_name(span: Span, name: str) -> bool:
    """Two or three capitalised words the model tagged an organisation or a place that the
    text treats as a person: followed by an age ("Julia Church, 67,"), after a title or a
    relation ("Zoo visitor Terra Lurie"), listed with people ("Davit Koridze, Duran Goktepe
    and ..."), or opening with a given name, ending in no common noun, and not a place the
    text names again ("Rita Sklar", "Jordan Spieth"; not "Virginia Beach", "Hong Kong")."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(
        w[:1].isupper() and w[1:].isalpha() and not w.isupper() for w in words
    ):
        return False
    if _followed_by_age(span):
        return True
    if words[-1].lower() in NOT_NAME_ENDINGS:
        return False
    # "the Commerce Department said", "Rochester Fire Department": an organisation speaks
    # and has a common noun for a last word.
    if is_english_noun(words[-1]):
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in PERSON_TITLES | RELATIONS:
        return True
    if _listed_with_people(span):
        return True
    return (
        is_given_name(words[0])
        and (before is None or before.lower_ != "the")
        # "Hong Kong", again and again; "Houston Astros" where "Houston" is a place.
        and _place_mentions(span.doc, name) < 2
        and not _place_mentions(span.doc, words[0])
    )


def _place_mentions(doc: Doc, name: str) -> int:
    return sum(1 for e in doc.ents if e.label_ in PLACE_LABELS and e.text == name)


def untagged_people(doc: Doc) -> list[Span]:
    """Names the model left untagged that the text marks as people: two or three capitalised
    words opening with a given name, after a title, rank or honorific ("veteran Sgt Jeremy
    Daniels") or before a speech verb ("Rita Sklar said")."""
    found = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.ent_type_ or token.tag_ not in PROPER_NOUN_TAGS or not is_given_name(token.text):
            i += 1
            continue
        end = i + 1
        while (
            end < len(doc)
            and end - i < 3
            and doc[end].tag_ in PROPER_NOUN_TAGS
            and not doc[end].ent_type_
            and doc[end].text.istitle()
        ):
            end += 1
        span = Span(doc, i, end, label=PERSON)
        # The words after the first were taken only when title-case.
        if end - i >= 2 and token.text.istitle() and _reads_as_person(span):
            found.append(span)
        i = end
    return found


def _followed_by_age(span: Span) -> bool:
    """ ", 67," or ", 67." right after a name: the news habit of giving a person's age."""
    after = span.doc[span.end : span.end + 3]
    return (
        len(after) == 3
        and after[0].text == ","
        and after[1].text.isdigit()
        and 0 < int(after[1].text) < 120
        and after[2].text in {",", ".", ")", "and"}
    )


def first_of_list(span: Span) -> Token:
    """The head word of the first item of the list the name is part of (the name's own head
    when it is not in a list): the parser hangs each later item on the one before."""
    first = span.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return first


def _listed_with_people(span: Span) -> bool:
    """The name is one of a list whose other members include two or more people ("FKA Twigs,
    Rihanna and Lady Gaga", "Davit Koridze, Duran Goktepe, Aliaksandr Paharelau")."""
    root = first_of_list(span)
    members = [root, *(t for t in root.subtree if t.dep_ == "conj")]
    people = {t.i for t in members if t.ent_type_ == PERSON and not span.start <= t.i < span.end}
    return len(people) >= 2


def _reads_as_person(span: Span) -> bool:
    """A lone name ("Audrey", "Aspell", but also "Tesco", "Spurs") that the text treats as a
    person: after an honorific, a title or a relation ("his wife Audrey", "Prince William"),
    as the one who speaks ("Aspell said"), or sharing a surname ("Ruth and Peter Gaver")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (
        before.lower_ in HONORIFICS | PERSON_TITLES | RELATIONS
        or before.lower_.rstrip(".") in HONORIFICS
    ):
        return True
    following = doc[span.end : span.end + 2]
    if any(t.lower_ in SPEECH_VERBS for t in following):
        return True
    if [t.lower_ for t in following] == [",", "who"]:
        return True
    if (
        len(following) == 2
        and following[0].lower_ == "and"
        and following[1].ent_type_ == PERSON
        and span.label_ == PERSON
    ):
        return True  # "Ruth and Peter Gaver": one surname for two people
    if span.root.dep_ == "nsubj" and span.root.head.lower_ in SPEECH_VERBS:
        return True
    return _listed_with_people(span)


def cluster_people(mentions: Sequence[Mention]) -> list[Cluster]:
    """Group person-like mentions under the longest form of each name."""
    person_forms = {m.name for m in mentions if m.label == PERSON}
    # A non-PERSON mention joins only when it is a form of a name spaCy also tagged PERSON.
    candidates = [
        m
        if m.label == PERSON or not _reads_as_person(m.span)
        # "Julia explained", "Julia, who ...": the model's ORG for a person's short name.
        else Mention(m.span, m.name, PERSON, m.possessive)
        for m in mentions
        if m.label == PERSON
        or any(_same_name(m.name, form) or _is_form_of(m.name, form) for form in person_forms)
    ]
    longest_first = sorted(
        {m.name for m in candidates}, key=lambda n: (-len(_words(_units(n))), -len(n.split()), n)
    )
    clusters: dict[str, Cluster] = {}
    canonical_of: dict[str, list[str]] = {}
    for form in longest_first:
        owners = [name for name in clusters if _same_name(form, name) or _is_form_of(form, name)]
        if owners:
            canonical_of[form] = owners
        else:
            clusters[form] = Cluster(form)
            canonical_of[form] = [form]
    last_seen: dict[str, int] = {}
    for mention in sorted(candidates, key=lambda m: m.span.start):
        owners = canonical_of[mention.name]
        # A surname two people share goes to whoever of them was named most recently.
        owner = max(owners, key=lambda name: last_seen.get(name, -1))
        clusters[owner].add(mention)
        last_seen[owner] = mention.span.start
    return list(clusters.values())


def entity_of(token: Token) -> Span | None:
    """The named entity ``token`` is part of, if any."""
    if not token.ent_type_:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def capitalised_common_noun(ent: Span) -> bool:
    """Common nouns capitalised only because they open a sentence, which the model may
    still tag as an organisation or a place."""
    words = [t for t in ent if not t.is_punct]
    return (
        bool(words)
        and words[0].is_sent_start
        and all(
            t.tag_ in COMMON_NOUN_TAGS and not t.text.isupper() and is_english_noun(t.text)
            for t in words
        )
    )
