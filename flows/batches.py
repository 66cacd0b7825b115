"""The batch commands' common shape (``summarize``, ``participants``): read JSONL, work
through it in batches while a progress bar on stderr counts the articles, write JSONL."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flows.terminal import fail, stderr
from summarizer.errors import NewsDigestError
from summarizer.jsonl import check_output_file, read_articles, write_lines
from summarizer.models import Article

_BATCH = 64


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
    """Run ``process`` over the articles of ``input_path`` and write its rows to ``output``;
    a bad input or output is the command's error line."""
    try:
        check_output_file(output)
        articles = read_articles(input_path)

        def rows() -> Iterator[dict[str, Any]]:
            for batch in in_batches(articles, description):
                yield from process(batch)

        count = write_lines(output, rows())
    except NewsDigestError as exc:
        raise fail(exc) from exc
    typer.echo(f"wrote {count} lines to {output}", err=True)
