"""The "at a glance" charts: right numbers, in the reader's time zone, with a text equivalent."""

from datetime import UTC, datetime

import html5lib

from summarizer.models import SourceRef
from summarizer.models.digest import BRIEF
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


def test_stories_are_ranked_by_outlets_as_their_header_counts_them():
    glance = view.at_a_glance(_digest())
    assert [(s.number, s.outlets) for s in glance.stories] == [(2, 3), (1, 1)]
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
    assert "- [Big story](#2-big-story): 3 outlets" in text
    assert "00:00 1 · 07:00 2 · 1 article without a time" in text


def test_a_day_without_stories_has_no_chart():
    assert "<svg" not in html.render(make_digest())


def test_a_brief_is_not_linked_to_a_heading_the_markdown_does_not_have():
    brief = make_story(
        id="brief",
        headline="A brief of two outlets",
        depth=BRIEF,
        sources=(_source("x", 8), _source("y", 9)),
    )
    text = markdown.render(make_digest(brief, timezone="UTC"))
    assert "- 1. A brief of two outlets: 2 outlets" in text
    assert "](#1-a-brief" not in text


def test_articles_of_one_outlet_are_one_outlet_and_no_chart_draws_nothing():
    one_outlet = make_story(
        id="one",
        headline="Three pieces of one paper",
        sources=tuple(SourceRef(i, i, None, "Gazette", None) for i in "abc"),
    )
    other = make_story(
        id="other", headline="Another", sources=(SourceRef("d", "d", None, "D", None),)
    )
    digest = make_digest(one_outlet, other, timezone="UTC")
    page = html.render(digest)
    assert "Each story has one outlet." in page and "Each story has one outlet." in markdown.render(
        digest
    )
    assert "No article has a publication time." in page
    assert "<svg" not in page  # not identical full bars, not an empty chart labelled "1"


def test_the_page_says_how_many_articles_the_hour_chart_leaves_out():
    assert "…and 1 article without a time." in html.render(_digest())


def test_a_date_of_another_year_says_its_year():
    old = SourceRef("o", "Old report", None, "Archive", datetime(2017, 5, 25, 9, 0, tzinfo=UTC))
    story = make_story(id="old", headline="An old report", sources=(old,))
    page = html.render(make_digest(story, timezone="UTC"))
    assert "25 May 2017 09:00" in page and "25 May 09:00" not in page
    yesterday = _source("y", 21, 15, day=24)
    assert view.short_time(yesterday.published, make_digest()) == "24 Nov 21:15"


def test_right_to_left_text_keeps_its_direction_in_the_page():
    arabic = "الحكومة تعلن خطة جديدة للنقل"
    story = make_story(
        id="rtl",
        headline=arabic,
        sources=(SourceRef("r", arabic, "https://example.org/r", "Al Example", None),),
    )
    page = html.render(make_digest(story))
    assert f"<bdi>{arabic}</bdi>" in page
    assert f'dir="auto" rel="noopener noreferrer">{arabic}</a>' in page
