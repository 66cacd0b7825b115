"""The role the text gives a person: every finder in ``FINDERS`` reads every mention, then
``best_role`` picks the one that says most (a current post over a former one, one naming an
affiliation over a bare word, then the finders' order, then the longest)."""

from __future__ import annotations

import re

from summarizer.participants.names import Cluster
from summarizer.participants.roles.affiliations import (
    organisation_after,
    organisation_before,
)
from summarizer.participants.roles.appositions import (
    apposition_after,
    apposition_before,
    described_by,
)
from summarizer.participants.roles.base import RoleFinder, Who
from summarizer.participants.roles.sentences import (
    named_as,
    next_sentence_calls,
    role_as,
    who_clause,
)
from summarizer.participants.roles.titles import rank, title_before
from summarizer.participants.vocabulary import PERSON_TITLES

# In order of preference: what the text attaches to the name comes first (a title, an
# apposition, the noun it stands beside, a who-clause), then a bare rank or royal style
# ("Princess Eugenie"), then the post a sentence gives the person, then what the next
# sentence calls them.
FINDERS: tuple[RoleFinder, ...] = (
    title_before,
    apposition_after,
    apposition_before,
    described_by,
    who_clause,
    rank,
    named_as,
    role_as,
    next_sentence_calls,
)


# Whom someone speaks for ("CNN's Karl Penhaul") is shown only when the text says nothing
# about what they are.
FALLBACKS: tuple[RoleFinder, ...] = (organisation_before, organisation_after)


def role_of(cluster: Cluster, people: frozenset[str]) -> str | None:
    """The role the text states for a person (``cluster``), read by every finder from every
    mention; ``people`` holds every name the article's people go by."""
    ordered = sorted(cluster.mentions, key=lambda m: m.span.start)
    who = Who(frozenset(cluster.forms), people)
    for finders in (FINDERS, FALLBACKS):
        found = [
            (preference, role)
            for preference, finder in enumerate(finders)
            for role in (finder(m.span, who) for m in ordered)
            if role
        ]
        if found:
            return _best_role(found)
    return None


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
    return any(word[:1].isupper() and word.lower() not in PERSON_TITLES for word in words[1:]) or (
        len(words) > 1 and words[0][:1].isupper() and words[0].lower() not in PERSON_TITLES
    )
