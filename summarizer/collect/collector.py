"""Feeds to new articles: fetch (conditionally), parse, complete teasers, keep what is new.

Each feed is handled on its own: a failure becomes a :class:`SourceProblem` for that feed and
never touches the others. Fetching and completing never open the state store: what they need
of it (a feed's validators, the pages extracted before) travels with the feeds and reports,
and what it should keep comes back in them, so they can run on any machine. The store, on the
flow's machine, decides which articles are "new", so every daily run picks up only what it has
not seen, and re-running a day gives that day's articles again instead of an empty digest.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

from summarizer.collect.breaker import HostSkipped, host_of
from summarizer.collect.feeds import is_teaser, parse_feed
from summarizer.collect.http import Fetcher
from summarizer.collect.pages import extract_page
from summarizer.config import FeedConfig, Limits
from summarizer.dates import aware
from summarizer.errors import FeedParseError, FetchError, SourceError
from summarizer.identity import article_id, canonical_url, content_hash, decode_text
from summarizer.models import Article, FeedEntry, FeedReport, FeedRequest, FeedState, SourceProblem
from summarizer.store import SeenKeys, Store

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """Publication times a digest day takes: [start, end). ``None`` bounds are open."""

    start: datetime | None
    end: datetime | None

    @classmethod
    def for_day(
        cls,
        day: date,
        hours: float,
        *,
        now: datetime | None = None,
        since: datetime | None = None,
    ) -> TimeWindow:
        """The ``hours`` before the end of ``day`` (or before now, if the day is not over).

        ``since`` replaces the start; ``hours`` = 0 with no ``since`` means no window at all.
        """
        end_of_day = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
        end = min(end_of_day, now or datetime.now(UTC))
        if since is not None:
            return cls(aware(since), end)
        if hours <= 0:
            return cls(None, None)
        return cls(end - timedelta(hours=hours), end)

    def contains(self, moment: datetime | None) -> bool:
        if moment is None:
            return True  # undated entries count as published when first seen
        if self.start is not None and moment < self.start:
            return False
        return self.end is None or moment < self.end


def teaser_links(report: FeedReport) -> list[str]:
    """The links of the report's teasers: their pages may have the articles' text."""
    return [e.link for e in report.in_window if e.link and is_teaser(e.text)]


class FeedCollector:
    """Fetches feeds, then completes teaser entries with the article page's text."""

    def __init__(self, fetcher: Fetcher, limits: Limits, *, full_text: bool = True) -> None:
        self._fetcher = fetcher
        self._limits = limits
        self._full_text_enabled = full_text
        self._deadline: float | None = None
        self._first_skipped: dict[str, FeedReport] = {}
        self._pages: dict[str, dict[str, str]] = {}

    def _map(self, work: Callable[[T], R], items: Sequence[T]) -> list[R]:
        workers = max(1, min(self._limits.concurrency, len(items)))
        # Each item runs in a copy of the caller's context, so an orchestrator's run context
        # (and with it where log lines go) reaches the pool's threads too.
        context = contextvars.copy_context()
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="feed") as pool:
            return list(pool.map(lambda item: context.copy().run(work, item), items))

    def collect(self, requests: Sequence[FeedRequest], window: TimeWindow) -> list[FeedReport]:
        """Fetch and parse every feed (concurrently), conditionally on its known validators;
        reports keep the given order."""
        return self._map(lambda request: self._collect_one(request, window), requests)

    def complete(
        self, reports: Sequence[FeedReport], *, deadline: float | None = None
    ) -> list[FeedReport]:
        """The reports with their entries turned into articles, fetching full text for
        teasers until ``deadline`` (seconds since the epoch; later teasers keep the feed's
        text). A page a report knows is not fetched again, nor one fetched for another report
        of the batch; each completed report has the pages fetched for it in
        ``fetched_pages``. The given reports are left as they are, so completing them again
        (a retried batch) gives the same reports, not twice the articles."""
        self._deadline = deadline
        for report in reports:
            self._pages.update(report.known_pages)
        completed = self._map(self._complete_one, reports)
        budget = self._limits.full_text_budget
        for report in completed:
            if report.full_text_over_budget:
                report.problems.append(
                    SourceProblem(
                        report.feed.label,
                        f"full text: {report.full_text_over_budget} teasers kept the feed's "
                        f"text (the full_text_budget of {budget:g} s was used up)",
                    )
                )
        # Once per host, beside the first feed that met it.
        threshold = self._fetcher.breaker.threshold
        for host, count in self._fetcher.breaker.skipped().items():
            report = self._first_skipped.get(host)
            if report is not None:
                report.problems.append(
                    SourceProblem(
                        host,
                        f"unreachable: {threshold} failures in a row; {count} more pages on it "
                        "not fetched, their entries keep the feed's text",
                    )
                )
        return completed

    def _collect_one(self, request: FeedRequest, window: TimeWindow) -> FeedReport:
        feed = request.feed
        report = FeedReport(feed)
        try:
            result = self._fetcher.fetch(
                feed.url,
                max_bytes=self._limits.max_feed_bytes,
                etag=request.known.etag,
                last_modified=request.known.last_modified,
                accept=FEED_ACCEPT,
            )
            if result.not_modified:
                report.status = "not modified"
                return report
            parsed = parse_feed(result.content, url=result.url, headers=result.headers)
        except (FetchError, FeedParseError) as exc:
            report.status = "failed"
            report.problems.append(SourceProblem(feed.label, exc.reason))
            log.warning("feed %s failed: %s", feed.label, exc.reason)
            return report
        report.problems.extend(SourceProblem(feed.label, text) for text in parsed.problems())
        report.entries = len(parsed.entries)
        report.in_window = [e for e in parsed.entries if window.contains(e.published)][
            : self._limits.max_entries_per_feed
        ]
        report.validators = FeedState(result.etag, result.last_modified)
        report.status = str(result.status)
        log.info(
            "feed %s: %d entries, %d in window", feed.label, report.entries, len(report.in_window)
        )
        return report

    def _complete_one(self, fetched: FeedReport) -> FeedReport:
        # The store has the known pages: they need not travel back with the report.
        report = replace(
            fetched,
            problems=list(fetched.problems),
            articles=[],
            guids={},
            known_pages={},
            fetched_pages={},
            full_text_fetched=0,
            full_text_over_budget=0,
        )
        for entry in report.in_window:
            article = self._article(entry, report)
            if article is not None:
                report.articles.append(article)
                if entry.guid:
                    report.guids[article.id] = entry.guid
        return report

    def _article(self, entry: FeedEntry, report: FeedReport) -> Article | None:
        text, title = entry.text, entry.title
        if self._full_text_enabled and entry.link and is_teaser(entry.text):
            page = self._full_text(entry.link, report)
            if page and len(str(page.get("text", ""))) > len(text):
                text = str(page["text"])
                title = title or str(page.get("title") or "")
                report.full_text_fetched += 1
        # A headline-only entry is still news: its title is its text.
        text = text if text.strip() else title
        if not text.strip():
            return None
        key = canonical_url(entry.link) if entry.link else entry.guid
        return Article(
            id=article_id(url=key, text=text),
            text=text,
            title=title,
            url=entry.link,
            source=report.feed.name or None,
            published=entry.published,
            feed=report.feed.url,
        )

    def _full_text(self, url: str, report: FeedReport) -> dict[str, str] | None:
        """The extracted page (known or fetched once per URL); None when it cannot be had."""
        known = self._pages.get(url)
        if known is not None:
            return known or None
        if self._deadline is not None and datetime.now(UTC).timestamp() > self._deadline:
            report.full_text_over_budget += 1
            return None
        try:
            result = self._fetcher.fetch(url, max_bytes=self._limits.max_article_bytes)
            content_type = (result.headers or {}).get("content-type", "")
            if "html" not in content_type and content_type:
                raise FetchError(url, f"not an HTML page ({content_type})")
            page = extract_page(decode_text(result.content, source=url), url=result.url)
        except HostSkipped:
            self._first_skipped.setdefault(host_of(url), report)
            return None
        except SourceError as exc:
            log.info("full text of %s unavailable, keeping the feed's text: %s", url, exc.reason)
            return None
        data = {"text": page.text, "title": page.title or ""} if page else {}
        self._pages[url] = report.fetched_pages[url] = data
        return data or None


def seen_keys(article: Article, guid: str | None) -> SeenKeys:
    return SeenKeys(
        article_id=article.id,
        canonical_url=canonical_url(article.url) if article.url else None,
        guid=guid,
        content_hash=content_hash(article.text),
    )


def with_known_validators(store: Store, feeds: Sequence[FeedConfig]) -> list[FeedRequest]:
    """Each feed with the validators the store kept from its last answer."""
    return [FeedRequest(feed, store.feed_state(feed.url)) for feed in feeds]


def with_known_pages(store: Store, reports: Sequence[FeedReport]) -> None:
    """Give each report the pages of its teasers' links the store has extracted before."""
    for report in reports:
        report.known_pages = store.cached_pages(teaser_links(report))


def sharing_pages(reports: Sequence[FeedReport]) -> list[int]:
    """For each report, a group: reports whose teasers link to one page not yet extracted
    share a group (through any chain of such pages), so that a batch holding the whole group
    fetches the page once."""
    parent = list(range(len(reports)))

    def root(position: int) -> int:
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    first_linking: dict[str, int] = {}
    for position, report in enumerate(reports):
        for link in teaser_links(report):
            if link not in report.known_pages:
                first = first_linking.setdefault(link, position)
                parent[root(position)] = root(first)
    return [root(position) for position in range(len(reports))]


def record_reports(store: Store, reports: Sequence[FeedReport], day: date) -> int:
    """Keep what the reports brought: the pages fetched, each feed's outcome and its articles
    not seen before, under ``day``; returns how many articles were new.

    Articles already recorded for another day are old news and stay out of this digest.
    Each feed's new articles and its validators commit together, so a run killed half-way
    never stores a feed's ETag without the articles it stood for.
    """
    total = 0
    for report in reports:
        if report.fetched_pages:
            store.cache_pages(report.fetched_pages)
        report.known_pages, report.fetched_pages = {}, {}  # kept now; the day needs no more
        if report.status == "not modified":
            store.record_feed(report.feed.url, status="304")
        elif report.failed:
            store.record_feed(report.feed.url, status=report.problems[0].reason)
        fresh = []
        for article in report.articles:
            keys = seen_keys(article, report.guids.get(article.id))
            if store.seen_day(keys) is None:
                fresh.append((article, keys, report.feed.url))
        if report.status == "not modified":
            report.problems.extend(store.feed_problems(report.feed.url, day))
        report.new = store.record_articles(
            fresh,
            day=day,
            feed=(report.feed.url, report.status, report.validators),
            problems=report.problems,
        )
        total += report.new
    return total
