"""The role the text gives a person: every finder in ``FINDERS`` reads every mention, and the
most preferred finder's role from the earliest mention wins."""

from __future__ import annotations

from summarizer.read.participants.names import Cluster
from summarizer.read.participants.roles.affiliations import organisation_after, organisation_before
from summarizer.read.participants.roles.appositions import (
    apposition_after,
    apposition_before,
    described_by,
    one_of_the_group,
)
from summarizer.read.participants.roles.base import RoleFinder, Who
from summarizer.read.participants.roles.sentences import (
    named_as,
    next_sentence_calls,
    role_as,
    who_clause,
)
from summarizer.read.participants.roles.titles import rank, title_before

# In order of preference: what the text attaches to the name comes first (a title, an
# apposition, the noun it stands beside, a who-clause), then a bare rank or royal style
# ("Princess Eugenie"), then the post a sentence gives the person, then what the next
# sentence calls them, then the group of people a list gives them as examples of.
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
    one_of_the_group,
)


# Whom someone speaks for ("CNN's Karl Penhaul") is shown only when the text says nothing
# about what they are.
FALLBACKS: tuple[RoleFinder, ...] = (organisation_before, organisation_after)


def candidate_roles(cluster: Cluster, people: frozenset[str]) -> list[tuple[int, str]]:
    """Every role the finders read for a person (``cluster``) from every mention, earliest
    mention first, each with its finder's place in the order of preference; the fallbacks
    only when no finder reads one. ``people`` holds every name the article's people go by."""
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
            return found
    return []


def role_of(cluster: Cluster, people: frozenset[str]) -> str | None:
    """The role the text states for a person (``cluster``): the best of its candidates."""
    found = candidate_roles(cluster, people)
    return _best_role(found) if found else None


def _best_role(found: list[tuple[int, str]]) -> str:
    """The role of the most preferred finder, from the earliest mention it read: a title
    before the name first, as the annotation guide orders them. Weighing roles further (a
    current post over a former one, one naming an organisation over a bare word) helped the
    articles it was written on and lost 4 right roles of 79 on the held-out half
    (``bench/RESULTS.md``)."""
    return min(found, key=lambda item: item[0])[1]
