"""``[digest]``: the digest's shape."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from summarizer.config.tables import Table

TOP_STORIES_DEFAULT = 20
TOP_STORIES_MIN = 0
TOP_STORIES_MAX = 200
TopStories = Annotated[int, Field(ge=TOP_STORIES_MIN, le=TOP_STORIES_MAX)]
"""Stories shown in full; every other story gets one line."""


class DigestConfig(Table):
    """The digest's shape: how many stories are shown in full, and in which order the
    sections of one-line stories come (by feed tag; untagged stories last)."""

    top_stories: TopStories = TOP_STORIES_DEFAULT
    sections: Annotated[tuple[str, ...], Field(strict=False)] = ()
