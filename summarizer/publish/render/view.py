"""What the Markdown and HTML digests both show, worked out once: titles, counts, local
times, the links between days and the "at a glance" figures."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urljoin, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from summarizer.dates import aware, moment_label
from summarizer.models import DayParticipant, Digest, Participants, SourceRef, Story

GLANCE_STORIES = 8
"""The chart shows the stories with the most sources, at most this many."""


INDEX_URL = "../index.html"
FEED_URL = "../feed.xml"


@dataclass(frozen=True, slots=True)
class DayLinks:
    """The pages a day's digest links to: the neighbouring days that have a digest, and
    the archive (``index.html`` and ``feed.xml`` beside the day directories)."""

    previous: date | None = None
    next: date | None = None
    archive: bool = False


def day_url(day: date, extension: str) -> str:
    """A day's digest file as seen from another day's directory."""
    return f"../{day.isoformat()}/digest.{extension}"


def public_url(base_url: str | None, day: date | None = None) -> str | None:
    """Where readers reach a day's HTML page (or, without a day, the archive) when the
    output directory is served at ``base_url``; ``None`` without one."""
    if not base_url:
        return None
    return urljoin(base_url, f"{day.isoformat()}/digest.html" if day else "index.html")


@dataclass(frozen=True, slots=True)
class StoryOutlets:
    number: int
    headline: str
    outlets: int
    full: bool
    """Shown in full, with a heading to link to (a brief has none in the Markdown)."""


@dataclass(frozen=True, slots=True)
class AtAGlance:
    """The day in two figures: stories by number of outlets (as each story's header line
    counts them), articles by hour published."""

    stories: tuple[StoryOutlets, ...]
    hours: tuple[int, ...]
    """Articles published in each hour 0–23 of the digest's time zone."""
    untimed: int
    """Articles without a publication time (not in ``hours``)."""

    @property
    def one_outlet_each(self) -> bool:
        """Every story told by one outlet: a chart of equal bars would say nothing."""
        return all(story.outlets == 1 for story in self.stories)


def zone(digest: Digest) -> ZoneInfo:
    try:
        return ZoneInfo(digest.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local(value: datetime, digest: Digest) -> datetime:
    """``value`` in the digest's time zone (naive times are taken as UTC)."""
    return aware(value).astimezone(zone(digest))


def long_time(value: datetime, digest: Digest) -> str:
    """ "Wednesday 25 November 2026, 06:00 GMT"."""
    moment = local(value, digest)
    return f"{moment.strftime('%A %-d %B %Y, %H:%M')} {moment.tzname() or ''}".strip()


def short_time(value: datetime, digest: Digest) -> str:
    """ "06:00" on the digest's day, "24 Nov 21:15" on another day (with the year when it
    is another year's)."""
    return moment_label(local(value, digest), digest.date)


def title(digest: Digest) -> str:
    return f"News digest — {digest.date.strftime('%A %-d %B %Y')}"


def count(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 story", "1,204 stories"."""
    if plural is None:
        plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number:,} {noun if number == 1 else plural}"


def counts_line(digest: Digest) -> str:
    """ "39 outlets · 1,000 articles from 1 feed or file · 131 stories, 20 in full"."""
    stories = count(len(digest.stories), "story")
    if digest.brief_stories:
        stories += f", {len(digest.full_stories):,} in full"
    return " · ".join(
        (
            count(digest.outlet_count, "outlet"),
            f"{count(digest.article_count, 'article')} from "
            f"{count(digest.input_count, 'feed or file', 'feeds or files')}",
            stories,
        )
    )


SOURCES_SHOWN = 3
"""A full story lists this many sources in the pages (one per outlet first); ``digest.json``
has them all."""
PARTICIPANTS_SHOWN = 10
"""People, organisations and places each listed for a full story in the pages (the most
mentioned first), as the README says; the pages say how many more ``digest.json`` has."""
ROSTER_SHOWN = 25
"""People listed under "Participants across the day"; ``digest.json`` has them all."""
UNTAGGED = "More stories"
"""The heading of the one-line stories whose feeds have no tag."""


def shown_sources(story: Story) -> tuple[list[SourceRef], int]:
    """The sources a page lists for a full story (each outlet's first, then the rest, in
    the story's order) and how many it leaves to ``digest.json``."""
    firsts: dict[str, SourceRef] = {}
    for source in story.sources:
        firsts.setdefault(outlet_of(source), source)
    ordered = list(firsts.values()) + [s for s in story.sources if s not in firsts.values()]
    shown = set(map(id, ordered[:SOURCES_SHOWN]))
    return [s for s in story.sources if id(s) in shown], max(0, len(ordered) - SOURCES_SHOWN)


def shown_participants(participants: Participants) -> tuple[Participants, str]:
    """The participants a page lists for a story (the first ``PARTICIPANTS_SHOWN`` of each
    kind, most mentioned first), and those it leaves to ``digest.json`` in words: "2 more
    people, 1 more place" ("" when it shows them all)."""
    kinds = (
        (participants.people, "more person", "more people"),
        (participants.organizations, "more organisation", None),
        (participants.places, "more place", None),
    )
    left_out = ", ".join(
        count(len(found) - PARTICIPANTS_SHOWN, noun, plural)
        for found, noun, plural in kinds
        if len(found) > PARTICIPANTS_SHOWN
    )
    shown = Participants(
        people=participants.people[:PARTICIPANTS_SHOWN],
        organizations=participants.organizations[:PARTICIPANTS_SHOWN],
        places=participants.places[:PARTICIPANTS_SHOWN],
    )
    return shown, left_out


def roster(digest: Digest) -> tuple[tuple[DayParticipant, ...], int]:
    """The people the pages list across the day (those in the most stories), and how many
    more ``digest.json`` has."""
    people = digest.people_of_the_day
    return people[:ROSTER_SHOWN], max(0, len(people) - ROSTER_SHOWN)


def best_source(story: Story) -> SourceRef:
    """The source a one-line story links to: the one whose headline it shows, else the
    first with a link."""
    linked = [s for s in story.sources if http_url(s.url)]
    for source in linked:
        if source.title == story.headline:
            return source
    return linked[0] if linked else story.sources[0]


def sections(digest: Digest) -> list[tuple[str, list[tuple[int, Story]]]]:
    """The one-line stories by section, in the order of the run's ``sections`` setting,
    then other tags alphabetically, untagged last; each with its number in the digest."""
    order = list(digest.settings.get("sections") or ())
    grouped: dict[str | None, list[tuple[int, Story]]] = {}
    for number, story in enumerate(digest.stories, start=1):
        if not story.is_full:
            grouped.setdefault(story.section, []).append((number, story))

    def place(section: str | None) -> tuple[int, int, str]:
        if section is None:
            return (2, 0, "")
        if section in order:
            return (0, order.index(section), section)
        return (1, 0, section.casefold())

    return [
        (section.capitalize() if section else UNTAGGED, grouped[section])
        for section in sorted(grouped, key=place)
    ]


def brief_note(story: Story, digest: Digest) -> str:
    """What a one-line story says after its headline: "3 outlets · developing · day 2"."""
    notes = [count(story.distinct_outlets, "outlet"), thread_note(story, digest)]
    return " · ".join(note for note in notes if note)


def thread_note(story: Story, digest: Digest) -> str | None:
    """ "developing · day 3": for a story shown on an earlier day too."""
    thread = story.thread_on(digest.date)
    if thread.is_new:
        return None
    return f"developing · day {thread.days}"


def story_heading(number: int, story: Story) -> str:
    return f"{number}. {story.headline}"


def anchor(number: int, story: Story) -> str:
    """The id of a story's heading, the same in the HTML, the Markdown and the archive."""
    return slug(story_heading(number, story))


def outlet_of(source: SourceRef) -> str:
    return source.outlet or source.title or source.article_id


def hours_summary(glance: AtAGlance, separator: str, untimed_separator: str) -> str:
    """ "07:00 2, 09:00 1; 3 articles without a time": the hour chart as text."""
    busy = [f"{hour:02d}:00 {n}" for hour, n in enumerate(glance.hours) if n]
    summary = separator.join(busy) if busy else "no publication times"
    if glance.untimed:
        summary += f"{untimed_separator}{count(glance.untimed, 'article')} without a time"
    return summary


def at_a_glance(digest: Digest) -> AtAGlance:
    ranked = sorted(
        (
            StoryOutlets(
                n, story.headline, len({outlet_of(s) for s in story.sources}), story.is_full
            )
            for n, story in enumerate(digest.stories, start=1)
        ),
        key=lambda s: (-s.outlets, s.number),
    )
    hours: Counter[int] = Counter()
    untimed = 0
    for story in digest.stories:
        for source in story.sources:
            if source.published is None:
                untimed += 1
            else:
                hours[local(source.published, digest).hour] += 1
    return AtAGlance(
        stories=tuple(ranked[:GLANCE_STORIES]),
        hours=tuple(hours[h] for h in range(24)),
        untimed=untimed,
    )


def slug(text: str) -> str:
    """The anchor GitHub (and our HTML) gives a heading: lowercase words joined by hyphens."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\- ]", "", text.lower()).strip()
    return text.replace(" ", "-")


def http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host; otherwise no link at all."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    # Spaces, quotes and angle brackets are never part of a real URL: percent-encode them
    # so the link stays one clean token in HTML and Markdown.
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def filter_notes(digest: Digest) -> list[str]:
    """One line per keyword rule: what it is and how many articles it kept out."""
    return [
        f"Keyword rule {f.rule}: kept out {count(f.removed, 'article')}" for f in digest.filtered
    ]


def source_rows(digest: Digest) -> list[dict[str, Any]]:
    """One row per outlet or failed source: its article count and its problems (the Prefect
    artifact's sources table); with keyword rules, one row per rule too, and a column of the
    articles each rule kept out."""
    rows: dict[str, dict[str, Any]] = {}
    for story in digest.stories:
        for source in story.sources:
            name = source.outlet or "(unnamed)"
            row = rows.setdefault(name, {"source": name, "articles": 0, "problems": ""})
            row["articles"] += 1
    for problem in digest.problems:
        row = rows.setdefault(
            problem.source, {"source": problem.source, "articles": 0, "problems": ""}
        )
        row["problems"] = "; ".join(filter(None, [row["problems"], problem.reason]))
    for rule in digest.filtered:
        name = f"keyword rule: {rule.rule}"
        rows[name] = {"source": name, "articles": 0, "problems": "", "filtered": rule.removed}
    if digest.filtered:
        for row in rows.values():
            row.setdefault("filtered", 0)
    return list(rows.values())
