"""The digest as one self-contained HTML page: no scripts, no external requests.

Two layers keep feed text inert. Jinja2 autoescapes every string the templates print, and the
rendered body then passes through nh3 with an allow-list of the elements and attributes the
templates use, so nothing a feed supplies can add a script, an event handler, a ``style`` or a
``javascript:`` link. A Content-Security-Policy forbids scripts and requests as a last line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from summarizer.dates import day_label
from summarizer.models import Digest, Story
from summarizer.publish.render import chart, view
from summarizer.publish.render.view import DayLinks, http_url

_SVG_TAGS = {"svg", "title", "desc", "rect", "text", "line"}
_TAGS = {
    "a", "article", "bdi", "code", "em", "figcaption", "figure", "footer", "h1", "h2", "h3",
    "header", "li", "main", "nav", "ol", "p", "section", "span", "strong", "table", "tbody",
    "td", "th", "thead", "time", "tr", "ul", "div",
} | _SVG_TAGS  # fmt: skip
_ATTRIBUTES = {
    "*": {"class", "aria-label", "aria-labelledby", "dir"},
    "a": {"href"},
    "time": {"datetime"},
    "th": {"scope"},
    "svg": {"role", "viewbox", "viewBox", "width", "height", "focusable"},
    "rect": {"x", "y", "width", "height", "rx"},
    "text": {"x", "y", "text-anchor"},
    "line": {"x1", "y1", "x2", "y2"},
} | {tag: {"id"} for tag in ("h1", "h2", "h3", "li", "section", "article", "title", "desc")}
_URL_SCHEMES = {"http", "https"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    # StrictUndefined: a misspelt variable fails the render instead of printing nothing.
    return Environment(
        loader=PackageLoader("summarizer.publish.render", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
    )


def sanitise(fragment: str) -> str:
    """Keep only the elements, attributes and URL schemes the digest's templates produce."""
    # Internal links (#anchors, ../index.html) need no rel; nh3 sets one on every link,
    # and "noopener noreferrer" is harmless there.
    return nh3.clean(
        fragment,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def page(title: str, body: str, *, feed_url: str | None = None, lang: str = "en") -> str:
    """A complete HTML5 document around a body fragment, which is sanitised first."""
    return (
        environment()
        .get_template("page.html.j2")
        .render(title=title, body=Markup(sanitise(body)), feed_url=feed_url, lang=lang)
    )


@dataclass(frozen=True, slots=True)
class _Source:
    outlet: str
    title: str
    url: str | None
    time: str
    time_iso: str


def story_view(number: int, story: Story, digest: Digest) -> dict[str, Any]:
    outlets = {s.article_id: view.outlet_of(s) for s in story.sources}
    several = len(story.sources) > 1
    shown, more = view.shown_sources(story)
    who, more_who = view.shown_participants(story.participants)
    previous = story.thread_on(digest.date).previous
    sources = [
        _Source(
            outlet=view.outlet_of(s),
            title=s.title or s.article_id,
            url=http_url(s.url),
            time=view.short_time(s.published, digest) if s.published else "",
            time_iso=view.local(s.published, digest).isoformat() if s.published else "",
        )
        for s in shown
    ]
    return {
        "number": number,
        "headline": story.headline,
        "anchor": view.anchor(number, story),
        "points": [
            {"text": p.text, "credit": outlets.get(p.article_id, "") if several else ""}
            for p in story.key_points
        ],
        "participants": who,
        "more_participants": more_who,
        "sources": sources,
        "more_sources": view.count(more, "more source") if more else "",
        "why": story.why,
        "previous": (
            {"url": view.day_url(previous, "html"), "label": day_label(previous, digest.date)}
            if previous
            else None
        ),
    }


def brief_view(number: int, story: Story, digest: Digest) -> dict[str, Any]:
    return {
        "anchor": view.anchor(number, story),
        "headline": story.headline,
        "url": http_url(view.best_source(story).url),
        "note": view.brief_note(story, digest),
    }


def glance_text(glance: view.AtAGlance) -> dict[str, str]:
    """One-sentence text equivalents of the two charts (the SVG ``desc``)."""
    stories = "; ".join(
        f"story {s.number}: {view.count(s.outlets, 'outlet')}" for s in glance.stories
    )
    hours = view.hours_summary(glance, ", ", "; ")
    return {
        "sources": f"Outlets per story: {stories}.",
        "hours": f"Articles published per hour: {hours}.",
    }


def render(digest: Digest, links: DayLinks | None = None) -> str:
    """The digest as a complete HTML5 document."""
    links = links or DayLinks()
    glance = view.at_a_glance(digest)
    people, more = view.roster(digest)
    zone = view.zone(digest)
    body = (
        environment()
        .get_template("digest.html.j2")
        .render(
            title=view.title(digest),
            generated=view.long_time(digest.generated_at, digest),
            generated_iso=view.local(digest.generated_at, digest).isoformat(),
            counts=view.counts_line(digest),
            previous=view.day_url(links.previous, "html") if links.previous else None,
            next=view.day_url(links.next, "html") if links.next else None,
            index=view.INDEX_URL if links.archive else None,
            stories=[
                story_view(n, s, digest) for n, s in enumerate(digest.stories, start=1) if s.is_full
            ],
            sections=[
                (heading, [brief_view(n, s, digest) for n, s in stories])
                for heading, stories in view.sections(digest)
            ],
            untagged=view.UNTAGGED,
            brief_count=view.count(len(digest.brief_stories), "more story"),
            people=people,
            more_people=view.count(more, "more person", "more people") if more else "",
            problems=digest.problems,
            filter_notes=view.filter_notes(digest),
            zone_name=zone.key,
            width=chart.WIDTH,
            sources_chart=chart.sources_chart(glance),
            hours_chart=chart.hours_chart(glance),
            glance_text=glance_text(glance),
            glance=glance,
            untimed=view.count(glance.untimed, "article"),
        )
    )
    return page(view.title(digest), body, feed_url=view.FEED_URL if links.archive else None)
