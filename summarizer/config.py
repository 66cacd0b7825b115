"""``sources.toml``: the feeds and files an operator lists once, and the run's limits.

Example::

    output_dir = "reports"
    base_url = "https://news.example.org/digest/"   # where output_dir is served (Atom links)
    allow_private_hosts = false      # refuse feed URLs on private/loopback addresses
    window_hours = 24                # 0 = no time window
    full_text = true                 # fetch the page of entries that carry only a teaser

    [[feeds]]
    url = "https://example.org/rss.xml"
    name = "Example News"
    tags = ["world"]

    [files]
    paths = ["articles/*.txt"]

    [limits]
    max_feed_bytes = 5_000_000

    [schedule]                       # for `newsdigest serve`
    cron = "0 6 * * *"
    timezone = "Europe/London"       # default: this machine's time zone; the digest's
                                     # dates and times are shown in it too
"""

from __future__ import annotations

import tomllib
import zoneinfo
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tzlocal

from summarizer.errors import ConfigError

DEFAULT_CRON = "0 6 * * *"
DEFAULT_OUTPUT_DIR = Path("reports")


def local_timezone() -> str:
    """This machine's IANA time zone name ("UTC" when it cannot be told)."""
    try:
        return tzlocal.get_localzone_name() or "UTC"
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, LookupError):
        return "UTC"


@dataclass(frozen=True, slots=True)
class ScheduleConfig:
    """When the daily deployment runs: a cron expression read in an IANA time zone."""

    cron: str = DEFAULT_CRON
    timezone: str = field(default_factory=local_timezone)


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """One feed: where it is, what to call it, how to group it."""

    url: str
    name: str = ""
    tags: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.name or self.url


@dataclass(frozen=True, slots=True)
class Limits:
    """Politeness and safety limits for fetching."""

    max_feed_bytes: int = 5_000_000
    max_article_bytes: int = 5_000_000
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 60.0
    max_redirects: int = 5
    retries: int = 2
    max_retry_after: float = 30.0
    concurrency: int = 8
    per_host: int = 2
    max_entries_per_feed: int = 200


@dataclass(frozen=True, slots=True)
class SourcesConfig:
    """Everything ``sources.toml`` says."""

    feeds: tuple[FeedConfig, ...] = ()
    files: tuple[str, ...] = ()
    output_dir: Path = DEFAULT_OUTPUT_DIR
    state_path: Path | None = None
    allow_private_hosts: bool = False
    window_hours: float = 24.0
    full_text: bool = True
    limits: Limits = field(default_factory=Limits)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    base_url: str | None = None
    """The public URL of ``output_dir``; the Atom feed's links are absolute under it."""
    base_dir: Path = Path(".")

    @property
    def store_path(self) -> Path:
        """Where the state database lives (default: inside the output directory)."""
        return self.state_path or self.output_dir / "state.sqlite3"


def output_directory(explicit: str | Path | None, config: SourcesConfig | None) -> Path:
    """Where a run writes: the directory asked for, else the sources file's, else reports/."""
    if explicit:
        return Path(explicit)
    return config.output_dir if config else DEFAULT_OUTPUT_DIR


def _feed(raw: Any, index: int) -> FeedConfig:
    if not isinstance(raw, dict) or not isinstance(raw.get("url"), str):
        raise ConfigError(f"feeds[{index}] needs a url")
    url = raw["url"].strip()
    if urlsplit(url).scheme not in {"http", "https"}:
        raise ConfigError(f"feeds[{index}]: only http(s) feed URLs are allowed, not {url!r}")
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ConfigError(f"feeds[{index}]: tags must be a list of strings")
    return FeedConfig(url=url, name=str(raw.get("name", "")), tags=tuple(tags))


def _limits(raw: Any) -> Limits:
    if not isinstance(raw, dict):
        raise ConfigError("[limits] must be a table")
    known = {f.name: f.type for f in fields(Limits)}
    unknown = set(raw) - set(known)
    if unknown:
        raise ConfigError(f"unknown limits: {', '.join(sorted(unknown))}")
    values = {}
    for key, value in raw.items():
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"limits.{key} must be a number ≥ 0")
        values[key] = value
    return Limits(**values)


def _schedule(raw: Any) -> ScheduleConfig:
    if not isinstance(raw, dict):
        raise ConfigError("[schedule] must be a table with cron and timezone")
    unknown = set(raw) - {"cron", "timezone"}
    if unknown:
        raise ConfigError(f"unknown schedule keys: {', '.join(sorted(unknown))}")
    cron = str(raw.get("cron", DEFAULT_CRON))
    if len(cron.split()) != 5:
        raise ConfigError(
            f"schedule.cron must have 5 fields (minute hour day month weekday): {cron!r}"
        )
    timezone = str(raw.get("timezone") or local_timezone())
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"schedule.timezone {timezone!r} is not an IANA time zone") from exc
    return ScheduleConfig(cron=cron, timezone=timezone)


def _base_url(raw: Any) -> str | None:
    if raw is None:
        return None
    parts = urlsplit(str(raw).strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigError(f"base_url must be an absolute http(s) URL, not {raw!r}")
    url = parts.geturl()
    return url if url.endswith("/") else url + "/"


def parse_config(data: dict[str, Any], *, base_dir: Path = Path(".")) -> SourcesConfig:
    """Build the configuration from parsed TOML; relative paths are relative to ``base_dir``.

    Raises:
        ConfigError: a value has the wrong type or an unknown key is used.
    """
    known = {"feeds", "files", "output_dir", "state_path", "allow_private_hosts",
             "window_hours", "full_text", "limits", "schedule", "base_url"}  # fmt: skip
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"unknown keys in sources.toml: {', '.join(sorted(unknown))}")
    feeds = data.get("feeds", [])
    if not isinstance(feeds, list):
        raise ConfigError("feeds must be an array of tables: [[feeds]]")
    files = data.get("files", {}).get("paths", []) if isinstance(data.get("files"), dict) else []
    window = data.get("window_hours", 24)
    if not isinstance(window, int | float) or window < 0:
        raise ConfigError("window_hours must be a number ≥ 0 (0 = no window)")
    state = data.get("state_path")
    return SourcesConfig(
        feeds=tuple(_feed(raw, i) for i, raw in enumerate(feeds)),
        files=tuple(str(base_dir / p) for p in files),
        output_dir=base_dir / str(data.get("output_dir", "reports")),
        state_path=base_dir / str(state) if state else None,
        allow_private_hosts=bool(data.get("allow_private_hosts", False)),
        window_hours=float(window),
        full_text=bool(data.get("full_text", True)),
        limits=_limits(data.get("limits", {})),
        schedule=_schedule(data.get("schedule", {})),
        base_url=_base_url(data.get("base_url")),
        base_dir=base_dir,
    )


def load_config(path: Path) -> SourcesConfig:
    """Read ``sources.toml``.

    Raises:
        ConfigError: the file is missing, not TOML, or has bad values.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    return parse_config(data, base_dir=path.parent)
