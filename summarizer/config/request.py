"""What a run is asked to build: the day's inputs, its date and output, the digest options
and what the run may do (build a day to come, rebuild an up-to-date one). Checked without
reading anything, so a mistyped value fails before any work or import of the parser."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from summarizer.config.calendar import parse_day
from summarizer.config.settings import DigestOptions
from summarizer.dates import aware
from summarizer.errors import ConfigError


class DayRequest(BaseModel):
    """What to build: a day's digest of ``inputs`` (article files, directories or globs) and
    the sources file's feeds and files, written under ``out_dir``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    inputs: tuple[str, ...] = ()
    sources_file: Path | None = None
    day: date | None = None
    """``None``: today in the schedule's time zone."""
    out_dir: Path | None = None
    """``None``: the sources file's ``output_dir``, else ``reports``."""
    since: datetime | None = None
    """Take feed entries published from this moment on (overrides ``window_hours``)."""
    options: DigestOptions = DigestOptions()
    allow_future: bool = False
    """Build a day after tomorrow, which would top the archive and be sent."""
    force: bool = False
    """Rebuild a digest that is up to date with its input files."""

    @field_validator("day", mode="before")
    @classmethod
    def _iso_day(cls, value: Any) -> Any:
        if value == "":  # an empty --date "$D": no date given
            return None
        return parse_day(value) if isinstance(value, str) else value

    @field_validator("since", mode="before")
    @classmethod
    def _iso_moment(cls, value: Any) -> Any:
        if value == "":
            return None
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                raise ConfigError(
                    f"since must be an ISO date or date-time, not {value!r}"
                ) from None
        return aware(value) if isinstance(value, datetime) else value
