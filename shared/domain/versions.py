"""Which version of a response wins: the whole "duplicates and late deliveries are
harmless" rule in one pure function. Versions are ordered by lastSubmittedTime at
full (nanosecond) precision."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SaveOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    RESTORED = "restored"
    REEVALUATED = "reevaluated"
    UNCHANGED = "unchanged"  # equal or older lastSubmittedTime: a duplicate or late delivery


@dataclass(frozen=True)
class StoredState:
    submitted_ns: int
    deleted: bool
    invalid: bool


def decide(stored: StoredState | None, incoming_ns: int, *, reevaluate_equal: bool = False) -> SaveOutcome:
    if stored is None:
        return SaveOutcome.CREATED
    if incoming_ns > stored.submitted_ns:
        return SaveOutcome.UPDATED
    if incoming_ns < stored.submitted_ns:
        return SaveOutcome.UNCHANGED
    if stored.deleted:
        return SaveOutcome.RESTORED  # listed again after it was marked deleted
    if reevaluate_equal:
        # The same version evaluated again: --reprocess-invalid after a form fix, or
        # --reevaluate-all after a change of the rules (the counters move with it).
        return SaveOutcome.REEVALUATED
    return SaveOutcome.UNCHANGED
