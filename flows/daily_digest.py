"""The daily digest as a Prefect flow: an adapter over the library's use case
(``summarizer.pipeline.day``): its parameters (the UI's run form) make a request, which is
planned once and run with each stage as a task (``flows.stage_tasks``); the run's page gets
the digest and its deliveries as artifacts (``flows.artifacts``).
"""

# No `from __future__ import annotations` here: Prefect builds the UI's parameter form and
# validates runs from these annotations, and a served deployment resolves them out of context.
import datetime as dt
import logging
from datetime import datetime
from enum import Enum
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import deployment, flow_run
from prefect.states import Failed, State

from flows.artifacts import delivery_table, publish_artifacts
from flows.runners import with_task_runner
from flows.secret_blocks import read_secret_block
from flows.stage_tasks import PrefectRunner
from summarizer.config.request import DayRequest
from summarizer.config.settings import (
    ALGORITHM_NAMES,
    DEFAULT_ALGORITHM_NAME,
    KEY_POINTS_DEFAULT,
    STAGE_TIMEOUT_DEFAULT,
    DigestOptions,
    KeyPoints,
    StageTimeout,
    TopStories,
)
from summarizer.errors import NewsDigestError
from summarizer.heap import collections_of_new_objects, share_malloc_arenas
from summarizer.pipeline import DayPlan, plan_day, planned, run_day

# Library loggers (no Prefect import there) reach the run logs through
# PREFECT_LOGGING_EXTRA_LOGGERS=summarizer plus this level.
if logging.getLogger("summarizer").level == logging.NOTSET:
    logging.getLogger("summarizer").setLevel(logging.INFO)

Algorithm = Enum("Algorithm", {name: name for name in ALGORITHM_NAMES}, type=str)  # type: ignore[misc]

_PLAN_OF_RUN: dict[str, DayPlan] = {}
"""The plan the run-name function made, for the same run's body: one read of the config."""


def _request(parameters: dict[str, Any]) -> DayRequest:
    """The request a run's parameters make; the options are every parameter named like a
    field of ``DigestOptions``."""
    options = {name: parameters[name] for name in DigestOptions.model_fields if name in parameters}
    if isinstance(options.get("algorithm"), Enum):
        options["algorithm"] = options["algorithm"].value
    return DayRequest(
        inputs=tuple(parameters.get("sources") or ()),
        sources_file=parameters.get("sources_file"),
        day=parameters.get("date"),
        out_dir=parameters.get("out_dir"),
        since=parameters.get("since"),
        options=DigestOptions.checked(**options),
        allow_future=parameters.get("allow_future", False),
        force=parameters.get("force", False),
    )


def _plan(parameters: dict[str, Any]) -> DayPlan:
    request = _request(parameters)
    run = flow_run.id
    made = _PLAN_OF_RUN.get(run) if run else None
    if made is not None and made.request == request:
        return made
    plan = plan_day(request)
    if run:
        _PLAN_OF_RUN[run] = plan
    return plan


def _run_name() -> str:
    """`digest-YYYY-MM-DD`; a run given no date (a scheduled run, or one whose date the UI's
    picker dropped as invalid) says which day it took and why:
    `digest-2026-11-30 (no date given: today in Europe/London)`. A run started from the
    deployment's form keeps the Run Name it was given in front: `my check · digest-…`."""
    parameters = flow_run.parameters
    try:
        plan = _plan(parameters)
        name = f"digest-{plan.day.isoformat()}"
        if not parameters.get("date"):
            name += f" ({plan.why})"
    except NewsDigestError:  # the flow reports it, in one line; the name needs only a date
        name = f"digest-{parameters.get('date') or 'bad parameters'}"
    given = (flow_run.name or "").split(" · digest-")[0]  # a retry is not renamed twice
    if given.startswith("digest-"):  # named by this function before, on an earlier try
        given = ""
    if deployment.id and given and "auto-scheduled" not in flow_run.tags:
        return f"{given} · {name}"
    return name


@flow(name="daily-digest", flow_run_name=_run_name, validate_parameters=True)
def daily_digest(
    sources: list[str] | None = None,
    date: dt.date | None = None,
    out_dir: str | None = None,
    key_points: KeyPoints = KEY_POINTS_DEFAULT,
    algorithm: Algorithm = Algorithm[DEFAULT_ALGORITHM_NAME],  # type: ignore[valid-type]
    sources_file: str | None = None,
    since: datetime | None = None,
    top_stories: TopStories | None = None,
    resend: bool = False,
    model: str | None = None,
    allow_future: bool = False,
    force: bool = False,
    stage_timeout: StageTimeout = STAGE_TIMEOUT_DEFAULT,
) -> dict[str, str] | State:
    """Build a day's news digest from article files and feeds.

    Args:
        sources: Article files, directories or glob patterns, read in addition to the
            sources file's feeds and files.
        date: The digest date (default: today in the schedule's time zone).
        out_dir: Where YYYY-MM-DD/digest.md, .html and .json are written (default: the
            sources file's output_dir, else reports).
        key_points: Key points per story, 1–10.
        algorithm: Summarisation algorithm for the key points.
        sources_file: A sources.toml listing feeds, files, limits and the schedule.
        since: Take feed entries published from this moment on (overrides window_hours).
        top_stories: Stories shown in full (0–200), with key points and participants; every
            other story gets one line (default: the sources file's [digest] top_stories, else
            20).
        resend: Send the digest again to the sources file's email and chat targets that
            already have it (each gets it once per day otherwise).
        model: An installed spaCy pipeline for participants and key points, such as
            en_core_web_trf (default: the sources file's [nlp] model, else the small one).
        allow_future: Build a date after tomorrow (in the schedule's time zone); without
            it such a date is refused, since it would top the archive and be sent.
        force: Rebuild a files-only digest that is up to date with its files (without it
            such a day is only delivered to targets that lack it).
        stage_timeout: Seconds a stage may take per 10,000 of the day's articles (never
            less); a stage that takes longer fails the run, naming itself.
    """
    parameters = dict(locals())
    logger = get_run_logger()
    try:  # every value the form can get wrong fails here, in one line, before any task
        plan = _plan(parameters)
    except NewsDigestError as exc:
        logger.error("%s", exc)
        return Failed(message=str(exc), data=exc)
    finally:
        _PLAN_OF_RUN.pop(flow_run.id, None)
    logger.info("Building the digest of %s (%s)", plan.day.isoformat(), plan.why)
    share_malloc_arenas()  # before the task threads start
    runner = PrefectRunner(plan.settings.stage_timeout)
    with collections_of_new_objects():
        result = run_day(plan, runner=runner, read_block=read_secret_block)
    if result.up_to_date:
        logger.info("the %s digest is up to date with its files (force rebuilds it)", plan.day)
    else:
        publish_artifacts(result)
    if result.delivery is not None:
        delivery_table(result.delivery)
        result.raise_for_delivery()
    return {fmt: str(path) for fmt, path in result.published.paths.items()}


def run_planned(plan: DayPlan, task_runner: str, dask_address: str | None) -> None:
    """Run the flow on a day an adapter has planned already (the sources file is not read
    again), its tasks on the named task runner.

    Raises:
        NewsDigestError: the run failed (DeliveryFailed: the digest is published, but a
            target failed).
    """
    request = plan.request
    with planned(plan):
        with_task_runner(daily_digest, task_runner, dask_address)(
            sources=list(request.inputs),
            date=request.day,
            out_dir=str(request.out_dir) if request.out_dir else None,
            sources_file=str(request.sources_file) if request.sources_file else None,
            since=request.since,
            allow_future=request.allow_future,
            force=request.force,
            **request.options.model_dump(),
        )
