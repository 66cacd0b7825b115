"""The digest as Markdown that renders cleanly on GitHub and in common viewers.

Every feed-supplied string goes through :func:`escape` so a title containing ``](`` or a
leading ``#`` stays text and cannot change the document's structure.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from summarizer.models import Digest, Participants, SourceRef, Story

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")
_LINE_START_MARKER = re.compile(r"^(\s*)(\d+)([.)])")


def escape(text: str) -> str:
    """Make arbitrary text inert in Markdown: backslash-escape punctuation, entity-escape HTML."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LINE_START_MARKER.sub(r"\1\2\\\3", text)
    if text.startswith(("-", "=")):
        text = "\\" + text
    return text


def slug(text: str) -> str:
    """The anchor GitHub (and our HTML) gives a heading: lowercase words joined by hyphens."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\- ]", "", text.lower()).strip()
    return re.sub(r" ", "-", text)


def story_heading(number: int, story: Story) -> str:
    return f"{number}. {story.headline}"


def _link_target(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")


def _code(text: str) -> str:
    """Inline code that a backtick in ``text`` cannot close early."""
    return "`` " + text.replace("`", "'") + " ``"


def _timestamp(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M %Z").strip() if value else ""


def _source_line(source: SourceRef) -> str:
    title = escape(source.title or source.article_id)
    item = f"[{title}](<{_link_target(source.url)}>)" if source.url else title
    details = [escape(d) for d in (source.outlet, _timestamp(source.published)) if d]
    return f"- {item}" + (f" — {', '.join(details)}" if details else "")


def _participant_lines(participants: Participants) -> list[str]:
    lines = []
    if participants.people:
        lines.append("**People**")
        lines.append("")
        for person in participants.people:
            role = f" — {escape(person.role)}" if person.role else ""
            lines.append(f"- **{escape(person.name)}**{role}")
        lines.append("")
    for label, entities in (
        ("Organisations", participants.organizations),
        ("Places", participants.places),
    ):
        if entities:
            lines.append(f"**{label}:** " + ", ".join(escape(e.name) for e in entities))
            lines.append("")
    return lines


def _story_lines(number: int, story: Story) -> list[str]:
    outlets = {s.article_id: s.outlet or s.title for s in story.sources}
    several = len(story.sources) > 1
    lines = [f"## {escape(story_heading(number, story))}", ""]
    lines.append("**Key points**")
    lines.append("")
    for point in story.key_points:
        credit = f" _({escape(outlets.get(point.article_id, ''))})_" if several else ""
        lines.append(f"- {escape(point.text)}{credit}")
    if not story.key_points:
        lines.append("- _(no sentence could be extracted)_")
    lines.append("")
    lines.extend(_participant_lines(story.participants))
    lines.append("**Sources**")
    lines.append("")
    lines.extend(_source_line(s) for s in story.sources)
    lines.append("")
    return lines


def _count(number: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"


def title(digest: Digest) -> str:
    return f"News digest — {digest.date.strftime('%A %-d %B %Y')}"


def render(digest: Digest) -> str:
    """The whole digest as Markdown (DESIGN §5 order)."""
    counts = " · ".join(
        _count(n, noun)
        for n, noun in (
            (digest.source_count, "source"),
            (digest.article_count, "article"),
            (len(digest.stories), "story"),
        )
    )
    lines = [
        f"# {title(digest)}",
        "",
        f"Generated {_timestamp(digest.generated_at)} · {counts}",
        "",
    ]
    if digest.stories:
        lines.extend(["## Contents", ""])
        for number, story in enumerate(digest.stories, start=1):
            heading = story_heading(number, story)
            lines.append(f"{number}. [{escape(story.headline)}](#{slug(heading)})")
        lines.append("")
        for number, story in enumerate(digest.stories, start=1):
            lines.extend(_story_lines(number, story))
    else:
        lines.extend(["Nothing new today.", ""])
    lines.extend(["## Participants across the day", ""])
    people = digest.people_of_the_day
    if people:
        lines.extend(["| Person | Role | Stories |", "| --- | --- | ---: |"])
        for person in people:
            role = escape(person.role) if person.role else ""
            lines.append(f"| {escape(person.name)} | {role} | {person.stories} |")
    else:
        lines.append("No people named today.")
    lines.extend(["", "## Source problems", ""])
    if digest.problems:
        lines.extend(f"- {_code(p.source)}: {escape(p.reason)}" for p in digest.problems)
    else:
        lines.append("None: every source loaded.")
    lines.append("")
    return "\n".join(lines)
