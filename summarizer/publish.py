"""Write a day's digest files atomically, so a failed run never leaves a half-written report."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path

from summarizer.models import Digest
from summarizer.render import RENDERERS

DIGEST_STEM = "digest"


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def day_directory(out_dir: Path, digest: Digest) -> Path:
    return out_dir / digest.date.isoformat()


def write_rendered(rendered: dict[str, str], directory: Path) -> dict[str, Path]:
    """Write already rendered formats as ``digest.<format>``; returns the paths by format."""
    written = {}
    for fmt, text in rendered.items():
        path = directory / f"{DIGEST_STEM}.{fmt}"
        write_atomic(path, text)
        written[fmt] = path
    return written


def digest_paths(directory: Path) -> dict[str, Path]:
    return {fmt: directory / f"{DIGEST_STEM}.{fmt}" for fmt in RENDERERS}


def is_unchanged(digest: Digest, out_dir: Path) -> bool:
    """True when the day's published files already say exactly this (but for the time
    they were generated), so a re-run with nothing new need not render or write again."""
    paths = digest_paths(day_directory(out_dir, digest))
    if not all(path.exists() for path in paths.values()):
        return False
    try:
        published = Digest.from_dict(json.loads(paths["json"].read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return replace(published, generated_at=digest.generated_at) == digest


def publish(digest: Digest, out_dir: Path) -> dict[str, Path]:
    """Render every format first (so a rendering error writes nothing), then write them.

    An unchanged digest is left as published."""
    if is_unchanged(digest, out_dir):
        return digest_paths(day_directory(out_dir, digest))
    rendered = {fmt: render(digest) for fmt, render in RENDERERS.items()}
    return write_rendered(rendered, day_directory(out_dir, digest))
