import json

import html5lib
import pytest

from summarizer.atomic import write_atomic
from summarizer.models import Digest, Participants, SourceProblem, SourceRef, from_jsonable
from summarizer.publish.days import publish_day
from summarizer.publish.render import RENDERERS, html, markdown
from tests.builders import make_digest, make_story
from tests.conftest import REPO

HOSTILE_TITLE = (
    '<script>alert("x")</script> Budget ](javascript:alert(1)) # <img src=x onerror=alert(1)>'
)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_renderers_handle_an_empty_day(fmt):
    text = RENDERERS[fmt](make_digest())
    assert text
    if fmt != "json":
        assert "Nothing new today." in text


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_renderers_show_story_participants_and_problems(fmt):
    digest = make_digest(make_story(), problems=(SourceProblem("feeds/bad.xml", "HTTP 500"),))
    text = RENDERERS[fmt](digest)
    for expected in ("Council approves budget", "Ana Silva", "Finance chief", "Porto", "HTTP 500"):
        assert expected in text


def test_json_digest_round_trips():
    digest = make_digest(make_story(), problems=(SourceProblem("x.txt", "empty file"),))
    data = json.loads(RENDERERS["json"](digest))
    assert data["counts"] == {
        "inputs": 1,
        "outlets": 1,
        "articles": 1,
        "stories": 1,
        "full_stories": 1,
        "problems": 1,
    }
    assert from_jsonable(Digest, data) == digest


def _elements(page: str) -> list:
    return list(html5lib.parse(page, namespaceHTMLElements=False).iter())


def test_html_escapes_script_in_a_feed_title():
    page = html.render(make_digest(make_story(headline=HOSTILE_TITLE)))
    elements = _elements(page)
    assert not [e for e in elements if e.tag in {"script", "img"}]
    assert not [name for e in elements for name in e.attrib if name.startswith("on")]
    assert not [e for e in elements if e.get("href", "").startswith("javascript")]
    assert '&lt;script&gt;alert("x")&lt;/script&gt; Budget' in page


def test_html_drops_javascript_links_in_source_urls():
    story = make_story(sources=(SourceRef("a1", "Evil", "javascript:alert(1)", "Evil News", None),))
    hrefs = [e.get("href") for e in _elements(html.render(make_digest(story))) if e.tag == "a"]
    assert hrefs and not [h for h in hrefs if h and h.startswith("javascript")]


def test_html_is_well_formed_html5():
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(html.render(make_digest(make_story(headline=HOSTILE_TITLE))))
    assert document.find("body") is not None
    assert document.get("lang") == "en"


def test_html_table_of_contents_anchors_resolve():
    page = html.render(make_digest(make_story(), make_story(id="s2", headline="Second story")))
    document = html5lib.parse(page, namespaceHTMLElements=False)
    ids = {element.get("id") for element in document.iter() if element.get("id")}
    anchors = [a.get("href")[1:] for a in document.iter("a") if a.get("href", "").startswith("#")]
    assert len(anchors) == 2
    assert all(anchor in ids for anchor in anchors)


def test_markdown_escape_keeps_structure():
    text = markdown.render(make_digest(make_story(headline="# Not a heading ](http://x) *bold*")))
    assert "## 1\\. \\# Not a heading \\]\\(http://x\\) \\*bold\\*" in text
    assert "\n# Not a heading" not in text


def test_markdown_escape_html_and_list_markers():
    assert markdown.escape("<b>x</b>") == "&lt;b\\>x&lt;/b\\>"
    assert markdown.escape("1. first") == "1\\. first"
    assert markdown.escape("- item") == "\\- item"


def test_publish_writes_three_files(tmp_path):
    written = publish_day(make_digest(make_story()), tmp_path)
    assert sorted(written) == ["html", "json", "md"]
    assert all(path.parent == tmp_path / "2026-11-25" for path in written.values())
    assert not list((tmp_path / "2026-11-25").glob(".*tmp"))


def test_published_files_are_readable_by_others_under_the_umask(tmp_path):
    import os

    previous = os.umask(0o022)
    try:
        written = publish_day(make_digest(make_story()), tmp_path)
    finally:
        os.umask(previous)
    for path in [*written.values(), tmp_path / "index.html", tmp_path / "feed.xml"]:
        assert path.stat().st_mode & 0o777 == 0o644, path
    assert written["md"].parent.stat().st_mode & 0o777 == 0o755


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "digest.md"
    target.write_text("yesterday", encoding="utf-8")

    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["digest.md"]


def test_publish_leaves_an_unchanged_digest_alone(tmp_path):
    from dataclasses import replace
    from datetime import timedelta

    from summarizer.publish.days import is_unchanged

    digest = make_digest(make_story())
    written = publish_day(digest, tmp_path)
    before = {fmt: path.stat().st_mtime_ns for fmt, path in written.items()}
    later = replace(digest, generated_at=digest.generated_at + timedelta(hours=1))
    assert is_unchanged(later, tmp_path)
    publish_day(later, tmp_path)
    assert {fmt: path.stat().st_mtime_ns for fmt, path in written.items()} == before
    changed = replace(later, stories=(make_story(headline="A newer headline"),))
    assert not is_unchanged(changed, tmp_path)
    publish_day(changed, tmp_path)
    assert "A newer headline" in written["md"].read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_pages_show_a_few_sources_and_ten_participants_and_the_json_keeps_all(fmt):
    from summarizer.models import Person

    sources = tuple(
        SourceRef(f"a{i}", f"Report {i}", f"https://outlet{i}.example/a", f"Outlet {i}", None)
        for i in range(6)
    )
    people = tuple(Person(f"Person Number{i}", None, 12 - i) for i in range(12))
    story = make_story(sources=sources, participants=Participants(people=people))
    digest = make_digest(story)
    story_part = RENDERERS[fmt](digest).split("Participants across the day")[0]
    assert "Report 2" in story_part and "Report 3" not in story_part
    assert "3 more sources" in story_part
    assert "Person Number9" in story_part and "Person Number10" not in story_part
    assert "2 more people" in story_part  # what is left out is said, not dropped silently
    data = json.loads(RENDERERS["json"](digest))
    assert len(data["stories"][0]["sources"]) == 6
    assert len(data["stories"][0]["participants"]["people"]) == 12


def test_a_version_1_digest_is_still_read_and_rendered():
    """Days published before schema version 2 stay in the archive and the thread memory."""
    data = json.loads(RENDERERS["json"](make_digest(make_story())))
    data["schema_version"] = 1
    data["counts"] = {"sources": 4, "articles": 1, "stories": 1, "problems": 0}
    for key in ("depth", "thread", "why", "section", "keywords"):
        del data["stories"][0][key]
    digest = from_jsonable(Digest, data)
    assert digest.input_count == 4
    story = digest.stories[0]
    assert story.is_full and story.thread is None and story.keywords == ()
    assert "Council approves budget" in RENDERERS["md"](digest)
    assert json.loads(RENDERERS["json"](digest))["stories"][0]["thread"]["previous"] is None


@pytest.mark.parametrize(
    "path",
    [
        # Written before the contract was typed (a second day: continuing threads, briefs,
        # a source problem), and the seeds' day as it is committed.
        REPO / "tests/data/contract/digest-2014-03-11.json",
        REPO / "tests/data/golden/seeds-2026-11-25.json",
    ],
)
def test_a_published_digest_loads_and_is_written_back_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    assert RENDERERS["json"](from_jsonable(Digest, json.loads(text))) == text
