"""The digest as JSON (``digest.json``): the machine-readable record of the day."""

from __future__ import annotations

import json

from summarizer.models import Digest, to_jsonable
from summarizer.publish.render.view import DayLinks


def render(digest: Digest, links: DayLinks | None = None) -> str:
    """The digest's data; ``links`` are a page concern and are not part of it."""
    return json.dumps(to_jsonable(digest), ensure_ascii=False, indent=2) + "\n"
