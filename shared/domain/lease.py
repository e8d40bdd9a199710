"""The listing lease: one lister at a time. A lease is taken over only once it has
expired, which is how a crashed holder's lease is recovered."""

from __future__ import annotations

from datetime import datetime, timedelta


def lease_until(now: datetime, seconds: int) -> datetime:
    return now + timedelta(seconds=seconds)


def may_take_over(expires_at: datetime, now: datetime) -> bool:
    return expires_at <= now
