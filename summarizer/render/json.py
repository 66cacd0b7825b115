"""The digest as JSON (``digest.json``): the machine-readable record of the day."""

from __future__ import annotations

import json

from summarizer.models import Digest


def render(digest: Digest) -> str:
    return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2) + "\n"
