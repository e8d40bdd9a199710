"""Who may send a date's digest, and whose result the ledger keeps: pure decisions.

A claim is a lease with a fencing token. A date is taken unless it was sent (and
no resend is forced) or another invocation holds a live lease. A result is written
only by the claim the record still names: a holder whose lease expired, and whose
date was claimed again meanwhile, cannot overwrite the newer claim's record.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class MessageIds:
    """The Message-ID a send uses, and the earlier messages it refers to."""

    message_id: str
    references: tuple[str, ...] = ()

    @property
    def correction(self) -> bool:
        return bool(self.references)


def message_ids(first: str, fresh: str, previous_status: str | None, previous: MessageIds | None) -> MessageIds:
    """Which Message-ID a send of a date's digest carries.

    ``first`` is the date's own id, ``fresh`` a new unique one. A send that may
    have gone (in doubt) or surely did not (failed) is repeated with the id it
    had, so that a duplicate is recognisable as one. A deliberate resend of a
    digest already sent (``--force``, a correction) needs a new id — Gmail shows
    only one message per Message-ID — and refers to the first, so it threads.
    """
    if previous_status == "sent":
        earlier = (*previous.references, previous.message_id) if previous else ()
        return MessageIds(fresh, tuple(dict.fromkeys((first, *earlier))))
    if previous_status in ("failed", "in_doubt") and previous is not None:
        return previous
    return MessageIds(first)
