"""Checking, and repairing, the stored counters against a full recount."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from shared.domain.counting import difference, full_count, recountable
from shared.ports import Counters


@dataclass(frozen=True)
class RecountResult:
    expected: dict[str, int]
    stored: dict[str, int]
    differences: dict[str, int]  # expected - stored, per counter

    @property
    def consistent(self) -> bool:
        return not self.differences


def recount(store: Counters) -> RecountResult:
    snapshot = store.counter_snapshot()
    expected = full_count(snapshot.responses)
    stored = recountable(snapshot.counters)
    return RecountResult(
        expected=expected,
        stored=stored,
        differences=difference(Counter(expected), Counter(stored)),
    )


def fix_counters(store: Counters) -> RecountResult:
    """Apply the differences as increments: ingestion that commits after the
    snapshot adds its own increments on top, so nothing is overwritten."""
    result = recount(store)
    store.apply_counter_delta(result.differences)
    return result
