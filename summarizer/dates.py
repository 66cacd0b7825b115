"""How a day other than the digest's is written for readers: "24 Nov", and "25 May 2017"
once it is of another year, so an old article is never read as this year's; and how a
moment without a time zone is read (as UTC); and which earlier days a run remembers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

MEMORY_DAYS = 7
"""How many published days before a digest's day its threads and key points remember."""


def day_label(day: date, digest_day: date) -> str:
    """ "24 Nov" in the digest's year, "25 May 2017" in another."""
    return f"{day:%-d %b}" if day.year == digest_day.year else f"{day:%-d %b %Y}"


def moment_label(moment: datetime, digest_day: date) -> str:
    """ "06:00" on the digest's day, "24 Nov 21:15" on another, "25 May 2017 21:15" in
    another year (``moment`` already in the reader's time zone)."""
    if moment.date() == digest_day:
        return f"{moment:%H:%M}"
    return f"{day_label(moment.date(), digest_day)} {moment:%H:%M}"


def aware(moment: datetime) -> datetime:
    """``moment``, read as UTC when it has no time zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def memory_days(published: Sequence[date], day: date) -> list[date]:
    """The published days a run for ``day`` remembers: the ``MEMORY_DAYS`` before it."""
    return [d for d in published if day - timedelta(days=MEMORY_DAYS) <= d < day]
