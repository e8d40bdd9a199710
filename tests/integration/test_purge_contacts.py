"""PDPA retention: after `purge-contacts --older-than 0` no reporter contact remains in
any Firestore document, the counters are unchanged, and running it again changes nothing."""

import json
from datetime import UTC, datetime

import pytest

from shared.services.ingest import ingest_responses
from shared.services.retention import purge_contacts
from shared.services.stats import stats_document
from tests.support import builders
from tests.support.contacts import contact_spellings

pytestmark = pytest.mark.emulator


def every_document_as_text(db):
    return "\n".join(json.dumps(doc.to_dict(), ensure_ascii=False, default=str)
                     for collection in db.collections() for doc in collection.stream())


def test_after_a_purge_of_everything_no_contact_remains_and_the_counters_are_unchanged(stack, sample):
    versions = sample["versions"][:80]
    ingest_responses(versions, stack.store, stack.mappings)
    pill = builders.response({"suggestions": "ก" * 400_000}, response_id="huge")  # quarantined, with contacts
    ingest_responses([pill], stack.store, stack.mappings)
    spellings = contact_spellings(versions) | contact_spellings([pill])
    db = stack.store._db
    text = every_document_as_text(db)
    assert [v for v in spellings if v in text], "the fixture must hold contacts first"
    before = stats_document(stack.store.counters())

    report = purge_contacts(stack.store, stack.mappings, datetime.now(UTC), older_than_days=0)
    assert report.responses_purged == len({v["responseId"] for v in versions})
    assert report.quarantined_excerpts_dropped == 1
    text = every_document_as_text(db)
    assert not [v for v in spellings if v in text]
    assert stats_document(stack.store.counters()) == before
    stored = db.collection("responses").document(versions[0]["responseId"]).get().to_dict()
    assert stored["lao_name"] and stored["problems"] and stored["reporter"].get("position") is not None

    again = purge_contacts(stack.store, stack.mappings, datetime.now(UTC), older_than_days=0)
    assert (again.responses_purged, again.already_purged) == (0, report.responses_purged)
    assert db.collection("system").document("purge_contacts").get().get("already_purged") == report.responses_purged


def test_responses_within_the_retention_period_keep_their_contacts(stack, sample):
    ingest_responses(sample["versions"][:10], stack.store, stack.mappings)
    report = purge_contacts(stack.store, stack.mappings, datetime.now(UTC), older_than_days=100_000)
    assert report.responses_purged == 0
    assert stack.store._db.collection("responses").document(
        sample["versions"][0]["responseId"]).get().get("reporter")["name"]
