"""The digest as an email: an HTML part made for mail clients and a plain-text part.

Mail clients ignore ``<style>`` blocks, media queries and scripts to differing degrees, so
the HTML part carries its styles inline (css-inline), loads nothing (no images, no fonts),
stays one column that fits a 360 px screen, and links only to absolute http(s) URLs: the
sources, and the published pages under ``base_url`` when the operator gave one. Feed text is
escaped by Jinja2 and the body passes the same nh3 allow-list as the HTML page.
"""

from __future__ import annotations

import textwrap
from html import escape
from typing import Any

import css_inline

from summarizer.models import Digest, Story
from summarizer.publish.render import view
from summarizer.publish.render.html import brief_view, environment, sanitise, story_view

TOP_HEADLINES = 5
"""Headlines a chat message lists; the subject names the first."""
_TEXT_WIDTH = 76
_MAIL_CSS = """
body { margin: 0; padding: 0; background: #ffffff; color: #1b1b1f; }
.wrap { max-width: 600px; margin: 0 auto; padding: 16px 12px;
        font: 16px/1.5 Arial, Helvetica, sans-serif; overflow-wrap: break-word;
        word-wrap: break-word; }
a { color: #0a58a6; }
h1 { font-size: 22px; line-height: 1.25; margin: 4px 0 6px; }
h2 { font-size: 18px; line-height: 1.3; margin: 0 0 6px; }
h2.also { margin-top: 24px; padding-top: 12px; border-top: 1px solid #dedee3; }
h3 { font-size: 13px; text-transform: uppercase; letter-spacing: 1px; color: #55555e;
     margin: 14px 0 4px; }
ul { padding-left: 20px; margin: 4px 0; }
li { margin: 4px 0; }
p { margin: 6px 0; }
.kicker { font-size: 12px; text-transform: uppercase; letter-spacing: 1px; color: #55555e;
          margin: 0; }
.meta { color: #55555e; font-size: 14px; }
.story { border-top: 1px solid #dedee3; padding-top: 12px; margin-top: 16px; }
.why { font-style: italic; font-size: 14px; color: #3a3a42; }
.who, .sources { font-size: 14px; }
.muted { color: #55555e; }
.foot { color: #55555e; font-size: 12px; margin-top: 24px; }
"""


def subject(digest: Digest) -> str:
    """``News digest — 24 November 2026: <top headline>``."""
    line = f"News digest — {digest.date:%-d %B %Y}"
    if digest.stories:
        line += f": {digest.stories[0].headline}"
    return " ".join(line.split())


def _mail_story(number: int, story: Story, digest: Digest, base_url: str | None) -> dict[str, Any]:
    shown = story_view(number, story, digest)
    previous = story.thread_on(digest.date).previous
    url = view.public_url(base_url, previous) if previous else None
    shown["previous"] = {"url": url, "label": shown["previous"]["label"]} if url else None
    return shown


def email_html(digest: Digest, *, base_url: str | None = None) -> str:
    """The HTML part: one column, inline styles, absolute links only."""
    body = (
        environment()
        .get_template("email.html.j2")
        .render(
            title=view.title(digest),
            counts=view.counts_line(digest),
            day_url=view.public_url(base_url, digest.date),
            index_url=view.public_url(base_url),
            stories=[
                _mail_story(n, s, digest, base_url)
                for n, s in enumerate(digest.stories, start=1)
                if s.is_full
            ],
            sections=[
                (heading, [brief_view(n, s, digest) for n, s in stories])
                for heading, stories in view.sections(digest)
            ],
            untagged=view.UNTAGGED,
            problems=digest.problems,
            filter_notes=view.filter_notes(digest),
            zone_name=view.zone(digest).key,
        )
    )
    document = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(view.title(digest))}</title><style>{_MAIL_CSS}</style></head>"
        f"<body>{sanitise(body)}</body></html>"
    )
    return css_inline.inline(document)


def _wrapped(text: str, indent: str, bullet: str = "") -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        width=_TEXT_WIDTH,
        initial_indent=indent + bullet,
        subsequent_indent=indent + " " * len(bullet),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent + bullet]


def _text_story(number: int, story: Story, digest: Digest) -> list[str]:
    outlets = {s.article_id: view.outlet_of(s) for s in story.sources}
    several = len(story.sources) > 1
    lines = _wrapped(view.story_heading(number, story), "")
    if story.why:
        lines.extend(_wrapped(story.why, "   "))
    for point in story.key_points:
        credit = f" ({outlets.get(point.article_id, '')})" if several else ""
        lines.extend(_wrapped(point.text + credit, "   ", "- "))
    who, more_who = view.shown_participants(story.participants)
    if who.people:
        people = "; ".join(p.name + (f" ({p.role})" if p.role else "") for p in who.people)
        lines.extend(_wrapped(f"People: {people}", "   "))
    for label, entities in (("Organisations", who.organizations), ("Places", who.places)):
        if entities:
            lines.extend(_wrapped(f"{label}: " + ", ".join(e.name for e in entities), "   "))
    if more_who:
        lines.extend(_wrapped(f"and {more_who}", "   "))  # readers of mail have no digest.json
    shown, more = view.shown_sources(story)
    for source in shown:
        url = view.http_url(source.url)
        lines.extend(_wrapped(view.outlet_of(source) + (f" <{url}>" if url else ""), "   ", "* "))
    if more:
        lines.append(f"     and {view.count(more, 'more source')}")
    return [*lines, ""]


def plain_text(digest: Digest, *, base_url: str | None = None) -> str:
    """The plain-text part, for terminal mail clients: wrapped at 76 columns, links in
    angle brackets after what they name."""
    title = view.title(digest)
    lines = [title, "=" * len(title), *_wrapped(view.counts_line(digest), ""), ""]
    page = view.public_url(base_url, digest.date)
    if page:
        lines.extend([f"Read it on the web: <{page}>", ""])
    full = [(n, s) for n, s in enumerate(digest.stories, start=1) if s.is_full]
    if full:
        lines.extend(["TOP STORIES", ""])
        for number, story in full:
            lines.extend(_text_story(number, story, digest))
    for heading, stories in view.sections(digest):
        lines.extend([f"ALSO TODAY: {heading.upper()}", ""])
        for _, story in stories:
            url = view.http_url(view.best_source(story).url)
            note = f"{story.headline} — {view.brief_note(story, digest)}"
            lines.extend(_wrapped(note + (f" <{url}>" if url else ""), "", "- "))
        lines.append("")
    problems = [f"{p.source}: {p.reason}" for p in digest.problems]
    if problems or digest.filtered:
        lines.extend(["SOURCE PROBLEMS", ""])
        for note in [*problems, *view.filter_notes(digest)]:
            lines.extend(_wrapped(note, "", "- "))
        lines.append("")
    lines.append(f"Times are in {view.zone(digest).key}.")
    return "\n".join(lines) + "\n"


def chat_message(digest: Digest, *, base_url: str | None = None) -> tuple[str, str]:
    """The title and plain-text body of the day's one chat or push message: the date, the
    top headlines and the link to the day's page."""
    lines = [view.counts_line(digest), ""]
    for number, story in enumerate(digest.stories[:TOP_HEADLINES], start=1):
        lines.append(f"{number}. {' '.join(story.headline.split())}")
    if len(digest.stories) > TOP_HEADLINES:
        lines.append(f"…and {view.count(len(digest.stories) - TOP_HEADLINES, 'more story')}")
    page = view.public_url(base_url, digest.date)
    if page:
        lines.extend(["", page])
    return view.title(digest), "\n".join(lines)
