"""One run's settings, declared once with their bounds: what a user may choose for a run
(:class:`DigestOptions`: the CLI's options and the run form's fields) and what the run works
with once the sources file is read (:class:`DigestSettings`). Built with ``checked`` (as the
CLI, the flow and ``for_config`` do), a value out of bounds is one
:class:`~summarizer.errors.ConfigError` line, whichever door it came in by; built directly,
pydantic's ``ValidationError``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, get_args

import annotated_types
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic.fields import FieldInfo

from summarizer.config.digest import (
    TOP_STORIES_DEFAULT,
    TOP_STORIES_MAX,
    TOP_STORIES_MIN,
    TopStories,
)
from summarizer.config.feeds import DEFAULT_MAX_FILE_BYTES
from summarizer.config.schedule import check_timezone, local_timezone
from summarizer.config.sources import SourcesConfig
from summarizer.config.tables import describe_error
from summarizer.errors import ConfigError
from summarizer.text.model_check import check_model
from summarizer.text.summaries import ALGORITHMS, check_algorithm
from summarizer.text.workers import default_workers

KEY_POINTS_DEFAULT = 3
KEY_POINTS_MIN = 1
KEY_POINTS_MAX = 10
KeyPoints = Annotated[int, Field(ge=KEY_POINTS_MIN, le=KEY_POINTS_MAX)]
"""Key points per story (and sentences per article summary)."""
STAGE_TIMEOUT_DEFAULT = 600
STAGE_TIMEOUT_ARTICLES = 10_000
"""A stage's time limit is ``stage_timeout`` seconds per this many of the day's articles."""
StageTimeout = Annotated[int, Field(ge=10, le=7 * 24 * 3600)]

ALGORITHM_NAMES = tuple(sorted(ALGORITHMS))
DEFAULT_ALGORITHM_NAME = "default"


class _Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @field_validator("algorithm", check_fields=False)
    @classmethod
    def _known_algorithm(cls, value: str) -> str:
        return check_algorithm(value)

    @field_validator("model", check_fields=False)
    @classmethod
    def _installed_model(cls, value: str | None) -> str | None:
        check_model(value)
        return value

    @classmethod
    def checked(cls, **values: Any) -> Any:
        """The model of ``values``.

        Raises:
            ConfigError: one line for the first value that is wrong.
        """
        try:
            return cls(**values)
        except ValidationError as exc:
            raise _one_line(cls, exc) from None


class DigestOptions(_Settings):
    """What a user chooses for one run (``newsdigest run`` options, the run form's fields).
    ``None`` means: the sources file's value, else the default."""

    key_points: KeyPoints = Field(
        default=KEY_POINTS_DEFAULT,
        title="key points per story",
        description=f"Key points per story ({KEY_POINTS_MIN}–{KEY_POINTS_MAX}).",
    )
    top_stories: TopStories | None = Field(
        default=None,
        title="top stories",
        description=(
            f"Stories shown in full ({TOP_STORIES_MIN}–{TOP_STORIES_MAX}; default: the sources "
            f"file's digest.top_stories, else {TOP_STORIES_DEFAULT}); the rest get one line."
        ),
    )
    algorithm: str = Field(
        default=DEFAULT_ALGORITHM_NAME,
        description=f"Summarisation algorithm: {', '.join(ALGORITHM_NAMES)}.",
    )
    model: str | None = Field(
        default=None,
        description=(
            "An installed spaCy pipeline to parse with, e.g. en_core_web_trf (default: the "
            "sources file's [nlp] model, else the small English model)."
        ),
    )
    resend: bool = Field(
        default=False,
        description="Send again to email and chat targets that already have the day.",
    )
    stage_timeout: StageTimeout = Field(
        default=STAGE_TIMEOUT_DEFAULT,
        title="stage timeout",
        description=(
            f"Seconds a stage of the flow may take per {STAGE_TIMEOUT_ARTICLES:,} of the day's "
            "articles (never less than this); a stage that takes longer fails the run."
        ),
    )


class DigestSettings(_Settings):
    """The knobs of one digest run, checked before any work starts."""

    day: date
    out_dir: Path
    key_points: KeyPoints = Field(default=KEY_POINTS_DEFAULT, title="key points per story")
    algorithm: str = DEFAULT_ALGORITHM_NAME
    top_stories: TopStories = Field(default=TOP_STORIES_DEFAULT, title="top stories")
    """Stories shown in full (and analysed in depth); every other story gets one line."""
    sections: tuple[str, ...] = ()
    """The order of the one-line stories' sections, by feed tag."""
    max_file_bytes: int = Field(default=DEFAULT_MAX_FILE_BYTES, gt=0)
    workers: int = Field(default_factory=default_workers, ge=1)
    timezone: str = Field(default_factory=local_timezone)
    """The time zone readers see the digest's times in."""
    base_url: str | None = None
    """Where the output directory is served; makes the Atom feed's links absolute."""
    resend: bool = False
    """Send the digest again to email and chat targets that already have it."""
    model: str | None = None
    """An installed spaCy pipeline for the deep analysis (default: the small English one)."""
    stage_timeout: StageTimeout = STAGE_TIMEOUT_DEFAULT
    """Seconds a stage may take per ``STAGE_TIMEOUT_ARTICLES`` articles (at least this)."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return check_timezone(value)

    @classmethod
    def for_config(cls, config: SourcesConfig | None, **values: Any) -> DigestSettings:
        """Settings whose time zone, base URL and digest shape come from ``sources.toml`` when
        there is one; a value given here wins, and ``None`` means the file's.

        Raises:
            ConfigError: a value is out of bounds, or names no installed model.
        """
        given = {name: value for name, value in values.items() if value is not None}
        if config:
            given = {
                "timezone": config.schedule.timezone,
                "base_url": config.base_url,
                "top_stories": config.digest.top_stories,
                "sections": config.digest.sections,
                "model": config.nlp.model,
                **given,
            }
        settings: DigestSettings = cls.checked(**given)
        return settings

    @classmethod
    def chosen(
        cls, options: DigestOptions, config: SourcesConfig | None, *, day: date, out_dir: Path
    ) -> DigestSettings:
        """The settings of a run with ``options``, over the sources file's values."""
        return cls.for_config(config, day=day, out_dir=out_dir, **options.model_dump())

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


def _bounds(field: FieldInfo) -> tuple[object, object] | None:
    """The ``ge``/``le`` pair declared on ``field``: pydantic keeps an annotated type's
    constraints on the field, except inside ``X | None``, where they stay on ``X``."""
    constraints = list(field.metadata)
    for part in get_args(field.annotation):
        for meta in getattr(part, "__metadata__", ()):
            constraints.extend(getattr(meta, "metadata", [meta]))
    low = next((c.ge for c in constraints if isinstance(c, annotated_types.Ge)), None)
    high = next((c.le for c in constraints if isinstance(c, annotated_types.Le)), None)
    return (low, high) if low is not None and high is not None else None


def _one_line(model: type[BaseModel], exc: ValidationError) -> ConfigError:
    """``key points per story must be 1–10, not 15``: the first error, named as users know
    the value, with both bounds of a range."""
    error = exc.errors()[0]
    name = str(error["loc"][0]) if error["loc"] else ""
    field = model.model_fields.get(name)
    label = (field.title if field else None) or name.replace("_", " ")
    if error["type"] in {"greater_than_equal", "less_than_equal"} and field is not None:
        bounds = _bounds(field)
        if bounds:
            return ConfigError(f"{label} must be {bounds[0]}–{bounds[1]}, not {error['input']}")
    if error["type"] == "value_error":
        return ConfigError(str(error["msg"]).removeprefix("Value error, "))
    return ConfigError(f"{label} {describe_error(error)}")
