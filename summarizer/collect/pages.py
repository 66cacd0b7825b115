"""Main text and metadata of an article web page, via trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import trafilatura

from summarizer.dates import aware


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """The article part of a web page."""

    text: str
    title: str = ""
    url: str | None = None
    site_name: str | None = None
    published: datetime | None = None


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return aware(parsed)


def extract_page(html: str, *, url: str | None = None) -> ExtractedPage | None:
    """The page's main text and metadata, or None when it holds no article text."""
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None or not (document.text or "").strip():
        return None
    # trafilatura separates paragraphs with single newlines; the rest of the pipeline
    # reads blank lines as paragraph breaks.
    text = "\n\n".join(line.strip() for line in document.text.splitlines() if line.strip())
    return ExtractedPage(
        text=text,
        title=document.title or "",
        url=document.url or url,
        site_name=document.sitename,
        published=_parse_date(document.date),
    )
