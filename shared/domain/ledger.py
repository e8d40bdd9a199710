"""Who may send a date's digest, and whose result the ledger keeps: pure decisions.

A claim is a lease with a fencing token. A date is taken unless it was sent (and
no resend is forced) or another invocation holds a live lease. A result is written
only by the claim the record still names: a holder whose lease expired, and whose
date was claimed again meanwhile, cannot overwrite the newer claim's record.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any


def may_claim(record: dict[str, Any] | None, now: datetime, *, force: bool) -> bool:
    status = (record or {}).get("status")
    if status == "sent" and not force:
        return False
    lease_until = (record or {}).get("lease_until")
    return not (status == "sending" and lease_until is not None and lease_until > now)


def holds(record: dict[str, Any] | None, token: str) -> bool:
    """The claim with this token is still the one the record names."""
    return record is not None and record.get("claim_token") == token
