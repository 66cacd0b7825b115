"""Commands on a day already published, from its ``digest.json``, analysing nothing:
``newsdigest render`` rebuilds its pages, ``newsdigest deliver`` sends it by email and to
chat."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from flows.terminal import configure_logging, fail
from summarizer.config import SourcesConfig
from summarizer.config.settings import DigestOptions
from summarizer.errors import ConfigError, NewsDigestError

DELIVERY_FAILED = 3
"""Exit status: the digest is published, but at least one email or chat target failed."""

ResendOption = Annotated[
    bool, typer.Option("--resend", help=DigestOptions.model_fields["resend"].description)
]


def deliver_published(config: SourcesConfig, out_dir: Path, day: date, *, resend: bool) -> None:
    """Send the published ``day`` to every target of ``config`` that lacks it (every target
    with ``resend``); one line per target on stderr, sent or not.

    Raises:
        DeliveryFailed: some target failed (the caller exits with ``DELIVERY_FAILED``).
        NewsDigestError: the day has no readable digest.json, or the state store failed.
    """
    from flows.secret_blocks import read_secret_block
    from summarizer.deliver import deliver
    from summarizer.publish.days import load_digest

    digest = load_digest(out_dir, day)
    report = deliver(digest, config, resend=resend, read_block=read_secret_block)
    for outcome in report.outcomes:
        level = "warning" if outcome.status == "failed" else "info"
        typer.echo(f"{level}: {outcome.line(report.day)}", err=True)
    report.raise_for_failures()


def deliver_or_exit(config: SourcesConfig, out_dir: Path, day: date, *, resend: bool) -> None:
    """:func:`deliver_published`, with the command's exit status when it fails."""
    from summarizer.deliver import DeliveryFailed

    try:
        deliver_published(config, out_dir, day, resend=resend)
    except DeliveryFailed as exc:
        raise delivery_failed(exc) from exc
    except NewsDigestError as exc:
        raise fail(exc) from exc


def delivery_failed(exc: NewsDigestError) -> typer.Exit:
    """The published digest stands; say which deliveries failed and exit ``DELIVERY_FAILED``."""
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(code=DELIVERY_FAILED)


def deliver(
    date: Annotated[str, typer.Option(help="The published day to send, YYYY-MM-DD.")],
    sources: Annotated[
        Path, typer.Option("--sources", help="The sources.toml with [email] and [[notify]].")
    ] = Path("sources.toml"),
    out: Annotated[
        Path | None,
        typer.Option(help="Output directory (default: the sources file's output_dir)."),
    ] = None,
    resend: ResendOption = False,
) -> None:
    """Send a published day's digest to the sources file's email recipients and chat targets
    that do not have it yet (--resend: to all of them), from its digest.json."""
    from summarizer.config import load_config, output_directory
    from summarizer.config.calendar import parse_day

    configure_logging(verbose=False)
    try:
        config = load_config(sources, out_dir=out)
        if not config.delivers:
            raise ConfigError(f"{sources} names no [email] or [[notify]] target")
        day = parse_day(date)
    except NewsDigestError as exc:
        raise fail(exc) from exc
    deliver_or_exit(config, output_directory(out, config), day, resend=resend)


def render(
    date: Annotated[str, typer.Option(help="The day to rebuild, YYYY-MM-DD.")],
    out: Annotated[
        Path | None,
        typer.Option(help="Output directory (default: reports/ or the sources file's)."),
    ] = None,
    sources: Annotated[
        Path | None,
        typer.Option("--sources", help="A sources.toml: its output_dir and base_url."),
    ] = None,
) -> None:
    """Rebuild a day's digest.md and digest.html, the archive and the Atom feed from the day's
    digest.json, without analysing anything again (e.g. after upgrading newsdigest)."""
    from summarizer.config import load_config, output_directory
    from summarizer.config.calendar import parse_day
    from summarizer.publish.days import rerender

    try:
        config = load_config(sources, out_dir=out) if sources else None
        output = output_directory(out, config)
        written = rerender(output, parse_day(date), base_url=config.base_url if config else None)
    except NewsDigestError as exc:
        raise fail(exc) from exc
    for path in written.values():
        typer.echo(path)
