"""Every real-world feed file of ../shared/data/feeds, served over HTTP: entries or a reason."""

from __future__ import annotations

import json

from summarizer.config import FeedConfig, Limits
from summarizer.sources.collect import FeedCollector, TimeWindow
from summarizer.sources.http import Fetcher, make_client
from summarizer.sources.store import Store
from tests.conftest import shared_file
from tests.feed_site import FeedSite


def test_every_shared_feed_gives_entries_or_a_specific_problem(httpserver, tmp_path):
    inventory = json.loads(shared_file("data/feeds/feeds_inventory.json").read_text("utf-8"))
    root = shared_file("data/feeds")
    site = FeedSite(httpserver)
    feeds = []
    clean_with_entries = set()
    expected_entries = {}
    for item in inventory["files"]:
        path = "/" + item["file"]
        feeds.append(
            FeedConfig(
                url=site.add_file(path, root / item["file"], "application/xml"), name=item["file"]
            )
        )
        expected_entries[item["file"]] = item["entries"]
        if item["entries"] and not item["bozo"]:
            clean_with_entries.add(item["file"])
    limits = Limits(read_timeout=5, total_timeout=10, retries=0, concurrency=8)
    with make_client(limits) as client, Store(tmp_path / "state.sqlite3") as store:
        fetcher = Fetcher(client, limits, allow_private_hosts=True)
        collector = FeedCollector(fetcher, store, limits, full_text=False)
        reports = collector.collect(feeds, TimeWindow(None, None))
        collector.complete(reports)
    assert len(reports) == len(inventory["files"]) == 140
    silent = []
    for report in reports:
        name = report.feed.name
        reasons = [p.reason for p in report.problems]
        if report.failed:
            assert len(reasons) == 1, name
            specific = ("not a feed", "empty response", "too large")
            assert reasons[0].startswith(specific), (name, reasons)
        elif not report.articles and expected_entries[name] > 0 and not reasons:
            silent.append(name)
    assert silent == []
    failed = sum(r.failed for r in reports)
    with_entries = sum(bool(r.articles) for r in reports)
    print(f"\n{with_entries} feeds with entries, {failed} failed with a reason, of {len(reports)}")
    # Every feed feedparser reads cleanly with entries gives articles, or says its entries
    # were empty (test fixtures with a bare <guid> or <author> and nothing else).
    for report in reports:
        if report.feed.name in clean_with_entries and not report.articles:
            assert [p.reason for p in report.problems] == [
                "1 entry without a title or any text skipped"
            ], report.feed.name
