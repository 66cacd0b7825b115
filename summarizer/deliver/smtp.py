"""The digest by email: one multipart/alternative message per recipient, sent with the
standard library (``email`` builds the MIME, ``smtplib`` talks to the server).

One message per recipient rather than one with every address: readers do not see each
other, and a refused address does not stop the others or hide which one failed.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from summarizer.config.delivery import EmailConfig
from summarizer.errors import DeliveryError
from summarizer.models import Digest
from summarizer.publish.render.mail import email_html, plain_text, subject


@dataclass(frozen=True, slots=True)
class SmtpLogin:
    username: str
    password: str

    def __repr__(self) -> str:  # never print the password, even in a traceback's locals
        return f"SmtpLogin(username={self.username!r}, password=<hidden>)"


def build_message(
    digest: Digest, *, sender: str, recipient: str, base_url: str | None = None
) -> EmailMessage:
    """The day's message to one reader: a plain-text part, then the HTML part."""
    message = EmailMessage()
    message["Subject"] = subject(digest)
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = formatdate(localtime=True)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(idstring=f"digest-{digest.date.isoformat()}", domain=domain)
    # Marks the message as sent by a program: mail servers send no vacation replies to it.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(plain_text(digest, base_url=base_url))
    message.add_alternative(email_html(digest, base_url=base_url), subtype="html")
    return message


def _reason(exc: BaseException, config: EmailConfig) -> str:
    where = f"{config.smtp_host}:{config.port}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"{where} refused the login ({exc.smtp_code} {_text(exc.smtp_error)})"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"{where} does not offer {config.security.upper()} or login: {exc}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(
            f"{address}: {code} {_text(text)}" for address, (code, text) in exc.recipients.items()
        )
        return f"{where} refused the recipient ({refused})"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{where} answered {exc.smtp_code} {_text(exc.smtp_error)}"
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return f"TLS with {where} failed: {exc}"
    if isinstance(exc, TimeoutError):
        return f"{where} did not answer within {config.timeout:g} s"
    if isinstance(exc, ConnectionRefusedError):
        return f"cannot connect to {where}: connection refused"
    if isinstance(exc, socket.gaierror):
        return f"cannot find the SMTP server {config.smtp_host!r}: {exc.strerror}"
    if isinstance(exc, smtplib.SMTPException | OSError):
        return f"{where}: {exc}"
    raise exc


def _text(value: bytes | str) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    return " ".join(text.split())


@contextmanager
def smtp_session(config: EmailConfig, login: SmtpLogin | None) -> Iterator[smtplib.SMTP]:
    """A connected, secured and logged-in SMTP session.

    Raises:
        DeliveryError: the server could not be reached, secured or logged in to.
    """
    context = ssl.create_default_context()  # verifies the certificate and the host name
    smtp: smtplib.SMTP | None = None
    try:
        if config.security == "ssl":
            smtp = smtplib.SMTP_SSL(
                config.smtp_host, config.port, timeout=config.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(config.smtp_host, config.port, timeout=config.timeout)
            if config.security == "starttls":
                smtp.starttls(context=context)
        if login is not None:
            smtp.login(login.username, login.password)
    except (smtplib.SMTPException, OSError) as exc:
        if smtp is not None:
            smtp.close()
        raise DeliveryError(_reason(exc, config)) from None
    try:
        yield smtp
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def send_message(smtp: smtplib.SMTP, message: EmailMessage, config: EmailConfig) -> None:
    """Send one message on an open session.

    Raises:
        DeliveryError: the server refused it.
    """
    try:
        smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(_reason(exc, config)) from None
