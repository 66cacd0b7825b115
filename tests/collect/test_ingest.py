"""Feeds end to end against a real local HTTP server: new articles, full text, dedupe, state."""

from __future__ import annotations

import json
from datetime import date

import pytest

from summarizer.config import load_config
from summarizer.config.settings import DigestSettings
from summarizer.pipeline import run_pipeline
from summarizer.store import Store
from tests.feed_site import FIXTURES, FeedSite, mixed_feeds, mixed_site, sources_toml

DAY = date(2026, 11, 24)
NEW_ITEM = b"""<item><title>Bridge reopens after inspection</title><link>/news/bridge</link>
<guid isPermaLink="false">gazette-1003</guid><pubDate>Wed, 25 Nov 2026 05:00:00 +0000</pubDate>
<description>The harbour bridge reopened on Wednesday morning after engineers finished a week of
checks on its cables, the city said. Traffic was light in the first hours, and the ferry company
said it would keep its extra boats running until Friday in case of delays. Engineer Pieter Smit
said the bridge had passed every test and that no repairs were needed. Drivers had used a long
detour through the industrial district for seven days while the checks went on, and shop owners
near the bridge said they had lost about half of their usual trade during the closure.
</description></item>
</channel>"""


@pytest.fixture
def site(httpserver) -> FeedSite:
    return mixed_site(httpserver)


def _run(config_path, day=DAY):
    config = load_config(config_path)
    settings = DigestSettings(day=day, out_dir=config.output_dir)
    written = run_pipeline([], settings, config)
    return json.loads(written.paths["json"].read_text(encoding="utf-8")), config


def test_feeds_give_full_text_merged_duplicates_and_listed_failures(site, tmp_path):
    digest, _ = _run(sources_toml(tmp_path, mixed_feeds(site)))
    stories = {s["headline"]: s for s in digest["stories"]}
    barrier = stories["Storm barrier closes for the first time & holds"]
    assert [s["outlet"] for s in barrier["sources"]] == ["Harbour Gazette", "Coastal Times"]
    assert barrier["sources"][0]["url"].endswith("/news/barrier?utm_source=rss&utm_medium=feed")
    museum = stories["Museum reopens after roof repair"]
    people = {p["name"]: p.get("role") for p in museum["participants"]["people"]}
    assert people.get("Hanna Visser") == "Museum director"  # only in the fetched page
    assert "Le café du port rouvre après l'été" in stories
    assert "Mayor’s “quiet” budget – what it means" in stories
    problems = {p["source"]: p["reason"] for p in digest["problems"]}
    assert problems["Gone"] == "HTTP 404 NOT FOUND"
    assert problems["Homepage"].startswith("not a feed")
    assert digest["counts"]["inputs"] == 6


def test_second_run_uses_validators_and_finds_nothing_new(site, tmp_path):
    config_path = sources_toml(tmp_path, mixed_feeds(site))
    first, config = _run(config_path)
    second, _ = _run(config_path)
    assert sorted(site.conditional_hits) == sorted(
        ["/feeds/gazette.xml", "/feeds/coastal.xml", "/feeds/journal.xml", "/feeds/quay.xml"]
    )
    with Store(config.store_path) as store:
        runs = store.runs()
    assert [r["new"] for r in runs] == [6, 0]
    # Re-running the day reproduces its digest instead of an empty one.
    assert [s["id"] for s in second["stories"]] == [s["id"] for s in first["stories"]]


def test_a_re_run_answered_304_lists_the_same_source_problems(site, tmp_path):
    """A feed that did not change (304) still has the warnings of its last read that day."""
    wire = (FIXTURES / "feeds/wire_a.xml").read_bytes()
    site.add("/feeds/mangled.xml", wire.replace(b"</title>", b" &nope;</title>", 1), "text/xml")
    feeds = {**mixed_feeds(site), "Mangled": site.server.url_for("/feeds/mangled.xml")}
    config_path = sources_toml(tmp_path, feeds)
    first, _ = _run(config_path)
    second, _ = _run(config_path)
    assert "/feeds/mangled.xml" in site.conditional_hits
    assert any(p["source"] == "Mangled" for p in first["problems"])
    assert second["problems"] == first["problems"]
    next_day, _ = _run(config_path, day=date(2026, 11, 25))  # nothing of that read is in it
    assert not any(p["source"] == "Mangled" for p in next_day["problems"])


def test_a_new_entry_is_exactly_one_new_article(site, tmp_path):
    config_path = sources_toml(tmp_path, mixed_feeds(site))
    _run(config_path)
    gazette = (FIXTURES / "feeds/wire_a.xml").read_bytes().replace(b"</channel>", NEW_ITEM)
    site.replace("/feeds/gazette.xml", gazette)
    digest, config = _run(config_path, day=date(2026, 11, 25))
    with Store(config.store_path) as store:
        assert store.runs()[-1]["new"] == 1
    assert [s["headline"] for s in digest["stories"]] == ["Bridge reopens after inspection"]


def test_window_leaves_out_entries_published_before_it(site, tmp_path):
    feeds = {"Harbour Gazette": site.server.url_for("/feeds/gazette.xml")}
    # The 6 hours before the end of 24 November: the 21:10 story, not the 08:00 one.
    digest, _ = _run(sources_toml(tmp_path, feeds, window_hours=6))
    assert [s["headline"] for s in digest["stories"]] == [
        "Storm barrier closes for the first time & holds"
    ]


def test_a_feed_served_with_the_wrong_content_type_is_still_read(httpserver, tmp_path):
    site = FeedSite(httpserver)
    url = site.add_file("/feed", FIXTURES / "feeds/wire_a.xml", "text/html; charset=utf-8")
    digest, _ = _run(sources_toml(tmp_path, {"Harbour Gazette": url}))
    assert len(digest["stories"]) == 2


def test_feed_tags_become_the_sections_of_the_one_line_stories(site, tmp_path):
    feeds = mixed_feeds(site)
    tags = {"Harbour Gazette": "harbour", "Coastal Times": "harbour", "Quay Weekly": "business"}
    lines = ["allow_private_hosts = true", "window_hours = 0", 'output_dir = "reports"']
    lines += ["[digest]", "top_stories = 0", 'sections = ["business", "harbour"]']
    for name, url in feeds.items():
        tag = f'\ntags = ["{tags[name]}"]' if name in tags else ""
        lines.append(f'[[feeds]]\nurl = "{url}"\nname = "{name}"{tag}')
    (tmp_path / "sources.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = load_config(tmp_path / "sources.toml")
    settings = DigestSettings.for_config(config, day=DAY, out_dir=config.output_dir)
    written = run_pipeline([], settings, config)
    digest = json.loads(written.paths["json"].read_text(encoding="utf-8"))
    assert {s["depth"] for s in digest["stories"]} == {"brief"}
    sections = {s["section"] for s in digest["stories"]}
    assert {"business", "harbour"} <= sections
    markdown = written.paths["md"].read_text(encoding="utf-8")
    order = [markdown.index(f"### {name}") for name in ("Business", "Harbour")]
    assert order == sorted(order)
    if None in sections:  # the journal has no tag: its stories come last
        assert markdown.index("### More stories") > order[-1]
