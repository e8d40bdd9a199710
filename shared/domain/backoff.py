"""How long to wait before asking a Google API again: exponential backoff that honours
the server's Retry-After (RFC 9110 §10.2.3: seconds or an HTTP date), within a budget.
Google's guidance for 429 and 5xx is truncated exponential backoff
(https://developers.google.com/workspace/forms/api/limits)."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRIES = 2  # three attempts in all, as google-api-python-client's num_retries=2 did
BUDGET_SECONDS = 30.0  # waiting longer than this inside one call is the platform's job, not ours


def retry_after_seconds(header: str | None, now: datetime) -> float | None:
    if not header:
        return None
    text = header.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def next_wait(retry: int, retry_after: float | None, waited: float, *, budget: float = BUDGET_SECONDS,
              rand: float | None = None) -> float | None:
    """Seconds to wait before retry number ``retry`` (1-based), or None to give up now."""
    if retry > RETRIES:
        return None
    jitter = random.random() if rand is None else rand
    wait = max(retry_after or 0.0, (2 ** (retry - 1)) * (0.5 + jitter))
    return wait if waited + wait <= budget else None
