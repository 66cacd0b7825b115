"""Whether a Dask scheduler answers at ``--dask-address``: checked with the other parameters,
before Prefect starts, so this module imports nothing of Prefect (importing its task runners
sets up its logging before the command has quietened it)."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from summarizer.errors import ConfigError


def check_dask_address(address: str, *, timeout: float = 5.0) -> str:
    """``address`` when a Dask scheduler answers there (``tcp://host:port``).

    Raises:
        ConfigError: it is not a tcp:// address, or nothing accepts connections there.
    """
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme != "tcp" or not parts.hostname or port is None:
        raise ConfigError(f"dask address must look like tcp://host:8786, not {address!r}")
    try:
        socket.create_connection((parts.hostname, port), timeout=timeout).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(f"no Dask scheduler answers at {address} ({reason})") from exc
    return address
