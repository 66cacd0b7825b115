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


@dataclass(frozen=True, slots=True)
class ArchiveDay:
    """What the archive says about one published day."""

    date: date
    generated_at: datetime
    stories: int
    articles: int
    sources: int
    problems: int
    headlines: tuple[tuple[str, str], ...]
    """(headline, anchor in the day's page) for every story, most important first."""

    @classmethod
    def of(cls, digest: Digest) -> ArchiveDay:
        return cls(
            date=digest.date,
            generated_at=view.local(digest.generated_at, digest),
            stories=len(digest.stories),
            articles=digest.article_count,
            sources=digest.source_count,
            problems=len(digest.problems),
            headlines=tuple(
                (story.headline, view.anchor(number, story))
                for number, story in enumerate(digest.stories, start=1)
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
            view.count(self.sources, "source"),
        ]
        if self.problems:
            parts.append(view.count(self.problems, "source problem"))
        return " · ".join(parts)


def render_index(days: Sequence[ArchiveDay], *, feed: bool = True) -> str:
    """The archive page: every day, newest first, with counts and its top headlines."""
    newest_first = sorted(days, key=lambda d: d.date, reverse=True)
    body = (
        html.environment()
        .get_template("index.html.j2")
        .render(
            title=f"{TITLE} archive",
            days=newest_first,
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
