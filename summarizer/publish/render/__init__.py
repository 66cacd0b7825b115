"""Renderers: each turns a Digest into text, with no I/O and no clock; ``days`` writes them."""

from __future__ import annotations

from collections.abc import Callable

from summarizer.models import Digest
from summarizer.publish.render import html, json, markdown
from summarizer.publish.render.view import DayLinks

RENDERERS: dict[str, Callable[[Digest, DayLinks | None], str]] = {
    "md": markdown.render,
    "html": html.render,
    "json": json.render,
}

__all__ = ["RENDERERS"]
