"""What a daily-digest run shows on its page in the Prefect UI: the digest, its sources and
problems, where its HTML page is, and the table of its deliveries."""

from __future__ import annotations

from prefect.artifacts import (
    create_link_artifact,
    create_markdown_artifact,
    create_table_artifact,
)

from summarizer.deliver import DeliveryReport
from summarizer.pipeline import DayResult
from summarizer.publish.days import day_links, published_days
from summarizer.publish.render.markdown import render_for_artifact
from summarizer.publish.render.view import public_url, source_rows

# Artifacts over ~1 MB make the server refuse to publish the event; the file has it all.
_ARTIFACT_LIMIT = 900_000


def delivery_table(report: DeliveryReport) -> None:
    """The deliveries of the day, one row per target."""
    create_table_artifact(
        key="digest-delivery",
        table=[
            {"target": outcome.label, "status": outcome.status, "detail": outcome.detail}
            for outcome in report.outcomes
        ],
        description=f"Delivery of the {report.day} digest",
    )


def publish_artifacts(result: DayResult) -> None:
    """The digest, its sources table and where to read the HTML page, on the run's page.
    Only links that work from the Prefect UI: absolute ones, never to a local file."""
    digest, settings, day_reason = result.digest, result.plan.settings, result.plan.why
    day = digest.date.isoformat()
    links = day_links(published_days(settings.out_dir), digest.date)
    markdown = render_for_artifact(digest, links, base_url=settings.base_url)
    create_markdown_artifact(
        key="daily-digest",
        markdown=markdown[:_ARTIFACT_LIMIT],
        description=f"News digest for {day} ({day_reason})",
    )
    create_table_artifact(
        key="digest-sources",
        table=source_rows(digest),
        description=f"Sources and problems of the {day} digest",
    )
    page = public_url(settings.base_url, digest.date)
    if page:
        create_link_artifact(
            key="digest-html",
            link=page,
            link_text=f"HTML digest for {day}",
            description="The digest as one self-contained HTML page",
        )
        return
    html = result.published.paths["html"].resolve()
    # Two short lines: the UI's code block does not wrap, and one long line was cut off.
    serve = f"cd {settings.out_dir.resolve()}\npython -m http.server 8000 --bind 127.0.0.1"
    create_markdown_artifact(
        key="digest-html",
        markdown=(
            f"The HTML digest for {day} is the file `{html}` on the machine that ran this "
            "flow. A browser will not open a local file from this page; serve the output "
            f"directory and open the day there:\n\n```\n{serve}\n```\n\n"
            f"then `http://127.0.0.1:8000/{day}/digest.html`. With `base_url` in "
            "sources.toml (where the directory is served), this artifact links to the page."
        ),
        description="Where the digest's HTML page is",
    )
