"""What a ``newsdigest`` command says on the terminal: the error line and its exit status,
the library's log lines on stderr, and the console that draws progress bars and spinners.

Messages go out with ``typer.echo``, one line each: rich would wrap them at the terminal's
width. Rich draws only the progress bar and spinners."""

from __future__ import annotations

import logging
import sys

import typer
from rich.console import Console

from summarizer.errors import ConfigError, NewsDigestError

stderr = Console(stderr=True)


class _LowercaseLevel(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace(record.levelname, record.levelname.lower(), 1)


def configure_logging(verbose: bool) -> None:
    """Library log lines on stderr as they are ("warning: feed X failed: ..."): one line
    each, never wrapped or padded to the terminal's width."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_LowercaseLevel("%(levelname)s: %(message)s"))
    library = logging.getLogger("summarizer")
    library.addHandler(handler)
    library.setLevel(logging.INFO if verbose else logging.WARNING)
    library.propagate = False


def fail(exc: NewsDigestError) -> typer.Exit:
    """One line on stderr; exit 2 for a bad parameter or configuration, else 1."""
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(code=2 if isinstance(exc, ConfigError) else 1)
