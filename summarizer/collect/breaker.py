"""A per-host circuit breaker, as crawlers keep one: after a few failures in a row to reach a
host, the run stops asking it and counts the pages it did not ask for, so a feed whose links
all point to a dead site costs seconds, not a timeout per link."""

from __future__ import annotations

import logging
import threading
from urllib.parse import urlsplit

from summarizer.errors import FetchError

log = logging.getLogger(__name__)


class HostSkipped(FetchError):
    """Not fetched: the URL's host failed too often in a row during this run."""


_DEFAULT_PORTS = {"http": 80, "https": 443}


def host_of(url: str) -> str:
    """The URL's host, with its port unless it is the scheme's default: two servers on one
    machine fail independently."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.port is None or parts.port == _DEFAULT_PORTS.get(parts.scheme):
        return host
    return f"{host}:{parts.port}"


class HostBreaker:
    """Counts connection failures per host; open (refusing) after ``threshold`` in a row."""

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self._lock = threading.Lock()
        self._failures: dict[str, int] = {}
        self._skipped: dict[str, int] = {}

    def check(self, url: str) -> None:
        """Let a request to ``url`` go ahead, or refuse it.

        Raises:
            HostSkipped: the host is open (failed ``threshold`` times in a row).
        """
        host = host_of(url)
        with self._lock:
            if self._failures.get(host, 0) < self.threshold:
                return
            self._skipped[host] = self._skipped.get(host, 0) + 1
        raise HostSkipped(url, f"not fetched: {host} failed {self.threshold} times in a row")

    def failed(self, url: str) -> None:
        """A request to ``url`` could not reach its host."""
        host = host_of(url)
        with self._lock:
            self._failures[host] = self._failures.get(host, 0) + 1
            tripped = self._failures[host] == self.threshold
        if tripped:
            log.warning("%s failed %d times in a row: not asking it again", host, self.threshold)

    def reached(self, url: str) -> None:
        """A request to ``url`` got an answer from its host (whatever the status)."""
        with self._lock:
            self._failures.pop(host_of(url), None)

    def skipped(self) -> dict[str, int]:
        """Hosts that were given up on, with the number of requests not made to each."""
        with self._lock:
            return dict(self._skipped)
