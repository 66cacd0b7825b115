"""Quiet settings for Prefect and Dask, put in the environment before either is imported
(both read their settings then); an operator's own settings always win."""

from __future__ import annotations

import os

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
    stops at the end of a run (a task's error reaches the run's result anyway), and none of
    the nanny's warning that it killed a worker slow to exit as that cluster stops."""
    levels = {"distributed": "warning"}
    if not verbose:
        levels["distributed.worker"] = "critical"
        levels["distributed.nanny"] = "error"
    os.environ.setdefault("DASK_DISTRIBUTED__LOGGING", repr(levels))
