"""The last stages: render the day's digest, publish it with the archive, deliver it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarizer.config import SourcesConfig
from summarizer.config.settings import DigestSettings
from summarizer.deliver import DeliveryReport, SecretReader
from summarizer.deliver import deliver as send_day
from summarizer.models import Digest
from summarizer.publish.days import render_if_changed, write_day


@dataclass(frozen=True, slots=True)
class Published:
    """What the publish stage wrote: the day's digest and files, whether they were
    rewritten, and the archive files that changed."""

    digest: Digest
    paths: dict[str, Path]
    rewritten: bool
    archive: list[Path]


def render(digest: Digest, settings: DigestSettings) -> dict[str, str] | None:
    """Every format of the day's digest, or ``None`` when the published files say it already."""
    return render_if_changed(digest, settings.out_dir)


def publish(digest: Digest, rendered: dict[str, str] | None, settings: DigestSettings) -> Published:
    """Write the rendered day atomically (nothing when unchanged), then the archive."""
    paths, archive = write_day(digest, rendered, settings.out_dir, base_url=settings.base_url)
    return Published(digest, paths, rendered is not None, archive)


def deliver(
    digest: Digest,
    config: SourcesConfig,
    settings: DigestSettings,
    read_block: SecretReader | None = None,
) -> DeliveryReport:
    """Send the published digest to the targets that do not have it yet (all of them with
    ``settings.resend``); a failure is in the report, never raised."""
    return send_day(digest, config, resend=settings.resend, read_block=read_block)
