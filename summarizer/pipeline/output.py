"""The last stages: render the day's digest and publish it with the archive."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarizer.models import Digest
from summarizer.publish.days import render_if_changed, write_day
from summarizer.settings import DigestSettings


@dataclass(frozen=True, slots=True)
class Published:
    """What the publish stage wrote: the day's files, whether they were rewritten, and the
    archive files that changed."""

    paths: dict[str, Path]
    rewritten: bool
    archive: list[Path]


def render(digest: Digest, settings: DigestSettings) -> dict[str, str] | None:
    """Every format of the day's digest, or ``None`` when the published files say it already."""
    return render_if_changed(digest, settings.out_dir)


def publish(digest: Digest, rendered: dict[str, str] | None, settings: DigestSettings) -> Published:
    """Write the rendered day atomically (nothing when unchanged), then the archive."""
    paths, archive = write_day(digest, rendered, settings.out_dir, base_url=settings.base_url)
    return Published(paths, rendered is not None, archive)
