"""Exceptions raised by the newsdigest library.

Every exception derives from one root so callers can write ``except NewsDigestError``::

    NewsDigestError
    ├── ConfigError            bad parameters: unknown algorithm, no sources, bad date
    ├── SourceError            one source is unusable as a whole
    │   ├── FileSourceError    unreadable, empty, binary, too large or unsupported file
    │   ├── FetchError         a URL refused, timed out, too large or answered with an error
    │   └── FeedParseError     fetched bytes that are not a usable feed
    ├── ModelUnavailableError  no spaCy English model is installed
    ├── StoreError             the state database cannot be opened or written
    ├── ReportError            a published digest.json is missing or cannot be read
    ├── DeliveryError          one email or chat target could not be sent to
    └── DeliveryFailed         a digest is published but did not reach every target

"""

from __future__ import annotations


class NewsDigestError(Exception):
    """Root of every error the library raises on purpose."""


class ConfigError(NewsDigestError):
    """A parameter or configuration value cannot be used."""


class SourceError(NewsDigestError):
    """A source (file, feed) cannot be read; the rest of the run continues."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class FileSourceError(SourceError):
    """A file cannot be turned into articles."""


class FetchError(SourceError):
    """A URL could not be fetched (the reason names the status, timeout or limit)."""


class FeedParseError(SourceError):
    """A response is not a feed, or has no usable entries."""


class ModelUnavailableError(NewsDigestError):
    """No spaCy English pipeline can be loaded."""


class StoreError(NewsDigestError):
    """The SQLite state store failed."""


class DeliveryError(NewsDigestError):
    """A digest could not be sent to one target; the message says why, without secrets."""


class DeliveryFailed(NewsDigestError):
    """The digest is published, but it did not reach every target."""


__all__ = [
    "ConfigError",
    "DeliveryError",
    "DeliveryFailed",
    "FeedParseError",
    "FetchError",
    "FileSourceError",
    "ModelUnavailableError",
    "NewsDigestError",
    "SourceError",
    "StoreError",
]


class ReportError(NewsDigestError):
    """A published report cannot be read back (missing or damaged ``digest.json``)."""
