"""The options the ``newsdigest`` commands share, with their help text and bounds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.config import TOP_STORIES_DEFAULT, TOP_STORIES_MAX, TOP_STORIES_MIN
from summarizer.settings import ALGORITHM_NAMES, KEY_POINTS_MAX, KEY_POINTS_MIN

InputFile = Annotated[
    Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="Articles as JSONL.")
]
OutputFile = Annotated[Path, typer.Option("--output", "-o", help="Where to write JSONL.")]
TaskRunnerOption = Annotated[str, typer.Option(help="Where tasks run: threads (default) or dask.")]
DaskAddressOption = Annotated[
    str | None,
    typer.Option(help="A Dask scheduler (tcp://host:8786); default: a local cluster."),
]
KeyPointsOption = Annotated[
    int,
    typer.Option(
        "--key-points",
        "--sentences",
        help=f"Key points per story ({KEY_POINTS_MIN}–{KEY_POINTS_MAX}).",
    ),
]
TopOption = Annotated[
    int | None,
    typer.Option(
        "--top",
        help=(
            f"Stories shown in full ({TOP_STORIES_MIN}–{TOP_STORIES_MAX}; default: the sources "
            f"file's digest.top_stories, else {TOP_STORIES_DEFAULT}); the rest get one line."
        ),
    ),
]
AlgorithmOption = Annotated[
    str, typer.Option(help=f"Summarisation algorithm: {', '.join(ALGORITHM_NAMES)}.")
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        help=(
            "An installed spaCy pipeline to parse with, e.g. en_core_web_trf (default: the "
            "sources file's [nlp] model, else the small English model)."
        ),
    ),
]
