"""The daily pipeline, declared once.

``STAGES`` names every stage, the library function that does its work and how it batches;
:func:`run_pipeline` is the one order they run in, and :func:`run_day` the use case around
it (``day.py``: plan the day once, run it, deliver it). Called directly it runs each stage as
a plain function call (:class:`DirectRunner`); the Prefect flow passes a runner that turns
each stage into a task with caching, retries and a time limit, nothing else (the run page's
artifacts come from the flow). So the flow and the direct call cannot drift apart.

The stages' work lives in ``intake`` (files, feeds, duplicates), ``editing`` (cluster,
thread, rank, deep analysis of the top stories, build) and ``output`` (render, publish,
deliver); the mapped cheap stages call ``summarizer.group`` directly (``sign``, ``skim``,
``count``), so that a worker process imports only what its batch needs (``newsdigest run``
has the forkserver import them once for all of its workers).
"""

from summarizer.pipeline.day import DayPlan, DayResult, plan_day, planned, run_day
from summarizer.pipeline.intake import check_files, source_lists
from summarizer.pipeline.output import Published
from summarizer.pipeline.run import DirectRunner, StageRunner, in_batches, run_pipeline
from summarizer.pipeline.stages import (
    ANALYSE,
    BUILD,
    CLUSTER,
    COUNT,
    DEDUPE,
    DELIVER,
    EXTRACT,
    FETCH,
    GATHER,
    LOAD,
    PUBLISH,
    RANK,
    RECALL_FEEDS,
    RECALL_PAGES,
    RECORD,
    RENDER,
    SIGN,
    SKIM,
    STAGES,
    THREAD,
    Stage,
)

__all__ = [
    "ANALYSE",
    "BUILD",
    "CLUSTER",
    "COUNT",
    "DEDUPE",
    "DELIVER",
    "EXTRACT",
    "FETCH",
    "GATHER",
    "LOAD",
    "PUBLISH",
    "RANK",
    "RECALL_FEEDS",
    "RECALL_PAGES",
    "RECORD",
    "RENDER",
    "SIGN",
    "SKIM",
    "STAGES",
    "THREAD",
    "DayPlan",
    "DayResult",
    "DirectRunner",
    "Published",
    "Stage",
    "StageRunner",
    "check_files",
    "in_batches",
    "plan_day",
    "planned",
    "run_day",
    "run_pipeline",
    "source_lists",
]
