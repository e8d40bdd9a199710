"""The Forms API's refusals, as the real API answers them, from our local server
through the real client: what each one becomes and what the services do about it."""

from datetime import UTC, datetime

import pytest

from shared.ports import FormsAccessDenied, TransientError, WatchAlreadyExists, WatchNotFound
from shared.services.ingest import ingest_new_responses
from shared.services.watches import ensure_watches
from tests.support import builders

pytestmark = pytest.mark.emulator
TOPIC = "projects/demo/topics/forms-watch"


def ensure(stack):
    return {a.event_type: a.action for a in ensure_watches(stack.forms, stack.store, TOPIC, datetime.now(UTC))}


def test_a_form_shared_only_as_responder_is_refused_with_the_fix_in_the_message(stack):
    stack.state.access = "responder"
    for call in (stack.forms.get_form, lambda: list(stack.forms.list_responses()), stack.forms.list_watches):
        with pytest.raises(FormsAccessDenied, match="as editor"):
            call()


def test_ingest_raises_the_refusal_so_the_platform_retries_and_stores_nothing(stack):
    stack.state.submit(builders.response())
    stack.state.access = "responder"
    with pytest.raises(FormsAccessDenied):
        ingest_new_responses(stack.store, stack.forms, stack.mappings)
    assert stack.store.counters().get("responses.total", 0) == 0
    stack.state.access = "editor"  # shared properly: the retry stores it
    ingest_new_responses(stack.store, stack.forms, stack.mappings)
    assert stack.store.counters()["responses.total"] == 1


def test_deleting_a_watch_that_is_gone_answers_403_and_reads_as_not_found(stack):
    with pytest.raises(WatchNotFound):
        stack.forms.delete_watch("watch-that-expired")
    assert stack.state.watch_calls == ["delete watch-that-expired"]


def test_a_suspended_watch_whose_delete_answers_403_is_still_recreated(stack):
    ensure(stack)
    suspended = next(w for w in stack.state.watches.values() if w["eventType"] == "RESPONSES")
    suspended.update(state="SUSPENDED", errorType="PERMISSION_DENIED")
    # Listed, then gone before the delete (as when Google removed it): the delete answers 403.
    after_listing(stack, lambda: stack.state.watches.pop(suspended["id"]))
    assert ensure(stack) == {"RESPONSES": "recreated", "SCHEMA": "kept"}
    assert f"delete {suspended['id']}" in stack.state.watch_calls
    assert [w["state"] for w in stack.state.watches.values() if w["eventType"] == "RESPONSES"] == ["ACTIVE"]


def test_a_second_watch_of_one_event_type_is_refused_400_failed_precondition(stack):
    stack.forms.create_watch("RESPONSES", TOPIC)
    with pytest.raises(WatchAlreadyExists):
        stack.forms.create_watch("RESPONSES", TOPIC)


def test_ensure_uses_the_watch_another_run_created_since_it_listed(stack):
    ensure(stack)
    responses_watch = next(w for w in stack.state.watches.values() if w["eventType"] == "RESPONSES")
    stack.state.watches.pop(responses_watch["id"])
    after_listing(stack, lambda: stack.state.watches.update({responses_watch["id"]: responses_watch}))
    actions = ensure_watches(stack.forms, stack.store, TOPIC, datetime.now(UTC))
    assert {a.event_type: a.action for a in actions} == {"RESPONSES": "found", "SCHEMA": "kept"}
    assert actions[0].watch["id"] == responses_watch["id"]


def after_listing(stack, change):
    """Change the server once, right after the next watches.list: a race with another actor."""
    real_list = stack.forms.list_watches

    def list_then_change():
        listed = real_list()
        stack.forms.list_watches = real_list
        change()
        return listed

    stack.forms.list_watches = list_then_change


@pytest.mark.parametrize("error", ["429-resource-exhausted", "500-internal", "503-unavailable"])
def test_quota_and_server_errors_are_retried_with_backoff_then_raised_for_the_platform(stack, error):
    stack.state.fail_next = [error] * 3  # the client's own two retries, then give up
    with pytest.raises(TransientError, match=error.split("-", 1)[0]):
        stack.forms.get_form()
    assert stack.state.get_calls == 0  # refused before it reached the form
    stack.state.fail_next = [error]  # one refusal: the client's backoff absorbs it
    assert stack.forms.get_form()["formId"] == "demo-form"


def test_a_429_with_retry_after_is_waited_out_as_the_server_asks(stack):
    slept = []
    stack.forms._sleep = slept.append
    stack.state.retry_after = "3"
    stack.state.fail_next = ["429-resource-exhausted"]
    assert stack.forms.get_form()["formId"] == "demo-form"
    assert slept == [3.0]


def test_a_retry_after_beyond_the_budget_gives_up_at_once_for_the_platform_to_retry(stack):
    slept = []
    stack.forms._sleep = slept.append
    stack.state.retry_after = "120"
    stack.state.fail_next = ["429-resource-exhausted"]
    with pytest.raises(TransientError, match="429 RESOURCE_EXHAUSTED"):
        stack.forms.get_form()
    assert slept == []


def test_a_failed_page_is_retried_alone_and_the_listing_goes_on(stack):
    for index in range(120):  # three pages of 50
        stack.state.submit(builders.response(created=f"2024-01-05T03:{index // 60:02d}:{index % 60:02d}Z"))
    stack.forms._sleep = lambda seconds: None
    listed = []
    for raw in stack.forms.list_responses():
        if len(listed) == 60:  # the second page has been read; the third fails once
            stack.state.fail_next = [503]
        listed.append(raw["responseId"])
    assert len(listed) == len(set(listed)) == 120
    assert stack.state.listings == 1  # one listing, not restarted
