"""``newsdigest serve``: register the scheduled deployment with a Prefect server and run its
flow runs (scheduled, and those started from the UI) until Ctrl-C."""

from __future__ import annotations

import os
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from flows.options import DaskAddressOption, TaskRunnerOption, check_task_runner
from flows.terminal import configure_logging, fail
from summarizer.errors import NewsDigestError


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
    from flows.dask_scheduler import check_dask_address
    from summarizer.config import load_config

    configure_logging(verbose=False)
    # Library logs reach the Prefect UI only when the serving process names them.
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "summarizer")
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows import deployment
    from flows.api_server import LOCAL_API, start_local_server

    server = None
    try:
        config = load_config(sources)
        check_task_runner(task_runner)
        if dask_address:
            check_dask_address(dask_address)
        try:
            deployment.require_api_url()
        except NewsDigestError:
            if not start_server:
                raise
            typer.echo("starting a local Prefect server on http://127.0.0.1:4200 ...", err=True)
            server = start_local_server()
        schedule = config.schedule
        typer.echo(
            f"serving {deployment.FLOW_NAME}/{deployment.DEPLOYMENT_NAME}: "
            f"cron {schedule.cron!r} in {schedule.timezone}; Ctrl-C stops (and pauses it)",
            err=True,
        )
        # Prefect read its settings before the server was started: without this, serve
        # would register the deployment with a temporary server of its own instead.
        with (
            temporary_settings(updates={PREFECT_API_URL: LOCAL_API})
            if server is not None
            else nullcontext()
        ):
            deployment.serve(sources, config, task_runner=task_runner, dask_address=dask_address)
        # Prefect's runner takes Ctrl-C itself, pauses the schedule and returns in silence.
        typer.echo(
            f"stopped serving {deployment.FLOW_NAME}/{deployment.DEPLOYMENT_NAME}: its schedule "
            "is paused and UI runs wait until `newsdigest serve` runs again (the UI shows it "
            "Ready until the server notices, about a minute)",
            err=True,
        )
    except NewsDigestError as exc:
        raise fail(exc) from exc
    finally:
        if server is not None:
            server.terminate()
