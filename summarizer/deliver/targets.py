"""Send a published day's digest to every email recipient and notification target, once.

The state store remembers each target a day reached, so a re-run or a retried flow run
sends nothing twice (``resend`` sends again). One target failing never stops the others,
and nothing here touches the published files. The report says what happened per target;
the caller logs it where its user looks (the run's log, the terminal).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Literal

from summarizer.config import SourcesConfig
from summarizer.config.delivery import EmailConfig, NotifyConfig
from summarizer.deliver.notify import send_notification
from summarizer.deliver.smtp import SmtpLogin, build_message, send_message, smtp_session
from summarizer.errors import DeliveryError, DeliveryFailed, StoreError
from summarizer.models import Digest
from summarizer.publish.render.mail import chat_message
from summarizer.store import Store

SecretReader = Callable[[str], str]
"""Reads a Prefect Secret block by name (the flows give one; the library has no Prefect)."""

Status = Literal["sent", "already sent", "failed"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one target: ``sent``, ``already sent`` (an earlier run did) or
    ``failed``, with the reason."""

    target: str
    """The key the store records: ``email:reader@example.org`` or ``notify:<hash>``."""
    label: str
    status: Status
    detail: str = ""

    def line(self, day: str) -> str:
        if self.status == "sent":
            return f"sent the {day} digest to {self.label}"
        if self.status == "already sent":
            return (
                f"{self.label} already has the {day} digest "
                "(--resend, or the run form's resend, sends it again)"
            )
        return f"could not send the {day} digest to {self.label}: {self.detail}"


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    day: str
    outcomes: tuple[Outcome, ...] = ()

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")

    def lines(self) -> list[str]:
        return [outcome.line(self.day) for outcome in self.outcomes]

    def failure(self) -> str | None:
        """Which targets failed and why, or ``None`` when none did."""
        if not self.failed:
            return None
        reasons = "; ".join(f"{o.label}: {o.detail}" for o in self.failed)
        return (
            f"the {self.day} digest is published, but {len(self.failed)} of "
            f"{len(self.outcomes)} deliveries failed ({reasons})"
        )

    def raise_for_failures(self) -> None:
        """Raise when any target failed (what the flow and the CLI's exit status say).

        Raises:
            DeliveryFailed: the reasons, one per failed target.
        """
        if failure := self.failure():
            raise DeliveryFailed(failure)

    def summary(self) -> str:
        if not self.outcomes:
            return "no delivery configured"
        sent = sum(o.status == "sent" for o in self.outcomes)
        earlier = sum(o.status == "already sent" for o in self.outcomes)
        return f"{sent} sent, {earlier} already sent, {len(self.failed)} failed"


def _secret(what: str, env: str | None, block: str | None, read_block: SecretReader | None) -> str:
    if env:
        value = os.environ.get(env)
        if not value:
            raise DeliveryError(f"{what}: the environment variable {env} is not set")
        return value
    if block is None:
        raise DeliveryError(f"{what}: no environment variable or Secret block named")
    if read_block is None:
        raise DeliveryError(f"{what}: the Prefect Secret block {block!r} needs Prefect")
    try:
        return read_block(block)
    except Exception as exc:  # a foreign reader: any failure is "cannot read", never the value
        raise DeliveryError(
            f"{what}: cannot read the Prefect Secret block {block!r} ({type(exc).__name__})"
        ) from None


def _login(config: EmailConfig, read_block: SecretReader | None) -> SmtpLogin | None:
    if not config.username_env:
        return None
    username = _secret("SMTP user", config.username_env, None, None)
    if not (config.password_env or config.password_block):
        raise DeliveryError("SMTP login: password_env or password_block is needed")
    password = _secret("SMTP password", config.password_env, config.password_block, read_block)
    return SmtpLogin(username, password)


class _Delivery:
    def __init__(self, digest: Digest, store: Store, resend: bool, base_url: str | None) -> None:
        self.digest = digest
        self.store = store
        self.base_url = base_url
        self.day = digest.date.isoformat()
        self.done = set() if resend else store.delivered(digest.date)
        self.outcomes: list[Outcome] = []

    def note(self, target: str, label: str, status: Status, detail: str = "") -> None:
        if status == "sent":
            try:
                self.store.record_delivery(self.digest.date, target)
            except StoreError as exc:
                status, detail = (
                    "failed",
                    f"sent, but not recorded, so a re-run sends again ({exc})",
                )
        self.outcomes.append(Outcome(target, label, status, detail))

    def email(self, config: EmailConfig, read_block: SecretReader | None) -> None:
        pending = []
        for recipient in config.to:
            target = f"email:{parseaddr(recipient)[1].lower()}"
            label = f"email {parseaddr(recipient)[1]}"
            if target in self.done:
                self.note(target, label, "already sent")
            else:
                pending.append((recipient, target, label))
        if not pending:
            return
        try:
            with smtp_session(config, _login(config, read_block)) as smtp:
                for recipient, target, label in pending:
                    message = build_message(
                        self.digest, sender=config.sender, recipient=recipient,
                        base_url=self.base_url,
                    )  # fmt: skip
                    try:
                        send_message(smtp, message, config)
                    except DeliveryError as exc:
                        self.note(target, label, "failed", str(exc))
                    else:
                        self.note(target, label, "sent")
        except DeliveryError as exc:
            for _, target, label in pending:
                if not any(o.target == target for o in self.outcomes):
                    self.note(target, label, "failed", str(exc))

    def notify(self, config: NotifyConfig, read_block: SecretReader | None) -> None:
        label = config.label
        try:
            url = config.url or _secret(label, config.url_env, config.url_block, read_block)
        except DeliveryError as exc:
            self.note(f"notify:{label}", label, "failed", str(exc))
            return
        target = "notify:" + hashlib.sha256(url.encode()).hexdigest()[:16]
        if target in self.done:
            self.note(target, label, "already sent")
            return
        title, body = chat_message(self.digest, base_url=self.base_url)
        try:
            send_notification(url, title=title, body=body, label=label)
        except DeliveryError as exc:
            self.note(target, label, "failed", str(exc).removeprefix(f"{label}: "))
        else:
            self.note(target, label, "sent")


def deliver(
    digest: Digest,
    config: SourcesConfig,
    *,
    resend: bool = False,
    read_block: SecretReader | None = None,
) -> DeliveryReport:
    """Send ``digest`` to every target of ``config`` that has not had it yet (all of them
    with ``resend``) and record each success in the state store.

    Raises:
        StoreError: the state store cannot be opened (nothing was sent).
    """
    if not config.delivers:
        return DeliveryReport(digest.date.isoformat())
    with Store(config.store_path) as store:
        delivery = _Delivery(digest, store, resend, config.base_url)
        if config.email is not None:
            delivery.email(config.email, read_block)
        for target in config.notify:
            delivery.notify(target, read_block)
    return DeliveryReport(delivery.day, tuple(delivery.outcomes))
