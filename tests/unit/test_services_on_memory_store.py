"""The ingest, notification and reconcile services on the in-memory store (held to
FirestoreStore by the contract suite): the use cases in milliseconds, no emulator."""

import time

import pytest

from shared.domain.lease import COVERED_MARGIN_NS
from shared.domain.timestamps import Instant
from shared.events import FormsNotification
from shared.ports import TransientError
from shared.services.ingest import IngestIncomplete, RetryPolicy, ingest_new_responses
from shared.services.mapping import MappingProvider
from shared.services.notifications import handle_notification
from shared.services.reconcile import MassDeleteRefused, ReconcileOptions, reconcile
from shared.services.recount import recount
from tests.support import builders
from tests.support.memory_store import MemoryStore
from tools.write_form_json import canonical_form

FORM_ID = "demo-form"


class Forms:
    """The Forms API as the services see it: the form and its current responses."""

    def __init__(self):
        self.responses = {}
        self.listings = 0

    def submit(self, raw):
        self.responses[raw["responseId"]] = raw

    def get_form(self):
        return {**canonical_form(), "formId": FORM_ID}

    def list_responses(self, after=None):
        self.listings += 1
        return iter([r for r in self.responses.values()
                     if after is None or Instant.parse(r["lastSubmittedTime"]) > after])


@pytest.fixture
def world():
    store, forms = MemoryStore(), Forms()
    return store, forms, MappingProvider(store, forms, ttl_seconds=3600)


def notify(world, published_at=None):
    store, forms, mappings = world
    notification = FormsNotification(event_type="RESPONSES", form_id=FORM_ID, published_at=published_at)
    return handle_notification(notification, FORM_ID, store, forms, mappings, lease_seconds=600)


def test_a_notification_stores_what_is_new_and_a_duplicate_lists_only_past_the_cursor(world):
    store, forms, _ = world
    for second in range(3):
        forms.submit(builders.response(created=f"2024-01-05T03:00:0{second}Z"))
    assert notify(world).stored == 3
    assert notify(world).stored == 0
    assert store.counters()["responses.total"] == 3 and recount(store).consistent


def test_a_notification_while_another_instance_lists_only_leaves_a_request(world):
    store, _, _ = world
    holder = store.try_acquire_listing_lease(600)
    result = notify(world)
    assert result.coalesced and result.listings == 0 and store.listing_requests() == 1
    store.release_listing_lease(holder)


def test_reconcile_marks_deleted_and_refuses_a_mass_deletion(world):
    store, forms, mappings = world
    raws = [builders.response(created=f"2024-01-05T03:00:{s:02d}Z") for s in range(20)]
    for raw in raws:
        forms.submit(raw)
    reconcile(store, forms, mappings, ReconcileOptions(poll_seconds=0))
    del forms.responses[raws[0]["responseId"]]
    assert reconcile(store, forms, mappings, ReconcileOptions(poll_seconds=0)).deleted == 1
    forms.responses.clear()
    with pytest.raises(MassDeleteRefused):
        reconcile(store, forms, mappings, ReconcileOptions(poll_seconds=0))
    assert store.count_stored() == 19 and recount(store).consistent


def test_a_notification_published_before_a_completed_listing_began_needs_no_listing_of_its_own(world):
    store, forms, _ = world
    forms.submit(builders.response(created="2024-01-05T03:00:00Z"))
    assert notify(world).stored == 1
    began = store.listing_started()
    before = notify(world, Instant(began.ns - COVERED_MARGIN_NS))
    assert before.coalesced and before.listings == 0 and forms.listings == 1
    within_the_margin = notify(world, Instant(began.ns - COVERED_MARGIN_NS // 2))
    assert within_the_margin.listings == 1 and forms.listings == 2
    assert notify(world, Instant(time.time_ns())).listings == 1  # published after every listing
    assert store.listing_started().ns > began.ns


def test_a_listing_that_did_not_store_everything_covers_no_notification(world):
    _, forms, mappings = world
    forms.submit(builders.response(created="2024-01-05T03:00:00Z", response_id="r1"))
    published = Instant(time.time_ns() - 10 * COVERED_MARGIN_NS)
    failing = MemoryStore()
    failing.save_version = lambda *a, **k: (_ for _ in ()).throw(TransientError("lock timeout"))  # type: ignore
    with pytest.raises(IngestIncomplete):
        ingest_new_responses(failing, forms, mappings, retry=RetryPolicy(budget_seconds=0))
    assert failing.listing_started() is None
    assert notify(world, published).stored == 1  # still listed for, and stored
