"""Every stage of the pipeline, declared once: its name (a task's name in the Prefect UI),
the library function doing its work, how it batches and the account of its result that is
logged."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from summarizer.dates import MEMORY_DAYS
from summarizer.group.dedupe import sign
from summarizer.group.skim import skim_partition
from summarizer.group.term_counts import count_terms
from summarizer.models import FULL, FeedState
from summarizer.pipeline.editing import (
    analyse,
    build,
    cluster,
    rank,
    start_analysis_workers,
    thread,
)
from summarizer.pipeline.intake import (
    dedupe,
    extract,
    fetch,
    gather,
    load,
    recall_feeds,
    recall_pages,
    record,
)
from summarizer.pipeline.output import deliver, publish, render


def _no_notes(_result: Any) -> list[tuple[int, str]]:
    return []


def _no_failure(_result: Any) -> str | None:
    return None


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the pipeline: its name (a task's name in the Prefect UI), the function
    doing the work, how many items one call takes (``None``: everything at once), the
    one-line account of its result that is logged, further lines worth logging (with their
    level), what makes its result a failure an orchestrator should show (the run goes on:
    the result says what failed), whether its work is Python that holds the interpreter
    (not a parser in worker processes, nor waiting on the network): batches of such a stage
    gain nothing from running side by side in one process's threads, only on separate
    workers; and whether a call already runs many requests at once (up to ``[limits]
    concurrency``): its batches go one after another in one process, where side by side they
    would multiply that limit, and side by side only on separate workers; and what starts,
    without waiting, the worker processes its calls will need (``warm_up``, given inputs
    by name), so that they start while an earlier stage leaves a core idle."""

    name: str
    run: Callable[..., Any]
    describe: Callable[[Any], str]
    batch: int | None = None
    notes: Callable[[Any], list[tuple[int, str]]] = _no_notes
    failure: Callable[[Any], str | None] = _no_failure
    holds_interpreter: bool = False
    runs_requests_at_once: bool = False
    warm_up: Callable[..., None] | None = None

    def run_and_describe(
        self, call: Callable[..., Any] | None = None, /, **inputs: Any
    ) -> tuple[Any, str]:
        """The stage's result, and its account with the seconds it took; ``call(run,
        **inputs)`` runs it elsewhere (in a worker process)."""
        started = time.perf_counter()
        result = self.run(**inputs) if call is None else call(self.run, **inputs)
        return result, f"{self.describe(result)} in {time.perf_counter() - started:.2f} s"


LOAD = Stage(
    "load",
    load,
    lambda r: f"loaded {len(r.articles)} articles from {r.files} files, {len(r.problems)} problems",
)
RECALL_FEEDS = Stage(
    "recall-feeds",
    recall_feeds,
    lambda requests: (
        f"{len(requests)} feeds, {sum(r.known != FeedState(None, None) for r in requests)} "
        "with validators of their last answer"
    ),
)
FETCH = Stage(
    # Mapped over batches of feeds: only the network, so a Dask cluster spreads it.
    "fetch",
    fetch,
    lambda reports: (
        f"fetched {len(reports)} feeds: {sum(r.failed for r in reports)} failed, "
        f"{sum(r.status == 'not modified' for r in reports)} not modified, "
        f"{sum(len(r.in_window) for r in reports)} entries in the window"
    ),
    batch=100,
    runs_requests_at_once=True,
)
RECALL_PAGES = Stage(
    "recall-pages",
    recall_pages,
    lambda reports: (
        f"{sum(len(r.known_pages) for r in reports)} teasers' pages extracted on earlier runs"
    ),
)
EXTRACT = Stage(
    # Mapped over batches of feeds, as fetch.
    "extract",
    extract,
    lambda reports: (
        f"{sum(len(r.articles) for r in reports)} articles from {len(reports)} "
        f"feeds ({sum(r.full_text_fetched for r in reports)} full texts fetched)"
    ),
    batch=100,
    runs_requests_at_once=True,
)
RECORD = Stage(
    "record",
    record,
    lambda reports: (
        f"{sum(r.new for r in reports)} new articles of {sum(len(r.articles) for r in reports)} "
        f"from {len(reports)} feeds recorded"
    ),
)
GATHER = Stage(
    "gather",
    gather,
    lambda inputs: (
        f"{len(inputs.articles)} articles from {inputs.sources} sources "
        f"({inputs.failed_sources} failed, {len(inputs.problems)} problems)"
    ),
)
SIGN = Stage(
    # Mapped over partitions of the day (a signature depends on its article alone), so a
    # Dask cluster spreads the shingling and hashing, nine tenths of deduplication.
    "sign",
    sign,
    lambda signed: f"signed {len(signed)} articles for near-duplicates",
    batch=5_000,
    holds_interpreter=True,
)
DEDUPE = Stage(
    "dedupe",
    dedupe,
    lambda unique: (
        f"{len(unique.articles)} unique articles, {unique.dropped} exact duplicates dropped, "
        f"{sum(len(v) for v in unique.extra_sources.values())} near-duplicates merged"
    ),
)
SKIM = Stage(
    # Mapped over partitions of whole outlets (an outlet's title suffixes are learnt from
    # all of its articles), so a Dask cluster spreads the look at a big day.
    "skim",
    skim_partition,
    lambda part: (
        f"skimmed {len(part.skims)} articles "
        f"({sum(not s.in_english for s in part.skims)} not in English)"
    ),
    batch=5_000,
    holds_interpreter=True,
)
ANALYSE = Stage(
    # Summaries and participants read the same spaCy parse, so they share a stage.
    "summarise+participants",
    analyse,
    lambda analyses: (
        f"parsed {len(analyses)} articles in depth; participants: "
        f"{sum(len(a.participants.people) for a in analyses)} people, "
        f"{sum(len(a.participants.organizations) for a in analyses)} organisations, "
        f"{sum(len(a.participants.places) for a in analyses)} places"
    ),
    batch=200,
    warm_up=start_analysis_workers,
)
COUNT = Stage(
    # Mapped over partitions of the day: tokenising and counting is the Python part of
    # vectorising, and a partition's counts depend on its articles alone.
    "count",
    count_terms,
    lambda counts: f"counted {len(counts.terms):,} terms in {counts.counts.shape[0]} articles",
    batch=5_000,
    holds_interpreter=True,
)
CLUSTER = Stage(
    "cluster",
    cluster,
    lambda groups: (
        f"{sum(len(g.members) for g in groups)} articles in {len(groups)} stories "
        f"({sum(len(g.members) > 1 for g in groups)} told by several articles)"
    ),
)
THREAD = Stage(
    "thread",
    thread,
    lambda states: (
        f"{sum(s.continuing for s in states)} of {len(states)} stories continue a thread "
        f"of the previous {MEMORY_DAYS} days"
    ),
)
RANK = Stage(
    "rank",
    rank,
    lambda ranked: (
        f"{sum(r.depth == FULL for r in ranked)} stories in full "
        f"({sum(len(r.carriers) for r in ranked)} articles to parse), "
        f"{sum(r.depth != FULL for r in ranked)} in brief"
    ),
)
BUILD = Stage(
    "build",
    build,
    lambda digest: (
        f"{len(digest.stories)} stories in the digest, {len(digest.full_stories)} in full"
    ),
)
RENDER = Stage(
    "render",
    render,
    lambda rendered: (
        "nothing changed since the day's digest was published"
        if rendered is None
        else "rendered " + ", ".join(f"{fmt} {len(text):,} chars" for fmt, text in rendered.items())
    ),
)
PUBLISH = Stage(
    "publish",
    publish,
    lambda p: (
        ("published " + ", ".join(str(path) for path in p.paths.values()))
        if p.rewritten
        else "the published files stand"
    ),
)
DELIVER = Stage(
    "deliver",
    deliver,
    lambda report: report.summary(),
    notes=lambda report: [
        (logging.WARNING if outcome.status == "failed" else logging.INFO, line)
        for outcome, line in zip(report.outcomes, report.lines(), strict=True)
    ],
    failure=lambda report: report.failure(),
)
STAGES: tuple[Stage, ...] = (
    LOAD,
    RECALL_FEEDS,
    FETCH,
    RECALL_PAGES,
    EXTRACT,
    RECORD,
    GATHER,
    SIGN,
    DEDUPE,
    SKIM,
    COUNT,
    CLUSTER,
    THREAD,
    RANK,
    ANALYSE,
    BUILD,
    RENDER,
    PUBLISH,
    DELIVER,
)
"""Every stage, in the order data flows through them."""
