"""The ``newsdigest`` command: a thin shell over the library and the Prefect flow.

Prefect is imported only inside ``run``, so the batch commands start fast and never pay for
orchestration.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from summarizer.errors import NewsDigestError
from summarizer.models import Article

app = typer.Typer(
    name="newsdigest",
    help="Daily news digests with key points and participants, fully offline.",
    no_args_is_help=True,
    add_completion=False,
)
stderr = Console(stderr=True)
_BATCH = 64
# Inputs this large (about 50 articles) are analysed by worker processes; start them early.
_PRESTART_BYTES = 256 * 1024

# Quiet, offline defaults for Prefect's temporary (ephemeral) API; an operator's own
# settings (e.g. PREFECT_API_URL for a real server) always win.
_EPHEMERAL_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_LOGGING_EXTRA_LOGGERS": "summarizer",
}


def _configure_logging(verbose: bool) -> None:
    handler = RichHandler(console=stderr, show_path=False, show_time=False)
    library = logging.getLogger("summarizer")
    library.addHandler(handler)
    library.setLevel(logging.INFO if verbose else logging.WARNING)
    library.propagate = False


def _fail(exc: NewsDigestError) -> typer.Exit:
    stderr.print(f"[bold red]error:[/] {exc}", highlight=False)
    return typer.Exit(code=1)


T = TypeVar("T")


def _read_lines(path: Path, parse: Callable[[Any], T], what: str) -> list[T]:
    items = []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                items.append(parse(json.loads(line)))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise NewsDigestError(f"{path}:{number}: not {what} line ({exc})") from exc
    return items


def _read_articles(path: Path) -> list[Article]:
    return _read_lines(path, Article.from_dict, "an article")


def _story_articles(data: dict[str, Any]) -> tuple[str, list[Article]]:
    articles = data["articles"]
    if not isinstance(articles, list):
        raise TypeError("articles must be a list")
    return str(data["id"]), [Article.from_dict(a) for a in articles]


def _in_batches(articles: Sequence[Article], description: str) -> Iterator[list[Article]]:
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


def _write_jsonl(path: Path, rows: Iterator[dict[str, Any]]) -> int:
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def _batch_command(
    input_path: Path,
    output: Path,
    description: str,
    process: Callable[[list[Article]], list[dict[str, Any]]],
) -> None:
    try:
        articles = _read_articles(input_path)

        def rows() -> Iterator[dict[str, Any]]:
            for batch in _in_batches(articles, description):
                yield from process(batch)

        count = _write_jsonl(output, rows())
    except NewsDigestError as exc:
        raise _fail(exc) from exc
    stderr.print(f"wrote {count} lines to {output}", highlight=False)


InputFile = Annotated[
    Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="Articles as JSONL.")
]
OutputFile = Annotated[Path, typer.Option("--output", "-o", help="Where to write JSONL.")]
TaskRunnerOption = Annotated[str, typer.Option(help="Where tasks run: threads (default) or dask.")]
DaskAddressOption = Annotated[
    str | None,
    typer.Option(help="A Dask scheduler (tcp://host:8786); default: a local cluster."),
]


@app.command()
def summarize(
    input_path: InputFile,
    output: OutputFile,
    sentences: Annotated[int, typer.Option(min=1, help="Sentences per summary.")] = 3,
    algorithm: Annotated[
        str, typer.Option(help="default, lead, lexrank, textrank, ...")
    ] = "default",
) -> None:
    """Summarise each article of IN.jsonl: {"id", "sentences"} per line, in document order."""
    from summarizer.analysis.articles import split_sentences
    from summarizer.analysis.summaries import check_algorithm, select_sentences

    try:
        check_algorithm(algorithm)
    except NewsDigestError as exc:
        raise _fail(exc) from exc

    def process(batch: list[Article]) -> list[dict[str, Any]]:
        split = split_sentences(a.text for a in batch)
        return [
            {"id": a.id, "sentences": select_sentences(s, count=sentences, algorithm=algorithm)}
            for a, s in zip(batch, split, strict=True)
        ]

    _batch_command(input_path, output, "summarising", process)


@app.command()
def participants(input_path: InputFile, output: OutputFile) -> None:
    """People (with roles), organisations and places of each article of IN.jsonl."""
    from summarizer.analysis.articles import participants_of

    def process(batch: list[Article]) -> list[dict[str, Any]]:
        return [
            {"id": a.id, **p.to_dict()} for a, p in zip(batch, participants_of(batch), strict=True)
        ]

    _batch_command(input_path, output, "finding participants", process)


@app.command()
def cluster(input_path: InputFile, output: OutputFile) -> None:
    """Group the articles of IN.jsonl into stories: {"id", "story"} per line, where articles
    of the same event share a story id (the id of the story's first article)."""
    from summarizer.stories.clustering import cluster_articles

    try:
        articles = _read_articles(input_path)
        with stderr.status(f"clustering {len(articles)} articles"):
            groups = cluster_articles(articles).groups()
        story_of = {i: articles[group[0]].id for group in groups for i in group}
        rows = ({"id": a.id, "story": story_of[i]} for i, a in enumerate(articles))
        count = _write_jsonl(output, rows)
    except NewsDigestError as exc:
        raise _fail(exc) from exc
    stderr.print(f"wrote {count} lines ({len(groups)} stories) to {output}", highlight=False)


@app.command()
def keypoints(
    input_path: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            readable=True,
            help='Stories as JSONL: {"id", "articles": [article, ...]}.',
        ),
    ],
    output: OutputFile,
    points: Annotated[int, typer.Option(min=1, max=10, help="Key points per story.")] = 5,
) -> None:
    """Key points of each story of IN.jsonl, across all its articles: {"id", "points":
    [{"text", "article_id"}]} per line, each point verbatim from the article it cites."""
    from summarizer.analysis.articles import split_sentences
    from summarizer.stories.keypoints import select_key_points

    try:
        stories = _read_lines(input_path, _story_articles, "a story")

        def rows() -> Iterator[dict[str, Any]]:
            for story_id, articles in stories:
                split = split_sentences(a.text for a in articles)
                pairs = [(a.id, s) for a, s in zip(articles, split, strict=True)]
                chosen = select_key_points(pairs, count=points)
                yield {"id": story_id, "points": [p.to_dict() for p in chosen]}

        with stderr.status(f"picking key points of {len(stories)} stories"):
            count = _write_jsonl(output, rows())
    except NewsDigestError as exc:
        raise _fail(exc) from exc
    stderr.print(f"wrote {count} lines to {output}", highlight=False)


@app.command()
def run(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Article files, directories or globs (default: seeds/)."),
    ] = None,
    sources: Annotated[
        Path | None, typer.Option("--sources", help="A sources.toml with feeds and files.")
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Digest date, YYYY-MM-DD (default: today).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Take feed entries published since this ISO date/time.")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Output directory (default: reports/ or the sources file's)."),
    ] = None,
    sentences: Annotated[int, typer.Option(help="Key points per story.")] = 3,
    algorithm: Annotated[str, typer.Option(help="Summarisation algorithm.")] = "default",
    task_runner: TaskRunnerOption = "threads",
    dask_address: DaskAddressOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even when the inputs have not changed.")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every stage.")] = False,
) -> None:
    """Build the day's digest through the Prefect flow (temporary local API if no server)."""

    from summarizer.config import load_config, output_directory
    from summarizer.pipeline import DigestSettings, default_day, parse_day, parse_since
    from summarizer.publish import freshness
    from summarizer.sources.files import expand_paths

    _configure_logging(verbose)
    inputs = list(paths or ([] if sources else ["seeds"]))
    try:  # bad parameters fail here, before Prefect starts
        config = load_config(sources) if sources else None
        output = output_directory(out, config)
        day = parse_day(date) if date else default_day(config)
        settings = DigestSettings.for_config(
            config, day=day, out_dir=output, sentences=sentences, algorithm=algorithm
        )
        parse_since(since)

        files = (
            expand_paths([*inputs, *(config.files if config else ())])
            if inputs or (config and config.files)
            else []
        )
    except NewsDigestError as exc:
        raise _fail(exc) from exc
    day_directory = output / day.isoformat()
    fingerprint = None
    if not (config and config.feeds):  # feeds can change any minute; files only by editing
        fingerprint = freshness.inputs_fingerprint(
            files,
            {
                **settings.as_dict(),
                "since": since,
                "sources_file": str(sources),
                "timezone": settings.timezone,
                "base_url": settings.base_url,
            },
        )
        if not force and freshness.is_up_to_date(day_directory, fingerprint):
            stderr.print(
                f"the {day} digest is up to date with its inputs (--force rebuilds it)",
                highlight=False,
            )
            _print_paths(day_directory)
            return
    if task_runner == "threads" and sum(f.stat().st_size for f in files) >= _PRESTART_BYTES:
        from summarizer.analysis.articles import default_workers, start_workers

        start_workers(default_workers())  # their model loads overlap Prefect's start-up

    if not os.environ.get("PREFECT_API_URL"):
        for key, value in _EPHEMERAL_DEFAULTS.items():
            os.environ.setdefault(key, value)
        # Prefect's own tracebacks repeat the one-line error printed below.
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "CRITICAL")
    from flows.daily_digest import daily_digest
    from flows.runners import with_task_runner

    try:
        flow = with_task_runner(daily_digest, task_runner, dask_address)
        with _one_off_run_settings():
            flow(
                sources=inputs,
                date=day.isoformat(),
                out_dir=str(output),
                sentences=sentences,
                algorithm=algorithm,
                sources_file=str(sources) if sources else None,
                since=since,
            )

    except NewsDigestError as exc:
        raise _fail(exc) from exc
    if fingerprint is not None:
        freshness.record(day_directory, fingerprint)
    _print_paths(day_directory)


@contextmanager
def _one_off_run_settings() -> Iterator[None]:
    """On Prefect's temporary API, skip flow-run heartbeats: they exist to spot crashed
    runs on a long-lived server, and a sync flow waits up to a second for them at exit."""
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def _print_paths(day_directory: Path) -> None:

    from summarizer.publish.days import digest_paths

    for path in digest_paths(day_directory).values():
        typer.echo(path)


@app.command()
def render(
    date: Annotated[str, typer.Option(help="The day to rebuild, YYYY-MM-DD.")],
    out: Annotated[
        Path | None,
        typer.Option(help="Output directory (default: reports/ or the sources file's)."),
    ] = None,
    sources: Annotated[
        Path | None,
        typer.Option("--sources", help="A sources.toml: its output_dir and base_url."),
    ] = None,
) -> None:
    """Rebuild a day's digest.md and digest.html, the archive and the Atom feed from the day's
    digest.json, without analysing anything again (e.g. after upgrading newsdigest)."""
    from summarizer.config import load_config, output_directory
    from summarizer.pipeline import parse_day
    from summarizer.publish.days import rerender

    try:
        config = load_config(sources) if sources else None
        output = output_directory(out, config)
        written = rerender(output, parse_day(date), base_url=config.base_url if config else None)
    except NewsDigestError as exc:
        raise _fail(exc) from exc
    for path in written.values():
        typer.echo(path)


@app.command()
def serve(
    sources: Annotated[
        Path, typer.Option("--sources", help="The sources.toml with feeds and the schedule.")
    ] = Path("sources.toml"),
    start_server: Annotated[
        bool,
        typer.Option(help="Start a local Prefect server first when none is configured."),
    ] = False,
    task_runner: TaskRunnerOption = "threads",
    dask_address: DaskAddressOption = None,
) -> None:
    """Register the scheduled daily-digest deployment and run it (and UI-triggered runs)."""
    from summarizer.config import load_config

    _configure_logging(verbose=False)
    # Library logs reach the Prefect UI only when the serving process names them.
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "summarizer")
    from flows import deployment

    server = None
    try:
        config = load_config(sources)
        try:
            deployment.require_api_url()
        except NewsDigestError:
            if not start_server:
                raise
            stderr.print("starting a local Prefect server on http://127.0.0.1:4200 ...")
            server = deployment.start_local_server()
        schedule = config.schedule
        stderr.print(
            f"serving {deployment.FLOW_NAME}/{deployment.DEPLOYMENT_NAME}: "
            f"cron {schedule.cron!r} in {schedule.timezone}; Ctrl-C stops (and pauses it)",
            highlight=False,
        )
        deployment.serve(sources, config, task_runner=task_runner, dask_address=dask_address)
    except NewsDigestError as exc:
        raise _fail(exc) from exc
    finally:
        if server is not None:
            server.terminate()


sources_app = typer.Typer(help="Manage the feeds listed in sources.toml.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")
SourcesFile = Annotated[Path, typer.Option("--sources", help="The sources.toml to read or extend.")]


@sources_app.command("import-opml")
def import_opml_command(
    opml: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="An OPML export.")],
    sources: SourcesFile = Path("sources.toml"),
) -> None:
    """Add the feeds of an OPML export (Miniflux, FreshRSS, Feedly...) to sources.toml."""
    from summarizer.sources.opml import import_opml

    try:
        added = import_opml(opml, sources)
    except NewsDigestError as exc:
        raise _fail(exc) from exc
    stderr.print(f"added {len(added)} feeds to {sources}", highlight=False)


@sources_app.command("export-opml")
def export_opml_command(
    sources: SourcesFile = Path("sources.toml"),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Write the feeds of sources.toml as OPML 2.0, for any feed reader."""
    from summarizer.sources.opml import export_opml

    try:
        document = export_opml(sources)
    except NewsDigestError as exc:
        raise _fail(exc) from exc
    if output:
        output.write_bytes(document)
    else:
        sys.stdout.buffer.write(document)
