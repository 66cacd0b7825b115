"""The HTTP fetcher against a real local server (pytest-httpserver on 127.0.0.1)."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator

import httpx
import pytest
from werkzeug import Request, Response

from summarizer.collect.http import USER_AGENT, Fetcher, check_url, make_client
from summarizer.collect.http import pinned_request as http_pinned
from summarizer.config import Limits
from summarizer.errors import FetchError

FAST = Limits(
    connect_timeout=2,
    read_timeout=0.5,
    total_timeout=3,
    retries=2,
    max_retry_after=0.2,
    max_redirects=3,
)


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with make_client(FAST) as client:
        yield Fetcher(client, FAST, allow_private_hosts=True, sleep=lambda _: None)


def test_fetch_sends_an_honest_user_agent_and_returns_validators(httpserver, fetcher):
    httpserver.expect_request("/feed", headers={"User-Agent": USER_AGENT}).respond_with_data(
        "<rss/>", headers={"ETag": '"v1"', "Last-Modified": "Tue, 24 Nov 2026 08:00:00 GMT"}
    )
    result = fetcher.fetch(httpserver.url_for("/feed"), max_bytes=1000)
    assert result.status == 200 and result.content == b"<rss/>"
    assert result.etag == '"v1"'
    assert result.last_modified == "Tue, 24 Nov 2026 08:00:00 GMT"


def test_fetch_conditional_get_gets_304(httpserver, fetcher):
    httpserver.expect_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    result = fetcher.fetch(httpserver.url_for("/feed"), max_bytes=1000, etag='"v1"')
    assert result.not_modified


def test_fetch_follows_redirects(httpserver, fetcher):
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data("moved here")
    result = fetcher.fetch(httpserver.url_for("/old"), max_bytes=1000)
    assert result.content == b"moved here"
    assert result.url == httpserver.url_for("/new")


def test_fetch_stops_redirect_loops(httpserver, fetcher):
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"}
    )
    with pytest.raises(FetchError, match="too many redirects"):
        fetcher.fetch(httpserver.url_for("/loop"), max_bytes=1000)


def test_fetch_refuses_loopback_unless_allowed(httpserver):
    httpserver.expect_request("/feed").respond_with_data("secret")
    with make_client(FAST) as client:
        strict = Fetcher(client, FAST, allow_private_hosts=False)
        with pytest.raises(FetchError, match=r"non-public address 127\.0\.0\.1"):
            strict.fetch(httpserver.url_for("/feed"), max_bytes=1000)
    assert httpserver.log == []


def test_fetch_checks_every_redirect_hop():
    """A public host redirecting to 127.0.0.1 is refused at the hop.

    No public host can run here, so the public side is an in-process transport with a fixed
    resolver; the refusal itself is the real code path.
    """
    requested: list[str] = []

    def public_site(request: httpx.Request) -> httpx.Response:
        requested.append(f"{request.url} Host: {request.headers['host']}")
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:9/admin"})

    def resolver(host: str, _port: int) -> list[str]:
        return {"news.example": ["93.184.216.34"]}.get(host, [host])

    with httpx.Client(transport=httpx.MockTransport(public_site)) as client:
        strict = Fetcher(client, FAST, allow_private_hosts=False, resolver=resolver)
        with pytest.raises(FetchError, match=r"non-public address 127\.0\.0\.1"):
            strict.fetch("http://news.example/feed", max_bytes=1000)
    assert requested == ["http://93.184.216.34/feed Host: news.example"]


def test_fetch_connects_to_the_address_it_checked(httpserver, monkeypatch):
    """DNS rebinding: a name that answers with an allowed address to the check and a private
    one a moment later must not get the request to the private one. The connection goes to
    the checked address, with the name in the Host header; the name is resolved once."""
    import summarizer.collect.http as http

    # Loopback stands in for the public internet here: the only address a test can serve on.
    monkeypatch.setattr(http, "is_public_address", lambda address: address == "127.0.0.1")
    httpserver.expect_request("/feed").respond_with_data("<rss/>")
    answers = iter([["127.0.0.1"], ["10.0.0.1"]])
    calls = []

    def rebinding(host: str, port: int) -> list[str]:
        calls.append(host)
        return next(answers)

    url = f"http://rebind.test:{httpserver.port}/feed"
    with make_client(FAST) as client:
        result = Fetcher(client, FAST, resolver=rebinding).fetch(url, max_bytes=1000)
    assert result.content == b"<rss/>" and result.url == url
    assert calls == ["rebind.test"]
    [(request, _)] = httpserver.log
    assert request.headers["Host"] == f"rebind.test:{httpserver.port}"


def test_pinned_https_keeps_the_server_name_for_tls():
    target, headers, extensions = http_pinned("https://news.example/feed", "93.184.216.34")
    assert target == "https://93.184.216.34/feed"
    assert headers == {"Host": "news.example"} and extensions == {"sni_hostname": "news.example"}
    assert http_pinned("http://[::1]:8080/x", "2001:db8::1")[0] == "http://[2001:db8::1]:8080/x"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed", "gopher://x/"])
def test_check_url_allows_only_http_and_https(url):
    with pytest.raises(FetchError, match="only http and https"):
        check_url(url, allow_private_hosts=True)


def test_fetch_retries_a_500_then_succeeds(httpserver, fetcher):
    calls = []

    def flaky(request: Request) -> Response:
        calls.append(request.path)
        return Response("busy", status=500) if len(calls) == 1 else Response("ok")

    httpserver.expect_request("/flaky").respond_with_handler(flaky)
    assert fetcher.fetch(httpserver.url_for("/flaky"), max_bytes=100).content == b"ok"
    assert len(calls) == 2


def test_fetch_honours_retry_after_on_429(httpserver):
    waits: list[float] = []
    calls = []

    def limited(request: Request) -> Response:
        calls.append(1)
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "7"})
        return Response("ok")

    httpserver.expect_request("/limited").respond_with_handler(limited)
    limits = Limits(retries=1, max_retry_after=30)
    with make_client(limits) as client:
        polite = Fetcher(client, limits, allow_private_hosts=True, sleep=waits.append)
        assert polite.fetch(httpserver.url_for("/limited"), max_bytes=100).content == b"ok"
    assert waits == [7.0]


def test_fetch_does_not_retry_a_404(httpserver, fetcher):
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.fetch(httpserver.url_for("/gone"), max_bytes=100)
    assert len(httpserver.log) == 1


def test_fetch_gives_up_after_retries_on_5xx(httpserver, fetcher):
    httpserver.expect_request("/down").respond_with_data("no", status=503)
    with pytest.raises(FetchError, match="HTTP 503"):
        fetcher.fetch(httpserver.url_for("/down"), max_bytes=100)
    assert len(httpserver.log) == 1 + FAST.retries


def test_fetch_slow_response_times_out(httpserver, fetcher):
    def slow(_request: Request) -> Response:
        time.sleep(1.5)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(FetchError, match="timed out"):
        fetcher.fetch(httpserver.url_for("/slow"), max_bytes=100)


def test_fetch_endless_body_is_cut_at_the_size_cap(httpserver):
    def endless(_request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            while True:
                yield b"x" * 65536

        return Response(chunks(), content_type="application/rss+xml")

    httpserver.expect_request("/endless").respond_with_handler(endless)
    # Generous timeouts: this is about the size cap, and a loaded machine may be slow to send.
    limits = Limits(read_timeout=10, total_timeout=60, retries=0)
    with (
        make_client(limits) as client,
        pytest.raises(FetchError, match="too large: response over the 1,000,000 byte limit"),
    ):
        Fetcher(client, limits, allow_private_hosts=True).fetch(
            httpserver.url_for("/endless"), max_bytes=1_000_000
        )


def test_fetch_trickling_body_is_cut_by_the_total_deadline(httpserver):
    sent = []

    def trickle(_request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            while True:
                time.sleep(0.2)
                sent.append(1)
                yield b"<"

        return Response(chunks(), content_type="application/rss+xml")

    httpserver.expect_request("/trickle").respond_with_handler(trickle)
    limits = Limits(read_timeout=0.5, total_timeout=1, retries=0)
    with make_client(limits) as client, pytest.raises(FetchError, match="after 1 s"):
        Fetcher(client, limits, allow_private_hosts=True).fetch(
            httpserver.url_for("/trickle"), max_bytes=1_000_000
        )
    # Cut at the deadline, long before the body would end (it never does): a slow machine
    # only sends fewer chunks in that second, never more.
    assert len(sent) < 25


def test_fetch_declared_content_length_over_cap_is_refused(httpserver, fetcher):
    httpserver.expect_request("/big").respond_with_data(b"y" * 5000)
    with pytest.raises(FetchError, match="too large"):
        fetcher.fetch(httpserver.url_for("/big"), max_bytes=1000)


def test_fetch_decodes_gzip(httpserver, fetcher):
    body = b"<rss version='2.0'><channel><title>zipped</title></channel></rss>"
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(body), headers={"Content-Encoding": "gzip"}
    )
    assert fetcher.fetch(httpserver.url_for("/gz"), max_bytes=1000).content == body


def test_fetch_decodes_brotli(httpserver, fetcher):
    import brotli

    body = b"<rss version='2.0'><channel><title>squeezed</title></channel></rss>"
    httpserver.expect_request("/br").respond_with_data(
        brotli.compress(body), headers={"Content-Encoding": "br"}
    )
    assert fetcher.fetch(httpserver.url_for("/br"), max_bytes=1000).content == body
