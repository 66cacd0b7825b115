import pytest

from summarizer.config import load_config
from summarizer.config.opml import export_opml, import_opml, parse_opml
from summarizer.errors import ConfigError

# Shapes of real exports: Miniflux (flat categories, title+text), FreshRSS (nested, text only,
# xmlUrl beside htmlUrl), Feedly (title attributes, type="rss").
MINIFLUX = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Miniflux</title><dateCreated>Tue, 24 Nov 2026</dateCreated></head>
<body><outline text="World"><outline title="BBC World" text="BBC World"
 xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml" htmlUrl="https://www.bbc.co.uk/news"/></outline>
<outline text="Tech"><outline title="LWN" text="LWN" xmlUrl="https://lwn.net/headlines/rss"/></outline>
</body></opml>"""
FRESHRSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>FreshRSS</title></head><body>
<outline text="News"><outline text="Europe"><outline text="Guardian Europe" type="rss"
 xmlUrl="https://www.theguardian.com/world/europe-news/rss" htmlUrl="https://www.theguardian.com"/>
</outline></outline>
<outline text="Uncategorised feed" type="rss" xmlUrl="https://example.org/feed.xml"/></body></opml>"""
FEEDLY = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Feedly</title></head><body>
<outline text="World" title="World"><outline type="rss" text="Reuters" title="Reuters World"
 xmlUrl="https://example.com/reuters.xml" htmlUrl="https://reuters.example"/>
<outline type="rss" text="BBC" title="BBC World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml"/>
</outline></body></opml>"""


def test_parse_opml_nested_folders_become_tags():
    feeds = parse_opml(FRESHRSS).feeds
    assert [(f.name, f.tags) for f in feeds] == [
        ("Guardian Europe", ("News", "Europe")),
        ("Uncategorised feed", ()),
    ]


def test_parse_opml_takes_title_before_text_and_each_url_once():
    feeds = parse_opml(FEEDLY).feeds
    assert [f.name for f in feeds] == ["Reuters World", "BBC World"]


@pytest.mark.parametrize("document", [b"<html/>", b"not xml", b"<opml><head/></opml>"])
def test_parse_opml_rejects_non_opml(document):
    with pytest.raises(ConfigError):
        parse_opml(document)


def test_parse_opml_refuses_entity_declarations():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>
<opml version="2.0"><body><outline text="&b;" xmlUrl="https://x/"/></body></opml>"""
    with pytest.raises(ConfigError, match="not a usable OPML"):
        parse_opml(bomb)


def test_import_export_round_trip(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text("# my feeds\nwindow_hours = 24\n", encoding="utf-8")
    for index, document in enumerate((MINIFLUX, FRESHRSS, FEEDLY)):
        opml = tmp_path / f"export{index}.opml"
        opml.write_bytes(document)
        import_opml(opml, sources)
    feeds = load_config(sources).feeds
    assert len(feeds) == 5  # the BBC feed is in two exports, imported once
    assert sources.read_text(encoding="utf-8").startswith("# my feeds\nwindow_hours = 24\n")
    exported = tmp_path / "exported.opml"
    exported.write_bytes(export_opml(sources))
    fresh = tmp_path / "fresh.toml"
    import_opml(exported, fresh)

    def by_url(items):
        return sorted(items, key=lambda f: f.url)

    assert by_url(load_config(fresh).feeds) == by_url(feeds)


def test_import_appends_tables_after_existing_feeds_and_skips_what_is_not_http(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[feeds]]\nurl = "https://a.example/rss"\n\n[[feeds]]\nurl = "https://b.example/rss"\n'
        'tags = ["world"]\n',
        encoding="utf-8",
    )
    opml = tmp_path / "in.opml"
    opml.write_bytes(
        b'<opml version="2.0"><body><outline text="World">'
        b'<outline text="C" xmlUrl="https://c.example/rss"/></outline>'
        b'<outline text="Old" xmlUrl="ftp://old.example/rss"/></body></opml>'
    )
    result = import_opml(opml, sources)
    assert [f.url for f in result.feeds] == ["https://c.example/rss"]
    assert len(result.rejected) == 1 and "ftp://old.example/rss" in result.rejected[0]
    urls = [f.url for f in load_config(sources).feeds]
    assert urls == ["https://a.example/rss", "https://b.example/rss", "https://c.example/rss"]


def test_import_into_an_inline_feed_list_stays_inline_and_keeps_comments(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '# subscriptions\nfeeds = [{ url = "https://a.example/rss" }]  # the first\n',
        encoding="utf-8",
    )
    opml = tmp_path / "in.opml"
    opml.write_bytes(
        b'<opml version="2.0"><body><outline text="B" xmlUrl="https://b.example/rss"/>'
        b"</body></opml>"
    )
    import_opml(opml, sources)
    text = sources.read_text(encoding="utf-8")
    assert "# subscriptions" in text and "# the first" in text
    assert [f.url for f in load_config(sources).feeds] == [
        "https://a.example/rss",
        "https://b.example/rss",
    ]


def test_import_into_a_file_without_a_final_newline(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text('[[feeds]]\nurl = "https://a.example/rss"', encoding="utf-8")
    opml = tmp_path / "in.opml"
    opml.write_bytes(
        b'<opml version="2.0"><body><outline text="B" xmlUrl="https://b.example/rss"/>'
        b"</body></opml>"
    )
    import_opml(opml, sources)
    assert [f.url for f in load_config(sources).feeds] == [
        "https://a.example/rss",
        "https://b.example/rss",
    ]
