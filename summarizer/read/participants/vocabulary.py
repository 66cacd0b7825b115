"""The words and tags participant finding reads: word lists from ``data/*.txt`` (rules kept as
data, each file says what belongs in it) and the closed grammar sets of English and of the
model's tag scheme, which are code."""

from __future__ import annotations

from summarizer.wordlists import word_pairs, word_set

PERSON = "PERSON"
ORGANIZATION_LABELS = frozenset({"ORG"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOT_TITLE_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})

# Penn Treebank tags straight from the tagger: the pipeline skips the attribute ruler that
# maps them to coarse POS, which costs about a sixth of the parse time.
COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})
PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})
PLURAL_NOUN_TAGS = frozenset({"NNS", "NNPS"})
ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})
TITLE_TAGS = COMMON_NOUN_TAGS | PROPER_NOUN_TAGS | ADJECTIVE_TAGS | {"HYPH", "POS", "VBG", "AFX"}

ANCHORED_PRONOUNS = frozenset({"his", "her", "their"})
COPULAS = frozenset({"is", "was", "'s", "’s"})
JOINERS = frozenset({"-", "/", "&"})
ROLE_MAX_TOKENS = 12

_DATA = __package__ or __name__.rpartition(".")[0]
HONORIFICS = word_set(_DATA, "honorifics.txt")
POST_NOMINALS = word_set(_DATA, "post_nominals.txt")
PERSON_TITLES = word_set(_DATA, "person_titles.txt")
RANKS = word_set(_DATA, "ranks.txt")
RELATIONS = word_set(_DATA, "relations.txt")
APPOINTMENT_VERBS = word_set(_DATA, "appointment_verbs.txt")
POST_NOUNS = word_set(_DATA, "post_nouns.txt")
SPEECH_VERBS = word_set(_DATA, "speech_verbs.txt")
MEDIA_WORDS = word_set(_DATA, "media_words.txt")
NOT_NAME_ENDINGS = word_set(_DATA, "not_name_endings.txt")
INSTITUTION_ENDINGS = word_set(_DATA, "institution_endings.txt")
CREDIT_PHRASES = word_set(_DATA, "credit_phrases.txt")
AGENT_NOUNS = word_pairs(_DATA, "agent_nouns.txt")
# From WordNet 3.0 by tools/wordnet_person_nouns.py: nouns that name a person.
PERSON_NOUNS = word_set(_DATA, "person_nouns.txt")
PERSON_SENSES = PERSON_NOUNS | word_set(_DATA, "person_senses.txt")
PERSON_NOUN_VERBS = word_set(_DATA, "person_nouns_also_verbs.txt")
