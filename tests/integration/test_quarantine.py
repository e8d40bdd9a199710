"""Poison pills: a response that can never be stored as it is is quarantined once, and
every other response, older or newer, is stored and counted as usual."""

import pytest

from shared.services.ingest import ingest_new_responses
from shared.services.reconcile import ReconcileOptions, reconcile
from tests.support import builders

pytestmark = pytest.mark.emulator


def quarantined(stack):
    return [d.to_dict() for d in stack.store._db.collection("malformed_responses").stream()]


def poison_pills():
    huge = builders.response({"suggestions": "ก" * 400_000}, response_id="huge",
                              created="2024-01-05T03:00:01Z")  # ~1.2 MB of UTF-8 twice over
    slashed = builders.response(response_id="a/b/c", created="2024-01-05T03:00:02Z")
    long_id = builders.response(response_id="x" * 1501, created="2024-01-05T03:00:03Z")
    no_time = builders.response(response_id="no-time", created="2024-01-05T03:00:04Z")
    del no_time["lastSubmittedTime"]
    return [huge, slashed, long_id, no_time]


def test_poison_pills_are_quarantined_and_the_responses_around_them_are_stored(stack, capfd):
    stack.state.submit(builders.response(response_id="before", created="2024-01-05T03:00:00Z"))
    for pill in poison_pills():
        stack.state.submit(pill)
    stack.state.submit(builders.response(response_id="after", created="2024-01-05T03:00:05Z", lao_name="โนนสูง"))

    report = ingest_new_responses(stack.store, stack.forms, stack.mappings)
    assert report.malformed == 4
    assert stack.store.counters()["responses.total"] == 2
    assert stack.store.cursor().rfc3339() == "2024-01-05T03:00:05Z"  # moved past every pill
    problems = sorted(q["problem"] for q in quarantined(stack))
    assert problems == ["document_too_large", "id_has_slash", "id_too_long", "unreadable: lastSubmittedTime"]
    assert all(len(q["raw_excerpt"]) <= 10_000 for q in quarantined(stack))
    assert capfd.readouterr().err.count('"response quarantined: it cannot be stored as it is"') == 4


def test_reconcile_records_the_quarantined_and_still_counts_the_form_as_matching(stack, capfd):
    stack.state.submit(builders.response(response_id="ok", created="2024-01-05T03:00:00Z"))
    for pill in poison_pills():
        stack.state.submit(pill)
    first = reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions())
    assert (first.form_response_count, first.stored_count, first.quarantined) == (5, 1, 4)
    assert first.counts_match
    capfd.readouterr()
    again = reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions())
    assert again.quarantined == 4 and len(quarantined(stack)) == 4
    assert '"response quarantined' not in capfd.readouterr().err  # logged once, not every hour
    record = stack.store._db.collection("system").document("reconcile").get().to_dict()
    assert record["quarantined"] == 4 and record["counts_match"] is True


def test_a_quarantined_response_edited_into_shape_is_stored(stack):
    pill = builders.response({"suggestions": "ก" * 400_000}, response_id="huge", created="2024-01-05T03:00:01Z")
    stack.state.submit(pill)
    ingest_new_responses(stack.store, stack.forms, stack.mappings)
    stack.state.submit(builders.response({"suggestions": "สั้นลงแล้ว"}, response_id="huge",
                                         created="2024-01-05T03:00:01Z", submitted="2024-01-06T03:00:00Z"))
    ingest_new_responses(stack.store, stack.forms, stack.mappings)
    assert stack.store.counters()["responses.total"] == 1
