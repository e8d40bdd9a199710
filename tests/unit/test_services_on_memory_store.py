"""The ingest, notification and reconcile services on the in-memory store (held to
FirestoreStore by the contract suite): the use cases in milliseconds, no emulator."""

import pytest

from shared.domain.timestamps import Instant
from shared.events import FormsNotification
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


def notify(world):
    store, forms, mappings = world
    return handle_notification(FormsNotification(event_type="RESPONSES", form_id=FORM_ID), FORM_ID, store, forms,
                               mappings, lease_seconds=600)


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
