"""Polite, bounded HTTP fetching for feeds and article pages.

One shared ``httpx.Client`` carries the connection pool; this module adds what feeds need on
top: conditional GET, a size cap enforced while streaming, a total deadline, redirects checked
hop by hop against private addresses, retries with backoff only where a retry can help
(timeouts, 5xx, 429 with ``Retry-After``; never a name that does not resolve or a refused
connection), a per-host circuit breaker, and per-host plus overall concurrency limits.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from summarizer.collect.breaker import HostBreaker
from summarizer.config import Limits
from summarizer.errors import FetchError

log = logging.getLogger(__name__)

USER_AGENT = "newsdigest/0.1 (+https://github.com/newsdigest/newsdigest; daily news digest bot)"
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A fetched resource, or ``not_modified`` when the validators still hold."""

    url: str
    status: int
    content: bytes = b""
    headers: dict[str, str] | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _HostDown(FetchError):
    """The host could not be reached: no answer, no connection, or no address."""


class _Retryable(FetchError):
    """A failure worth another attempt; carries the server's requested delay."""

    def __init__(
        self,
        source: str,
        reason: str,
        retry_after: float | None = None,
        *,
        host_down: bool = False,
    ) -> None:
        super().__init__(source, reason)
        self.retry_after = retry_after
        self.host_down = host_down  # no answer at all, as opposed to an error status


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for ``host``."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


def check_url(
    url: str,
    *,
    allow_private_hosts: bool,
    resolver: Callable[[str, int], list[str]] = system_resolver,
) -> str | None:
    """Refuse non-http(s) URLs and, unless allowed, hosts on private networks.

    Returns:
        The checked address to connect to (``None`` when private hosts are allowed, so
        there is nothing to hold the connection to).

    Raises:
        FetchError: the URL may not be fetched.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(
            url, f"refused: only http and https URLs are fetched, not {parts.scheme!r}"
        )
    if not parts.hostname:
        raise FetchError(url, "refused: the URL has no host")
    if allow_private_hosts:
        return None
    try:
        addresses = resolver(parts.hostname, parts.port or 443)
    except OSError as exc:
        raise _HostDown(url, f"cannot resolve host {parts.hostname!r}: {exc}") from exc
    for address in addresses:
        if not is_public_address(address):
            raise FetchError(
                url,
                f"refused: {parts.hostname} resolves to the non-public address {address} "
                "(set allow_private_hosts = true in sources.toml to allow it)",
            )
    if not addresses:
        raise _HostDown(url, f"cannot resolve host {parts.hostname!r}: no address")
    return addresses[0]


def pinned_request(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """The URL, headers and extensions that connect to ``address`` (already checked) while
    speaking to ``url``'s host: the Host header and, for https, TLS's server name and
    certificate check stay the host's. Resolving the name again to connect would let a name
    that answered with a public address to the check answer with a private one now."""
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = f"{host}:{parts.port}" if parts.port else host
    extensions = {"sni_hostname": parts.hostname or ""} if parts.scheme == "https" else {}
    host_header = parts.netloc.rpartition("@")[2]  # never the userinfo
    return parts._replace(netloc=netloc).geturl(), {"Host": host_header}, extensions


class HostLimiter:
    """At most ``per_host`` requests at once to any one host."""

    def __init__(self, per_host: int) -> None:
        self._per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.Semaphore] = {}

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            semaphore = self._semaphores.setdefault(host, threading.Semaphore(self._per_host))
        with semaphore:
            yield


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """httpx's default certificate store, loaded once per process: loading it takes ~50 ms,
    and a run makes a client per batch of feeds."""
    return httpx.create_ssl_context()


def make_client(limits: Limits) -> httpx.Client:
    """The one HTTP client of a run: timeouts, pool size, honest User-Agent, no auto-redirects."""
    return httpx.Client(
        verify=_tls_context(),
        timeout=httpx.Timeout(
            connect=limits.connect_timeout,
            read=limits.read_timeout,
            write=limits.read_timeout,
            pool=limits.total_timeout,
        ),
        limits=httpx.Limits(max_connections=max(1, limits.concurrency)),
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate, br"},
        follow_redirects=False,
    )


class Fetcher:
    """Fetches URLs within the limits; thread-safe, so one instance serves a whole run."""

    def __init__(
        self,
        client: httpx.Client,
        limits: Limits,
        *,
        allow_private_hosts: bool = False,
        resolver: Callable[[str, int], list[str]] = system_resolver,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._resolver = resolver
        self._limits = limits
        self._allow_private = allow_private_hosts
        self._hosts = HostLimiter(limits.per_host)
        self._sleep = sleep
        self.breaker = HostBreaker(limits.max_host_failures)

    def fetch(
        self,
        url: str,
        *,
        max_bytes: int,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> FetchResult:
        """GET ``url`` (conditionally when validators are given), retrying transient failures.

        Raises:
            FetchError: the URL was refused, or failed after the retries (reason says why).
        """
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified

        def wait(state: RetryCallState) -> float:
            error = state.outcome.exception() if state.outcome else None
            backoff = wait_exponential(multiplier=0.5, max=8)(state)
            requested = getattr(error, "retry_after", None)
            if requested is not None:
                return min(requested, self._limits.max_retry_after)
            return float(backoff)

        retrying = Retrying(
            retry=retry_if_exception(lambda e: isinstance(e, _Retryable)),
            stop=stop_after_attempt(1 + self._limits.retries),
            wait=wait,
            sleep=self._sleep,
            reraise=True,
        )
        try:
            return retrying(self._fetch_following_redirects, url, headers, max_bytes)
        except (_Retryable, _HostDown) as exc:
            if isinstance(exc, _HostDown) or exc.host_down:
                self.breaker.failed(exc.source)
            raise FetchError(exc.source, exc.reason) from exc

    def _fetch_following_redirects(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> FetchResult:
        current = url
        for _ in range(self._limits.max_redirects + 1):
            self.breaker.check(current)
            address = check_url(
                current, allow_private_hosts=self._allow_private, resolver=self._resolver
            )
            with self._hosts.slot(current):
                result = self._get_once(current, headers, max_bytes, address)
            self.breaker.reached(current)
            if isinstance(result, FetchResult):
                return result
            current = result
        raise FetchError(url, f"too many redirects (more than {self._limits.max_redirects})")

    def _get_once(
        self, url: str, headers: dict[str, str], max_bytes: int, address: str | None
    ) -> FetchResult | str:
        """One request (to ``address`` when given): a result, or the next URL when redirected."""
        deadline = time.monotonic() + self._limits.total_timeout
        target, extensions = url, {}
        if address is not None:
            target, host_header, extensions = pinned_request(url, address)
            headers = {**headers, **host_header}
        try:
            with self._client.stream(
                "GET", target, headers=headers, extensions=extensions
            ) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    return urljoin(url, response.headers["location"])
                self._raise_for_status(url, response)
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(url, _too_large(max_bytes))
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise FetchError(url, _too_large(max_bytes))
                    if time.monotonic() > deadline:
                        limit = self._limits.total_timeout
                        raise _Retryable(url, f"timed out: body still arriving after {limit:g} s")
                return FetchResult(
                    url=url,
                    status=response.status_code,
                    content=bytes(body),
                    headers=dict(response.headers),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
        except httpx.TimeoutException as exc:
            raise _Retryable(url, f"timed out ({type(exc).__name__})", host_down=True) from exc
        except httpx.DecodingError as exc:
            raise FetchError(url, f"bad content encoding: {exc}") from exc
        except httpx.ConnectError as exc:
            # A name that does not resolve or a refused connection: asking again at once
            # gives the same answer.
            raise _HostDown(url, f"cannot connect: {exc}") from exc
        except httpx.TransportError as exc:
            raise _Retryable(url, f"connection failed: {exc}", host_down=True) from exc

    @staticmethod
    def _raise_for_status(url: str, response: httpx.Response) -> None:
        status = response.status_code
        if status == 304 or 200 <= status < 300:
            return
        reason = f"HTTP {status} {response.reason_phrase}".strip()
        if status == 429 or status >= 500:
            raise _Retryable(url, reason, _retry_after_seconds(response.headers.get("retry-after")))
        raise FetchError(url, reason)


def _too_large(max_bytes: int) -> str:
    return f"too large: response over the {max_bytes:,} byte limit"
