"""What the services need from the outside world. Adapters implement these."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from shared.domain.counting import CountedResponse
from shared.domain.evaluation import Evaluation
from shared.domain.form_mapping import FormMapping
from shared.domain.responses import FormResponse
from shared.domain.timestamps import Instant
from shared.domain.versions import SaveOutcome

__all__ = ["SaveOutcome"]  # decided in shared.domain.versions; re-exported for the adapters and services


class TransientError(Exception):
    """A failure worth retrying (quota, 5xx, unavailable): the platform retries."""


class Unstorable(Exception):
    """This version can never be written as it is (a Firestore limit): quarantine it, move on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class StoredVersion:
    submitted_ns: int
    deleted: bool


@dataclass(frozen=True)
class ReconcileRecord:
    ran_at: datetime
    form_response_count: int
    stored_count: int
    ingested: int
    deleted: int
    restored: int
    reprocessed: int
    quarantined: int = 0  # listed, but cannot be stored as they are (malformed_responses)

    @property
    def counts_match(self) -> bool:
        return self.form_response_count == self.stored_count + self.quarantined


@dataclass(frozen=True)
class CounterSnapshot:
    """Stored counters and the responses they count, read at one instant."""

    counters: dict[str, int]
    responses: list[CountedResponse]
    read_time: datetime


class FormsGateway(Protocol):
    def get_form(self) -> dict[str, Any]: ...

    def list_responses(self, after: Instant | None = None) -> Iterator[dict[str, Any]]:
        """Every response (all pages), or those with a timestamp strictly after ``after``."""
        ...


class Responses(Protocol):
    """The stored responses: each version applied with its counter changes, atomically."""

    def save_version(
        self, response: FormResponse, raw: dict[str, Any], evaluation: Evaluation,
        *, reevaluate_equal: bool = False,
    ) -> SaveOutcome:
        """Store a response version and move the counters with it, atomically; raises
        Unstorable before writing anything when it can never be stored as it is."""
        ...

    def mark_deleted(self, response_id: str) -> bool: ...

    def record_malformed(self, raw: dict[str, Any], problem: str) -> bool:
        """Quarantine a response that cannot be stored; True the first time this content is seen."""
        ...

    def stored_versions(self) -> dict[str, StoredVersion]: ...

    def count_stored(self) -> int:
        """Responses stored and not deleted (an aggregation: one read per 1,000)."""
        ...

    def invalid_responses(self) -> Iterable[dict[str, Any]]:
        """The raw API payload of every response whose current version is invalid."""
        ...

    def current_responses(self) -> Iterable[dict[str, Any]]:
        """The raw API payload of every stored response not deleted: what a migration re-evaluates."""
        ...


class MappingRecord(Protocol):
    """system/form_mapping: the question mapping, shared by every instance."""

    def load_mapping(self) -> FormMapping | None: ...

    def save_mapping(self, mapping: FormMapping) -> None: ...


class Progress(Protocol):
    """How far the listings got, and what reconcile found."""

    def cursor(self) -> Instant | None: ...

    def advance_cursor(self, to: Instant) -> None:
        """Forward only: a lower value leaves the cursor where it is."""
        ...

    def listing_started(self) -> Instant | None:
        """When the latest listing that stored everything it found began."""
        ...

    def record_listing_started(self, at: Instant) -> None:
        """Forward only, as the cursor."""
        ...

    def record_reconcile(self, record: ReconcileRecord) -> None: ...

    def record_reconcile_failure(self, failed_at: datetime, error: str) -> None: ...


class ListingLease(Protocol):
    """One lister at a time; the others leave a request that the holder honours."""

    def note_listing_request(self) -> None: ...

    def listing_requests(self) -> int: ...

    def try_acquire_listing_lease(self, seconds: int) -> str | None: ...

    def release_listing_lease(self, token: str) -> None: ...


class Counters(Protocol):
    def counters(self) -> dict[str, int]: ...

    def counter_snapshot(self) -> CounterSnapshot: ...

    def apply_counter_delta(self, delta: dict[str, int]) -> None: ...


class ResponseStore(Responses, MappingRecord, Progress, ListingLease, Counters, Protocol):
    """Everything a function instance's store does (FirestoreStore; the in-memory fake)."""


class FormsAccessDenied(Exception):
    """The Forms API refused the reader identity (403 PERMISSION_DENIED): the form is
    not shared with it as editor. Permanent until someone shares it; the message says how."""


class WatchNotFound(Exception):
    """The watch is gone (an expired watch answers renew with NOT_FOUND; deleting a
    missing watch has answered 403 "Watch not found or permission denied")."""


class WatchAlreadyExists(Exception):
    """A watch of this event type exists already (400 FAILED_PRECONDITION): one per type per form."""


class WatchGateway(Protocol):
    def list_watches(self) -> list[dict[str, Any]]: ...

    def create_watch(self, event_type: str, topic: str) -> dict[str, Any]: ...

    def renew_watch(self, watch_id: str) -> dict[str, Any]: ...

    def delete_watch(self, watch_id: str) -> None: ...


class WatchRecorder(Protocol):
    def record_watches(self, state: dict[str, dict[str, Any]]) -> None: ...
