"""What reconcile marks deleted: stored responses the form no longer lists, unless so many
are absent that a wrong FORM_ID or an emptied form is likelier than real deletions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DeletionPlan:
    absent: list[str]
    refused: bool  # too many at once, and not allowed: delete nothing


def plan_deletions(active: Iterable[str], listed: set[str], *, ratio: float, allow_mass_delete: bool) -> DeletionPlan:
    """``active``: stored, not deleted, read before the listing began (so a response stored
    meanwhile is never taken for absent). ``listed``: the responseIds the form lists."""
    active = list(active)
    absent = [response_id for response_id in active if response_id not in listed]
    refused = bool(absent) and len(absent) > ratio * len(active) and not allow_mass_delete
    return DeletionPlan(absent, refused)
