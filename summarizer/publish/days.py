"""Write a day's digest files and the archive atomically, so a failed run never leaves a
half-written report and never touches another day's files except to update their links.

Layout (DESIGN §5)::

    reports/index.html                 every day, newest first
    reports/feed.xml                   Atom, one entry per day
    reports/YYYY-MM-DD/digest.{md,html,json}
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from summarizer.atomic import write_atomic
from summarizer.errors import ConfigError, ReportError
from summarizer.models import Digest, from_jsonable, to_jsonable
from summarizer.publish.render import RENDERERS
from summarizer.publish.render.archive import ArchiveDay, render_feed, render_index
from summarizer.publish.render.view import DayLinks

DIGEST_STEM = "digest"
INDEX_NAME = "index.html"
FEED_NAME = "feed.xml"
PAGE_FORMATS = ("md", "html")
"""The formats that carry links to other days; ``json`` is the day's data and never changes
when another day is published."""
_DAY_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")

logger = logging.getLogger(__name__)


def _write_if_changed(path: Path, text: str) -> bool:
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass
    write_atomic(path, text)
    return True


def check_output_directory(out_dir: Path) -> None:
    """Make sure a run can write its digest under ``out_dir`` before any work starts.

    Raises:
        ConfigError: the directory cannot be created or written (a file in the way, no
            permission, a read-only disk).
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_dir):
            pass
    except OSError as exc:
        raise ConfigError(f"cannot write to {out_dir}: {exc.strerror or exc}") from exc


def day_directory(out_dir: Path, day: date) -> Path:
    return out_dir / day.isoformat()


def digest_paths(directory: Path) -> dict[str, Path]:
    return {fmt: directory / f"{DIGEST_STEM}.{fmt}" for fmt in RENDERERS}


def published_days(out_dir: Path) -> list[date]:
    """The days with a ``digest.json`` under ``out_dir``, oldest first."""
    if not out_dir.is_dir():
        return []
    days = []
    for entry in out_dir.iterdir():
        if _DAY_NAME.match(entry.name) and (entry / f"{DIGEST_STEM}.json").is_file():
            try:
                days.append(date.fromisoformat(entry.name))
            except ValueError:
                continue
    return sorted(days)


def day_links(days: list[date], day: date) -> DayLinks:
    """The neighbours of ``day`` among ``days`` (which need not contain it)."""
    return DayLinks(
        previous=max((d for d in days if d < day), default=None),
        next=min((d for d in days if d > day), default=None),
        archive=True,
    )


def load_digest(out_dir: Path, day: date) -> Digest:
    """A published day's digest, read back from its ``digest.json``.

    Raises:
        ReportError: there is no digest for ``day`` or its JSON cannot be read.
    """
    path = digest_paths(day_directory(out_dir, day))["json"]
    try:
        return from_jsonable(Digest, json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise ReportError(f"no digest has been published for {day} (no {path})") from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ReportError(f"cannot read {path}: {exc}") from exc


def render_day(
    digest: Digest, links: DayLinks, formats: tuple[str, ...] = tuple(RENDERERS)
) -> dict[str, str]:
    """Render every format first (so a rendering error writes nothing)."""
    return {fmt: RENDERERS[fmt](digest, links) for fmt in formats}


def write_rendered(rendered: dict[str, str], directory: Path) -> dict[str, Path]:
    """Write already rendered formats as ``digest.<format>``; returns the paths by format."""
    written = {}
    for fmt, text in rendered.items():
        path = directory / f"{DIGEST_STEM}.{fmt}"
        write_atomic(path, text)
        written[fmt] = path
    return written


def is_unchanged(digest: Digest, out_dir: Path) -> bool:
    """True when the day's published files already say exactly this (but for the time
    they were generated), so a re-run with nothing new need not render or write again."""
    paths = digest_paths(day_directory(out_dir, digest.date))
    if not all(path.exists() for path in paths.values()):
        return False
    try:
        published = load_digest(out_dir, digest.date)
    except ReportError:
        return False
    # Compared as published: a story without a thread yet is published as a new thread.
    return to_jsonable(replace(published, generated_at=digest.generated_at)) == to_jsonable(digest)


def refresh_archive(out_dir: Path, around: date, *, base_url: str | None = None) -> list[Path]:
    """Rebuild ``index.html`` and ``feed.xml`` from every day's ``digest.json``, and the pages
    of ``around``'s neighbours, whose previous/next links may now point to it.

    A day whose JSON cannot be read is left out (and logged); it never stops the others.
    Returns the files that changed."""
    days = published_days(out_dir)
    changed = []
    summaries = []
    for day in days:
        try:
            digest = load_digest(out_dir, day)
        except ReportError as exc:
            logger.warning("archive: skipping %s: %s", day, exc)
            continue
        summaries.append(ArchiveDay.of(digest))
        links = day_links(days, day)
        if day != around and around in (links.previous, links.next):
            paths = digest_paths(day_directory(out_dir, day))
            for fmt, text in render_day(digest, links, PAGE_FORMATS).items():
                path = paths[fmt]
                if _write_if_changed(path, text):
                    changed.append(path)
    for name, text in (
        (INDEX_NAME, render_index(summaries)),
        (FEED_NAME, render_feed(summaries, base_url=base_url)),
    ):
        if _write_if_changed(out_dir / name, text):
            changed.append(out_dir / name)
    return changed


def render_if_changed(digest: Digest, out_dir: Path) -> dict[str, str] | None:
    """Every format of the day's digest, or ``None`` when the published files already say
    exactly this (a re-run with nothing new)."""
    if is_unchanged(digest, out_dir):
        return None
    return render_day(digest, day_links(published_days(out_dir), digest.date))


def write_day(
    digest: Digest, rendered: dict[str, str] | None, out_dir: Path, *, base_url: str | None
) -> tuple[dict[str, Path], list[Path]]:
    """Write the rendered day atomically (nothing when ``rendered`` is ``None``), then bring
    the archive up to date; returns the day's paths and the archive files that changed."""
    directory = day_directory(out_dir, digest.date)
    if rendered is not None:
        write_rendered(rendered, directory)
    return digest_paths(directory), refresh_archive(out_dir, digest.date, base_url=base_url)


def publish_day(digest: Digest, out_dir: Path, *, base_url: str | None = None) -> dict[str, Path]:
    """Write the day's digest (unless it is unchanged), then bring the archive up to date."""
    rendered = render_if_changed(digest, out_dir)
    return write_day(digest, rendered, out_dir, base_url=base_url)[0]


def rerender(out_dir: Path, day: date, *, base_url: str | None = None) -> dict[str, Path]:
    """Rebuild a published day's Markdown and HTML from its ``digest.json``, without
    analysing anything again (e.g. after a template change), and refresh the archive.

    Raises:
        ReportError: the day has no readable ``digest.json``.
    """
    digest = load_digest(out_dir, day)
    links = day_links(published_days(out_dir), day)
    directory = day_directory(out_dir, day)
    written = write_rendered(render_day(digest, links, PAGE_FORMATS), directory)
    refresh_archive(out_dir, day, base_url=base_url)
    return written
