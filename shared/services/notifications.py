"""A Forms watch notification: list what is new, coalescing bursts.

Notifications carry no data, and the Forms API allows 180 responses.list calls
a minute per user. So a notification published before a completed listing began
needs nothing more; any other only records that a listing is wanted; one instance
at a time holds the listing lease, and when notifications arrived while it listed,
it lists once more for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.domain.lease import covered_by_listing
from shared.events import FormsNotification
from shared.ports import FormsGateway, ResponseStore
from shared.services.ingest import IngestReport, ingest_new_responses
from shared.services.mapping import MappingProvider

SCHEMA_EVENT = "SCHEMA"


@dataclass
class NotificationResult:
    listings: int = 0
    coalesced: bool = False  # another instance's listing covers this notification
    stored: int = 0
    ignored: bool = False  # meant for another form


def handle_notification(
    notification: FormsNotification, expected_form_id: str, store: ResponseStore,
    forms: FormsGateway, mappings: MappingProvider, lease_seconds: int,
) -> NotificationResult:
    result = NotificationResult()
    if notification.form_id != expected_form_id:
        # Permanent: retrying cannot make it ours. Logged by the caller.
        result.ignored = True
        return result
    if notification.event_type == SCHEMA_EVENT:
        mappings.refresh()
    elif covered_by_listing(notification.published_at, store.listing_started()):
        result.coalesced = True
        return result
    while True:
        token = store.try_acquire_listing_lease(lease_seconds)
        if token is None:
            # Someone is listing. Ask them for one more round, then try once more:
            # either the holder reads this request before it lets go, or it has
            # already let go and this instance gets the lease.
            store.note_listing_request()
            token = store.try_acquire_listing_lease(lease_seconds)
        if token is None:
            result.coalesced = result.listings == 0
            return result
        try:
            while True:
                seen = store.listing_requests()
                _add(result, ingest_new_responses(store, forms, mappings))
                if store.listing_requests() == seen:
                    break
        finally:
            store.release_listing_lease(token)
        if store.listing_requests() == seen:
            return result


def _add(result: NotificationResult, report: IngestReport) -> None:
    result.listings += 1
    result.stored += sum(n for outcome, n in report.outcomes.items() if outcome != "unchanged")
