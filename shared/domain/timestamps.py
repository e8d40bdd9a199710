"""Forms API timestamps at their full (nanosecond) precision.

The API's `timestamp > N` filter compares at sub-millisecond precision, so a
cursor rounded to what `datetime` holds (microseconds) could list the same
response forever. Times are kept as integer nanoseconds and compared as such,
never as strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")
_RFC3339 = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$"
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, order=True)
class Instant:
    """A point in time as nanoseconds since the Unix epoch (UTC)."""

    ns: int

    @classmethod
    def parse(cls, text: str) -> Instant:
        match = _RFC3339.match(text.strip())
        if not match:
            raise ValueError(f"not an RFC 3339 timestamp: {text!r}")
        day, clock, fraction, offset = match.groups()
        zone = "+00:00" if offset in ("Z", "z") else offset
        whole = datetime.fromisoformat(f"{day}T{clock}{zone}")
        seconds = (whole - _EPOCH) // timedelta(seconds=1)
        ns = seconds * 1_000_000_000 + int((fraction or "0").ljust(9, "0"))
        if not -(2**63) <= ns < 2**63:
            # Past 2262 a nanosecond count no longer fits Firestore's 64-bit integer. Refused
            # here, the response is quarantined as unreadable and never moves the cursor.
            raise ValueError(f"timestamp outside the years 1677-2262: {text!r}")
        return cls(ns)

    @classmethod
    def from_datetime(cls, moment: datetime) -> Instant:
        return cls((moment - _EPOCH) // timedelta(microseconds=1) * 1000)

    def to_datetime(self) -> datetime:
        """UTC datetime, truncated to microseconds (what Firestore stores)."""
        return _EPOCH + timedelta(microseconds=self.ns // 1000)

    def rfc3339(self) -> str:
        """UTC with as many fraction digits as needed, e.g. ``...T00:00:00.045123456Z``."""
        seconds, nanos = divmod(self.ns, 1_000_000_000)
        whole = (_EPOCH + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S")
        fraction = f".{nanos:09d}".rstrip("0") if nanos else ""
        return f"{whole}{fraction}Z"

    def bangkok_date(self) -> date:
        return self.to_datetime().astimezone(BANGKOK).date()
