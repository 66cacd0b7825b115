"""What every ``newsdigest`` command shares: the error line, logging to stderr and the
progress bar of the batch commands."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from summarizer.errors import ConfigError, NewsDigestError
from summarizer.jsonl import check_output_file, read_articles, write_lines
from summarizer.models import Article

stderr = Console(stderr=True)


class _LowercaseLevel(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace(record.levelname, record.levelname.lower(), 1)


_BATCH = 64


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


def in_batches(articles: Sequence[Article], description: str) -> Iterator[list[Article]]:
    """Yield batches while a progress bar on stderr counts the articles done."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=stderr, transient=True) as progress:
        bar = progress.add_task(description, total=len(articles))
        for start in range(0, len(articles), _BATCH):
            batch = list(articles[start : start + _BATCH])
            yield batch
            progress.advance(bar, len(batch))


def batch_command(
    input_path: Path,
    output: Path,
    description: str,
    process: Callable[[list[Article]], list[dict[str, Any]]],
) -> None:
    try:
        check_output_file(output)
        articles = read_articles(input_path)

        def rows() -> Iterator[dict[str, Any]]:
            for batch in in_batches(articles, description):
                yield from process(batch)

        count = write_lines(output, rows())
    except NewsDigestError as exc:
        raise fail(exc) from exc
    stderr.print(f"wrote {count} lines to {output}", highlight=False)
