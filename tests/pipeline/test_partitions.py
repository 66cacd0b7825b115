"""Stages mapped over partitions of the day (so a Dask cluster can spread them) give what one
call over the whole day gives: skim learns each outlet's title suffixes from all of its
articles, so an outlet is never split, and how the day writes its words is the sum of how
its partitions write them; feeds linking one page are extracted together, so the
page is fetched once."""

from __future__ import annotations

import csv

from summarizer.collect.collector import sharing_pages
from summarizer.config import FeedConfig
from summarizer.group.skim import casing_of, skim_articles, skim_partition
from summarizer.models import Article, FeedEntry, FeedReport
from summarizer.pipeline.run import by_outlet, in_day_order, in_groups
from summarizer.text.headlines import Casing
from tests.conftest import shared_file


def _headline_day() -> list[Article]:
    path = shared_file("data/realday/uci_dev_2014-03-10_11.csv")
    with path.open(encoding="utf-8", newline="") as rows:
        return [
            Article(id=row["ID"], title=row["TITLE"], text=row["TITLE"], source=row["PUBLISHER"])
            for row in csv.DictReader(rows)
        ]


def test_partitions_keep_each_outlet_whole_and_every_article_once():
    articles = _headline_day()
    partitions = by_outlet(articles, 200)
    assert len(partitions) > 3
    assert sorted(p for partition in partitions for p in partition) == list(range(len(articles)))
    outlet_partition = {}
    for number, partition in enumerate(partitions):
        for position in partition:
            assert outlet_partition.setdefault(articles[position].source, number) == number
    assert by_outlet(articles, None) == [list(range(len(articles)))]


def test_a_skim_over_partitions_is_the_skim_of_the_whole_day():
    articles = _headline_day()
    partitions = by_outlet(articles, 150)
    parts = [skim_partition([articles[p] for p in partition]) for partition in partitions]
    whole = skim_articles(articles)
    assert in_day_order(partitions, [part.skims for part in parts]) == whole
    casing = Casing.merged(part.casing for part in parts)
    assert casing == casing_of(articles, whole)
    assert casing.is_common("apple") is False and casing.is_common("releases") is True


def _feed_report(name: str, links: list[str], known: tuple[str, ...] = ()) -> FeedReport:
    entries = [
        FeedEntry(f"Story {n}", link, f"g{n}", None, None, "Short teaser. Read more")
        for n, link in enumerate(links)
    ]
    return FeedReport(
        FeedConfig(url=f"https://{name}.example/feed", name=name),
        in_window=entries,
        known_pages={url: {} for url in known},
    )


def test_feeds_linking_one_page_are_extracted_in_one_batch():
    """Batches of two feeds, but a, c and e link pages in a chain (a–c share p1, c–e share
    p2): one batch, so each page is fetched once; b's page is known, so b goes anywhere."""
    reports = [
        _feed_report("a", ["https://x.example/p1"]),
        _feed_report("b", ["https://x.example/p3"], known=("https://x.example/p3",)),
        _feed_report("c", ["https://x.example/p1", "https://x.example/p2"]),
        _feed_report("d", ["https://x.example/p4"]),
        _feed_report("e", ["https://x.example/p2", "https://x.example/p3"]),
    ]
    partitions = in_groups(sharing_pages(reports), 2)
    assert partitions == [[0, 2, 4], [1, 3]]
    flat = in_day_order(partitions, [[reports[p] for p in part] for part in partitions])
    assert [r.feed.name for r in flat] == ["a", "b", "c", "d", "e"]
