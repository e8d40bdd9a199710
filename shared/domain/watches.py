"""Whether a Forms watch is healthy, and what keeping it alive needs: pure decisions.

A watch lives 7 days; `watches.renew` resets that. A SUSPENDED watch (its
`errorType` says why, e.g. the owner lost access) does not resume: it is
deleted and created again (https://developers.google.com/workspace/forms/api/guides/push-notifications).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from shared.domain.timestamps import Instant

EVENT_TYPES = ("RESPONSES", "SCHEMA")
RENEW_WITHIN = timedelta(hours=48)


class WatchStep(StrEnum):
    KEEP = "kept"
    CREATE = "created"
    RENEW = "renewed"
    RECREATE = "recreated"


def expires(watch: dict[str, Any]) -> datetime:
    return Instant.parse(watch["expireTime"]).to_datetime()


def next_step(watch: dict[str, Any] | None, now: datetime) -> WatchStep:
    if watch is None:
        return WatchStep.CREATE
    if watch.get("state") == "SUSPENDED" or expires(watch) <= now:
        return WatchStep.RECREATE
    if expires(watch) - now < RENEW_WITHIN:
        return WatchStep.RENEW
    return WatchStep.KEEP


def watch_problem(watch: dict[str, Any] | None, now: datetime) -> str | None:
    """Why notifications of this watch would not arrive now; None when it is ACTIVE and unexpired."""
    if watch is None:
        return "no watch"
    if watch.get("state") != "ACTIVE":
        return f"{watch.get('state', 'state unknown')} (errorType {watch.get('errorType') or 'not given'})"
    if expires(watch) <= now:
        return f"expired at {watch['expireTime']}"
    return None
