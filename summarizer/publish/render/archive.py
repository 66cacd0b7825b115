"""The archive of all published days: ``index.html`` (newest first) and ``feed.xml``, an Atom
feed with one entry per day so a feed reader can subscribe to the digest."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator
from markupsafe import escape

from summarizer.models import Digest
from summarizer.publish.render import html, view

INDEX_HEADLINES = 3
FEED_HEADLINES = 5
FEED_ENTRIES = 60
"""Days in the Atom feed; the index lists every day."""
TITLE = "News digest"


DEVELOPING_THREADS = 10
"""Threads the archive page lists under "Developing stories", latest first."""


@dataclass(frozen=True, slots=True)
class ThreadDay:
    """A story of a thread on one day: its headline and where it is on the day's page."""

    thread: str
    date: date
    headline: str
    anchor: str

    @property
    def page(self) -> str:
        return f"{self.date.isoformat()}/digest.html#{self.anchor}"


@dataclass(frozen=True, slots=True)
class ArchiveDay:
    """What the archive says about one published day."""

    date: date
    generated_at: datetime
    stories: int
    articles: int
    outlets: int
    problems: int
    headlines: tuple[tuple[str, str], ...]
    """(headline, anchor in the day's page) for every story, most important first."""
    threads: tuple[ThreadDay, ...] = ()

    @classmethod
    def of(cls, digest: Digest) -> ArchiveDay:
        numbered = list(enumerate(digest.stories, start=1))
        return cls(
            date=digest.date,
            generated_at=view.local(digest.generated_at, digest),
            stories=len(digest.stories),
            articles=digest.article_count,
            outlets=digest.outlet_count,
            problems=len(digest.problems),
            headlines=tuple((story.headline, view.anchor(n, story)) for n, story in numbered),
            threads=tuple(
                ThreadDay(
                    story.thread_on(digest.date).id,
                    digest.date,
                    story.headline,
                    view.anchor(n, story),
                )
                for n, story in numbered
            ),
        )

    @property
    def page(self) -> str:
        """The day's HTML digest, relative to the archive directory."""
        return f"{self.date.isoformat()}/digest.html"

    @property
    def counts(self) -> str:
        parts = [
            view.count(self.stories, "story"),
            view.count(self.articles, "article"),
            view.count(self.outlets, "outlet"),
        ]
        if self.problems:
            parts.append(view.count(self.problems, "source problem"))
        return " · ".join(parts)


def developing(days: Sequence[ArchiveDay]) -> list[list[ThreadDay]]:
    """Threads shown on more than one day, each as its days (oldest first); the threads
    seen most recently come first."""
    by_thread: dict[str, list[ThreadDay]] = {}
    for day in sorted(days, key=lambda d: d.date):
        for item in day.threads:
            items = by_thread.setdefault(item.thread, [])
            if not items or items[-1].date != item.date:  # a thread split in two that day
                items.append(item)
    threads = [items for items in by_thread.values() if len(items) > 1]
    threads.sort(key=lambda items: (items[-1].date, len(items)), reverse=True)
    return threads[:DEVELOPING_THREADS]


def render_index(days: Sequence[ArchiveDay], *, feed: bool = True) -> str:
    """The archive page: the developing stories and their days, then every day, newest
    first, with counts and its top headlines."""
    newest_first = sorted(days, key=lambda d: d.date, reverse=True)
    body = (
        html.environment()
        .get_template("index.html.j2")
        .render(
            title=f"{TITLE} archive",
            days=newest_first,
            threads=developing(days),
            headlines=INDEX_HEADLINES,
            feed="feed.xml" if feed else None,
        )
    )
    return html.page(f"{TITLE} archive", body, feed_url="feed.xml" if feed else None)


def _entry_id(base_url: str | None, day: date) -> str:
    """A stable Atom id: the same day keeps its id when the digest is rebuilt."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{base_url or 'newsdigest:'}{day.isoformat()}").urn


def _top_stories_html(day: ArchiveDay, link: str) -> str:
    items = "".join(
        f'<li><a href="{escape(f"{link}#{anchor}")}">{escape(headline)}</a></li>'
        for headline, anchor in day.headlines[:FEED_HEADLINES]
    )
    more = day.stories - FEED_HEADLINES
    tail = f"<p>and {view.count(more, 'more story')}.</p>" if more > 0 else ""
    return f"<p>{escape(day.counts)}</p><ol>{items}</ol>{tail}" if items else "<p>Nothing new.</p>"


def render_feed(days: Sequence[ArchiveDay], *, base_url: str | None = None) -> str:
    """Atom 1.0, newest day first. Links are absolute under ``base_url``, else relative to
    the feed's own location (valid Atom; readers resolve them against the feed URL)."""
    base = base_url or ""
    newest_first = sorted(days, key=lambda d: d.date, reverse=True)[:FEED_ENTRIES]
    feed = FeedGenerator()
    feed.id(uuid.uuid5(uuid.NAMESPACE_URL, f"{base_url or 'newsdigest:'}feed.xml").urn)

    feed.title(TITLE)
    feed.subtitle("The day's stories with key points and the people involved.")
    feed.author({"name": "newsdigest"})
    feed.generator("newsdigest")
    feed.link(href=urljoin(base, "index.html"), rel="alternate", type="text/html")
    feed.link(href=urljoin(base, "feed.xml"), rel="self", type="application/atom+xml")
    feed.language("en")
    if newest_first:
        feed.updated(max(day.generated_at for day in newest_first))
    else:
        feed.updated(datetime(1970, 1, 1, tzinfo=UTC))

    # feedgen prepends entries, so adding oldest first leaves the newest at the top.
    for day in reversed(newest_first):
        link = urljoin(base, day.page)
        entry = feed.add_entry()
        entry.id(_entry_id(base_url, day.date))
        entry.title(f"{TITLE} — {day.date.strftime('%A %-d %B %Y')}")
        entry.link(href=link, rel="alternate", type="text/html")
        entry.updated(day.generated_at)
        entry.published(day.generated_at)
        top = "; ".join(h for h, _ in day.headlines[:FEED_HEADLINES])
        entry.summary(f"{day.counts}. {top}" if top else "Nothing new.")
        entry.content(_top_stories_html(day, link), type="html")
    return feed.atom_str(pretty=True).decode("utf-8")
