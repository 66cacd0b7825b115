"""``newsdigest sources``: move subscriptions between ``sources.toml`` and feed readers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from flows.terminal import fail
from summarizer.errors import NewsDigestError

sources_app = typer.Typer(help="Manage the feeds listed in sources.toml.", no_args_is_help=True)
SourcesFile = Annotated[Path, typer.Option("--sources", help="The sources.toml to read or extend.")]


@sources_app.command("import-opml")
def import_opml_command(
    opml: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="An OPML export.")],
    sources: SourcesFile = Path("sources.toml"),
) -> None:
    """Add the feeds of an OPML export (Miniflux, FreshRSS, Feedly...) to sources.toml."""
    from summarizer.config.opml import import_opml

    try:
        added = import_opml(opml, sources)
    except NewsDigestError as exc:
        raise fail(exc) from exc
    noun = "feed" if len(added.feeds) == 1 else "feeds"
    typer.echo(f"added {len(added.feeds)} {noun} to {sources}", err=True)
    for reason in added.rejected:
        typer.echo(f"skipped {reason}", err=True)


@sources_app.command("export-opml")
def export_opml_command(
    sources: SourcesFile = Path("sources.toml"),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Write the feeds of sources.toml as OPML 2.0, for any feed reader."""
    from summarizer.config.opml import export_opml

    try:
        document = export_opml(sources)
    except NewsDigestError as exc:
        raise fail(exc) from exc
    if output:
        output.write_bytes(document)
    else:
        sys.stdout.buffer.write(document)
