"""The batch commands: JSONL of articles or stories in, one JSONL line of results out per
item, each a library call and nothing of Prefect."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from flows.batches import batch_command
from flows.options import AlgorithmOption, InputFile, ModelOption, OutputFile
from flows.terminal import fail, stderr
from summarizer.config.settings import DEFAULT_ALGORITHM_NAME
from summarizer.errors import ConfigError, NewsDigestError
from summarizer.jsonl import check_output_file, read_articles, read_stories, write_lines
from summarizer.models import Article, to_jsonable


def summarize(
    input_path: InputFile,
    output: OutputFile,
    count: Annotated[
        int, typer.Option("--sentences", help="Sentences per summary (1 or more).")
    ] = 3,
    algorithm: AlgorithmOption = DEFAULT_ALGORITHM_NAME,
    model: ModelOption = None,
) -> None:
    """Summarise each article of IN.jsonl: {"id", "sentences"} per line, in document order."""
    from summarizer.text.model_check import check_model
    from summarizer.text.sentences import split_sentences
    from summarizer.text.summaries import check_algorithm, select_sentences

    try:
        check_model(model)
        check_algorithm(algorithm)
        if count < 1:
            raise ConfigError(f"--sentences must be 1 or more, not {count}")
    except NewsDigestError as exc:
        raise fail(exc) from exc

    def process(batch: list[Article]) -> list[dict[str, Any]]:
        split = split_sentences((a.text for a in batch), model=model)
        return [
            {
                "id": a.id,
                "sentences": select_sentences(s, count=count, algorithm=algorithm),
            }
            for a, s in zip(batch, split, strict=True)
        ]

    batch_command(input_path, output, "summarising", process)


def participants(input_path: InputFile, output: OutputFile, model: ModelOption = None) -> None:
    """People (with roles), organisations and places of each article of IN.jsonl."""
    from summarizer.read.articles import participants_of
    from summarizer.text.model_check import check_model

    try:
        check_model(model)
    except NewsDigestError as exc:
        raise fail(exc) from exc

    def process(batch: list[Article]) -> list[dict[str, Any]]:
        found = participants_of(batch, model=model)
        return [{"id": a.id, **to_jsonable(p)} for a, p in zip(batch, found, strict=True)]

    batch_command(input_path, output, "finding participants", process)


def cluster(input_path: InputFile, output: OutputFile) -> None:
    """Group the articles of IN.jsonl into stories: {"id", "story"} per line, where articles
    of the same event share a story id (the id of the story's first article)."""
    from summarizer.group.clustering import cluster_articles

    try:
        check_output_file(output)
        articles = read_articles(input_path)
        with stderr.status(f"clustering {len(articles)} articles"):
            groups = cluster_articles(articles).groups()
        story_of = {i: articles[group[0]].id for group in groups for i in group}
        rows = ({"id": a.id, "story": story_of[i]} for i, a in enumerate(articles))
        count = write_lines(output, rows)
    except NewsDigestError as exc:
        raise fail(exc) from exc
    typer.echo(f"wrote {count} lines ({len(groups)} stories) to {output}", err=True)


def keypoints(
    input_path: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            readable=True,
            help='Stories as JSONL: {"id", "articles": \\[article, ...]}.',  # \\[: not markup
        ),
    ],
    output: OutputFile,
    points: Annotated[int, typer.Option(min=1, max=10, help="Key points per story.")] = 5,
    model: ModelOption = None,
) -> None:
    """Key points of each story of IN.jsonl, across all its articles: {"id", "points":
    [{"text", "article_id"}]} per line, each point verbatim from the article it cites."""
    from summarizer.text.model_check import check_model
    from summarizer.text.sentences import split_sentences
    from summarizer.write.keypoints import select_key_points

    try:
        check_model(model)
        check_output_file(output)
        stories = read_stories(input_path)

        def rows() -> Iterator[dict[str, Any]]:
            for story_id, articles in stories:
                split = split_sentences((a.text for a in articles), model=model)
                pairs = [(a.id, s) for a, s in zip(articles, split, strict=True)]
                chosen = select_key_points(pairs, count=points)
                yield {"id": story_id, "points": [to_jsonable(p) for p in chosen]}

        with stderr.status(f"picking key points of {len(stories)} stories"):
            count = write_lines(output, rows())
    except NewsDigestError as exc:
        raise fail(exc) from exc
    typer.echo(f"wrote {count} lines to {output}", err=True)
