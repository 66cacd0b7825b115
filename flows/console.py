"""What every ``newsdigest`` command shares: the error line, logging to stderr, the progress
bar of the batch commands, quiet settings for Prefect's temporary API, and leaving on Ctrl-C.

Messages go out with ``typer.echo``, one line each: rich would wrap them at the terminal's
width. Rich draws only the progress bar and spinners."""

from __future__ import annotations

import atexit
import importlib.util
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flows.deployment import wait_for_api
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


def quiet_dask(*, verbose: bool) -> None:
    """Dask's log levels for a run, set before ``distributed`` is imported (it reads them
    then): warnings and up; without ``-v``, also none of a worker's own errors, whose only
    kind here is a heartbeat that meets the scheduler already closing as the local cluster
    stops at the end of a run (a task's error reaches the run's result anyway)."""
    levels = {"distributed": "warning"}
    if not verbose:
        levels["distributed.worker"] = "critical"
    os.environ.setdefault("DASK_DISTRIBUTED__LOGGING", repr(levels))


_API_WAIT_SECONDS = 90.0
# How Prefect runs its own temporary server: no UI and none of the background services a
# long-lived server needs (scheduler, late-run marking, ...), which would take a core's share
# from the run; the app built once (measured: bench/RESULTS.md).
_EPHEMERAL_SERVER = {"PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


class TemporaryApi:
    """A Prefect API server of this command's own, on a free loopback port, started before
    anything heavy is imported so that its start-up overlaps the command's; Prefect's clients
    find it through ``PREFECT_API_URL``. It is Prefect's own server application
    (``prefect.server.api.server:create_app``, what ``prefect server start`` serves) on the
    same database, run as Prefect runs its temporary server (no UI, no background services);
    it stops when the command ends. Prefect's own temporary server starts only once a flow
    is called, after the whole library has loaded."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        spec = importlib.util.find_spec("prefect")
        if spec is None or spec.origin is None:
            raise NewsDigestError("Prefect is not installed")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn",
                "--app-dir", str(Path(spec.origin).parent.parent),
                "--factory", "prefect.server.api.server:create_app",
                "--host", "127.0.0.1", "--port", str(self.port),
                "--log-level", "error", "--lifespan", "on",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **_EPHEMERAL_SERVER},
        )  # fmt: skip
        atexit.register(self.stop)
        _TEMPORARY_APIS.append(self)
        os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{self.port}/api"
        os.environ["PREFECT_UI_URL"] = ""  # no UI here: no "View at" link to a dead page

    def wait(self, timeout: float = _API_WAIT_SECONDS) -> None:
        """Return once the server answers.

        Raises:
            NewsDigestError: it exited or did not answer within ``timeout`` seconds.
        """
        wait_for_api(
            self.process,
            os.environ["PREFECT_API_URL"],
            name="Prefect's temporary API server",
            timeout=timeout,
        )

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the server to finish its writes and stop; kill it after ``timeout`` seconds."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_TEMPORARY_APIS: list[TemporaryApi] = []


def start_temporary_prefect() -> TemporaryApi | None:
    """Start a temporary Prefect API now when no server is configured (``PREFECT_API_URL``);
    call ``wait()`` on it before the flow runs."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    return TemporaryApi()


INTERRUPTED = 130
_EXIT_GRACE_SECONDS = 3.0
_RESCUE_SECONDS = 6.0
_INTERRUPTED_LINE = "interrupted: stopped; files published before are unchanged"
_CTRL_C = threading.Event()
_SAY_ONCE = threading.Lock()  # taken by whichever says "interrupted" first


def _on_ctrl_c(_signum: int, _frame: Any) -> None:
    if not _CTRL_C.is_set():
        _CTRL_C.set()
        # Prefect's background workers log their own failures once the run unwinds; nothing
        # they print after Ctrl-C is news to the user.
        logging.disable(logging.CRITICAL)
        rescue = threading.Timer(_RESCUE_SECONDS, _leave_now)
        rescue.daemon = True
        rescue.start()
    raise KeyboardInterrupt


def _leave_now() -> None:
    """The command has not ended a few seconds after Ctrl-C: Prefect caught the interrupt
    somewhere it cannot be seen from here, or is retrying its temporary API, which the same
    Ctrl-C stopped. Say it, stop the temporary API, and go (published files are replaced in
    one step each, so none is half-written)."""
    if _SAY_ONCE.acquire(blocking=False):
        os.write(2, f"{_INTERRUPTED_LINE}\n".encode())
    for api in _TEMPORARY_APIS:
        api.process.kill()
    os._exit(INTERRUPTED)


def catch_ctrl_c() -> None:
    """Remember that Ctrl-C was pressed before raising ``KeyboardInterrupt`` as Python does:
    an interrupt that lands inside Prefect's task engine can come out as another exception
    (``ValueError: Task run is not set`` when it arrives while a task run is being created),
    and the command must still end as interrupted."""
    signal.signal(signal.SIGINT, _on_ctrl_c)


def was_interrupted() -> bool:
    """Whether Ctrl-C was pressed during this command."""
    return _CTRL_C.is_set()


def leave_after_interrupt() -> None:
    """Say it once, then go. Threads still finishing a task, Prefect's event and log workers
    and its temporary server only have errors left to print, so stderr is closed; a clean
    exit (which stops the temporary server) gets a few seconds, then the process ends anyway.
    Published files are never half-written: each is replaced in one step."""
    if _SAY_ONCE.acquire(blocking=False):
        typer.echo(_INTERRUPTED_LINE, err=True)
        sys.stderr.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    logging.disable(logging.CRITICAL)
    watchdog = threading.Timer(_EXIT_GRACE_SECONDS, os._exit, args=(INTERRUPTED,))
    watchdog.daemon = True
    watchdog.start()
    from summarizer.reading.articles import stop_workers

    stop_workers()
    # Before the watchdog can end the process without running exit handlers.
    for api in _TEMPORARY_APIS:
        api.stop(timeout=1.0)
    sys.exit(INTERRUPTED)
