"""``[schedule]``: when the daily deployment runs, and the time zone the digest is read in."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

import tzlocal
from cronsim import CronSim, CronSimError
from pydantic import Field, field_validator

from summarizer.config.tables import Table

DEFAULT_CRON = "0 6 * * *"


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


class ScheduleConfig(Table):
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
