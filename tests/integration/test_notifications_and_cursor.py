"""Notifications: the cursor, coalescing bursts, transient failures."""

import threading

import pytest

from shared.domain.timestamps import Instant
from shared.events import FormsNotification
from shared.ports import TransientError
from shared.services.ingest import ingest_new_responses
from shared.services.notifications import handle_notification
from shared.services.stats import stats_document
from tests.support import builders
from tests.support.stack import FORM_ID

pytestmark = pytest.mark.emulator


def notify(stack, event_type="RESPONSES", form_id=FORM_ID):
    notification = FormsNotification(event_type=event_type, form_id=form_id, message_id="m")
    return handle_notification(notification, FORM_ID, stack.store, stack.forms, stack.mappings, lease_seconds=60)


def test_with_no_cursor_everything_is_listed_and_the_cursor_moves_to_the_newest_at_full_precision(stack):
    for second in range(3):
        stack.state.submit(builders.response(created=f"2024-01-05T02:00:0{second}.123456789Z"))
    report = ingest_new_responses(stack.store, stack.forms, stack.mappings)
    assert report.outcomes == {"created": 3}
    assert stack.store.cursor() == Instant.parse("2024-01-05T02:00:02.123456789Z")


def test_the_next_listing_asks_only_for_what_is_newer_than_the_cursor(stack):
    stack.state.submit(builders.response(created="2024-01-05T02:00:00.000000001Z"))
    ingest_new_responses(stack.store, stack.forms, stack.mappings)
    stack.state.submit(builders.response(created="2024-01-05T02:00:00.000000002Z"))
    report = ingest_new_responses(stack.store, stack.forms, stack.mappings)
    # One nanosecond apart: a cursor rounded to microseconds would list both again.
    assert report.outcomes == {"created": 1}


def test_a_listing_reads_every_page(stack):
    for index in range(120):  # the test client asks for pages of 50
        stack.state.submit(builders.response(created=f"2024-01-05T02:{index // 60:02d}:{index % 60:02d}Z"))
    report = ingest_new_responses(stack.store, stack.forms, stack.mappings)
    assert report.outcomes == {"created": 120}
    assert stack.state.list_calls == 3


def test_a_forms_api_quota_error_raises_so_the_platform_retries(stack):
    stack.state.submit(builders.response())
    stack.state.fail_next = [429, 429, 429]  # the client itself retries twice first
    with pytest.raises(TransientError):
        notify(stack)
    assert stats_document(stack.store.counters())["responses"]["total"] == 0
    assert notify(stack).stored == 1  # the retry succeeds, and the lease was released


def test_a_notification_for_another_form_is_ignored(stack):
    stack.state.submit(builders.response())
    assert notify(stack, form_id="someone-elses-form").ignored
    assert stack.state.listings == 0


def test_a_schema_event_re_resolves_the_mapping(stack):
    stack.mappings.current()
    gets = stack.state.get_calls
    notify(stack)
    assert stack.state.get_calls == gets  # a RESPONSES event uses the kept mapping
    notify(stack, event_type="SCHEMA")
    assert stack.state.get_calls == gets + 1


def test_a_burst_of_notifications_becomes_at_most_one_follow_up_listing(stack):
    for second in range(5):
        stack.state.submit(builders.response(created=f"2024-01-05T02:00:0{second}Z"))
    stack.state.list_delay = 1.0  # the first listing is still in flight when the burst arrives
    instances = [stack.fresh_instance() for _ in range(8)]
    errors = []

    def deliver(instance):
        try:
            notify(instance)
        except Exception as exc:  # surfaced below
            errors.append(exc)

    first = threading.Thread(target=deliver, args=(instances[0],))
    first.start()
    while stack.state.listings == 0:
        threading.Event().wait(0.01)
    burst = [threading.Thread(target=deliver, args=(i,)) for i in instances[1:]]
    for thread in burst:
        thread.start()
    for thread in [first, *burst]:
        thread.join(30)
    assert not errors
    assert stack.state.listings == 2  # the one in flight, and one follow-up for all seven
    assert stats_document(stack.store.counters())["responses"]["total"] == 5


def test_a_lease_left_by_a_crashed_holder_is_taken_over_once_it_expires(stack):
    assert stack.store.try_acquire_listing_lease(seconds=1) is not None
    assert stack.store.try_acquire_listing_lease(seconds=60) is None
    threading.Event().wait(1.2)
    assert stack.store.try_acquire_listing_lease(seconds=60) is not None
