"""The ``newsdigest`` command: a thin shell over the library and the Prefect flow.

Prefect is imported only inside ``run``, so the batch commands start fast and never pay for
orchestration.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Any

import typer

try:  # Typer 0.2x ships its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # older Typer runs on click itself
    from click import exceptions as click_exceptions  # type: ignore[no-redef]


from flows.api_server import start_temporary_prefect
from flows.batches import batch_command
from flows.interrupt import INTERRUPTED, catch_ctrl_c, leave_after_interrupt, was_interrupted
from flows.options import (
    AlgorithmOption,
    DaskAddressOption,
    InputFile,
    KeyPointsOption,
    ModelOption,
    OutputFile,
    TaskRunnerOption,
    TopOption,
)
from flows.published_cli import ResendOption, deliver, deliver_or_exit, delivery_failed, render
from flows.quiet import quiet_dask, quiet_temporary_prefect
from flows.serve_cli import serve
from flows.sources_cli import sources_app
from flows.terminal import configure_logging, fail, stderr
from summarizer.errors import ConfigError, NewsDigestError
from summarizer.jsonl import check_output_file, read_articles, read_stories, write_lines
from summarizer.models import Article
from summarizer.settings import DEFAULT_ALGORITHM_NAME, KEY_POINTS_DEFAULT

ClickException = click_exceptions.ClickException
UsageError = click_exceptions.UsageError
# Click before 8.2 has no such class; bare `newsdigest` is then a plain usage error.
NoArgsIsHelpError = getattr(click_exceptions, "NoArgsIsHelpError", ())

app = typer.Typer(
    name="newsdigest",
    help="Daily news digests with key points and participants, fully offline.",
    no_args_is_help=True,
    add_completion=False,
    # Markdown mode joins a docstring's wrapped lines into one paragraph; the default mode
    # kept each line break, so the help broke sentences in the middle.
    rich_markup_mode="markdown",
)


def _print_version(asked: bool) -> None:
    if asked:
        typer.echo(f"newsdigest {version('newsdigest')}")
        raise typer.Exit


@app.callback()
def _options(
    _version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Daily news digests with key points and participants, fully offline."""


# Inputs this large (about 50 articles) are analysed by worker processes; start them early.
_PRESTART_BYTES = 256 * 1024


@app.command()
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
    from summarizer.analysis.model_check import check_model
    from summarizer.analysis.summaries import check_algorithm, select_sentences
    from summarizer.reading.articles import split_sentences

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


@app.command()
def participants(input_path: InputFile, output: OutputFile, model: ModelOption = None) -> None:
    """People (with roles), organisations and places of each article of IN.jsonl."""
    from summarizer.analysis.model_check import check_model
    from summarizer.reading.articles import participants_of

    try:
        check_model(model)
    except NewsDigestError as exc:
        raise fail(exc) from exc

    def process(batch: list[Article]) -> list[dict[str, Any]]:
        found = participants_of(batch, model=model)
        return [{"id": a.id, **p.to_dict()} for a, p in zip(batch, found, strict=True)]

    batch_command(input_path, output, "finding participants", process)


@app.command()
def cluster(input_path: InputFile, output: OutputFile) -> None:
    """Group the articles of IN.jsonl into stories: {"id", "story"} per line, where articles
    of the same event share a story id (the id of the story's first article)."""
    from summarizer.stories.clustering import cluster_articles

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


@app.command()
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
    from summarizer.analysis.model_check import check_model
    from summarizer.reading.articles import split_sentences
    from summarizer.stories.keypoints import select_key_points

    try:
        check_model(model)
        check_output_file(output)
        stories = read_stories(input_path)

        def rows() -> Iterator[dict[str, Any]]:
            for story_id, articles in stories:
                split = split_sentences((a.text for a in articles), model=model)
                pairs = [(a.id, s) for a, s in zip(articles, split, strict=True)]
                chosen = select_key_points(pairs, count=points)
                yield {"id": story_id, "points": [p.to_dict() for p in chosen]}

        with stderr.status(f"picking key points of {len(stories)} stories"):
            count = write_lines(output, rows())
    except NewsDigestError as exc:
        raise fail(exc) from exc
    typer.echo(f"wrote {count} lines to {output}", err=True)


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
    key_points: KeyPointsOption = KEY_POINTS_DEFAULT,
    top: TopOption = None,
    algorithm: AlgorithmOption = DEFAULT_ALGORITHM_NAME,
    task_runner: TaskRunnerOption = "threads",
    dask_address: DaskAddressOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even when the inputs have not changed.")
    ] = False,
    resend: ResendOption = False,
    model: ModelOption = None,
    allow_future: Annotated[
        bool,
        typer.Option(
            "--allow-future",
            help="Build a --date after tomorrow; without it such a date is refused.",
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every stage.")] = False,
) -> None:
    """Build the day's digest through the Prefect flow (temporary local API if no server)."""
    from flows.dask_scheduler import check_dask_address
    from summarizer.config import load_config, output_directory
    from summarizer.delivery import DeliveryFailed
    from summarizer.publish import freshness
    from summarizer.publish.days import check_output_directory, day_directory
    from summarizer.settings import (
        DigestSettings,
        check_not_ahead,
        check_task_runner,
        default_day,
        parse_day,
        parse_since,
    )
    from summarizer.sources.files import expand_paths

    configure_logging(verbose)
    inputs = list(paths or ([] if sources else ["seeds"]))
    try:  # bad parameters fail here, before Prefect starts
        check_task_runner(task_runner)
        config = load_config(sources, out_dir=out) if sources else None
        output = output_directory(out, config)
        day = parse_day(date) if date else default_day(config)
        check_not_ahead(day, config, allow_future=allow_future)
        settings = DigestSettings.for_config(
            config,
            day=day,
            out_dir=output,
            key_points=key_points,
            algorithm=algorithm,
            top_stories=top,
            model=model,
        )
        parse_since(since)
        listed = [*inputs, *(config.files if config else ())]
        files = expand_paths(listed) if listed else []
        check_output_directory(output)
        if dask_address:
            check_dask_address(dask_address)
    except NewsDigestError as exc:
        raise fail(exc) from exc
    if task_runner == "dask":  # before distributed is imported: it reads its config then
        quiet_dask(verbose=verbose)
    quiet_temporary_prefect(verbose=verbose)
    # Started before the inputs are checked, so the server's start-up (seconds) overlaps it;
    # stopped at once when the digest turns out to be up to date.
    server = start_temporary_prefect()
    directory = day_directory(output, day)
    fingerprint = None
    if not (config and config.feeds):  # feeds can change any minute; files only by editing
        # Imported once the parameters are good: it brings spaCy and scikit-learn (~2 s).
        from summarizer.pipeline import check_files

        fingerprint = freshness.run_fingerprint(files, settings, since=since, sources_file=sources)
        try:
            check_files(files, settings)
        except NewsDigestError as exc:
            raise fail(exc) from exc
        if not force and freshness.is_up_to_date(directory, fingerprint):
            if server is not None:
                server.stop()
            typer.echo(
                f"the {day} digest is up to date with its inputs (--force rebuilds it)", err=True
            )
            _print_paths(directory)
            if config and config.delivers:  # an earlier run may have failed to send it
                deliver_or_exit(config, output, day, resend=resend)
            return
    from flows.daily_digest import daily_digest
    from flows.runners import one_off_run_settings, with_task_runner

    try:
        if server is not None:
            server.wait()
    except NewsDigestError as exc:
        raise fail(exc) from exc
    if task_runner == "threads" and sum(f.stat().st_size for f in files) >= _PRESTART_BYTES:
        from summarizer.analysis.workers import default_workers
        from summarizer.reading.articles import start_workers

        # Their model loads overlap the cheap stages, which keep one core busy, rather than
        # the server's start-up, which both cores are busy with already.
        start_workers(default_workers(), settings.model)
    try:
        flow = with_task_runner(daily_digest, task_runner, dask_address)
        with one_off_run_settings(temporary_api=server is not None):
            flow(
                sources=inputs,
                date=day.isoformat(),
                out_dir=str(output),
                key_points=key_points,
                top_stories=top,
                algorithm=algorithm,
                sources_file=str(sources) if sources else None,
                since=since,
                resend=resend,
                model=model,
                allow_future=allow_future,
            )
    except DeliveryFailed as exc:
        undelivered: DeliveryFailed | None = exc  # published all the same
    except NewsDigestError as exc:
        raise fail(exc) from exc
    else:
        undelivered = None
    if fingerprint is None:
        freshness.forget(directory)  # feeds made this digest; no file fingerprint covers it
    else:
        freshness.record(directory, fingerprint)
    _print_paths(directory)
    if undelivered is not None:
        raise delivery_failed(undelivered)


def _print_paths(day_directory: Path) -> None:

    from summarizer.publish.days import digest_paths

    for path in digest_paths(day_directory).values():
        typer.echo(path)


app.command()(serve)
app.command()(render)
app.command()(deliver)
app.add_typer(sources_app, name="sources")


def main() -> None:
    """The console script: a usage error (unknown option, a value of the wrong type or out
    of range) is one line and exit 2, like every bad parameter the commands check; Ctrl-C is
    one line and exit 130."""
    catch_ctrl_c()
    try:
        result = app(standalone_mode=False)
    except NoArgsIsHelpError:
        sys.exit(0)  # bare `newsdigest`: the help it printed is the answer
    except ClickException as exc:
        hint = ""
        if isinstance(exc, UsageError) and exc.ctx is not None:
            hint = f" (see {exc.ctx.command_path} --help)"
        typer.echo(f"error: {exc.format_message()}{hint}", err=True)
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        result = INTERRUPTED
    except Exception:
        if not was_interrupted():
            raise
        result = INTERRUPTED  # Ctrl-C surfaced from inside Prefect as another exception
    if result == INTERRUPTED:
        leave_after_interrupt()
    sys.exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    main()
