"""The decisions the stores apply, one row per case: which version wins, what reconcile
marks deleted, when a lease may be taken over."""

from datetime import UTC, datetime, timedelta

import pytest

from shared.domain.deletions import plan_deletions
from shared.domain.lease import COVERED_MARGIN_NS, covered_by_listing, lease_until, may_take_over
from shared.domain.timestamps import Instant
from shared.domain.versions import SaveOutcome, StoredState, decide

V = 1_000


@pytest.mark.parametrize(("stored", "incoming", "reevaluate", "outcome"), [
    (None, V, False, SaveOutcome.CREATED),
    (StoredState(V, deleted=False, invalid=False), V + 1, False, SaveOutcome.UPDATED),
    (StoredState(V, deleted=False, invalid=False), V - 1, False, SaveOutcome.UNCHANGED),
    (StoredState(V, deleted=False, invalid=False), V, False, SaveOutcome.UNCHANGED),
    (StoredState(V, deleted=True, invalid=False), V, False, SaveOutcome.RESTORED),
    (StoredState(V, deleted=True, invalid=False), V - 1, False, SaveOutcome.UNCHANGED),
    (StoredState(V, deleted=True, invalid=False), V + 1, False, SaveOutcome.UPDATED),
    (StoredState(V, deleted=False, invalid=True), V, True, SaveOutcome.REEVALUATED),
    (StoredState(V, deleted=False, invalid=True), V, False, SaveOutcome.UNCHANGED),
    (StoredState(V, deleted=False, invalid=False), V, True, SaveOutcome.REEVALUATED),
    (StoredState(V, deleted=True, invalid=False), V, True, SaveOutcome.RESTORED),
], ids=["new", "newer", "older", "duplicate", "listed-again", "older-than-deleted", "edited-after-delete",
        "reprocess-invalid", "same-invalid", "reevaluate-valid", "reevaluate-deleted-restores"])
def test_which_version_wins(stored, incoming, reevaluate, outcome):
    assert decide(stored, incoming, reevaluate_equal=reevaluate) is outcome


def test_reconcile_marks_absent_responses_deleted_unless_too_many_at_once():
    active = [f"r{i}" for i in range(20)]
    assert plan_deletions(active, set(active) - {"r1", "r2"}, ratio=0.1, allow_mass_delete=False).absent == ["r1", "r2"]
    refused = plan_deletions(active, set(active[:17]), ratio=0.1, allow_mass_delete=False)
    assert refused.refused and len(refused.absent) == 3
    assert not plan_deletions(active, set(active[:17]), ratio=0.1, allow_mass_delete=True).refused
    assert plan_deletions([], set(), ratio=0.1, allow_mass_delete=False) == plan_deletions([], {"x"}, ratio=0.1,
                                                                                            allow_mass_delete=False)


def test_a_lease_is_taken_over_only_once_it_has_expired():
    now = datetime(2026, 11, 29, tzinfo=UTC)
    assert lease_until(now, 600) == now + timedelta(minutes=10)
    assert not may_take_over(now + timedelta(seconds=1), now)
    assert may_take_over(now, now) and may_take_over(now - timedelta(seconds=1), now)


@pytest.mark.parametrize(("published", "listing_started", "covered"), [
    (None, 10 * COVERED_MARGIN_NS, False),  # no publishTime: always listed for
    (COVERED_MARGIN_NS, None, False),  # no listing has completed yet
    (COVERED_MARGIN_NS, 2 * COVERED_MARGIN_NS, True),  # the listing began a full margin after
    (COVERED_MARGIN_NS, 2 * COVERED_MARGIN_NS - 1, False),  # a nanosecond short of it
    (3 * COVERED_MARGIN_NS, 2 * COVERED_MARGIN_NS, False),  # published after the listing began
])
def test_a_notification_is_covered_only_by_a_listing_begun_a_margin_after_it_was_published(
        published, listing_started, covered):
    def instant(ns):
        return None if ns is None else Instant(ns)

    assert covered_by_listing(instant(published), instant(listing_started)) is covered
