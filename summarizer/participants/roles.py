"""Who an article involves: people with the role the text gives them, organisations, places.

spaCy finds the entity mentions; this module turns mentions into participants:

* mentions of one person are merged (a bare surname, a possessive "Starmer's", a first name)
  under the longest form of the name the text uses;
* the label of a merged person is the majority over its mentions, because the small model
  sometimes tags a surname as ORG. Possessive mentions ("Zelenskyy's office") do not vote: the
  model tags "X's office" as an organisation whether X is a person or not;
* the role comes from the text around a mention: a title before the name ("British Prime
  Minister Keir Starmer"), an apposition after it ("Andriy Yermak, the Ukrainian president's
  chief of staff") or before it ("the U.S. envoy for peace talks, Steve Witkoff"), else from
  what a sentence says of the person ("was confirmed as ...", "his role as ...", "The Prime
  Minister said" opening the next sentence). Of several, the current post naming an
  affiliation wins ("Borussia Dortmund boss" over "compatriot").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from summarizer.analysis.nlp import is_english_noun
from summarizer.models import NamedEntity, Participants, Person

PERSON = "PERSON"
ORGANIZATION_LABELS = frozenset({"ORG"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_POSSESSIVE = re.compile(r"(?:['’]s?|\s+['’]s?)$")
_HONORIFICS = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "judge",
        "lt",
        "lt.",
        "major",
        "gen",
        "gen.",
        "col",
        "col.",
        "capt",
        "capt.",
        "sgt",
        "sgt.",
        "rev",
        "rev.",
        "prince",
        "princess",
    ]
)
_POST_NOMINALS = frozenset({"MP", "MEP", "QC", "KC", "Jr", "Jr.", "Sr", "Sr."})
_ROLE_MAX_TOKENS = 12
# Penn Treebank tags straight from the tagger: the pipeline skips the attribute ruler that
# maps them to coarse POS, which costs about a sixth of the parse time.
_COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})
_PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})
_ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})
# Job titles that only people hold: "Harbour master Ingrid de Vries" is a person even when
# the model tags the name ORG. Companies have descriptions ("carmaker Ford"), not these.
_PERSON_TITLES = frozenset(
    [
        "president",
        "minister",
        "premier",
        "chancellor",
        "mayor",
        "governor",
        "senator",
        "congressman",
        "congresswoman",
        "ambassador",
        "envoy",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "executive",
        "chief",
        "manager",
        "coach",
        "captain",
        "master",
        "officer",
        "councillor",
        "councilor",
        "coordinator",
        "engineer",
        "teacher",
        "professor",
        "judge",
        "lawyer",
        "attorney",
        "prosecutor",
        "founder",
        "editor",
        "reporter",
        "correspondent",
        "economist",
        "analyst",
        "inspector",
        "detective",
        "sergeant",
        "commander",
        "general",
        "admiral",
        "king",
        "queen",
        "prince",
        "princess",
        "bishop",
        "pope",
        "archbishop",
        "rabbi",
        "imam",
        "pastor",
        "priest",
        "doctor",
        "nurse",
        "surgeon",
        "scientist",
        "researcher",
        "author",
        "writer",
        "actor",
        "actress",
        "singer",
        "veterinarian",
        "vet",
        "fusilier",
        "corporal",
        "player",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "boss",
        "owner",
        "leader",
        "candidate",
        "lawmaker",
        "mp",
        "mep",
        "deputy",
        "aide",
        "adviser",
        "advisor",
        "forward",
        "winger",
        "prop",
        "jockey",
        "trainer",
        "golfer",
        "batsman",
        "bowler",
        "rider",
        "cyclist",
        "model",
        "student",
        "expert",
        "cleric",
        "activist",
        "campaigner",
        "artist",
        "photographer",
        "musician",
        "comedian",
        "presenter",
        "pundit",
        "designer",
        "chef",
        "soldier",
        "pilot",
        "champion",
    ]
)


def _words(text: str) -> list[str]:
    return text.split()


_ANCHORED_PRONOUNS = frozenset({"his", "her", "their"})
_COPULAS = frozenset({"is", "was", "'s", "’s"})
_APPOINTED = frozenset(
    _words(
        """appointed appoint appoints named name names confirmed confirm confirms elected
        elect elects re-elected chosen chose choose hired hire hires installed sworn voted
        crowned unveiled unveil unveils serves served works worked"""
    )
)
# "his role as ...": nouns for the post someone holds.
_POSTS = frozenset(_words("role job post position spell stint tenure time career"))
# "X, who leads the union" -> "leader of the union".
_AGENT_NOUNS = {
    "leads": "leader", "led": "leader", "heads": "head", "headed": "head", "chairs": "chair",
    "runs": "head", "ran": "head", "manages": "manager", "managed": "manager",
    "coaches": "coach", "coached": "coach", "owns": "owner", "owned": "owner",
    "founded": "founder", "directs": "director", "directed": "director",
    "represents": "representative", "captains": "captain", "trains": "trainer",
    "trained": "trainer", "edits": "editor", "edited": "editor", "presents": "presenter",
}  # fmt: skip
_RANKS = frozenset(
    _words(
        """major captain capt lieutenant lt colonel col general gen sergeant sgt corporal cpl
        private admiral commander prince princess king queen judge professor prof"""
    )
)
# Words that end places, venues, teams and products, never a person's name.
_NOT_NAME_ENDINGS = frozenset(
    [
        "castle",
        "road",
        "street",
        "avenue",
        "lane",
        "square",
        "bridge",
        "tower",
        "church",
        "cathedral",
        "stadium",
        "airport",
        "hotel",
        "hall",
        "park",
        "club",
        "fc",
        "united",
        "city",
        "rovers",
        "wanderers",
        "skirt",
        "dress",
        "bag",
        "shoes",
    ]
)
# What precedes a lone first name or surname that is a person: "his wife Audrey", "Prince
# William", "daughter Wyatt".
_RELATIONS = frozenset(
    [
        "wife",
        "husband",
        "son",
        "daughter",
        "father",
        "mother",
        "dad",
        "mum",
        "mom",
        "brother",
        "sister",
        "girlfriend",
        "boyfriend",
        "partner",
        "friend",
        "neighbour",
        "neighbor",
        "uncle",
        "aunt",
        "cousin",
        "fiance",
        "fiancé",
        "fiancee",
        "fiancée",
        "grandson",
        "granddaughter",
        "grandfather",
        "grandmother",
        "nephew",
        "niece",
        "colleague",
    ]
)
_MEDIA_WORDS = frozenset(_words("video videos image images picture pictures photo photos footage"))
_SPEECH_VERBS = frozenset(
    _words(
        """said says told tells added adds wrote writes explained explains insisted insists
        admitted admits noted notes revealed reveals claimed claims recalled recalls replied
        tweeted posted alleged alleges argued argues warned warns"""
    )
)
# Editorial insertions in quotes: "(Russian president Vladimir) Putin" reads as one phrase.
_BRACKETED_LEAD_IN = re.compile(r"\(((?:[^()\s]+\s+)+[A-Z][\w’'-]*)\)\s+(?=[A-Z])")


def unwrap_editorial_brackets(text: str) -> tuple[str, list[int]]:
    """Turn "(Russian president Vladimir) Putin" into "Russian president Vladimir Putin".

    Returns the new text and, for every position in it (plus its end), the position in
    ``text`` it came from, so spans found in the new text map back to verbatim originals.
    """
    pieces: list[str] = []
    origin: list[int] = []
    cursor = 0
    for match in _BRACKETED_LEAD_IN.finditer(text):
        pieces.append(text[cursor : match.start()])
        origin.extend(range(cursor, match.start()))
        inner_start, inner_end = match.span(1)
        pieces.append(text[inner_start:inner_end] + " ")
        origin.extend([*range(inner_start, inner_end), match.end() - 1])
        cursor = match.end()
    pieces.append(text[cursor:])
    origin.extend(range(cursor, len(text) + 1))
    return "".join(pieces), origin


@dataclass
class _Mention:
    span: Span
    name: str
    label: str
    possessive: bool


@dataclass
class _Cluster:
    name: str
    forms: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    mentions: list[_Mention] = field(default_factory=list)

    def add(self, mention: _Mention) -> None:
        self.mentions.append(mention)
        self.forms[mention.name] += 1
        # The model tags "X's office" ORG whatever X is, so only a PERSON tag of a
        # possessive says something.
        if not mention.possessive or mention.label == PERSON:
            self.votes[mention.label] += 1

    @property
    def is_person(self) -> bool:
        person_votes = self.votes[PERSON]
        return person_votes > 0 and person_votes >= sum(self.votes.values()) - person_votes


def _is_descriptor(token: Token) -> bool:
    """A word the model swept into a name that describes the person instead:
    "Veterinarian Lucyna ...", "Fusilier Lee Rigby", "Colombian Camilo Villegas"."""
    word = token.text.lower()
    return word in _PERSON_TITLES or token.tag_ in _ADJECTIVE_TAGS | _COMMON_NOUN_TAGS


def _clean_name(span: Span) -> tuple[str, bool]:
    """The mention's name without possessive, honorifics, descriptors or post-nominals."""
    tokens = [t for t in span if not t.is_space]
    possessive = bool(tokens) and tokens[-1].text in {"'s", "’s", "'", "’"}
    if possessive:
        tokens = tokens[:-1]
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and following.text in {"'s", "’s"}:
        possessive = True
    while tokens and tokens[0].text.lower() in _HONORIFICS | {"the"}:
        tokens = tokens[1:]
    if span.label_ == PERSON:
        while len(tokens) > 2 and _is_descriptor(tokens[0]):
            tokens = tokens[1:]
    # A score the model ran into the name ("C. Tolley 4-68") is not part of it.
    while tokens and (
        tokens[-1].text in _POST_NOMINALS
        or tokens[-1].is_punct
        or any(ch.isdigit() for ch in tokens[-1].text)
    ):
        tokens = tokens[:-1]
    if not tokens:
        return "", possessive
    # The text's own spacing keeps "Kuziel-Zawalich" whole; line breaks become spaces.
    name = " ".join(span.doc[tokens[0].i : tokens[-1].i + 1].text.split())
    return _POSSESSIVE.sub("", name).strip(), possessive


def _is_form_of(short: str, full: str) -> bool:
    """True when ``short`` is a shorter way to write ``full`` (surname, first name, ...)."""
    short_tokens, full_tokens = short.split(), full.split()
    if len(short_tokens) >= len(full_tokens):
        return False
    width = len(short_tokens)
    return any(
        full_tokens[i : i + width] == short_tokens for i in range(len(full_tokens) - width + 1)
    )


def _plausible_person_name(cluster: _Cluster) -> bool:
    name = cluster.name
    if not name or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return False
    if name.split()[-1].lower() in _NOT_NAME_ENDINGS:
        return False  # "Colditz Castle", "Manchester United", "Mini Skirt"
    if len(name.split()) == 1:
        # A lone capitalised common noun ("Volunteer coordinator ...") is not a name.
        if not any(t.tag_ in _PROPER_NOUN_TAGS for m in cluster.mentions for t in m.span):
            return False
        return any(_reads_as_person(m.span) for m in cluster.mentions)
    return True


def _reads_as_person(span: Span) -> bool:
    """A lone name ("Audrey", "Aspell", but also "Tesco", "Spurs") that the text treats as a
    person: after an honorific, a title or a relation ("his wife Audrey", "Prince William"),
    or as the one who speaks ("Aspell said")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (
        before.lower_ in _HONORIFICS | _PERSON_TITLES | _RELATIONS
        or before.lower_.rstrip(".") in _HONORIFICS
    ):
        return True
    following = doc[span.end : span.end + 2]
    if any(t.lower_ in _SPEECH_VERBS for t in following):
        return True
    if [t.lower_ for t in following] == [",", "who"]:
        return True
    return span.root.dep_ == "nsubj" and span.root.head.lower_ in _SPEECH_VERBS


def _has_person_title(span: Span) -> bool:
    title = _title_before(span)
    return bool(title) and title.split()[-1].lower() in _PERSON_TITLES


def _cluster_people(mentions: Sequence[_Mention]) -> list[_Cluster]:
    """Group person-like mentions under the longest form of each name."""
    person_forms = {m.name for m in mentions if m.label == PERSON}
    # A non-PERSON mention joins only when it is a form of a name spaCy also tagged PERSON.
    candidates = [
        m
        if m.label == PERSON or not _reads_as_person(m.span)
        # "Julia explained", "Julia, who ...": the model's ORG for a person's short name.
        else _Mention(m.span, m.name, PERSON, m.possessive)
        for m in mentions
        if m.label == PERSON
        or any(m.name == form or _is_form_of(m.name, form) for form in person_forms)
    ]
    longest_first = sorted({m.name for m in candidates}, key=lambda n: (-len(n.split()), n))
    clusters: dict[str, _Cluster] = {}
    canonical_of: dict[str, list[str]] = {}
    for form in longest_first:
        owners = [name for name in clusters if _is_form_of(form, name)]
        if owners:
            canonical_of[form] = owners
        else:
            clusters[form] = _Cluster(form)
            canonical_of[form] = [form]
    last_seen: dict[str, int] = {}
    for mention in sorted(candidates, key=lambda m: m.span.start):
        owners = canonical_of[mention.name]
        # A surname two people share goes to whoever of them was named most recently.
        owner = max(owners, key=lambda name: last_seen.get(name, -1))
        clusters[owner].add(mention)
        last_seen[owner] = mention.span.start
    return list(clusters.values())


@dataclass(frozen=True)
class _Who:
    """Whose role is being read (their forms), and every name the article's people go by."""

    own: frozenset[str]
    people: frozenset[str]


def _anchor_before(position: int, doc: Doc, who: _Who | None) -> str:
    """The person a possessive pronoun before ``position`` most likely points to: the last
    person named before it who is not the person being described."""
    sentence = doc[position].sent

    def named(start: int, end: int) -> list[tuple[Span, str]]:
        found = []
        for ent in doc.ents:
            if ent.label_ == PERSON and start <= ent.start and ent.end <= end:
                name, _ = _clean_name(ent)
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


def _strip_role(tokens: list[Token], who: _Who | None = None) -> str:
    # A capitalised article inside the phrase starts a sentence the text ran on from a
    # caption: "... from a concert The teen's attorney".
    restart = [i for i, t in enumerate(tokens) if i and t.tag_ == "DT" and t.text[:1].isupper()]
    if restart:
        tokens = tokens[restart[-1] :]
    while tokens and (tokens[0].dep_ in {"det", "cc", "punct", "nummod"} or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > _ROLE_MAX_TOKENS:
        return ""
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
        and (not t.ent_type_ or t.ent_type_ == "NORP" or _is_descriptor(t))  # "Colombian"
    ]
    if not describing or not _describes(tokens):
        return ""
    anchor = ""
    if tokens[0].tag_ == "PRP$" and tokens[0].lower_ in _ANCHORED_PRONOUNS:
        # "his wife Audrey" -> "Leishman's wife": the role names whose wife she is.
        anchor = _anchor_before(tokens[0].i, tokens[0].doc, who)
        tokens = tokens[1:]
        if not tokens:
            return ""
    elif len(tokens) == 1 and tokens[0].lower_ in _RELATIONS:
        # "with partner Ashton Kutcher" -> "Mila Kunis's partner".
        anchor = _anchor_before(tokens[0].i, tokens[0].doc, who)
    text = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    role = " ".join(text.split()).replace("’", "'")
    return f"{anchor}'s {role}" if anchor else role


def _describes(tokens: list[Token]) -> bool:
    """A role names what someone is: it ends in a noun or a nationality ("Colombian"), and is
    more than an honorific ("Mr", "Princess") or an adverb ("most notably")."""
    last = tokens[-1]
    if last.lower_.rstrip(".") in _HONORIFICS:
        return False
    if tokens[0].lower_.rstrip(".") in _HONORIFICS - _RANKS:
        return False  # a nickname: "Mr Unpopular Bubba Watson"
    if last.lower_ in _MEDIA_WORDS:
        return False  # a caption cue run into the name: "Scroll down for video Abase Hussen"
    if last.lower_ in _PERSON_TITLES:  # "Loose forward": the tagger may call it an adverb
        return True
    if last.tag_ in _ADJECTIVE_TAGS and last.text[:1].isupper() and not last.is_sent_start:
        return True  # a nationality: "Colombian Camilo Villegas" (not "Former" opening one)
    return last.tag_ in _COMMON_NOUN_TAGS | _PROPER_NOUN_TAGS or last.ent_type_ == "NORP"


def _title_before(span: Span, who: _Who | None = None) -> str:
    """'French President' in 'French President Emmanuel Macron'."""
    inside = set(range(span.start, span.end))
    modifiers: set[int] = set()
    for token in span:
        for child in token.lefts:
            if child.i not in inside and child.dep_ not in {"det", "cc", "punct", "prep"}:
                modifiers.update(t.i for t in child.subtree)
    run: list[int] = []
    i = span.start - 1
    while (i in modifiers or (span.doc[i].text in _JOINERS and i - 1 in modifiers)) and not (
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
    while span.label_ == PERSON and len(inside_name) > 2 and _is_descriptor(inside_name[0]):
        run.append(inside_name.pop(0).i)
    return _strip_role([span.doc[j] for j in sorted(run)], who)


_JOINERS = frozenset({"-", "/", "&"})


def _ends_a_phrase(token: Token) -> bool:
    """Punctuation a title cannot span: quotes ("'thief' Mila Kunis"), brackets, colons.
    Hyphens and the possessive join words ("vice-captain", "Fowler's girlfriend")."""
    return token.is_punct and token.tag_ not in {"HYPH", "POS"} and token.text not in _JOINERS


_TITLE_TAGS = (
    _COMMON_NOUN_TAGS | _PROPER_NOUN_TAGS | _ADJECTIVE_TAGS | {"HYPH", "POS", "VBG", "AFX"}
)
_NOT_TITLE_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _title_words_before(span: Span, who: _Who | None) -> list[int]:
    """Positions of the words right before a name that read as its title: nouns, adjectives
    and title words, joined by hyphens, slashes, possessives and "and" ("Rickie Fowler's
    girlfriend and bikini model"). Empty unless the word next to the name is a title word or
    the parser hangs it on the name."""
    doc = span.doc
    own_words = {word for form in who.own for word in form.split()} if who else set()

    def title_like(token: Token) -> bool:
        if token.ent_type_ in _NOT_TITLE_ENTITIES:
            return False
        ent = _entity_of(token)
        if ent is not None:
            # Another person only as an owner ("Rickie Fowler's girlfriend"), whatever the
            # model's label for them; a team it took for a person is fine ("Warrington
            # Wolves forward").
            name, owner = _clean_name(ent)
            if who is None:
                person = ent.label_ == PERSON
            else:
                person = name in who.people or bool(own_words & set(name.split()))
            if person and not owner:
                return False
        if token.tag_ == "VBG" and token.dep_ != "amod":
            return False  # a verb ("including his girlfriend"), not "reigning champion"
        return token.tag_ in _TITLE_TAGS or token.lower_ in _PERSON_TITLES

    def person_word(i: int) -> bool:
        word = doc[i].lower_
        owned = i > 0 and doc[i - 1].tag_ == "POS"
        return word in _PERSON_TITLES or (word in _RELATIONS and owned)

    run: list[int] = []
    i = span.start - 1
    while i >= 0 and not doc[i].is_space and not _ends_a_phrase(doc[i]):
        token = doc[i]
        if run and token.lower_ in _RELATIONS and not person_word(i):
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
        last.lower_ in _PERSON_TITLES
        or last.ent_type_ == "NORP"
        or (last.tag_ == "NN" and span.start <= last.head.i < span.end)
    )
    return sorted(run) if ends_a_title else []


def _entity_of(token: Token) -> Span | None:
    """The named entity ``token`` is part of, if any."""
    if not token.ent_type_:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _names_two_teams(before: Token, after: Token) -> bool:
    """'Killie and Hearts' in 'Ex-Killie and Hearts player': names on both sides of "and",
    neither of them a person."""
    return all(
        token.text[:1].isupper() and token.ent_type_ != PERSON and not token.is_sent_start
        for token in (before, after)
    )


def _rank(span: Span, who: _Who | None = None) -> str:
    """A rank or royal style that is all the text says: 'Major' in 'Major Tom Stallard'."""
    doc = span.doc
    words = [doc[span.start - 1]] if span.start > 0 else []
    words.append(span[0])
    for word in words:
        if word.lower_.rstrip(".") in _RANKS:
            return word.text
    return ""


def _noun_phrase(token: Token, *, edge: str, before: int | None = None) -> Token | None:
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
        if candidate.tag_ in _COMMON_NOUN_TAGS and not candidate.ent_type_:
            best = candidate
    return best


def _apposition_after(span: Span, who: _Who | None = None) -> str:
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
        head = _noun_phrase(doc[first], edge="left_edge")
    if head is None:
        return ""
    end = head.right_edge.i
    # "Niall Horan, the keen golf-playing member of One Direction but better known ..."
    cut = next(
        (t.i for t in doc[head.i + 1 : end + 1] if t.lower_ in {"but", "who", "which", "whose"}),
        None,
    )
    if cut is not None:
        end = cut - 1
    elif end + 1 < len(doc) and doc[end + 1].text not in {",", ".", ")", ";", "—", "–"}:
        return ""
    return _strip_role(list(doc[first : end + 1]), who)


def _apposition_before(span: Span, who: _Who | None = None) -> str:
    """'U.S. envoy for peace talks' in 'the U.S. envoy for peace talks, Steve Witkoff,'."""
    doc = span.doc
    comma = span.start - 1
    if comma < 1 or doc[comma].text != ",":
        return ""
    head = _noun_phrase(doc[comma - 1], edge="right_edge", before=comma)
    if head is None or head.right_edge.i > span.end:
        return ""
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text not in {",", ".", ";", ")"}:
        return ""
    phrase = list(doc[head.left_edge.i : comma])
    if any(t.text in {",", "—", "–", ";"} for t in phrase):
        return ""  # a list ("his sister, Princess Beatrice, and mother"), not one description
    return _strip_role(phrase, who)


def _next_sentence_calls(span: Span, who: _Who | None = None) -> str:
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
    if not subject or noun.lower_ not in _PERSON_TITLES or not 0 < noun.i - first.i <= 3:
        return ""
    return _strip_role(list(doc[first.i : noun.i + 1]), who)


def _copular(span: Span, who: _Who | None = None) -> str:
    """'a golfer' in 'Fowler is a golfer': the person is the subject, the role the attribute."""
    root = span.root
    verb = root.head
    if root.dep_ != "nsubj":
        return ""
    return _attribute_of(verb, who)


def _attribute_of(verb: Token, who: _Who | None) -> str:
    """The noun phrase a form of "to be" gives its subject: 'a golfer' in 'is a golfer'."""
    if verb.lower_ not in _COPULAS:
        return ""
    attributes = [c for c in verb.rights if c.dep_ == "attr" and c.tag_ in _COMMON_NOUN_TAGS]
    if not attributes:
        return ""
    attribute = attributes[0]
    return _strip_role(list(verb.doc[attribute.left_edge.i : attribute.right_edge.i + 1]), who)


def _named_as(span: Span, who: _Who | None = None) -> str:
    """The post a sentence gives someone: 'Kilmarnock's permanent manager' in 'Gary Locke
    will be confirmed as ...' or 'Kilmarnock will confirm Gary Locke as ...', 'captain' in
    'Smith was named captain', 'the most unpopular golfer on tour' in 'Watson was voted the
    most unpopular golfer on tour by his fellow professionals'."""
    root = span.root
    verb = root.head
    if verb.lower_ not in _APPOINTED:
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
        if child.tag_ in _COMMON_NOUN_TAGS:
            # The noun and what qualifies it ("on tour"), not the agent ("by his fellow
            # professionals") nor when ("on Friday").
            end = child.i
            for qualifier in child.rights:
                if qualifier.dep_ != "prep" or qualifier.lower_ == "by":
                    break
                if any(t.ent_type_ in _NOT_TITLE_ENTITIES for t in qualifier.subtree):
                    break
                end = qualifier.right_edge.i
            return _strip_role(list(span.doc[child.left_edge.i : end + 1]), who)
    return ""


def _role_as(span: Span, who: _Who | None = None) -> str:
    """'Borussia Dortmund boss' in 'Jurgen Klopp has revealed he will be vacating his role as
    Borussia Dortmund boss': the subject's own post, named in the same sentence."""
    if span.root.dep_ != "nsubj":
        return ""
    for token in span.sent:
        if token.i < span.end:
            continue
        if token.ent_type_ == PERSON:
            return ""  # someone else is named first: "his" may be theirs
        if token.lower_ not in _POSTS or not any(
            c.dep_ == "poss" and c.lower_ in _ANCHORED_PRONOUNS for c in token.children
        ):
            continue
        # The parser hangs "as" on the post or on its verb ("leaving his role as ...").
        preps = [*token.rights, *(c for c in token.head.rights if c.i > token.i)]
        for prep in preps:
            objects = [c for c in prep.children if c.dep_ == "pobj"] if prep.lower_ == "as" else []
            if objects:
                noun = objects[0]
                return _strip_role(list(span.doc[noun.left_edge.i : noun.i + 1]), who)
    return ""


def _who_clause(span: Span, who: _Who | None = None) -> str:
    """The role a relative clause states: 'union leader' style roles from 'X, who leads the
    union' ("leader of the union") or 'X, who is the club's chairman'."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != "," or doc[span.end + 1].lower_ != "who":
        return ""
    verb = doc[span.end + 1].head
    if verb.dep_ != "relcl":
        return ""
    if verb.lower_ in _COPULAS:
        return _attribute_of(verb, who)
    agent = _AGENT_NOUNS.get(verb.lower_)
    objects = [c for c in verb.rights if c.dep_ == "dobj"]
    if agent is None or not objects:
        return ""
    phrase = doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
    if len(phrase) > _ROLE_MAX_TOKENS or any(t.ent_type_ == PERSON for t in phrase):
        return ""
    # Keep "the": "leader of the union" reads as the text does.
    return f"{agent} of {' '.join(phrase.text.split())}".replace("’", "'")


def _described_by(span: Span, who: _Who | None = None) -> str:
    """The noun a name stands in apposition to: 'his wife' in 'his wife Audrey', 'first-team
    players at Kilmarnock' in '... first-team players at Kilmarnock — Manuel Pascali, Alexei
    Eremenko'. Every name of a list shares the description (made singular), and a title
    before the first name of a list describes them all."""
    first = span.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    doc = span.doc
    if first.dep_ == "appos" and first.head.tag_ in _COMMON_NOUN_TAGS and first.head.i < first.i:
        head = first.head
        name_start = min(t.i for t in first.subtree if t.ent_type_ == PERSON or t.i == first.i)
        before = [t.i for t in head.subtree if t.i < name_start and not t.is_punct]
        if not before:
            return ""
        end = max(before)
        role = _strip_role(list(doc[head.left_edge.i : end + 1]), who)
        plural = head.text if head.tag_ == "NNS" else ""
    elif first.i != span.root.i and first.ent_type_ == PERSON:
        ent = _entity_of(first)
        if ent is None or ent.start == 0 or doc[ent.start - 1].tag_ != "NNS":
            return ""  # "producer Rodney Jerkins, singer Eddie Money": each has their own
        role = _title_before(ent, who)
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


def _role(cluster: _Cluster, people: frozenset[str]) -> str | None:
    """The role the text states, from every mention: the finders below in order of
    preference, then ``_best_role`` picks."""
    ordered = sorted(cluster.mentions, key=lambda m: m.span.start)
    who = _Who(frozenset(cluster.forms), people)
    # What the text attaches to the name comes first (a title, an apposition, the noun it
    # stands beside, a who-clause), then a bare rank or royal style ("Princess Eugenie"),
    # then what a sentence says the person is, then what the next sentence calls them.
    finders = (
        _title_before,
        _apposition_after,
        _apposition_before,
        _described_by,
        _who_clause,
        _rank,
        _named_as,
        _role_as,
        _copular,
        _next_sentence_calls,
    )

    found = [
        (rank, role)
        for rank, finder in enumerate(finders)
        for role in (finder(m.span, who) for m in ordered)
        if role
    ]
    return _best_role(found) if found else None


def _best_role(found: list[tuple[int, str]]) -> str:
    """Of the roles found (with their finder's rank), the one that says most about the
    person's part in the story: a current post over one they have left, one naming whom
    they work for or belong to ("Borussia Dortmund boss" over "compatriot"), then the
    finders' order, then the longest."""
    heads = {role.split()[-1].lower() for _, role in found}

    def former(role: str) -> bool:
        # "Ex-Killie player" beside "the club's new manager"; "Former England captain"
        # beside "captain" is one post, so the fuller form stays.
        first = role.split()[0].lower()
        left = first in {"former", "ex"} or first.startswith("ex-")
        return left and bool(heads - {role.split()[-1].lower()})

    _, role = max(
        found,
        key=lambda item: (
            not former(item[1]),
            _names_an_affiliation(item[1]),
            -item[0],
            len(item[1].split()),
        ),
    )
    return role


def _names_an_affiliation(role: str) -> bool:
    """A capitalised word that is not a title word: 'Arsenal' in 'Arsenal defender', 'Fowler'
    in "Rickie Fowler's girlfriend"; not 'Prime Minister'. A capitalised first word of a
    longer role counts too ("Arsenal defender"), so one that is capitalised only because it
    opened a sentence ("Loose forward") passes as well: the role's text no longer says
    where it stood."""
    words = re.findall(r"[\w-]+", role)
    return any(word[:1].isupper() and word.lower() not in _PERSON_TITLES for word in words[1:]) or (
        len(words) > 1 and words[0][:1].isupper() and words[0].lower() not in _PERSON_TITLES
    )


def _capitalised_common_noun(ent: Span) -> bool:
    """Common nouns capitalised only because they open a sentence, which the model may
    still tag as an organisation or a place."""
    words = [t for t in ent if not t.is_punct]
    return (
        bool(words)
        and words[0].is_sent_start
        and all(
            t.tag_ in _COMMON_NOUN_TAGS and not t.text.isupper() and is_english_noun(t.text)
            for t in words
        )
    )


def _entities(mentions: Iterable[_Mention], exclude: set[str]) -> tuple[NamedEntity, ...]:
    counts: Counter[str] = Counter(m.name for m in mentions if m.name and m.name not in exclude)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(NamedEntity(name, n) for name, n in ranked)


def participants_from_doc(doc: Doc, *, extra_places: Sequence[str] = ()) -> Participants:
    """Extract the participants of one parsed article."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in {PERSON} | ORGANIZATION_LABELS | PLACE_LABELS:
            continue
        name, possessive = _clean_name(ent)
        if not name:
            continue
        label = ent.label_
        if label != PERSON and _capitalised_common_noun(ent):
            continue  # "Education officer Samuel Reyes", "Farmers' groups welcomed ..."
        if label in ORGANIZATION_LABELS and _has_person_title(ent):
            label = PERSON
        mentions.append(_Mention(ent, name, label, possessive))
    clusters = _cluster_people(mentions)
    people_clusters = [c for c in clusters if c.is_person and _plausible_person_name(c)]
    all_forms = frozenset(form for c in people_clusters for form in c.forms)
    person_forms = {form for c in people_clusters for form in c.forms}
    people = tuple(
        Person(
            name=c.name,
            role=_role(c, all_forms),
            mentions=len(c.mentions),
            aliases=tuple(sorted(form for form in c.forms if form != c.name)),
        )
        for c in sorted(people_clusters, key=lambda c: min(m.span.start for m in c.mentions))
    )
    # A name spaCy tagged ORG once but that belongs to a person is not an organisation.
    organizations = _entities((m for m in mentions if m.label in ORGANIZATION_LABELS), person_forms)
    place_mentions = [m for m in mentions if m.label in PLACE_LABELS]
    places = list(_entities(place_mentions, person_forms))
    known = {p.name for p in places}
    places.extend(NamedEntity(place) for place in extra_places if place and place not in known)
    return Participants(people=people, organizations=organizations, places=tuple(places))
