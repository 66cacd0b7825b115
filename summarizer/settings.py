"""A digest run's parameters and their bounds, defined once: the CLI, the flow's UI form and
the library all check against the constants here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from summarizer.analysis.model_check import check_model
from summarizer.analysis.summaries import ALGORITHMS, check_algorithm
from summarizer.analysis.workers import default_workers
from summarizer.config import (
    TOP_STORIES_DEFAULT,
    TOP_STORIES_MAX,
    TOP_STORIES_MIN,
    SourcesConfig,
    check_timezone,
    local_timezone,
)
from summarizer.dates import aware
from summarizer.errors import ConfigError
from summarizer.sources.files import DEFAULT_MAX_FILE_BYTES

KEY_POINTS_DEFAULT = 3
KEY_POINTS_MIN = 1
KEY_POINTS_MAX = 10
"""Key points per story (and sentences per article summary)."""
ALGORITHM_NAMES = tuple(sorted(ALGORITHMS))
DEFAULT_ALGORITHM_NAME = "default"
TASK_RUNNERS = ("threads", "dask")
"""Where the flow's tasks run: threads in this process, or a Dask cluster."""


def check_key_points(count: int) -> int:
    """``count`` when it is a number of key points the digest allows.

    Raises:
        ConfigError: it is out of range.
    """
    if not KEY_POINTS_MIN <= count <= KEY_POINTS_MAX:
        raise ConfigError(
            f"key points per story must be {KEY_POINTS_MIN}–{KEY_POINTS_MAX}, not {count}"
        )
    return count


def check_top_stories(count: int) -> int:
    """``count`` when it is a number of full stories the digest allows.

    Raises:
        ConfigError: it is out of range.
    """
    if not TOP_STORIES_MIN <= count <= TOP_STORIES_MAX:
        raise ConfigError(f"top stories must be {TOP_STORIES_MIN}–{TOP_STORIES_MAX}, not {count}")
    return count


def check_task_runner(name: str) -> str:
    """``name`` when it is a task runner the flow knows.

    Raises:
        ConfigError: it is not.
    """
    if name not in TASK_RUNNERS:
        raise ConfigError(f"unknown task runner {name!r}; available: {', '.join(TASK_RUNNERS)}")
    return name


@dataclass(frozen=True, slots=True)
class DigestSettings:
    """The knobs of one digest run, checked before any work starts."""

    day: date
    out_dir: Path
    key_points: int = KEY_POINTS_DEFAULT
    algorithm: str = DEFAULT_ALGORITHM_NAME
    top_stories: int = TOP_STORIES_DEFAULT
    """Stories shown in full (and analysed in depth); every other story gets one line."""
    sections: tuple[str, ...] = ()
    """The order of the one-line stories' sections, by feed tag."""
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    workers: int = field(default_factory=default_workers)
    timezone: str = field(default_factory=local_timezone)
    """The time zone readers see the digest's times in."""
    base_url: str | None = None
    """Where the output directory is served; makes the Atom feed's links absolute."""
    resend: bool = False
    """Send the digest again to email and chat targets that already have it."""
    model: str | None = None
    """An installed spaCy pipeline for the deep analysis (default: the small English one)."""

    @classmethod
    def for_config(cls, config: SourcesConfig | None, **values: Any) -> DigestSettings:
        """Settings whose time zone, base URL and digest shape come from ``sources.toml`` when
        there is one (a value given here wins; ``top_stories=None`` means the file's)."""
        if values.get("top_stories") is None:
            values.pop("top_stories", None)
        if config:
            values.setdefault("timezone", config.schedule.timezone)
            values.setdefault("base_url", config.base_url)
            values.setdefault("top_stories", config.digest.top_stories)
            values.setdefault("sections", config.digest.sections)
            if values.get("model") is None:
                values["model"] = config.nlp.model
        return cls(**values)

    def __post_init__(self) -> None:
        check_algorithm(self.algorithm)
        check_key_points(self.key_points)
        check_top_stories(self.top_stories)
        check_model(self.model)
        try:
            check_timezone(self.timezone)
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc

    def as_dict(self) -> dict[str, object]:
        """What ``digest.json`` records of the settings (its ``settings`` object)."""
        recorded: dict[str, object] = {
            "sentences": self.key_points,
            "algorithm": self.algorithm,
            "top_stories": self.top_stories,
            "sections": list(self.sections),
        }
        if self.model:  # absent for the default model, as digests before the setting had it
            recorded["model"] = self.model
        return recorded


def parse_day(value: str | date | None) -> date:
    """A digest date from ISO text; today (UTC) when not given.

    Raises:
        ConfigError: the text is not a YYYY-MM-DD date.
    """
    if value is None or value == "":
        return datetime.now(UTC).date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"date must be YYYY-MM-DD, not {value!r}") from exc


def schedule_zone(config: SourcesConfig | None) -> str:
    """The schedule's time zone: the sources file's, else this machine's."""
    return config.schedule.timezone if config else local_timezone()


def default_day(config: SourcesConfig | None) -> date:
    """Today in the schedule's time zone."""
    return datetime.now(ZoneInfo(schedule_zone(config))).date()


def chosen_day(given: date | None, config: SourcesConfig | None) -> tuple[date, str]:
    """The day a run builds and why: the date it was given, else today in the schedule's
    time zone. A run's name, first log line and artifacts say both, since a date the Prefect
    UI could not read reaches the flow as no date at all."""
    if given is not None:
        return given, "the date given"
    return default_day(config), f"no date given: today in {schedule_zone(config)}"


def check_not_ahead(day: date, config: SourcesConfig | None, *, allow_future: bool) -> None:
    """Refuse a digest of a day after tomorrow in the schedule's time zone (tomorrow is
    allowed: it is already tomorrow somewhere, and an evening run may build it). A day to
    come would top the archive and the Atom feed, give today a "next day" link and be sent
    to every target, so it takes ``allow_future``.

    Raises:
        ConfigError: ``day`` is after tomorrow and ``allow_future`` is not set.
    """
    tomorrow = default_day(config) + timedelta(days=1)
    if day > tomorrow and not allow_future:
        raise ConfigError(
            f"date {day.isoformat()} is after tomorrow ({tomorrow.isoformat()} in "
            f"{schedule_zone(config)}):"
            " a digest of a day to come would be published and sent; set allow_future"
            " (--allow-future) if that is meant"
        )


def parse_since(value: str | datetime | None) -> datetime | None:
    """``--since``: an ISO date or date-time (UTC unless it says otherwise).

    Raises:
        ConfigError: the text is not ISO-8601.
    """
    if not value:
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError as exc:
            raise ConfigError(f"since must be an ISO date or date-time, not {value!r}") from exc
    return aware(moment)
