"""Feed text is hostile until proven otherwise: no field may inject markup into the pages."""

import html5lib
import markdown as markdown_lib
import pytest

from summarizer.models import KeyPoint, NamedEntity, Participants, Person, SourceProblem, SourceRef
from summarizer.publish.render import html, markdown
from summarizer.publish.render.view import DayLinks
from tests.builders import make_digest, make_story

PAYLOADS = (
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "<style>body{display:none}</style>",
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src=https://evil.example/></iframe>",
    "](javascript:alert(1)) [x](data:text/html;base64,PHNjcmlwdD4=)",
    "# Heading\n## injected\n| table | row |",
    "*emphasis* _under_ `code` <!-- comment --> &amp; &#x3C;b&#x3E;",
    "<![CDATA[<script>alert(1)</script>]]>",
)
BAD_URLS = (
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    'https://example.org/" onmouseover="alert(1)',
    "//evil.example/no-scheme",
)


def _hostile_digest(payload: str, url: str = "https://example.org/a1"):
    story = make_story(
        headline=f"Budget {payload}",
        key_points=(KeyPoint(f"The council said {payload}.", "a1"),),
        participants=Participants(
            people=(Person(f"Ana {payload}", f"chief {payload}", 2, (payload,)),),
            organizations=(NamedEntity(f"Org {payload}"),),
            places=(NamedEntity(f"Porto {payload}"),),
        ),
        sources=(SourceRef("a1", f"Title {payload}", url, f"Outlet {payload}", None),),
    )
    return make_digest(story, problems=(SourceProblem(f"feed {payload}", f"HTTP 500 {payload}"),))


def _assert_inert(page: str) -> None:
    document = html5lib.parse(page, namespaceHTMLElements=False)
    body = document.find("body")
    elements = list(body.iter())
    tags = {element.tag.rsplit("}", 1)[-1] for element in elements}  # svg children too
    assert not tags & {"script", "style", "img", "iframe", "object", "embed", "form", "input"}
    for element in document.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert name.lower() != "style", element.tag
            if name.lower() in {"href", "src", "action", "xlink:href"}:
                scheme = value.strip().lower().split(":", 1)[0]
                assert scheme in {"http", "https"} or ":" not in value.split("/")[0], value
    assert len(document.findall(".//style")) == 1  # the page's own stylesheet, in <head>


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_keeps_every_hostile_field_as_text(payload):
    page = html.render(_hostile_digest(payload), DayLinks(archive=True))
    _assert_inert(page)
    text = "".join(html5lib.parse(page, namespaceHTMLElements=False).find("body").itertext())
    assert " ".join(payload.split()) in " ".join(text.split())


@pytest.mark.parametrize("url", BAD_URLS)
def test_html_never_links_a_url_that_is_not_http(url):
    page = html.render(_hostile_digest("plain", url=url))
    _assert_inert(page)
    document = html5lib.parse(page, namespaceHTMLElements=False)
    hrefs = [a.get("href") for a in document.iter("a")]
    assert all(h.startswith(("#", "http://", "https://", "../")) for h in hrefs), hrefs
    assert not [h for h in hrefs if '"' in h or " " in h or "<" in h], hrefs


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_feed_text_cannot_change_the_structure(payload):
    text = markdown.render(_hostile_digest(payload))
    rendered = markdown_lib.markdown(text, extensions=["tables"])
    document = html5lib.parse(f"<body>{rendered}</body>", namespaceHTMLElements=False)
    headings = [e for e in document.iter() if e.tag in {"h1", "h2", "h3"}]
    # Title, At a glance, Contents, the story, Participants across the day, Source problems.
    assert len(headings) == 6, [("".join(h.itertext())) for h in headings]
    assert len(document.findall(".//table")) == 1
    tags = {e.tag for e in document.iter()}
    assert not tags & {"script", "style", "img", "iframe", "svg"}

    for anchor in document.iter("a"):
        assert anchor.get("href", "").startswith(("#", "https://example.org/")), anchor.get("href")


def test_markdown_drops_links_that_are_not_http():
    text = markdown.render(_hostile_digest("plain", url="javascript:alert(1)"))
    assert "javascript:" not in text
