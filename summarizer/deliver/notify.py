"""One chat or push message per digest, through Apprise (Slack, Matrix, Discord, ntfy,
Telegram, a plain JSON webhook, …): Apprise knows the services, this module only asks it."""

from __future__ import annotations

import logging

from summarizer.errors import DeliveryError


def send_notification(url: str, *, title: str, body: str, label: str) -> None:
    """Send one message to the Apprise ``url``; ``label`` names the target in errors (the
    URL may hold a token, so it is never shown).

    Raises:
        DeliveryError: Apprise does not know the URL, or the service did not accept it.
    """
    import apprise  # imported here: only runs that notify pay for loading its plugins

    sender = apprise.Apprise()
    if not sender.add(url):
        raise DeliveryError(f"{label}: not a notification URL Apprise knows")
    apprise_log = logging.getLogger(apprise.LOGGER_NAME)
    propagates = apprise_log.propagate
    apprise_log.propagate = False  # its reasons come back in one line of ours, not twice
    try:
        with apprise.LogCapture(level=logging.WARNING) as captured:
            sent = sender.notify(body=body, title=title, body_format=apprise.NotifyFormat.TEXT)
    finally:
        apprise_log.propagate = propagates
    if not sent:
        said = [
            " ".join(line.split(" - ", 2)[-1].split()) for line in captured.getvalue().splitlines()
        ]
        reason = "; ".join(dict.fromkeys(line for line in said if line)) or "not accepted"
        raise DeliveryError(f"{label}: {reason}")
