"""Is a day's digest already up to date with its input files? (like `make`, for re-runs)

A digest built only from files changes only when a file, a setting or newsdigest itself
changes. The fingerprint of those is stored beside the day's digest; a re-run that finds the
same fingerprint has nothing to do. Feeds can change at any time, so runs with feeds always
go through the pipeline (which is cheap too when nothing is new: cached analysis, unchanged
digest left in place).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

from summarizer.publish import digest_paths, write_atomic

FINGERPRINT_FILE = ".inputs.json"


def _version() -> str:
    try:
        return metadata.version("newsdigest")
    except metadata.PackageNotFoundError:
        return "unknown"


def inputs_fingerprint(files: Iterable[Path], settings: Mapping[str, object]) -> str:
    """Hash of every input file's path, size and modification time, the settings and the
    newsdigest version."""
    digest = hashlib.sha256(_version().encode())
    digest.update(json.dumps(dict(settings), sort_keys=True, default=str).encode())
    for path in sorted(Path(f).resolve() for f in files):
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def is_up_to_date(day_directory: Path, fingerprint: str) -> bool:
    if not all(path.exists() for path in digest_paths(day_directory).values()):
        return False
    try:
        recorded = json.loads((day_directory / FINGERPRINT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(recorded, dict) and recorded.get("fingerprint") == fingerprint


def record(day_directory: Path, fingerprint: str) -> None:
    write_atomic(day_directory / FINGERPRINT_FILE, json.dumps({"fingerprint": fingerprint}))
