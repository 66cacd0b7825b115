"""The "at a glance" charts: right numbers, in the reader's time zone, with a text equivalent."""

from datetime import UTC, datetime

import html5lib

from summarizer.models import SourceRef
from summarizer.publish.render import chart, html, markdown, view
from tests.builders import make_digest, make_story

SVG = "{http://www.w3.org/2000/svg}"


def _source(article_id, hour, minute=0, day=25):
    return SourceRef(
        article_id,
        article_id,
        None,
        f"Outlet {article_id}",
        datetime(2026, 11, day, hour, minute, tzinfo=UTC),
    )


def _digest(timezone="UTC"):
    big = make_story(
        id="big",
        headline="Big story",
        sources=(_source("a", 6), _source("b", 6, 40), _source("c", 23, 30, day=24)),
    )
    small = make_story(
        id="small", headline="Small story", sources=(SourceRef("d", "d", None, "D", None),)
    )
    return make_digest(small, big, timezone=timezone)


def test_hours_are_counted_in_the_digest_time_zone():
    utc = view.at_a_glance(_digest())
    assert utc.hours[6] == 2 and utc.hours[23] == 1 and utc.untimed == 1
    berlin = view.at_a_glance(_digest("Europe/Berlin"))
    assert berlin.hours[7] == 2 and berlin.hours[0] == 1 and sum(berlin.hours) == 3


def test_stories_are_ranked_by_sources():
    glance = view.at_a_glance(_digest())
    assert [(s.number, s.sources) for s in glance.stories] == [(2, 3), (1, 1)]
    bars = chart.sources_chart(glance).bars
    assert bars[0].width > bars[1].width and bars[0].label == "2. Big story"


def test_svg_chart_is_accessible_and_inert():
    page = html.render(_digest("Europe/Berlin"))
    document = html5lib.parse(page, namespaceHTMLElements=False)
    svgs = list(document.iter(f"{SVG}svg"))
    assert len(svgs) == 2
    for svg in svgs:
        assert svg.get("role") == "img"
        ids = svg.get("aria-labelledby").split()
        labelled = {e.get("id"): "".join(e.itertext()) for e in svg.iter() if e.get("id")}
        assert all(labelled.get(i) for i in ids)
        assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
        assert not [e for e in svg.iter() if e.tag.endswith("script") or "style" in e.attrib]
    hours = document.find(".//*[@id='glance-hours-desc']")
    assert (
        "07:00 2" in hours.text
        and "00:00 1" in hours.text
        and "1 article without a time" in hours.text
    )


def test_markdown_has_the_charts_as_text():
    text = markdown.render(_digest("Europe/Berlin"))
    assert "## At a glance" in text
    assert "- [Big story](#2-big-story): 3 sources" in text
    assert "00:00 1 · 07:00 2 · 1 article without a time" in text


def test_a_day_without_stories_has_no_chart():
    assert "<svg" not in html.render(make_digest())
