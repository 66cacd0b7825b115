"""Exceptions raised by the newsdigest library.

Every exception derives from one root so callers can write ``except NewsDigestError``::

    NewsDigestError
    ├── ConfigError            bad parameters: unknown algorithm, no sources, bad date
    ├── SourceError            one source is unusable as a whole
    │   └── FileSourceError    unreadable, empty, binary, too large or unsupported file
    └── ModelUnavailableError  no spaCy English model is installed
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


class ModelUnavailableError(NewsDigestError):
    """No spaCy English pipeline can be loaded."""


__all__ = [
    "ConfigError",
    "FileSourceError",
    "ModelUnavailableError",
    "NewsDigestError",
    "SourceError",
]
