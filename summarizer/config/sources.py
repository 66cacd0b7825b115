"""``sources.toml`` as one typed model, read and checked."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator

from summarizer.config.delivery import EmailConfig, NotifyConfig
from summarizer.config.digest import DigestConfig
from summarizer.config.feeds import FeedConfig, FilesConfig, Limits
from summarizer.config.filters import FilterRule
from summarizer.config.nlp import NlpConfig
from summarizer.config.schedule import ScheduleConfig
from summarizer.config.tables import Table, describe_error, http_url, key_path
from summarizer.errors import ConfigError

DEFAULT_OUTPUT_DIR = Path("reports")
SOURCES_FILE = "sources.toml"


class SourcesConfig(Table):
    """Everything ``sources.toml`` says; paths are resolved against ``base_dir``."""

    feed_list: Annotated[tuple[FeedConfig, ...], Field(strict=False, alias="feeds")] = ()
    file_table: Annotated[FilesConfig, Field(alias="files")] = FilesConfig()
    digest: DigestConfig = DigestConfig()
    nlp: NlpConfig = NlpConfig()
    output_dir_setting: Annotated[str, Field(alias="output_dir")] = str(DEFAULT_OUTPUT_DIR)
    state_path_setting: Annotated[str | None, Field(alias="state_path")] = None
    allow_private_hosts: bool = False
    window_hours: float = Field(default=24.0, ge=0)
    full_text: bool = True
    limits: Limits = Limits()
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    base_url: str | None = None
    """The public URL of ``output_dir``; the Atom feed's and the email's links are absolute
    under it."""
    filters: Annotated[tuple[FilterRule, ...], Field(strict=False)] = ()
    email: EmailConfig | None = None
    notify: Annotated[tuple[NotifyConfig, ...], Field(strict=False)] = ()
    base_dir: Annotated[Path, Field(exclude=True, strict=False)] = Path(".")

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        url = urlsplit(http_url(value)).geturl()
        return url if url.endswith("/") else url + "/"

    @property
    def feeds(self) -> tuple[FeedConfig, ...]:
        return self.feed_list

    @property
    def delivers(self) -> bool:
        """Whether the digest is sent anywhere (email or notifications)."""
        return self.email is not None or bool(self.notify)

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

    def writing_to(self, out_dir: Path) -> SourcesConfig:
        """This config with ``out_dir`` as its output directory. The store of seen articles
        and deliveries moves with it unless ``state_path`` pins it: a scratch run into
        another folder must not change what the real run counts as new or as sent."""
        return self.model_copy(update={"output_dir_setting": os.path.abspath(out_dir)})


def output_directory(explicit: str | Path | None, config: SourcesConfig | None) -> Path:
    """Where a run writes: the directory asked for, else the sources file's, else reports/."""
    if explicit:
        return Path(explicit)
    return config.output_dir if config else DEFAULT_OUTPUT_DIR


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
        raise ConfigError(f"{source}: {key_path(error['loc'])} {describe_error(error)}") from None


def load_config(path: Path, *, out_dir: str | Path | None = None) -> SourcesConfig:
    """Read ``sources.toml``; ``out_dir`` is a run's own output directory (``--out``), which
    takes the digests and the store of seen articles with it (see ``writing_to``).

    Raises:
        ConfigError: the file is missing, not TOML, or has bad values.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    config = config_from_text(text, path)
    return config.writing_to(Path(out_dir)) if out_dir else config


def config_from_text(text: str, path: Path) -> SourcesConfig:
    """The config ``text`` would be as the file at ``path`` (relative paths start there).

    Raises:
        ConfigError: not TOML, or bad values.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    return parse_config(data, base_dir=path.parent, source=str(path))
