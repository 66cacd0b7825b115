"""The ``[email]`` and ``[[notify]]`` tables of ``sources.toml``: where the day's digest is
sent. Secrets (the SMTP password, a chat service's token inside an Apprise URL) are never
written in the file: it names an environment variable or a Prefect Secret block instead."""

from __future__ import annotations

import ipaddress
from email.utils import parseaddr
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from summarizer.config.tables import Table

Security = Literal["starttls", "ssl", "none"]
DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "ssl": 465, "none": 25}


def _address(value: str) -> str:
    _, address = parseaddr(value)
    local, at, domain = address.rpartition("@")
    if not (local and at and domain) or any(c.isspace() for c in address):
        raise ValueError(f"must be an email address, not {value!r}")
    return value.strip()


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address: a relay on this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class EmailConfig(Table):
    """One message per day to ``to``, through an SMTP server.

    Example::

        [email]
        to = ["reader@example.org"]
        from = "News digest <digest@example.org>"
        smtp_host = "smtp.example.org"
        smtp_port = 587                  # default: 587 starttls, 465 ssl, 25 none
        security = "starttls"            # "starttls", "ssl", or "none" (a relay on this machine)
        username_env = "NEWSDIGEST_SMTP_USER"
        password_env = "NEWSDIGEST_SMTP_PASSWORD"
        # password_block = "smtp-password"   # a Prefect Secret block, when run under Prefect
    """

    to: Annotated[tuple[str, ...], Field(strict=False, min_length=1)]
    sender: Annotated[str, Field(alias="from")]
    smtp_host: str = Field(min_length=1)
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    security: Security = "starttls"
    username_env: str | None = None
    password_env: str | None = None
    password_block: str | None = None
    timeout: float = Field(default=30.0, gt=0)
    """Seconds to wait for the SMTP server at each step."""

    @field_validator("to")
    @classmethod
    def _recipients(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_address(v) for v in value)

    @field_validator("sender")
    @classmethod
    def _sender(cls, value: str) -> str:
        return _address(value)

    @model_validator(mode="after")
    def _credentials(self) -> EmailConfig:
        has_password = bool(self.password_env or self.password_block)
        if self.password_env and self.password_block:
            raise ValueError("give password_env or password_block, not both")
        if has_password and not self.username_env:
            raise ValueError("username_env is required with a password")
        if self.security == "none" and (has_password or self.username_env):
            raise ValueError(
                'security = "none" would send the login unencrypted: use "starttls" or "ssl"'
            )
        if self.security == "none" and not is_loopback(self.smtp_host):
            raise ValueError(
                f'security = "none" is only for a relay on this machine, not {self.smtp_host!r}'
            )
        return self

    @property
    def port(self) -> int:
        return self.smtp_port or DEFAULT_PORTS[self.security]


class NotifyConfig(Table):
    """One chat or push message per day, sent by Apprise (``slack://…``, ``matrix://…``,
    ``ntfy://…``, ``json://host/path`` …). The URL itself when it holds no secret, or the
    name of the environment variable or Prefect Secret block that holds it.

    Example::

        [[notify]]
        name = "team room"
        url_env = "NEWSDIGEST_SLACK_URL"     # or url = "json://localhost:8080/hook",
                                             # or url_block = "slack-url"
    """

    name: str = ""
    url: str | None = None
    url_env: str | None = None
    url_block: str | None = None

    @model_validator(mode="after")
    def _one_url(self) -> NotifyConfig:
        given = [v for v in (self.url, self.url_env, self.url_block) if v]
        if len(given) != 1:
            raise ValueError("give exactly one of url, url_env or url_block")
        if self.url and "://" not in self.url:
            raise ValueError(f"must be an Apprise URL such as json://host/path, not {self.url!r}")
        return self

    @property
    def label(self) -> str:
        """How logs name the target: its name, else where its URL comes from (a URL can
        hold a token, so it is never shown)."""
        if self.name:
            return self.name
        if self.url:
            return f"{self.url.split('://', 1)[0]}:// notification"
        return f"notification from {self.url_env or self.url_block}"
