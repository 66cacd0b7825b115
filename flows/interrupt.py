"""Ctrl-C: one line on stderr ("interrupted: ..."), exit status 130, within seconds, however
deep in Prefect or the worker processes the interrupt lands. Published files are never
half-written: each is replaced in one step."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from typing import Any

import typer

from flows.api_server import kill_temporary_apis, stop_temporary_apis

INTERRUPTED = 130
_EXIT_GRACE_SECONDS = 3.0
_RESCUE_SECONDS = 6.0
_INTERRUPTED_LINE = "interrupted: stopped; files published before are unchanged"
_CTRL_C = threading.Event()
_SAY_ONCE = threading.Lock()  # taken by whichever says "interrupted" first


def _on_ctrl_c(_signum: int, _frame: Any) -> None:
    if not _CTRL_C.is_set():
        _CTRL_C.set()
        # Prefect's background workers log their own failures once the run unwinds; nothing
        # they print after Ctrl-C is news to the user.
        logging.disable(logging.CRITICAL)
        rescue = threading.Timer(_RESCUE_SECONDS, _leave_now)
        rescue.daemon = True
        rescue.start()
    raise KeyboardInterrupt


def _leave_now() -> None:
    """The command has not ended a few seconds after Ctrl-C: Prefect caught the interrupt
    somewhere it cannot be seen from here, or is retrying its temporary API, which the same
    Ctrl-C stopped. Say it, stop the temporary API, and go (published files are replaced in
    one step each, so none is half-written)."""
    if _SAY_ONCE.acquire(blocking=False):
        os.write(2, f"{_INTERRUPTED_LINE}\n".encode())
    kill_temporary_apis()
    os._exit(INTERRUPTED)


def catch_ctrl_c() -> None:
    """Remember that Ctrl-C was pressed before raising ``KeyboardInterrupt`` as Python does:
    an interrupt that lands inside Prefect's task engine can come out as another exception
    (``ValueError: Task run is not set`` when it arrives while a task run is being created),
    and the command must still end as interrupted."""
    signal.signal(signal.SIGINT, _on_ctrl_c)
    # A command that has to leave without its exit handlers (``os._exit``, above) leaves the
    # semaphores of its worker pools to multiprocessing's resource tracker, a process of its
    # own that unlinks them and warns on the terminal it was started with ("There appear
    # to be 5 leaked semaphore objects"). The tracker takes its warning filters from these
    # options when it starts; the cleaning stays, the line after "interrupted" goes.
    sys.warnoptions.append("ignore:resource_tracker:UserWarning")


def was_interrupted() -> bool:
    """Whether Ctrl-C was pressed during this command."""
    return _CTRL_C.is_set()


def leave_after_interrupt() -> None:
    """Say it once, then go. Threads still finishing a task, Prefect's event and log workers
    and its temporary server only have errors left to print, so stderr is closed; a clean
    exit (which stops the temporary server) gets a few seconds, then the process ends anyway.
    Published files are never half-written: each is replaced in one step."""
    if _SAY_ONCE.acquire(blocking=False):
        typer.echo(_INTERRUPTED_LINE, err=True)
        sys.stderr.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    logging.disable(logging.CRITICAL)
    watchdog = threading.Timer(_EXIT_GRACE_SECONDS, os._exit, args=(INTERRUPTED,))
    watchdog.daemon = True
    watchdog.start()
    from summarizer.text.parser import stop_workers

    stop_workers()
    # Before the watchdog can end the process without running exit handlers.
    stop_temporary_apis(timeout=1.0)
    sys.exit(INTERRUPTED)
