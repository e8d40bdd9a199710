"""The watch lifecycle against our local Forms API, recorded in the Firestore emulator."""

from datetime import UTC, datetime, timedelta

import pytest

from shared.domain.timestamps import Instant
from shared.services.watches import ensure_watches

pytestmark = pytest.mark.emulator
TOPIC = "projects/demo/topics/forms-watch"


def ensure(stack, now=None):
    return {a.event_type: a.action for a in ensure_watches(stack.forms, stack.store, TOPIC, now or datetime.now(UTC))}


def expire_in(stack, event_type, delta):
    watch = next(w for w in stack.state.watches.values() if w["eventType"] == event_type)
    watch["expireTime"] = Instant.from_datetime(datetime.now(UTC) + delta).rfc3339()
    return watch


def test_missing_watches_are_created_for_both_event_types_and_recorded(stack):
    assert ensure(stack) == {"RESPONSES": "created", "SCHEMA": "created"}
    assert {w["target"]["topic"]["topicName"] for w in stack.state.watches.values()} == {TOPIC}
    record = stack.store._db.collection("system").document("watches").get().to_dict()
    assert record["RESPONSES"]["state"] == "ACTIVE" and record["SCHEMA"]["last_action"] == "created"


def test_healthy_watches_are_kept_and_one_expiring_within_48_hours_is_renewed(stack):
    ensure(stack)
    assert ensure(stack) == {"RESPONSES": "kept", "SCHEMA": "kept"}
    watch = expire_in(stack, "RESPONSES", timedelta(hours=47))
    assert ensure(stack) == {"RESPONSES": "renewed", "SCHEMA": "kept"}
    assert Instant.parse(watch["expireTime"]).to_datetime() > datetime.now(UTC) + timedelta(days=6)
    assert f"renew {watch['id']}" in stack.state.watch_calls


def test_an_expired_or_suspended_watch_is_recreated(stack):
    ensure(stack)
    expire_in(stack, "RESPONSES", timedelta(minutes=-1))
    suspended = next(w for w in stack.state.watches.values() if w["eventType"] == "SCHEMA")
    suspended.update(state="SUSPENDED", errorType="PERMISSION_DENIED")
    assert ensure(stack) == {"RESPONSES": "recreated", "SCHEMA": "recreated"}
    assert sorted(w["eventType"] for w in stack.state.watches.values()) == ["RESPONSES", "SCHEMA"]
    record = stack.store._db.collection("system").document("watches").get().to_dict()
    assert record["SCHEMA"]["previous_error_type"] == "PERMISSION_DENIED"
    assert record["SCHEMA"]["state"] == "ACTIVE"
