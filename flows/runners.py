"""Where the flow's tasks run: threads in this process (default) or a Dask cluster.

Dask pays off when analysis batches are many: each worker process loads the spaCy model once
(module-level cache) and works through whole batches, never single articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from prefect import Flow
from prefect.task_runners import ThreadPoolTaskRunner

from flows.options import check_task_runner
from summarizer.errors import ConfigError


def task_runner(name: str, dask_address: str | None = None) -> Any:
    """A Prefect task runner by name.

    Args:
        name: ``threads`` or ``dask``.
        dask_address: a running scheduler (``tcp://host:8786``); without it Dask starts a
            LocalCluster of 2 worker processes on this machine.

    Raises:
        ConfigError: unknown name, or Dask asked for but prefect-dask not installed.
    """
    if name == "threads":
        return ThreadPoolTaskRunner(max_workers=4)
    check_task_runner(name)
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:
        raise ConfigError(
            "the Dask task runner needs prefect-dask: pip install 'newsdigest[dask]'"
        ) from exc
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    import dask

    # The workers' statistical profiler (for a dashboard this cluster does not have) reads
    # every thread's stack 100 times a second, and on Python before 3.11.9 that can deadlock
    # a worker whose task starts and ends threads, as fetching does (CPython gh-106883: a
    # fetch task hung for good). The cluster's workers take this process's Dask settings.
    dask.config.set({"distributed.worker.profile.enabled": False})
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": 2,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        }
    )


def with_task_runner(
    flow: Flow[..., Any], name: str, dask_address: str | None = None
) -> Flow[..., Any]:
    """The flow, set to run its tasks on the named runner."""
    if name == "threads" and not dask_address:
        return flow
    return flow.with_options(task_runner=task_runner(name, dask_address))


@contextmanager
def one_off_run_settings(*, temporary_api: bool) -> Iterator[None]:
    """On a temporary API, skip flow-run heartbeats: they exist to spot crashed runs on a
    long-lived server, and a sync flow waits up to a second for them at exit."""
    if not temporary_api:
        yield
        return
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
