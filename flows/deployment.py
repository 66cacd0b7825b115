"""The ``daily-digest/daily`` deployment: schedule from sources.toml, served by ``flow.serve``.

A schedule only fires against a real Prefect server: the temporary (ephemeral) API that
``newsdigest run`` uses cannot schedule. So serving without ``PREFECT_API_URL`` is refused
with instructions, or, when asked, a local server is started first.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flows.api_server import LOCAL_API
from summarizer.config import SourcesConfig
from summarizer.errors import ConfigError

DEPLOYMENT_NAME = "daily"
FLOW_NAME = "daily-digest"
NO_SERVER_HELP = (
    "no Prefect server is configured (PREFECT_API_URL is not set), and a schedule never fires "
    "on Prefect's temporary API. Set the API URL first (the server's UI reads it when it "
    "starts, so this order works on any port), start a server in another terminal, then "
    "serve again:\n"
    f"    prefect config set PREFECT_API_URL={LOCAL_API}\n"
    "    prefect server start\n"
    "    newsdigest serve --sources sources.toml\n"
    "(or run `newsdigest serve --start-server` to start a local server automatically)"
)


def require_api_url() -> str:
    """The configured Prefect API URL.

    Raises:
        ConfigError: none is configured (the message says how to start a server).
    """
    from prefect.settings import PREFECT_API_URL

    url = os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value()
    if not url:
        raise ConfigError(NO_SERVER_HELP)
    return str(url)


def deployment_parameters(sources_file: Path, config: SourcesConfig) -> dict[str, Any]:
    """Defaults the deployment runs with: absolute paths, so any working directory works."""
    return {
        "sources_file": str(sources_file.resolve()),
        "out_dir": str(config.output_dir.resolve()),
    }


def schedule_description(config: SourcesConfig) -> str:
    """What the deployment page shows under its name: the schedule in words with its time
    zone (the page's own schedule line shows the time without a zone, and the next run's
    time in the browser's zone)."""
    from datetime import datetime

    from cronsim import CronSim

    when = CronSim(config.schedule.cron, datetime(2000, 1, 1)).explain()
    return (
        f"Daily news digest. Schedule: {when}, {config.schedule.timezone} time "
        f'(cron "{config.schedule.cron}"). Feeds and files in; Markdown, HTML and JSON out.'
    )


def serve(
    sources_file: Path,
    config: SourcesConfig,
    *,
    task_runner: str = "threads",
    dask_address: str | None = None,
) -> None:
    """Register the deployment with its schedule and run its flow runs until stopped."""
    from prefect.schedules import Cron

    from flows.daily_digest import daily_digest
    from flows.runners import with_task_runner

    flow = with_task_runner(daily_digest, task_runner, dask_address)
    flow.serve(
        name=DEPLOYMENT_NAME,
        schedule=Cron(config.schedule.cron, timezone=config.schedule.timezone),
        parameters=deployment_parameters(sources_file, config),
        description=schedule_description(config),
        # Tags show as chips at the top of the deployment page and on every run it makes;
        # the description sits behind a tab.
        tags=["newsdigest", f"{config.schedule.timezone} time"],
    )
