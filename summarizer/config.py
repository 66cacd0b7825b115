"""``sources.toml`` as typed models: the feeds and files an operator lists once, the run's
limits and schedule. A wrong type, an out-of-range value or an unknown key is one
:class:`~summarizer.errors.ConfigError` line naming the file and the key.

Example::

    output_dir = "reports"
    base_url = "https://news.example.org/digest/"   # where output_dir is served (Atom links)
    allow_private_hosts = false      # refuse feed URLs on private/loopback addresses
    window_hours = 24                # 0 = no time window
    full_text = true                 # fetch the page of entries that carry only a teaser

    [[feeds]]
    url = "https://example.org/rss.xml"
    name = "Example News"
    tags = ["world"]                 # the first tag is the section its briefs are listed in
    weight = 1.5                     # its stories rank higher (default 1)

    [digest]
    top_stories = 20                 # stories shown in full; every other one in one line
    sections = ["world", "business"] # the order of the briefs' sections (untagged last)

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

import os
import tomllib
import zoneinfo
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import tzlocal
from cronsim import CronSim, CronSimError
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from summarizer.errors import ConfigError

DEFAULT_CRON = "0 6 * * *"
DEFAULT_OUTPUT_DIR = Path("reports")
SOURCES_FILE = "sources.toml"


def local_timezone() -> str:
    """This machine's IANA time zone name ("UTC" when it cannot be told)."""
    try:
        return tzlocal.get_localzone_name() or "UTC"
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, LookupError):
        return "UTC"


def check_timezone(name: str) -> str:
    """``name`` when it is an IANA time zone.

    Raises:
        ValueError: it is not one.
    """
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{name!r} is not an IANA time zone") from exc
    return name


class _Table(BaseModel):
    # Strict: TOML already has types, so 2.5 for a count is a mistake to report, not round.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class ScheduleConfig(_Table):
    """When the daily deployment runs: a cron expression read in an IANA time zone."""

    cron: str = DEFAULT_CRON
    timezone: str = Field(default_factory=local_timezone)

    @field_validator("cron")
    @classmethod
    def _cron(cls, value: str) -> str:
        try:
            CronSim(value, datetime(2000, 1, 1))
        except CronSimError as exc:
            raise ValueError(f"{value!r} is not a cron expression ({exc})") from exc
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        return check_timezone(value)


def _http_url(value: str) -> str:
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"must be an absolute http(s) URL, not {value!r}")
    return url


class FeedConfig(_Table):
    """One feed: where it is, what to call it, how to group it."""

    url: str
    name: str = ""
    tags: Annotated[tuple[str, ...], Field(strict=False)] = ()
    weight: float = Field(default=1.0, gt=0, le=10)
    """How much the feed's stories count in the ranking, against 1 for the others."""

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return _http_url(value)

    @property
    def label(self) -> str:
        return self.name or self.url


TOP_STORIES_DEFAULT = 20
TOP_STORIES_MIN = 0
TOP_STORIES_MAX = 200


class DigestConfig(_Table):
    """The digest's shape: how many stories are shown in full, and in which order the
    sections of one-line stories come (by feed tag; untagged stories last)."""

    top_stories: int = Field(default=TOP_STORIES_DEFAULT, ge=TOP_STORIES_MIN, le=TOP_STORIES_MAX)
    sections: Annotated[tuple[str, ...], Field(strict=False)] = ()


class FilesConfig(_Table):
    """Article files read on every run (paths relative to the sources file)."""

    paths: Annotated[tuple[str, ...], Field(strict=False)] = ()


class Limits(_Table):
    """Politeness and safety limits for fetching."""

    max_feed_bytes: int = Field(default=5_000_000, ge=1)
    max_article_bytes: int = Field(default=5_000_000, ge=1)
    connect_timeout: float = Field(default=5.0, gt=0)
    read_timeout: float = Field(default=15.0, gt=0)
    total_timeout: float = Field(default=60.0, gt=0)
    max_redirects: int = Field(default=5, ge=0)
    retries: int = Field(default=2, ge=0)
    max_retry_after: float = Field(default=30.0, ge=0)
    concurrency: int = Field(default=8, ge=1)
    per_host: int = Field(default=2, ge=1)
    max_entries_per_feed: int = Field(default=200, ge=1)
    max_host_failures: int = Field(default=3, ge=1)
    """Connection failures in a row after which a host is not asked again during the run."""
    full_text_budget: float = Field(default=300.0, gt=0)
    """Seconds the run may spend fetching article pages; later teasers keep the feed's text."""


class SourcesConfig(_Table):
    """Everything ``sources.toml`` says; paths are resolved against ``base_dir``."""

    feed_list: Annotated[tuple[FeedConfig, ...], Field(strict=False, alias="feeds")] = ()
    file_table: Annotated[FilesConfig, Field(alias="files")] = FilesConfig()
    digest: DigestConfig = DigestConfig()
    output_dir_setting: Annotated[str, Field(alias="output_dir")] = str(DEFAULT_OUTPUT_DIR)
    state_path_setting: Annotated[str | None, Field(alias="state_path")] = None
    allow_private_hosts: bool = False
    window_hours: float = Field(default=24.0, ge=0)
    full_text: bool = True
    limits: Limits = Limits()
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    base_url: str | None = None
    """The public URL of ``output_dir``; the Atom feed's links are absolute under it."""
    base_dir: Annotated[Path, Field(exclude=True, strict=False)] = Path(".")

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        url = urlsplit(_http_url(value)).geturl()
        return url if url.endswith("/") else url + "/"

    @property
    def feeds(self) -> tuple[FeedConfig, ...]:
        return self.feed_list

    def _resolve(self, path: str) -> Path:
        # Normalised, not resolved: "seeds/../reports" reads as "reports", and a relative
        # path stays relative.
        return Path(os.path.normpath(self.base_dir / path))

    @property
    def files(self) -> tuple[str, ...]:
        """The file paths to read, relative to where the command runs."""
        return tuple(str(self._resolve(path)) for path in self.file_table.paths)

    @property
    def output_dir(self) -> Path:
        return self._resolve(self.output_dir_setting)

    @property
    def store_path(self) -> Path:
        """Where the state database lives (default: inside the output directory)."""
        if self.state_path_setting:
            return self._resolve(self.state_path_setting)
        return self.output_dir / "state.sqlite3"


def feed_config(url: str, *, name: str = "", tags: tuple[str, ...] = ()) -> FeedConfig:
    """A feed from outside ``sources.toml`` (an OPML outline), checked as the file would be.

    Raises:
        ConfigError: one line naming the URL and what is wrong with it.
    """
    try:
        return FeedConfig(url=url, name=name, tags=tags)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise ConfigError(f"feed {_key(error['loc'])} {_describe(error)}") from None


def output_directory(explicit: str | Path | None, config: SourcesConfig | None) -> Path:
    """Where a run writes: the directory asked for, else the sources file's, else reports/."""
    if explicit:
        return Path(explicit)
    return config.output_dir if config else DEFAULT_OUTPUT_DIR


_TYPE_NAMES = {
    "int_type": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "bool_type": "true or false",
    "string_type": "a string",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "dict_type": "a table",
}


def _key(location: tuple[int | str, ...]) -> str:
    """``limits.max_redirects``, ``feeds[2].url``: a key as the TOML file spells it."""
    key = ""
    for part in location:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return key


def _describe(error: Any) -> str:
    kind, value = error["type"], error.get("input")
    if kind in _TYPE_NAMES:
        return f"must be {_TYPE_NAMES[kind]}, not {value!r}"
    if kind == "extra_forbidden":
        return "is not a known key"
    if kind == "missing":
        return "is required"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal"}:
        bound = next(iter(error["ctx"].values()))
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤"}[kind]
        return f"must be {sign} {bound}, not {value!r}"
    return str(error["msg"]).removeprefix("Value error, ")


def parse_config(
    data: dict[str, Any], *, base_dir: Path = Path("."), source: str = SOURCES_FILE
) -> SourcesConfig:
    """Build the configuration from parsed TOML; relative paths are relative to ``base_dir``.

    Raises:
        ConfigError: one line naming ``source`` and the first key that is wrong.
    """
    if "base_dir" in data:  # set from where the file is, never by the file
        raise ConfigError(f"{source}: base_dir is not a known key")
    try:
        return SourcesConfig.model_validate({**data, "base_dir": base_dir})
    except ValidationError as exc:
        error = exc.errors()[0]
        raise ConfigError(f"{source}: {_key(error['loc'])} {_describe(error)}") from None


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
    return parse_config(data, base_dir=path.parent, source=str(path))
