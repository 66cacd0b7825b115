"""``[[feeds]]``, ``[files]`` and ``[limits]``: what is read, and how politely."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, ValidationError, field_validator

from summarizer.config.tables import Table, describe_error, http_url, key_path
from summarizer.errors import ConfigError

DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
"""The largest input file read (``--max-file-bytes``); a JSON or feed file may be 20 times as
large. A JSONL file may be of any size: this caps each of its lines (one article each)."""


class FeedConfig(Table):
    """One feed: where it is, what to call it, how to group it."""

    url: str
    name: str = ""
    tags: Annotated[tuple[str, ...], Field(strict=False)] = ()
    weight: float = Field(default=1.0, gt=0, le=10)
    """How much the feed's stories count in the ranking, against 1 for the others."""

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return http_url(value)

    @property
    def label(self) -> str:
        return self.name or self.url


class FilesConfig(Table):
    """Article files read on every run (paths relative to the sources file)."""

    paths: Annotated[tuple[str, ...], Field(strict=False)] = ()


class Limits(Table):
    """Politeness and safety limits for fetching."""

    max_feed_bytes: int = Field(default=5_000_000, ge=1)
    max_article_bytes: int = Field(default=5_000_000, ge=1)
    connect_timeout: float = Field(default=5.0, gt=0)
    read_timeout: float = Field(default=15.0, gt=0)
    total_timeout: float = Field(default=60.0, gt=0)
    max_redirects: int = Field(default=5, ge=0)
    retries: int = Field(default=2, ge=0)
    max_retry_after: float = Field(default=30.0, ge=0)
    concurrency: int = Field(default=8, ge=1)
    per_host: int = Field(default=2, ge=1)
    max_entries_per_feed: int = Field(default=200, ge=1)
    max_host_failures: int = Field(default=3, ge=1)
    """Connection failures in a row after which a host is not asked again during the run."""
    full_text_budget: float = Field(default=300.0, gt=0)
    """Seconds the run may spend fetching article pages; later teasers keep the feed's text."""


def feed_config(url: str, *, name: str = "", tags: tuple[str, ...] = ()) -> FeedConfig:
    """A feed from outside ``sources.toml`` (an OPML outline), checked as the file would be.

    Raises:
        ConfigError: one line naming the URL and what is wrong with it.
    """
    try:
        return FeedConfig(url=url, name=name, tags=tags)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise ConfigError(f"feed {key_path(error['loc'])} {describe_error(error)}") from None
