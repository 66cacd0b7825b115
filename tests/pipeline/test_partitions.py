"""Stages mapped over partitions of the day (so a Dask cluster can spread them) give what one
call over the whole day gives: skim learns each outlet's title suffixes from all of its
articles, so an outlet is never split."""

from __future__ import annotations

import csv

from summarizer.group.skim import skim_articles
from summarizer.models import Article
from summarizer.pipeline.run import by_outlet, in_day_order
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
    parts = [skim_articles([articles[p] for p in partition]) for partition in partitions]
    assert in_day_order(partitions, parts) == skim_articles(articles)
