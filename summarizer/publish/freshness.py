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
from datetime import datetime
from functools import cache
from importlib import metadata
from pathlib import Path

from summarizer.atomic import write_atomic
from summarizer.config.settings import DigestSettings
from summarizer.dates import memory_days
from summarizer.publish.days import day_directory, digest_paths, published_days

FINGERPRINT_FILE = ".inputs.json"


@cache
def code_fingerprint() -> str:
    """The installed newsdigest: its version and a hash of the library's source and
    templates, so a changed checkout (same version number) never reuses stale results."""
    try:
        version = metadata.version("newsdigest")
    except metadata.PackageNotFoundError:
        version = "unknown"
    digest = hashlib.sha256(version.encode())
    package = Path(__file__).parents[1]  # the whole library, not only this stage
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".j2", ".json", ".txt"} and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def inputs_fingerprint(files: Iterable[Path], settings: Mapping[str, object]) -> str:
    """Hash of every input file's path, size and modification time, the settings and the
    newsdigest code."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(json.dumps(dict(settings), sort_keys=True, default=str).encode())
    for path in sorted(Path(f).resolve() for f in files):
        stat = path.stat()
        digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _output_hashes(day_directory: Path) -> dict[str, str] | None:
    """SHA-256 of each of the day's digest files; ``None`` when one is missing."""
    hashes = {}
    for fmt, path in digest_paths(day_directory).items():
        try:
            hashes[fmt] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
    return hashes


def is_up_to_date(day_directory: Path, fingerprint: str) -> bool:
    """True only when the day's files are exactly the ones recorded with ``fingerprint``:
    any other writer (a run with feeds, a damaged file) makes the answer no."""
    try:
        recorded = json.loads((day_directory / FINGERPRINT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(recorded, dict) or recorded.get("fingerprint") != fingerprint:
        return False
    outputs = _output_hashes(day_directory)
    return outputs is not None and recorded.get("outputs") == outputs


def record(day_directory: Path, fingerprint: str) -> None:
    """Vouch for the day's digest files as the product of ``fingerprint``'s inputs."""
    write_atomic(
        day_directory / FINGERPRINT_FILE,
        json.dumps({"fingerprint": fingerprint, "outputs": _output_hashes(day_directory)}),
    )


def forget(day_directory: Path) -> None:
    """Withdraw the record: the day's files now come from inputs no fingerprint covers
    (feeds, which change at any time)."""
    (day_directory / FINGERPRINT_FILE).unlink(missing_ok=True)


def run_fingerprint(
    files: Iterable[Path],
    settings: DigestSettings,
    *,
    since: datetime | None = None,
    sources_file: Path | None = None,
) -> str:
    """The fingerprint of a files-only run: its files, every setting that shapes the digest,
    the earlier days its threads continue, and the code."""
    return inputs_fingerprint(
        files,
        {
            **settings.as_dict(),
            "since": since,
            "sources_file": str(sources_file),
            "timezone": settings.timezone,
            "base_url": settings.base_url,
            "memory": _memory_hashes(settings),
        },
    )


def _memory_hashes(settings: DigestSettings) -> dict[str, str]:
    """The ``digest.json`` of each earlier day the run's threads may continue: republishing
    one of them can change today's threads."""
    hashes = {}
    for day in memory_days(published_days(settings.out_dir), settings.day):
        path = digest_paths(day_directory(settings.out_dir, day))["json"]
        try:
            hashes[day.isoformat()] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
    return hashes
