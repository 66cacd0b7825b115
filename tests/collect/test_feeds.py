"""Feed parsing: formats, charsets from headers, malformed feeds, hostile XML."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from summarizer.collect.feeds import html_to_text, is_teaser, parse_feed
from summarizer.errors import FeedParseError
from tests.conftest import REPO

FEEDS = REPO / "tests/data/feeds"
NOW = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)


def _rss(items: str, *, version: str = "2.0") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="{version}"><channel>'
        f"<title>T</title><link>https://example.org/</link>{items}</channel></rss>"
    ).encode()


def test_parse_feed_empty_bytes_is_not_a_feed():
    with pytest.raises(FeedParseError, match="empty response"):
        parse_feed(b"  ", url="http://x/feed")


def test_parse_feed_html_page_is_not_a_feed_and_says_how_it_was_served():
    page = b"<html><head><title>Home</title></head><body><p>Hello <b>world</p></body></html>"
    with pytest.raises(FeedParseError, match="not a feed"):
        parse_feed(page, url="http://x/feed", headers={"Content-Type": "text/html"})


def test_parse_feed_rss2_normalises_entry_fields():
    feed = parse_feed(
        (FEEDS / "wire_a.xml").read_bytes(), url="https://gazette.example/rss.xml", now=NOW
    )
    assert feed.title == "Harbour Gazette"
    first = feed.entries[0]
    assert first.title == "Storm barrier closes for the first time & holds"
    assert first.link == "https://gazette.example/news/barrier?utm_source=rss&utm_medium=feed"
    assert first.guid == "gazette-1001"
    assert first.published == datetime(2026, 11, 24, 21, 10, tzinfo=UTC)
    assert first.author and "City desk" in first.author
    assert first.text.startswith("The city's new storm-surge barrier")
    assert "\n\n" in first.text and "<p>" not in first.text
    assert not is_teaser(first.text)


def test_parse_feed_atom_relative_links_resolve_against_the_feed_url():
    feed = parse_feed((FEEDS / "wire_b.xml").read_bytes(), url="https://coastal.example/atom")
    museum = feed.entries[1]
    assert museum.link == "https://coastal.example/2026/11/museum"
    assert is_teaser(museum.text)


@pytest.mark.parametrize(
    ("name", "charset", "title"),
    [
        ("latin1_header_only.xml", "iso-8859-1", "Le café du port rouvre après l'été"),
        ("cp1252_header_only.xml", "windows-1252", "Mayor’s “quiet” budget – what it means"),
    ],
)
def test_parse_feed_uses_the_charset_declared_in_the_http_header(name, charset, title):
    headers = {"Content-Type": f"application/rss+xml; charset={charset}"}
    feed = parse_feed((FEEDS / name).read_bytes(), url="https://x.example/feed", headers=headers)
    assert feed.entries[0].title == title


@pytest.mark.parametrize("version", ["0.91", "0.92", "2.0"])
def test_parse_feed_rss_versions(version):
    feed = parse_feed(
        _rss("<item><title>A</title><link>/a</link></item>", version=version), url="http://x/"
    )
    assert [e.title for e in feed.entries] == ["A"]


def test_parse_feed_rss1_rdf_and_atom03():
    rdf = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://x/"><title>RDF</title><link>http://x/</link><description>d</description></channel>
<item rdf:about="http://x/1"><title>One</title><link>http://x/1</link></item></rdf:RDF>"""
    atom03 = b"""<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#">
<title>Old Atom</title><entry><title>Two</title><link rel="alternate" href="http://x/2"/>
<issued>2026-11-24T10:00:00Z</issued><id>x2</id></entry></feed>"""
    assert [e.title for e in parse_feed(rdf, url="http://x/").entries] == ["One"]
    assert [e.title for e in parse_feed(atom03, url="http://x/").entries] == ["Two"]


def test_parse_feed_malformed_but_usable_is_kept_with_a_problem():
    broken = _rss(
        "<item><title>Kept</title><link>/k</link></item><item><title>Bad &nope; x</title></item>"
    )
    feed = parse_feed(broken, url="http://x/")
    assert "Kept" in [e.title for e in feed.entries]
    assert feed.problem and feed.problem.startswith("malformed feed")


def test_parse_feed_absurd_dates_are_dropped():
    items = (
        "<item><title>Future</title><pubDate>Sat, 01 Jan 2039 00:00:00 GMT</pubDate></item>"
        "<item><title>Ancient</title><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate></item>"
        "<item><title>Garbage</title><pubDate>yesterday-ish</pubDate></item>"
    )
    feed = parse_feed(_rss(items), url="http://x/", now=NOW)
    assert [e.published for e in feed.entries] == [None, None, None]


def test_parse_feed_does_not_expand_entity_bombs():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY l1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY l2 "&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;">
<!ENTITY l3 "&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;">
<!ENTITY l4 "&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;">
<!ENTITY l5 "&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;">
<!ENTITY l6 "&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;">
<!ENTITY l7 "&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;">
<!ENTITY l8 "&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;">]>
<rss version="2.0"><channel><title>&l8;</title><item><title>x &l8;</title><link>http://a/</link></item></channel></rss>"""
    try:
        feed = parse_feed(bomb, url="http://x/")
    except FeedParseError:
        return  # refusing the document is as good as not expanding it
    assert all(len(e.title) < 1000 for e in feed.entries)
    assert len(feed.title) < 1000


def test_parse_feed_does_not_resolve_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>a &xxe; b</title>'
        "<description>&xxe;</description><link>http://a/</link></item></channel></rss>"
    ).encode()
    try:
        feed = parse_feed(xxe, url="http://x/")
    except FeedParseError:
        return
    assert all("TOP-SECRET" not in e.title + e.text for e in feed.entries)


def test_html_to_text_drops_scripts_and_keeps_paragraphs():
    text = html_to_text("<p>One <b>bold</b>.</p><script>alert(1)</script><p>Two.</p>")
    assert text == "One bold.\n\nTwo."


def test_html_to_text_ends_a_block_at_a_line_break_and_keeps_a_divs_own_text():
    byline = "<em>by Adam Bender</em><br /><em><br /></em><em>This article was adapted</em>"
    assert html_to_text(byline) == "by Adam Bender\n\nThis article was adapted"
    nested = "<div>Lead words <div>Inner one</div><div>Inner two</div> last words</div>"
    assert html_to_text(nested) == "Lead words\n\nInner one\n\nInner two\n\nlast words"


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        (
            "<table><tr><td>Version:</td><td>5.7-rc4</td></tr><tr><td>Released:</td>"
            "<td>2020-05-03</td></tr></table>",
            "Version: 5.7-rc4\n\nReleased: 2020-05-03",
        ),
        ("<pre>line one\nline <b>two</b>\nline three</pre>", "line one\n\nline two\n\nline three"),
        ("First part<hr>Second part", "First part\n\nSecond part"),
        ("<p>Para one.</p><p>&lt;b&gt;Para two&lt;/b&gt;</p>", "Para one.\n\nPara two"),
        ("<p>Same.</p><p>Other.</p><p>Same.</p>", "Same.\n\nOther.\n\nSame."),
    ],
)
def test_html_to_text_reads_tables_preformatted_rules_and_escaped_markup(markup, text):
    assert html_to_text(markup) == text


def test_plain_text_joins_the_lines_of_a_paragraph_and_keeps_blank_lines():
    text = "Mark a few dates on your\n        calendar!\n\nSecond paragraph."
    assert html_to_text(text) == "Mark a few dates on your calendar!\n\nSecond paragraph."


def test_a_listing_footer_split_by_a_line_break_is_still_dropped():
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>r/funny</title><item>'
        b"<title>A cat on a skateboard</title><link>https://www.reddit.com/r/funny/1</link>"
        b"<description>&lt;p&gt;It rolls.&lt;/p&gt; submitted by &lt;a href=&quot;https://www"
        b".reddit.com/user/x&quot;&gt; x &lt;/a&gt; to &lt;a href=&quot;https://www.reddit.com"
        b"/r/funny/&quot;&gt; funny&lt;/a&gt; &lt;br/&gt; &lt;a href=&quot;https://i.imgur.com"
        b"/1.gifv&quot;&gt;[link]&lt;/a&gt; &lt;a href=&quot;https://www.reddit.com/r/funny/1"
        b"&quot;&gt;[12 comments]&lt;/a&gt;</description></item></channel></rss>"
    )
    (entry,) = parse_feed(feed, url="https://www.reddit.com/r/funny/.rss").entries
    assert entry.text == "It rolls."


@pytest.mark.parametrize(
    ("text", "teaser"),
    [
        ("Short summary only.", True),
        ("word " * 200, False),
        ("word " * 200 + "Read more", True),
        ("word " * 200 + "[…]", True),
    ],
)
def test_is_teaser(text, teaser):
    assert is_teaser(text) is teaser
