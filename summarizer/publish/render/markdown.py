"""The digest as Markdown that renders cleanly on GitHub and in common viewers.

Every feed-supplied string goes through :func:`escape` so a title containing ``](`` or a
leading ``#`` stays text and cannot change the document's structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from summarizer.dates import day_label
from summarizer.models import Digest, Participants, SourceRef, Story
from summarizer.publish.render import view
from summarizer.publish.render.view import DayLinks, http_url

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


def _link_target(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")


def _code(text: str) -> str:
    """Inline code that a backtick in ``text`` cannot close early."""
    return "`` " + " ".join(text.split()).replace("`", "'") + " ``"


def _source_line(source: SourceRef, digest: Digest) -> str:
    title = escape(source.title or source.article_id)
    url = http_url(source.url)
    item = f"[{title}](<{_link_target(url)}>)" if url else title
    when = view.short_time(source.published, digest) if source.published else ""
    details = [escape(d) for d in (source.outlet, when) if d]
    return f"- {item}" + (f" — {', '.join(details)}" if details else "")


def _participant_lines(participants: Participants) -> list[str]:
    lines = []
    if participants.people:
        lines.extend(["**People**", ""])
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


@dataclass(frozen=True, slots=True)
class _LinkStyle:
    """Where the document's links may point: other days and the archive (``None``: no
    link), and whether in-page links (contents, chart rows) work where it is read."""

    day: Callable[[date], str | None]
    archive: str | None
    in_page: bool


_FILE_LINKS = _LinkStyle(day=lambda d: view.day_url(d, "md"), archive=view.INDEX_URL, in_page=True)


def _link(text: str, url: str | None) -> str:
    return f"[{text}](<{url}>)" if url else text


def _why_line(story: Story, digest: Digest, style: _LinkStyle) -> str:
    """ "_5 outlets · 9 articles · first seen 06:10 · new today_", with a link to the day
    a developing story was last shown."""
    line = f"_{escape(story.why)}_" if story.why else ""
    previous = story.thread_on(digest.date).previous
    if previous:
        link = _link(f"previous: {day_label(previous, digest.date)}", style.day(previous))
        line = f"{line} · {link}" if line else link
    return line


def _story_lines(number: int, story: Story, digest: Digest, style: _LinkStyle) -> list[str]:
    outlets = {s.article_id: view.outlet_of(s) for s in story.sources}
    several = len(story.sources) > 1
    lines = [f"## {escape(view.story_heading(number, story))}", ""]
    why = _why_line(story, digest, style)
    if why:
        lines.extend([why, ""])
    lines.extend(["**Key points**", ""])
    for point in story.key_points:
        credit = f" _({escape(outlets.get(point.article_id, ''))})_" if several else ""
        lines.append(f"- {escape(point.text)}{credit}")
    if not story.key_points:
        lines.append("- _(no sentence could be extracted)_")
    lines.append("")
    who, more_who = view.shown_participants(story.participants)
    lines.extend(_participant_lines(who))
    if more_who:
        lines.extend([f"_and {more_who} (all in digest.json)_", ""])
    lines.extend(["**Sources**", ""])
    shown, more = view.shown_sources(story)
    lines.extend(_source_line(s, digest) for s in shown)
    if more:
        lines.append(f"- _and {view.count(more, 'more source')} (all in digest.json)_")
    lines.append("")
    return lines


def _brief_line(story: Story, digest: Digest) -> str:
    url = http_url(view.best_source(story).url)
    headline = escape(story.headline)
    item = f"[{headline}](<{_link_target(url)}>)" if url else headline
    return f"- {item} — {escape(view.brief_note(story, digest))}"


def _also_today_lines(digest: Digest) -> list[str]:
    sections = view.sections(digest)
    if not sections:
        return []
    lines = ["## Also today", ""]
    for heading, stories in sections:
        if len(sections) > 1 or heading != view.UNTAGGED:
            lines.extend([f"### {escape(heading)}", ""])
        lines.extend(_brief_line(story, digest) for _, story in stories)
        lines.append("")
    return lines


def _nav_line(links: DayLinks, style: _LinkStyle) -> str:
    """Links to the neighbouring days' digests and to the archive page."""
    targets = [
        ("← Previous day", style.day(links.previous) if links.previous else None),
        ("All digests", style.archive if links.archive else None),
        ("Next day →", style.day(links.next) if links.next else None),
    ]
    return " · ".join(_link(text, url) for text, url in targets if url)


def _glance_lines(digest: Digest, style: _LinkStyle) -> list[str]:
    """The text equivalent of the HTML digest's charts."""
    glance = view.at_a_glance(digest)
    lines = ["## At a glance", "", "**Stories by number of outlets**", ""]
    if glance.one_outlet_each:
        lines.append("Each story has one outlet.")
    else:
        for story in glance.stories:
            outlets = view.count(story.outlets, "outlet")
            headline = escape(story.headline)
            if style.in_page and story.full:  # a brief has no heading to jump to
                anchor = view.anchor(story.number, digest.stories[story.number - 1])
                item = f"[{headline}](#{anchor})"
            else:
                item = f"{story.number}. {headline}"
            lines.append(f"- {item}: {outlets}")

    lines.extend(["", f"**Articles by hour published ({view.zone(digest).key})**", ""])
    lines.extend([view.hours_summary(glance, " · ", " · "), ""])
    return lines


def render(digest: Digest, links: DayLinks | None = None) -> str:
    """The whole digest as Markdown (DESIGN §5 order), as ``digest.md`` beside the other
    days: links between days are relative."""
    return _render(digest, links or DayLinks(), _FILE_LINKS)


def render_for_artifact(
    digest: Digest, links: DayLinks | None = None, *, base_url: str | None = None
) -> str:
    """The digest as a Prefect artifact shows it, away from the files: links to other days
    and the archive go to their pages under ``base_url`` (none without it), and there is no
    contents list, since the UI gives headings no ids to jump to."""
    style = _LinkStyle(
        day=lambda d: view.public_url(base_url, d),
        archive=view.public_url(base_url),
        in_page=False,
    )
    return _render(digest, links or DayLinks(), style)


def _render(digest: Digest, links: DayLinks, style: _LinkStyle) -> str:
    generated = view.long_time(digest.generated_at, digest)
    lines = [
        f"# {view.title(digest)}",
        "",
        f"Generated {generated} · {view.counts_line(digest)}",
        "",
    ]
    nav = _nav_line(links, style)
    if nav:
        lines.extend([nav, ""])
    if digest.stories:
        lines.extend(_glance_lines(digest, style))
        full = [(n, s) for n, s in enumerate(digest.stories, start=1) if s.is_full]
        if full and style.in_page:
            lines.extend(["## Top stories", ""])
            for number, story in full:
                link = f"[{escape(story.headline)}](#{view.anchor(number, story)})"
                lines.append(f"{number}. {link}")
            if digest.brief_stories:
                lines.append(
                    f"\n…and {view.count(len(digest.brief_stories), 'more story')} "
                    "in one line each, under [Also today](#also-today)."
                )
            lines.append("")
        for number, story in full:
            lines.extend(_story_lines(number, story, digest, style))
        lines.extend(_also_today_lines(digest))
    else:
        lines.extend(["Nothing new today.", ""])
    lines.extend(["## Participants across the day", ""])
    people, more = view.roster(digest)
    if people:
        lines.extend(["| Person | Role | Stories |", "| --- | --- | ---: |"])
        for person in people:
            role = escape(person.role) if person.role else ""
            lines.append(f"| {escape(person.name)} | {role} | {person.stories} |")
        if more:
            others = view.count(more, "more person", "more people")
            lines.extend(["", f"_…and {others} (all in digest.json)._"])
    else:
        lines.append("No people named today.")
    lines.extend(["", "## Source problems", ""])
    if digest.problems:
        lines.extend(f"- {_code(p.source)}: {escape(p.reason)}" for p in digest.problems)
    else:
        lines.append("None: every source loaded.")
    if digest.filtered:
        lines.append("")
        lines.extend(f"- {escape(note)}" for note in view.filter_notes(digest))
    lines.extend(["", f"_Times are in {view.zone(digest).key}._", ""])
    return "\n".join(lines)
