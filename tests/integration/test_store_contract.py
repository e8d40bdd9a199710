"""One contract, two stores: the in-memory fake the unit tests use and FirestoreStore on
the emulator behave alike, so what a fake-based test shows holds for Firestore."""

import time
import uuid

import pytest
from google.cloud import firestore

from shared.adapters.firestore_store import FirestoreStore
from shared.domain.evaluation import evaluate
from shared.domain.responses import FormResponse
from shared.domain.timestamps import Instant
from shared.domain.versions import SaveOutcome
from shared.ports import Unstorable
from shared.services.recount import recount
from tests.support import builders
from tests.support.memory_store import MemoryStore

pytestmark = pytest.mark.emulator
MAPPING = builders.mapping()


@pytest.fixture(params=["memory", "firestore"])
def store(request):
    if request.param == "memory":
        return MemoryStore()
    request.getfixturevalue("firestore_host")
    return FirestoreStore(firestore.Client(project=f"demo-{uuid.uuid4().hex[:12]}"), counter_shards=4)


def save(store, raw, **kwargs):
    response = FormResponse.from_api(raw)
    return store.save_version(response, raw, evaluate(response, MAPPING), **kwargs)


def test_versions_are_decided_the_same_way_and_counted_once(store):
    first = builders.response(response_id="r1", created="2024-01-05T03:00:00Z")
    edit = builders.response({"lao_name": "โนนสูง"}, response_id="r1", created="2024-01-05T03:00:00Z",
                             submitted="2024-01-05T04:00:00Z")
    assert save(store, first) is SaveOutcome.CREATED
    assert save(store, first) is SaveOutcome.UNCHANGED
    assert save(store, edit) is SaveOutcome.UPDATED
    assert save(store, first) is SaveOutcome.UNCHANGED  # a late delivery of the older version
    assert store.counters()["responses.total"] == 1 and store.counters()["laos_reporting"] == 1
    assert recount(store).consistent


def test_a_deleted_response_stops_counting_and_comes_back_when_listed_again(store):
    raw = builders.response(response_id="r1")
    save(store, raw)
    assert store.mark_deleted("r1") and not store.mark_deleted("r1")
    assert store.counters().get("responses.deleted") == 1 and store.counters().get("laos_reporting", 0) == 0
    assert store.count_stored() == 0 and store.stored_versions()["r1"].deleted
    assert save(store, raw) is SaveOutcome.RESTORED
    assert store.count_stored() == 1 and recount(store).consistent


def test_an_invalid_response_is_listed_for_reprocessing_and_reevaluated_at_its_version(store):
    raw = builders.response({"district": None}, response_id="r1")
    save(store, raw)
    assert [r["responseId"] for r in store.invalid_responses()] == ["r1"]
    assert save(store, raw, reevaluate_equal=True) is SaveOutcome.REEVALUATED


def test_what_can_never_be_stored_is_refused_before_any_write(store):
    with pytest.raises(Unstorable, match="id_has_slash"):
        save(store, builders.response(response_id="a/b"))
    assert store.counters().get("responses.total", 0) == 0
    assert store.record_malformed({"responseId": "a/b"}, "id_has_slash")
    assert not store.record_malformed({"responseId": "a/b"}, "id_has_slash")


def test_the_cursor_only_moves_forward(store):
    assert store.cursor() is None
    store.advance_cursor(Instant.parse("2024-01-05T03:00:00.000000002Z"))
    store.advance_cursor(Instant.parse("2024-01-05T03:00:00.000000001Z"))
    assert store.cursor() == Instant.parse("2024-01-05T03:00:00.000000002Z")


def test_when_the_last_complete_listing_began_only_moves_forward(store):
    assert store.listing_started() is None
    store.record_listing_started(Instant(2_000))
    store.record_listing_started(Instant(1_000))
    assert store.listing_started() == Instant(2_000)


def test_one_listing_lease_at_a_time_taken_over_only_after_it_expires(store):
    token = store.try_acquire_listing_lease(60)
    assert token and store.try_acquire_listing_lease(60) is None
    store.release_listing_lease("not-the-holder")
    assert store.try_acquire_listing_lease(60) is None
    store.release_listing_lease(token)
    short = store.try_acquire_listing_lease(1)
    assert short
    time.sleep(1.1)
    assert store.try_acquire_listing_lease(60) not in (None, short)
    before = store.listing_requests()
    store.note_listing_request()
    assert store.listing_requests() == before + 1
