"""Delivery: a published digest by email and to chat rooms, once per day per target.

The configuration lives in ``sources.toml`` (``[email]``, ``[[notify]]``; see
:mod:`summarizer.config.delivery`); :func:`deliver` sends and records.
"""

from summarizer.config.delivery import EmailConfig, NotifyConfig
from summarizer.deliver.smtp import build_message
from summarizer.deliver.targets import DeliveryReport, Outcome, SecretReader, deliver
from summarizer.errors import DeliveryError, DeliveryFailed

__all__ = [
    "DeliveryError",
    "DeliveryFailed",
    "DeliveryReport",
    "EmailConfig",
    "NotifyConfig",
    "Outcome",
    "SecretReader",
    "build_message",
    "deliver",
]
