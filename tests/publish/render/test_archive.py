"""The archive across several days: index.html, feed.xml, links between days, re-rendering."""

import json
from datetime import date, datetime
from xml.etree import ElementTree

import feedparser
import html5lib
import pytest

from summarizer.errors import ReportError
from summarizer.publish.days import publish_day, published_days, rerender
from tests.builders import make_digest, make_story

DAYS = (date(2026, 11, 24), date(2026, 11, 26), date(2026, 11, 25))  # published out of order


def _publish_days(out_dir, base_url=None):
    for number, day in enumerate(DAYS):
        stories = [
            make_story(id=f"{day}-{n}", headline=f"{day:%d %b} story {n}")
            for n in range(number + 2)
        ]
        publish_day(make_digest(*stories, day=day), out_dir, base_url=base_url)


def _links(page_path):
    document = html5lib.parse(page_path.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    return {"".join(a.itertext()).strip(): a.get("href") for a in document.iter("a")}


def test_index_lists_every_day_newest_first_with_counts_and_headlines(tmp_path):
    _publish_days(tmp_path)
    document = html5lib.parse((tmp_path / "index.html").read_text(), namespaceHTMLElements=False)
    day_links = [
        a.get("href") for a in document.iter("a") if a.get("href", "").endswith("digest.html")
    ]
    assert day_links == [f"{d}/digest.html" for d in ("2026-11-26", "2026-11-25", "2026-11-24")]
    text = " ".join("".join(document.find("body").itertext()).split())
    assert "3 stories · 3 articles · 1 outlet" in text  # 26 Nov
    assert "4 stories" in text and "2 stories" in text
    assert "26 Nov story 0" in text
    for anchor in document.iter("a"):
        href = anchor.get("href")
        target = tmp_path / href.split("#")[0]
        assert target.exists(), href


def test_each_day_links_to_the_index_and_its_neighbours(tmp_path):
    _publish_days(tmp_path)
    middle = _links(tmp_path / "2026-11-25" / "digest.html")
    assert middle["← Previous day"] == "../2026-11-24/digest.html"
    assert middle["Next day →"] == "../2026-11-26/digest.html"
    assert middle["All digests"] == "../index.html"
    first = _links(tmp_path / "2026-11-24" / "digest.html")
    assert "← Previous day" not in first and first["Next day →"] == "../2026-11-25/digest.html"
    last_md = (tmp_path / "2026-11-26" / "digest.md").read_text(encoding="utf-8")
    assert "[← Previous day](<../2026-11-25/digest.md>)" in last_md
    assert "Next day" not in last_md
    for day in DAYS:
        for href in _links(tmp_path / day.isoformat() / "digest.html").values():
            if href.startswith("../"):
                assert (tmp_path / day.isoformat() / href).resolve().exists(), href


def test_atom_feed_is_valid_with_one_entry_per_day(tmp_path):
    _publish_days(tmp_path, base_url="https://news.example.org/digest/")
    feed = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title and feed.feed.id and feed.feed.updated
    assert feed.feed.links and any(link.rel == "self" for link in feed.feed.links)
    assert [e.link for e in feed.entries] == [
        f"https://news.example.org/digest/{d}/digest.html"
        for d in ("2026-11-26", "2026-11-25", "2026-11-24")
    ]
    assert feed.feed.author == "newsdigest"  # RFC 4287: a feed-level author covers entries
    for entry in feed.entries:
        assert entry.id.startswith("urn:uuid:") and entry.title and entry.updated
        assert "story 0" in entry.summary
    assert len({e.id for e in feed.entries}) == 3


def test_atom_feed_has_the_elements_rfc_4287_requires(tmp_path):
    _publish_days(tmp_path)
    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.fromstring((tmp_path / "feed.xml").read_bytes())
    assert root.tag == f"{atom}feed"
    for name in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{atom}{name}")) == 1, name
    for entry in root.findall(f"{atom}entry"):
        for name in ("id", "title", "updated", "summary"):
            assert len(entry.findall(f"{atom}{name}")) == 1, name
        assert entry.find(f"{atom}link").get("href").endswith("/digest.html")
        datetime.fromisoformat(entry.find(f"{atom}updated").text)


def test_atom_entry_ids_stay_when_a_day_is_rebuilt(tmp_path):
    _publish_days(tmp_path)
    before = [e.id for e in feedparser.parse((tmp_path / "feed.xml").read_bytes()).entries]
    publish_day(make_digest(make_story(headline="A later edition"), day=DAYS[0]), tmp_path)
    after = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    assert [e.id for e in after.entries] == before
    assert "A later edition" in after.entries[-1].summary


def test_feed_strings_are_escaped_in_the_atom_feed(tmp_path):
    hostile = '<script>alert(1)</script> & "quotes"'
    publish_day(make_digest(make_story(headline=hostile)), tmp_path)
    raw = (tmp_path / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw
    entry = feedparser.parse(raw).entries[0]
    assert hostile in entry.summary
    assert "<script" not in entry.content[0].value.replace("&lt;script", "")


def test_a_damaged_day_is_left_out_and_the_others_stay(tmp_path):
    _publish_days(tmp_path)
    (tmp_path / "2026-11-25" / "digest.json").write_text("{not json", encoding="utf-8")
    publish_day(make_digest(make_story(headline="Friday news"), day=date(2026, 11, 27)), tmp_path)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Friday news" in index and "26 Nov story 0" in index
    assert "2026-11-25/digest.html" not in index
    assert (tmp_path / "2026-11-25" / "digest.html").exists()  # never deleted


def test_rerender_rebuilds_pages_from_the_json_alone(tmp_path):
    _publish_days(tmp_path)
    html_path = tmp_path / "2026-11-25" / "digest.html"
    original = html_path.read_text(encoding="utf-8")
    html_path.write_text("stale", encoding="utf-8")
    (tmp_path / "index.html").unlink()
    written = rerender(tmp_path, date(2026, 11, 25))
    assert written["html"].read_text(encoding="utf-8") == original
    assert (tmp_path / "index.html").exists()
    assert json.loads((tmp_path / "2026-11-25" / "digest.json").read_text())["date"] == "2026-11-25"


def test_rerender_of_a_day_never_published_says_so(tmp_path):
    with pytest.raises(ReportError, match="no digest has been published for 2026-01-01"):
        rerender(tmp_path, date(2026, 1, 1))


def test_published_days_ignores_other_directories(tmp_path):
    _publish_days(tmp_path)
    (tmp_path / "2026-13-45").mkdir()
    (tmp_path / "2026-13-45" / "digest.json").write_text("{}")
    (tmp_path / "notes").mkdir()
    assert published_days(tmp_path) == sorted(DAYS)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("https://news.example.org/d", "https://news.example.org/d/"), (None, None)],
)
def test_base_url_in_sources_toml(raw, expected):
    from summarizer.config import parse_config

    assert parse_config({"base_url": raw} if raw else {}).base_url == expected


@pytest.mark.parametrize("raw", ["news.example.org/d", "javascript:alert(1)", "file:///tmp"])
def test_a_base_url_that_is_not_http_is_refused(raw):
    from summarizer.config import parse_config
    from summarizer.errors import ConfigError

    with pytest.raises(ConfigError, match="base_url"):
        parse_config({"base_url": raw})


def test_archive_and_day_pages_are_valid_html5(tmp_path):
    _publish_days(tmp_path)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for page in [tmp_path / "index.html", *tmp_path.glob("*/digest.html")]:
        document = parser.parse(page.read_text(encoding="utf-8"))  # raises on any parse error
        assert document.get("lang") == "en" and document.find("head/title").text


def test_the_days_are_set_apart_from_the_developing_stories(tmp_path):
    from summarizer.models import Thread

    first, second = date(2026, 11, 24), date(2026, 11, 25)
    for day, previous in ((first, None), (second, first)):
        story = make_story(headline="Bridge talks", thread=Thread("bridge", first, 1, previous))
        publish_day(make_digest(story, day=day), tmp_path)
    document = html5lib.parse((tmp_path / "index.html").read_text(), namespaceHTMLElements=False)
    assert document.find(".//h2[@id='developing']") is not None
    archive = document.find(".//ul[@class='archive block']")
    assert archive is not None  # a rule and a gap, not a list running on from the threads
