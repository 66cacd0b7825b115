"""``newsdigest run``: a day's digest through the Prefect flow, as an adapter over the
library's use case (``summarizer.pipeline.day``): parse the options into a request, plan it
(every bad value fails here, in one line, before Prefect starts), skip Prefect when the day
is up to date with its files, else run the flow on the plan, and print what was written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from flows.api_server import TemporaryApi, start_temporary_prefect
from flows.options import (
    DaskAddressOption,
    TaskRunnerOption,
    check_task_runner,
    with_digest_options,
)
from flows.published_cli import delivery_failed
from flows.quiet import quiet_dask, quiet_temporary_prefect
from flows.terminal import configure_logging, fail
from summarizer.errors import DeliveryFailed, NewsDigestError

if TYPE_CHECKING:
    from summarizer.pipeline.day import DayPlan

# The cheap stages open worker processes only for more than one partition of 5,000 articles:
# about 17 MB of full texts (~3.5 KB an article). Below that their modules are not worth
# importing ahead (~0.7 s of a core, measured on 1,000 articles).
_STAGE_WORKERS_BYTES = 17 * 1024 * 1024


@with_digest_options
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
    task_runner: TaskRunnerOption = "threads",
    dask_address: DaskAddressOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even when the inputs have not changed.")
    ] = False,
    allow_future: Annotated[
        bool,
        typer.Option(
            "--allow-future",
            help="Build a --date after tomorrow; without it such a date is refused.",
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every stage.")] = False,
    *,
    options: dict[str, Any],
) -> None:
    """Build the day's digest through the Prefect flow (temporary local API if no server)."""
    from flows.dask_scheduler import check_dask_address
    from summarizer.config.request import DayRequest
    from summarizer.config.settings import DigestOptions

    configure_logging(verbose)
    try:  # bad parameters fail here, before Prefect starts
        check_task_runner(task_runner)
        request = DayRequest(
            inputs=tuple(paths or ([] if sources else ["seeds"])),
            sources_file=sources,
            day=date,
            out_dir=out,
            since=since,
            options=DigestOptions.checked(**options),
            allow_future=allow_future,
            force=force,
        )
        if dask_address:
            check_dask_address(dask_address)
    except NewsDigestError as exc:
        raise fail(exc) from exc
    quiet_temporary_prefect(verbose=verbose)
    # Started once the options are good and before the plan's imports, so that its start-up
    # (~6 s, its own imports) overlaps theirs and the flow's; unused, it is killed at once.
    server = start_temporary_prefect()
    try:
        # Imported once the options are good: the pipeline brings spaCy, NLTK and
        # scikit-learn (~5 s).
        from summarizer.pipeline.day import plan_day

        plan = plan_day(request)
    except BaseException as exc:  # no flow will run: nothing may keep the server
        _discard(server)
        if isinstance(exc, NewsDigestError):
            raise fail(exc) from exc
        raise
    if plan.up_to_date:
        _discard(server)
        typer.echo(
            f"the {plan.day} digest is up to date with its inputs (--force rebuilds it)", err=True
        )
        _finish(plan, lambda: _deliver_up_to_date(plan))
        return
    if task_runner == "dask":  # before distributed is imported: it reads its config then
        quiet_dask(verbose=verbose)
    _finish(plan, lambda: _through_the_flow(plan, server, task_runner, dask_address))


def _discard(server: TemporaryApi | None) -> None:
    if server is not None:
        server.discard()


def _deliver_up_to_date(plan: DayPlan) -> None:
    """The delivery an up-to-date day still gets (an earlier run may have failed to send it),
    without Prefect's flow: nothing is built. The library logs a line per target (a failed
    one as a warning; the others with -v)."""
    from flows.secret_blocks import read_secret_block
    from summarizer.pipeline.day import run_day

    run_day(plan, read_block=read_secret_block).raise_for_delivery()


def _through_the_flow(
    plan: DayPlan, server: TemporaryApi | None, task_runner: str, dask_address: str | None
) -> None:
    """Run the planned day as the daily-digest flow, on ``server`` (a temporary API) unless
    a Prefect server is configured."""
    from flows.daily_digest import run_planned
    from flows.runners import one_off_run_settings
    from summarizer.pipeline.editing import WARM_UP_SIZES

    size = sum(f.stat().st_size for f in plan.files)
    if task_runner == "threads" and size in WARM_UP_SIZES:
        _start_forkserver(with_stages=size >= _STAGE_WORKERS_BYTES)
    if server is not None:
        server.wait()
    with one_off_run_settings(temporary_api=server is not None):
        run_planned(plan, task_runner, dask_address)


def _start_forkserver(*, with_stages: bool) -> None:
    """Start the process the run's worker processes are started from, with the imports of
    their work (``with_stages``: the cheap stages' too), now: its imports overlap the wait
    for the temporary server, and each worker begins with them made once."""
    import multiprocessing.forkserver
    import signal

    from summarizer.pipeline.stages import STAGES
    from summarizer.read.articles import analyse_articles
    from summarizer.text.workers import preload_in_workers

    stages = [stage.run.__module__ for stage in STAGES if stage.holds_interpreter]
    preload_in_workers([analyse_articles.__module__, *(stages if with_stages else ())])
    # CPython's forkserver ignores Ctrl-C only once its imports are made (seconds), and a
    # Ctrl-C before that printed the traceback of the import it stopped: it starts ignoring
    # it (kept across exec). Its workers set their own handler.
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, handler)


def _finish(plan: DayPlan, work: Callable[[], None]) -> None:
    """Do ``work``, then print the day's files; a failed delivery exits 3 after them."""
    from summarizer.publish.days import digest_paths

    try:
        work()
    except DeliveryFailed as exc:
        undelivered: DeliveryFailed | None = exc
    except NewsDigestError as exc:
        raise fail(exc) from exc
    else:
        undelivered = None
    for path in digest_paths(plan.directory).values():
        typer.echo(path)
    if undelivered is not None:
        raise delivery_failed(undelivered)
