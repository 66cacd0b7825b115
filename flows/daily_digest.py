"""The daily digest as a Prefect flow: the library's pipeline (``summarizer.pipeline``) with
each stage run as a task.

The stages and their order are declared once, in the library; this module only says how a
stage becomes a task (caching, retries, timeouts), logs each stage's account to the run, and
publishes artifacts. Tasks are coarse on purpose: Prefect costs a few milliseconds per task
run. HTTP clients, the store and the spaCy model are created inside the library calls and
never passed as task parameters (they would break or slow Prefect's cache keys).
"""

# No `from __future__ import annotations` here: Prefect builds the UI's parameter form and
# validates runs from these annotations, and a served deployment resolves them out of context.
import datetime as dt
import hashlib
import inspect
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from prefect import Task, flow, get_run_logger, task
from prefect.artifacts import (
    create_link_artifact,
    create_markdown_artifact,
    create_table_artifact,
)
from prefect.cache_policies import NO_CACHE
from prefect.context import TaskRunContext
from prefect.states import Failed, State
from prefect.utilities.annotations import opaque
from pydantic import Field

from flows.secrets import read_secret_block
from summarizer.config import TOP_STORIES_MAX, TOP_STORIES_MIN, load_config, output_directory
from summarizer.delivery import DeliveryReport
from summarizer.errors import ConfigError, NewsDigestError
from summarizer.identity import content_hash
from summarizer.models import Digest
from summarizer.pipeline import (
    ANALYSE,
    DELIVER,
    EXTRACT,
    FETCH,
    PUBLISH,
    STAGES,
    Published,
    Stage,
)
from summarizer.pipeline import run_pipeline as run_stages
from summarizer.publish.days import check_output_directory, day_links, published_days
from summarizer.publish.freshness import code_fingerprint
from summarizer.publish.render.markdown import render_for_artifact
from summarizer.publish.render.view import public_url, source_rows
from summarizer.settings import (
    ALGORITHM_NAMES,
    DEFAULT_ALGORITHM_NAME,
    KEY_POINTS_DEFAULT,
    KEY_POINTS_MAX,
    KEY_POINTS_MIN,
    DigestSettings,
    check_not_ahead,
    chosen_day,
)

# Library loggers (no Prefect import there) reach the run logs through
# PREFECT_LOGGING_EXTRA_LOGGERS=summarizer plus this level.
if logging.getLogger("summarizer").level == logging.NOTSET:
    logging.getLogger("summarizer").setLevel(logging.INFO)

# Artifacts over ~1 MB make the server refuse to publish the event; the file has it all.
_ARTIFACT_LIMIT = 900_000
_NETWORK_RETRY_DELAYS = [10, 60]

Algorithm = Enum("Algorithm", {name: name for name in ALGORITHM_NAMES}, type=str)  # type: ignore[misc]


def _analysis_cache_key(_context: TaskRunContext, parameters: dict[str, Any]) -> str:
    """Articles' content hashes plus the settings, the code and the day's casing (how Title
    Case text is read) that shape the result."""
    articles, settings = parameters["articles"], parameters["settings"]
    casing = parameters.get("casing")
    digest = hashlib.sha256(
        f"{code_fingerprint()}|{settings.key_points}|{settings.algorithm}|{settings.model}".encode()
    )
    for article in articles:
        read_as = casing.recase(article.text) if casing is not None else article.text
        digest.update(f"{article.id}|{content_hash(read_as)}|{article.title}".encode())
    return f"analyse-v4-{digest.hexdigest()}"


# What a stage adds as a task. Each feed's own failures are handled inside the library; the
# retries on fetch and extract cover what escapes that (the store briefly locked, the network
# gone for a moment). No timeout on analysis: it runs in a worker thread, where Prefect cannot
# interrupt it, and its result is cached by content.
_NETWORK = {"retries": 2, "retry_delay_seconds": _NETWORK_RETRY_DELAYS}
_TASK_OPTIONS: dict[str, dict[str, Any]] = {
    FETCH.name: {**_NETWORK, "timeout_seconds": 900},
    EXTRACT.name: {**_NETWORK, "timeout_seconds": 1800},
    ANALYSE.name: {
        "cache_key_fn": _analysis_cache_key,
        "cache_expiration": timedelta(days=7),
        "persist_result": True,
    },
}


def _report_delivery(report: DeliveryReport) -> None:
    """One log line per target and the delivery table on the run's page; a target that
    failed fails the ``deliver`` task, and so the run, after the digest is published."""
    logger = get_run_logger()
    for outcome in report.outcomes:
        (logger.warning if outcome.status == "failed" else logger.info)(outcome.line(report.day))
    create_table_artifact(
        key="digest-delivery",
        table=[
            {"target": outcome.label, "status": outcome.status, "detail": outcome.detail}
            for outcome in report.outcomes
        ],
        description=f"Delivery of the {report.day} digest",
    )
    report.raise_for_failures()


# What a stage's task checks after its work is done and logged.
_AFTER: dict[str, Callable[[Any], None]] = {DELIVER.name: _report_delivery}


def _stage_task(stage: Stage) -> Task[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        result, account = stage.run_and_describe(*args, **kwargs)
        get_run_logger().info(account)
        if stage.name in _AFTER:
            _AFTER[stage.name](result)
        return result

    run.__name__ = run.__qualname__ = stage.run.__name__
    # Prefect reads a task's parameters from its signature: the stage function's names, so
    # the UI and the cache key see "articles" and "settings", not one list called "args".
    run.__signature__ = inspect.signature(stage.run)  # type: ignore[attr-defined]
    options = _TASK_OPTIONS.get(stage.name, {"timeout_seconds": 600})
    if "cache_key_fn" not in options:
        options = {"cache_policy": NO_CACHE, **options}
    return task(run, name=stage.name, **options)


_TASKS = {stage.name: _stage_task(stage) for stage in STAGES}


def _named(stage: Stage, args: Sequence[Any]) -> dict[str, Any]:
    """``args`` by the names of the stage function's parameters."""
    return dict(inspect.signature(stage.run).bind(*args).arguments)


def _opaque(args: Sequence[Any]) -> list[Any]:
    """A stage's inputs as Prefect should take them: as they are. Without ``opaque`` Prefect
    walks every object inside each input looking for futures: on a day of 900 headlines,
    ~4 s of a 20 s run (bench/RESULTS.md)."""
    return [opaque(arg) for arg in args]


class PrefectRunner:
    """Each stage a task; batched stages submitted at once so task runners spread them.
    ``day_reason`` (why the run builds its day) titles the artifacts."""

    def __init__(self, day_reason: str = "the date given") -> None:
        self.day_reason = day_reason

    def call(self, stage: Stage, *args: Any) -> Any:
        result = _TASKS[stage.name](**_named(stage, _opaque(args)))
        if stage is PUBLISH:
            digest, _, settings = args
            _publish_artifacts(result, digest, settings, self.day_reason)
        return result

    def map(self, stage: Stage, batches: Sequence[Any], *args: Any) -> list[Any]:
        # Batches go to the task runner as they are: a Dask worker would get ``opaque`` itself.
        futures = [_TASKS[stage.name].submit(**_named(stage, [batch, *args])) for batch in batches]
        results = [future.result() for future in futures]
        for future, result in zip(futures, results, strict=True):
            if future.state.name == "Cached":  # the task did not run, so it logged nothing
                get_run_logger().info("%s (cached): %s", stage.name, stage.describe(result))
        return results


def _publish_artifacts(
    published: Published, digest: Digest, settings: DigestSettings, day_reason: str
) -> None:
    """The digest, its sources table and where to read the HTML page, on the run's page.
    Only links that work from the Prefect UI: absolute ones, never to a local file."""
    day = digest.date.isoformat()
    links = day_links(published_days(settings.out_dir), digest.date)
    markdown = render_for_artifact(digest, links, base_url=settings.base_url)
    create_markdown_artifact(
        key="daily-digest",
        markdown=markdown[:_ARTIFACT_LIMIT],
        description=f"News digest for {day} ({day_reason})",
    )
    create_table_artifact(
        key="digest-sources",
        table=source_rows(digest),
        description=f"Sources and problems of the {day} digest",
    )
    page = public_url(settings.base_url, digest.date)
    if page:
        create_link_artifact(
            key="digest-html",
            link=page,
            link_text=f"HTML digest for {day}",
            description="The digest as one self-contained HTML page",
        )
        return
    html = published.paths["html"].resolve()
    # Two short lines: the UI's code block does not wrap, and one long line was cut off.
    serve = f"cd {settings.out_dir.resolve()}\npython -m http.server 8000 --bind 127.0.0.1"
    create_markdown_artifact(
        key="digest-html",
        markdown=(
            f"The HTML digest for {day} is the file `{html}` on the machine that ran this "
            "flow. A browser will not open a local file from this page; serve the output "
            f"directory and open the day there:\n\n```\n{serve}\n```\n\n"
            f"then `http://127.0.0.1:8000/{day}/digest.html`. With `base_url` in "
            "sources.toml (where the directory is served), this artifact links to the page."
        ),
        description="Where the digest's HTML page is",
    )


def _run_name() -> str:
    """`digest-YYYY-MM-DD`; a run given no date (a scheduled run, or one whose date the UI's
    picker dropped as invalid) says which day it took and why:
    `digest-2026-11-30 (no date given: today in Europe/London)`. A run started from the
    deployment's form keeps the Run Name it was given in front: `my check · digest-…`."""
    from prefect.runtime import deployment, flow_run

    parameters = flow_run.parameters
    if parameters.get("date"):
        name = f"digest-{parameters['date']}"
    else:
        sources_file = parameters.get("sources_file")
        try:
            config = load_config(Path(sources_file)) if sources_file else None
        except NewsDigestError:
            config = None  # the flow itself reports the bad file; the name needs only a date
        day, why = chosen_day(None, config)
        name = f"digest-{day.isoformat()} ({why})"
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
    key_points: Annotated[int, Field(ge=KEY_POINTS_MIN, le=KEY_POINTS_MAX)] = KEY_POINTS_DEFAULT,
    algorithm: Algorithm = Algorithm[DEFAULT_ALGORITHM_NAME],  # type: ignore[valid-type]
    sources_file: str | None = None,
    since: datetime | None = None,
    top_stories: Annotated[int | None, Field(ge=TOP_STORIES_MIN, le=TOP_STORIES_MAX)] = None,
    resend: bool = False,
    model: str | None = None,
    allow_future: bool = False,
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
    """
    try:  # every value the form can get wrong fails here, in one line, before any task
        config = load_config(Path(sources_file), out_dir=out_dir) if sources_file else None
        day, why = chosen_day(date, config)
        check_not_ahead(day, config, allow_future=allow_future)
        settings = DigestSettings.for_config(
            config,
            day=day,
            out_dir=output_directory(out_dir, config),
            key_points=key_points,
            algorithm=Algorithm(algorithm).value,
            top_stories=top_stories,
            resend=resend,
            model=model,
        )
        check_output_directory(settings.out_dir)
    except ConfigError as exc:
        get_run_logger().error("%s", exc)
        return Failed(message=str(exc), data=exc)
    get_run_logger().info("Building the digest of %s (%s)", day.isoformat(), why)
    published = run_stages(
        sources or [],
        settings,
        config,
        since=since,
        runner=PrefectRunner(why),
        read_block=read_secret_block,
    )
    return {fmt: str(path) for fmt, path in published.paths.items()}
