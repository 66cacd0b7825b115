"""Unreachable hosts cost seconds: no retry for a name that does not resolve or a refused
connection, a per-host circuit breaker, and a time budget for full-text fetching."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from summarizer.collect.breaker import HostSkipped
from summarizer.collect.collector import FeedCollector, TimeWindow
from summarizer.collect.http import Fetcher, make_client
from summarizer.config import FeedConfig, Limits
from summarizer.models import FeedRequest
from tests.conftest import unused_port
from tests.feed_site import FIXTURES, FeedSite

LIMITS = Limits(connect_timeout=2, read_timeout=2, total_timeout=4, retries=2)


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def fetcher(sleeps):
    with make_client(LIMITS) as client:
        yield Fetcher(client, LIMITS, allow_private_hosts=True, sleep=sleeps.append)


@pytest.mark.parametrize(
    "url", [f"http://127.0.0.1:{unused_port()}/page", "http://no-such-host.invalid/page"]
)
def test_a_refused_or_unresolvable_host_is_not_retried(fetcher, sleeps, url):
    with pytest.raises(Exception, match="cannot connect") as caught:
        fetcher.fetch(url, max_bytes=1000)
    assert not isinstance(caught.value, HostSkipped)
    assert sleeps == []  # no backoff: nothing was tried twice


def test_a_host_that_failed_three_times_in_a_row_is_not_asked_again(fetcher):
    port = unused_port()
    for page in range(3):
        with pytest.raises(Exception, match="cannot connect"):
            fetcher.fetch(f"http://127.0.0.1:{port}/{page}", max_bytes=1000)
    with pytest.raises(HostSkipped, match="failed 3 times in a row"):
        fetcher.fetch(f"http://127.0.0.1:{port}/3", max_bytes=1000)
    assert fetcher.breaker.skipped() == {f"127.0.0.1:{port}": 1}


def test_an_answer_resets_the_count(httpserver, fetcher):
    httpserver.expect_request("/missing").respond_with_data("gone", status=404)
    url = httpserver.url_for("/missing")
    for _ in range(5):  # a 404 is an answer: the host is up
        with pytest.raises(Exception, match="HTTP 404"):
            fetcher.fetch(url, max_bytes=1000)
    assert fetcher.breaker.skipped() == {}


def _teasers(links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{link}</link><guid>g{n}</guid>"
        f"<description>Short teaser number {n}. Read more</description></item>"
        for n, link in enumerate(links)
    )
    channel = f"<channel><title>T</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def _collect(site, links, deadline=None):
    url = site.add("/feed.xml", _teasers(links), "application/rss+xml")
    limits = Limits(connect_timeout=2, read_timeout=2, total_timeout=4, retries=2)
    with make_client(limits) as client:
        fetcher = Fetcher(client, limits, allow_private_hosts=True, sleep=lambda _: None)
        collector = FeedCollector(fetcher, limits)
        request = FeedRequest(FeedConfig(url=url, name="Teasers"))
        reports = collector.collect([request], TimeWindow(None, None))
        reports = collector.complete(reports, deadline=deadline)
    return reports[0]


def test_a_dead_host_is_reported_once_with_the_pages_skipped(httpserver):
    port = unused_port()
    links = [f"http://127.0.0.1:{port}/story/{n}" for n in range(7)]
    report = _collect(FeedSite(httpserver), links)
    assert len(report.articles) == 7  # every entry kept its feed text
    host_lines = [p for p in report.problems if p.source == f"127.0.0.1:{port}"]
    assert [p.reason for p in host_lines] == [
        "unreachable: 3 failures in a row; 4 more pages on it not fetched, "
        "their entries keep the feed's text"
    ]


def test_full_text_stops_when_the_budget_is_used_up(httpserver):
    site = FeedSite(httpserver)
    site.add("/page", b"<html><body><p>Never fetched.</p></body></html>", "text/html")
    links = [site.server.url_for("/page")] * 2
    spent = datetime.now(UTC).timestamp() - 1
    report = _collect(site, links, deadline=spent)
    assert report.full_text_fetched == 0 and len(report.articles) == 2
    assert [p.reason for p in report.problems] == [
        "full text: 2 teasers kept the feed's text (the full_text_budget of 300 s was used up)"
    ]


def test_a_retried_batch_completes_to_the_same_reports(httpserver):
    """A batch completed twice (a retried extract task is handed the same reports) gives the
    same articles and problems, not twice as many; the page is fetched once per batch."""
    site = FeedSite(httpserver)
    page = site.add("/museum", (FIXTURES / "pages/museum.html").read_bytes(), "text/html")
    dead = f"http://127.0.0.1:{unused_port()}/story"
    url = site.add("/feed.xml", _teasers([page, page, *[dead] * 4]), "application/rss+xml")
    limits = Limits(connect_timeout=2, read_timeout=2, total_timeout=4, retries=0)
    with make_client(limits) as client:

        def collector() -> FeedCollector:  # a task's own, as each extract task makes one
            fetcher = Fetcher(client, limits, allow_private_hosts=True, sleep=lambda _: None)
            return FeedCollector(fetcher, limits)

        request = FeedRequest(FeedConfig(url=url, name="Teasers"))
        fetched = collector().collect([request], TimeWindow(None, None))
        first = collector().complete(fetched)
        again = collector().complete(fetched)
    assert fetched[0].articles == [] and fetched[0].problems == []
    assert again == first
    assert len(first[0].articles) == 6 and first[0].full_text_fetched == 2
    assert list(first[0].fetched_pages) == [page]
    assert [p.source for p in first[0].problems] == [dead.split("/")[2]]
