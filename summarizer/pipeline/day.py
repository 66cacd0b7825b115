"""Run a day: newsdigest's one use case. A :class:`DayRequest` (inputs, day, output, options)
is planned once (:func:`plan_day`: the sources file read, the settings resolved, every check
made, and whether the published digest is already up to date with its input files), then run
(:func:`run_day`: the stages, publishing, and delivery, which an up-to-date day still gets:
an earlier run may have failed to send it). The CLI and the Prefect flow only parse, call
this and report its :class:`DayResult`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from summarizer.collect.files import expand_paths
from summarizer.config import SourcesConfig, load_config, output_directory
from summarizer.config.calendar import check_not_ahead, chosen_day
from summarizer.config.request import DayRequest
from summarizer.config.settings import DigestSettings
from summarizer.deliver import DeliveryReport, SecretReader
from summarizer.models import Digest
from summarizer.pipeline.intake import check_files, source_lists
from summarizer.pipeline.output import Published
from summarizer.pipeline.run import DirectRunner, StageRunner, run_pipeline
from summarizer.pipeline.stages import DELIVER
from summarizer.publish import freshness
from summarizer.publish.days import (
    check_output_directory,
    day_directory,
    digest_paths,
    load_digest,
)


@dataclass(frozen=True, slots=True)
class DayPlan:
    """A request made concrete: its sources file read, its day and settings resolved, its
    files listed, and whether the day's published digest already says what it would."""

    request: DayRequest
    config: SourcesConfig | None
    settings: DigestSettings
    why: str
    """Why the run builds this day: "the date given", or "no date given: today in …"."""
    files: tuple[Path, ...]
    fingerprint: str | None
    """The fingerprint of a files-only run's inputs; ``None`` when feeds are read."""
    up_to_date: bool

    @property
    def day(self) -> date:
        return self.settings.day

    @property
    def directory(self) -> Path:
        return day_directory(self.settings.out_dir, self.settings.day)


@dataclass(frozen=True, slots=True)
class DayResult:
    """What a run did: the digest it published (or found up to date) and its delivery."""

    plan: DayPlan
    published: Published
    delivery: DeliveryReport | None
    """``None`` when the sources file names no email or chat target."""

    @property
    def up_to_date(self) -> bool:
        return self.plan.up_to_date

    @property
    def digest(self) -> Digest:
        return self.published.digest

    def raise_for_delivery(self) -> None:
        """Raises :class:`~summarizer.errors.DeliveryFailed` when a target failed."""
        if self.delivery is not None:
            self.delivery.raise_for_failures()


_GIVEN_PLAN: ContextVar[DayPlan | None] = ContextVar("given_plan", default=None)


@contextmanager
def planned(plan: DayPlan) -> Iterator[None]:
    """Hand ``plan`` to a :func:`plan_day` of the same request inside this block: an adapter
    that planned before starting its orchestrator (to fail fast, or to skip it when the day
    is up to date) runs the flow without reading the sources file a second time."""
    token = _GIVEN_PLAN.set(plan)
    try:
        yield
    finally:
        _GIVEN_PLAN.reset(token)


def plan_day(request: DayRequest) -> DayPlan:
    """Read the sources file once, resolve the day and the settings, and check everything a
    run can get wrong before its work starts.

    Raises:
        ConfigError: a bad value, sources file, model, date or output directory.
        NewsDigestError: not one of a files-only run's files can be used.
    """
    given = _GIVEN_PLAN.get()
    if given is not None and given.request == request:
        return given
    config = (
        load_config(request.sources_file, out_dir=request.out_dir) if request.sources_file else None
    )
    day, why = chosen_day(request.day, config)
    check_not_ahead(day, config, allow_future=request.allow_future)
    out_dir = output_directory(request.out_dir, config)
    settings = DigestSettings.chosen(request.options, config, day=day, out_dir=out_dir)
    paths, feeds = source_lists(request.inputs, config)
    files = tuple(expand_paths(paths)) if paths else ()
    check_output_directory(out_dir)
    fingerprint = None
    if not feeds:  # feeds can change any minute; files only by editing
        fingerprint = freshness.run_fingerprint(
            files, settings, since=request.since, sources_file=request.sources_file
        )
        check_files(files, settings)
    up_to_date = (
        fingerprint is not None
        and not request.force
        and freshness.is_up_to_date(day_directory(out_dir, day), fingerprint)
    )
    return DayPlan(request, config, settings, why, files, fingerprint, up_to_date)


def run_day(
    plan: DayPlan, *, runner: StageRunner | None = None, read_block: SecretReader | None = None
) -> DayResult:
    """Build and publish the planned day through ``runner`` (plain calls by default), or
    take its published digest when it is up to date; then deliver it to the sources file's
    targets that lack it. A failed target is in ``DayResult.delivery``, never raised.

    Raises:
        NewsDigestError: every source failed, or the output could not be written.
    """
    runner = runner or DirectRunner()
    if plan.up_to_date:
        published = Published(
            load_digest(plan.settings.out_dir, plan.day),
            digest_paths(plan.directory),
            rewritten=False,
            archive=[],
        )
    else:
        published = run_pipeline(
            plan.request.inputs,
            plan.settings,
            plan.config,
            since=plan.request.since,
            runner=runner,
        )
        if plan.fingerprint is None:
            freshness.forget(plan.directory)  # feeds made it; no file fingerprint covers it
        else:
            freshness.record(plan.directory, plan.fingerprint)
    delivery = None
    if plan.config is not None and plan.config.delivers:
        delivery = runner.call(
            DELIVER,
            digest=published.digest,
            config=plan.config,
            settings=plan.settings,
            read_block=read_block,
        )
    return DayResult(plan, published, delivery)
