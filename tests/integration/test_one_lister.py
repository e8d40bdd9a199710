"""One lister at a time, for every path: reconcile takes the listing lease that
notifications use, waits (bounded) for a listing in progress, and honours the
notifications that arrived while it held the lease."""

import threading
import time

import pytest

from shared.events import FormsNotification
from shared.services.notifications import handle_notification
from shared.services.reconcile import ListingBusy, ReconcileOptions, reconcile
from shared.services.recount import recount
from tests.support import builders
from tests.support.stack import FORM_ID

pytestmark = pytest.mark.emulator
QUICK = {"poll_seconds": 0.2}


def test_reconcile_waits_for_a_crashed_holders_lease_to_expire_then_runs(stack):
    stack.state.submit(builders.response())
    assert stack.store.try_acquire_listing_lease(2) is not None  # a holder that died
    started = time.monotonic()
    record = reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions(wait_seconds=30, **QUICK))
    assert record.stored_count == 1 and 1.5 < time.monotonic() - started < 15


def test_reconcile_gives_up_after_its_wait_with_a_transient_error_and_records_it(stack):
    assert stack.store.try_acquire_listing_lease(60) is not None  # a live listing
    with pytest.raises(ListingBusy, match="run reconcile again later"):
        reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions(wait_seconds=0.5, **QUICK))
    record = stack.store._db.collection("system").document("reconcile").get().to_dict()
    assert record["last_error"].startswith("ListingBusy")


def test_a_notification_during_reconcile_is_coalesced_and_its_response_stored_before_the_lease_goes(stack):
    stack.state.submit(builders.response(created="2024-01-05T03:00:00Z"))
    late = builders.response({"lao_name": "มาทีหลัง"}, created="2024-01-05T04:00:00Z")
    real_list = stack.forms.list_responses
    outcome = {}

    def list_while_a_notification_arrives(after=None):
        listed = list(real_list(after))
        if "notification" not in outcome:  # the form gets a response and its watch fires now
            stack.state.submit(late)
            other = stack.fresh_instance()
            outcome["notification"] = handle_notification(
                FormsNotification(event_type="RESPONSES", form_id=FORM_ID), FORM_ID, other.store, other.forms,
                other.mappings, lease_seconds=600)
        return iter(listed)

    stack.forms.list_responses = list_while_a_notification_arrives
    reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions(**QUICK))
    assert outcome["notification"].coalesced and outcome["notification"].listings == 0
    assert stack.store.counters()["responses.total"] == 2  # the late one, by reconcile's follow-up listing


def test_two_reconciles_and_a_burst_of_notifications_at_once_all_finish_exactly(stack, sample):
    for raw in sample["versions"][:150]:
        stack.state.submit(raw)
    expected = len({raw["responseId"] for raw in sample["versions"][:150]})
    errors: list[BaseException] = []

    def run(job):
        try:
            job()
        except BaseException as exc:
            errors.append(exc)

    def a_reconcile():
        other = stack.fresh_instance()
        reconcile(other.store, other.forms, other.mappings, ReconcileOptions(**QUICK))

    def a_notification():
        other = stack.fresh_instance()
        handle_notification(FormsNotification(event_type="RESPONSES", form_id=FORM_ID), FORM_ID, other.store,
                            other.forms, other.mappings, lease_seconds=600)

    workers = [threading.Thread(target=run, args=(job,)) for job in [a_reconcile, a_reconcile] + [a_notification] * 5]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=240)
    assert not errors and not any(w.is_alive() for w in workers)
    assert stack.store.counters()["responses.total"] == expected
    assert recount(stack.store).consistent
