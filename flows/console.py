"""What every ``newsdigest`` command shares: the error line, logging to stderr, the progress
bar of the batch commands, quiet settings for Prefect's temporary API, and leaving on Ctrl-C.

Messages go out with ``typer.echo``, one line each: rich would wrap them at the terminal's
width. Rich draws only the progress bar and spinners."""

from __future__ import annotations

import logging
import os
import sys
import threading
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
    typer.echo(f"wrote {count} lines to {output}", err=True)


# Quiet, offline defaults for Prefect's temporary (ephemeral) API; an operator's own
# settings (e.g. PREFECT_API_URL for a real server) always win.
_EPHEMERAL_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_LOGGING_EXTRA_LOGGERS": "summarizer",
    # Library lines from threads outside a task reach stderr; Prefect need not warn of them.
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
}


def quiet_temporary_prefect(*, verbose: bool) -> None:
    """Quiet, offline settings for Prefect's temporary API (no server configured); an
    operator's own settings always win."""
    if os.environ.get("PREFECT_API_URL"):
        return
    for key, value in _EPHEMERAL_DEFAULTS.items():
        os.environ.setdefault(key, value)
    # Prefect's own tracebacks repeat the one-line error the command prints.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "CRITICAL")
    # Prefect's background services log on loggers of their own ("EventsWorker - Still
    # processing items") that only the root level governs.
    os.environ.setdefault("PREFECT_LOGGING_ROOT_LEVEL", "WARNING" if verbose else "ERROR")
    # Library lines logged inside Dask workers go to the run's log (the UI) and, through
    # Prefect's console handler, to stderr: there only warnings, as in this process.
    os.environ.setdefault(
        "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "INFO" if verbose else "WARNING"
    )


def start_temporary_prefect() -> threading.Thread | None:
    """Start Prefect's temporary API server now, in the background, when no server is
    configured: its start-up (seconds, in its own process) then overlaps the loading of the
    library and the analysis workers instead of following it. The flow finds the server
    already running (Prefect keeps one per process); join the thread before calling the flow.
    """
    if os.environ.get("PREFECT_API_URL"):
        return None
    # Imported here, not in the thread: an import in a thread would hold the interpreter
    # while this thread imports the library.
    from prefect.server.api.server import SubprocessASGIServer

    def start() -> None:
        try:
            SubprocessASGIServer().start()
        except Exception:  # the flow call starts it again and reports why
            return

    thread = threading.Thread(target=start, name="prefect-temporary-server", daemon=True)
    thread.start()
    return thread


INTERRUPTED = 130
_EXIT_GRACE_SECONDS = 3.0


def leave_after_interrupt() -> None:
    """Say it once, then go. Threads still finishing a task, Prefect's event and log workers
    and its temporary server only have errors left to print, so stderr is closed; a clean
    exit (which stops the temporary server) gets a few seconds, then the process ends anyway.
    Published files are never half-written: each is replaced in one step."""
    typer.echo("interrupted: stopped; files published before are unchanged", err=True)
    sys.stderr.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    logging.disable(logging.CRITICAL)
    watchdog = threading.Timer(_EXIT_GRACE_SECONDS, os._exit, args=(INTERRUPTED,))
    watchdog.daemon = True
    watchdog.start()
    from summarizer.analysis.articles import stop_workers

    stop_workers()
    sys.exit(INTERRUPTED)
