"""Which day a run builds: a date given as text, today in the schedule's time zone, and the
refusal of a day to come."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from summarizer.config.schedule import local_timezone
from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from summarizer.config.sources import SourcesConfig


def parse_day(value: str) -> date:
    """A digest date from ISO text.

    Raises:
        ConfigError: the text is not a YYYY-MM-DD date.
    """
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
