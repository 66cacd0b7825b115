"""Keyword rules ([[filters]]): whole words, any case, per feed tag, counted where the reader
and the operator look (the digest's source problems, the sources table)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from summarizer.config import load_config, parse_config
from summarizer.config.settings import DigestSettings
from summarizer.errors import ConfigError
from summarizer.models import Article
from summarizer.pipeline import run_pipeline
from summarizer.pipeline.intake import apply_filters
from summarizer.publish.days import load_digest
from summarizer.publish.render.view import source_rows
from tests.feed_site import FIXTURES, FeedSite

DAY = date(2026, 11, 24)


def _config(*rules: dict[str, object], feeds: tuple[tuple[str, str], ...] = ()) -> object:
    return parse_config(
        {
            "filters": list(rules),
            "feeds": [{"url": url, "tags": [tag]} for url, tag in feeds],
        }
    )


def _article(text: str, title: str = "", feed: str | None = None) -> Article:
    return Article(id=str(abs(hash((text, title)))), text=text, title=title, feed=feed)


def test_words_match_whole_and_in_any_case_and_phrases_across_line_breaks():
    config = _config({"exclude": ["AI", "press release"]})
    articles = [
        _article("Regulators met to discuss ai safety."),
        _article("The mayor said the budget was fair."),  # "said" is not "ai"
        _article("Aidan Byrne opened the fair.", title="AI-free title"),  # the title counts
        _article("This PRESS\n   Release was issued on Monday."),
        _article("A release of the press photos is planned."),
    ]
    kept, counts = apply_filters(articles, config)
    assert [a.text for a in kept] == [
        "The mayor said the budget was fair.",
        "A release of the press photos is planned.",
    ]
    assert [(c.rule, c.removed) for c in counts] == [('exclude "AI", "press release"', 3)]


def test_include_keeps_only_articles_naming_a_word_and_tags_limit_a_rule():
    tech, world = "https://tech.example/feed", "https://world.example/feed"
    config = _config(
        {"include": ["open source", "linux"], "tags": ["tech"]},
        {"exclude": ["sponsored"]},
        feeds=((tech, "tech"), (world, "world")),
    )
    articles = [
        _article("A Linux kernel release.", feed=tech),
        _article("A new phone is out.", feed=tech),  # tech, names neither: removed by rule 1
        _article("A new phone is out, said the world desk.", feed=world),  # rule 1 not for it
        _article("Sponsored: Linux laptops.", feed=tech),  # passes rule 1, removed by rule 2
        _article("A file article about phones."),  # no feed, no tags: only rule 2 judges it
    ]
    kept, counts = apply_filters(articles, config)
    assert [a.text for a in kept] == [
        "A Linux kernel release.",
        "A new phone is out, said the world desk.",
        "A file article about phones.",
    ]
    assert [c.removed for c in counts] == [1, 1]
    assert counts[0].rule == 'include "open source", "linux" · feeds tagged tech'


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({}, "filters[0] needs include or exclude words"),
        ({"exclude": ["  "]}, "filters[0].exclude must not hold an empty word or phrase"),
        ({"exclude": "ads"}, "filters[0].exclude must be a list, not 'ads'"),
        ({"exclude": ["ads"], "feeds": ["x"]}, "filters[0].feeds is not a known key"),
    ],
)
def test_a_wrong_rule_is_one_line(rule, message):
    with pytest.raises(ConfigError) as error:
        parse_config({"filters": [rule]})
    assert str(error.value) == f"sources.toml: {message}"


def test_rules_apply_to_feeds_over_http_and_their_counts_are_published(httpserver, tmp_path):
    site = FeedSite(httpserver)
    gazette = site.add_file("/feeds/gazette.xml", FIXTURES / "feeds/wire_a.xml")
    coastal = site.add_file("/feeds/coastal.xml", FIXTURES / "feeds/wire_b.xml")
    site.add_file("/2026/11/museum", FIXTURES / "pages/museum.html", "text/html; charset=utf-8")
    (tmp_path / "sources.toml").write_text(
        f"""allow_private_hosts = true
window_hours = 0
output_dir = "reports"
[[feeds]]
url = "{gazette}"
name = "Harbour Gazette"
tags = ["harbour"]
[[feeds]]
url = "{coastal}"
name = "Coastal Times"
tags = ["culture"]
[[filters]]
exclude = ["timetable"]
[[filters]]
tags = ["culture"]
include = ["museum"]
""",
        encoding="utf-8",
    )
    config = load_config(tmp_path / "sources.toml")
    settings = DigestSettings.for_config(config, day=DAY, out_dir=config.output_dir)
    written = run_pipeline([], settings, config)
    data = json.loads(written.paths["json"].read_text(encoding="utf-8"))
    headlines = {s["headline"] for s in data["stories"]}
    assert not any("Ferry timetable" in h for h in headlines)
    assert "Museum reopens after roof repair" in headlines
    # The Gazette's storm story stays; the Coastal Times' storm story names no museum.
    outlets = {src["outlet"] for s in data["stories"] for src in s["sources"]}
    assert outlets == {"Harbour Gazette", "Coastal Times"}
    assert data["filtered"] == [
        {"rule": 'exclude "timetable"', "removed": 1},
        {"rule": 'include "museum" · feeds tagged culture', "removed": 1},
    ]
    markdown = written.paths["md"].read_text(encoding="utf-8")
    assert '- Keyword rule exclude "timetable": kept out 1 article' in markdown
    rows = {row["source"]: row for row in source_rows(load_digest(config.output_dir, DAY))}
    assert rows['keyword rule: include "museum" · feeds tagged culture']["filtered"] == 1
    assert rows["Harbour Gazette"]["filtered"] == 0
