"""The data every stage speaks: articles in, stories and a digest out.

``articles`` holds what is read and found in it, ``digest`` the published contract
(``digest.json``, DESIGN §5), ``contract`` how they are read from and written to JSON and
``handoff`` what stages pass each other before the digest exists. Everything is importable
from here.
"""

from summarizer.models.articles import (
    Article,
    ArticleAnalysis,
    NamedEntity,
    Participants,
    Person,
)
from summarizer.models.contract import from_jsonable, to_jsonable
from summarizer.models.digest import (
    BRIEF,
    DIGEST_SCHEMA_VERSION,
    FULL,
    DayParticipant,
    Digest,
    FilterCount,
    KeyPoint,
    SourceProblem,
    SourceRef,
    Story,
    Thread,
)
from summarizer.models.handoff import (
    DayInputs,
    DedupeResult,
    FeedEntry,
    FeedReport,
    FeedRequest,
    FeedState,
    LoadResult,
    StoryGroup,
)

__all__ = [
    "BRIEF",
    "DIGEST_SCHEMA_VERSION",
    "FULL",
    "Article",
    "ArticleAnalysis",
    "DayInputs",
    "DayParticipant",
    "DedupeResult",
    "Digest",
    "FeedEntry",
    "FeedReport",
    "FeedRequest",
    "FeedState",
    "FilterCount",
    "KeyPoint",
    "LoadResult",
    "NamedEntity",
    "Participants",
    "Person",
    "SourceProblem",
    "SourceRef",
    "Story",
    "StoryGroup",
    "Thread",
    "from_jsonable",
    "to_jsonable",
]
