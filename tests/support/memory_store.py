"""An in-memory ResponseStore built on the same domain decisions and document shapes
as FirestoreStore, so services can be tested in milliseconds. The contract suite
(tests/integration/test_store_contract.py) holds the two to the same behaviour."""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from shared.adapters.documents import (
    RESPONSES,
    counted_from_document,
    lao_document,
    lao_from_document,
    response_document,
    stored_state,
)
from shared.domain.counting import CountedResponse, affected_laos, plan_transition, with_data_version
from shared.domain.evaluation import Evaluation
from shared.domain.form_mapping import FormMapping
from shared.domain.lease import lease_until, may_take_over
from shared.domain.responses import FormResponse
from shared.domain.storage_limits import document_problem
from shared.domain.timestamps import Instant
from shared.domain.versions import SaveOutcome, decide
from shared.ports import CounterSnapshot, ReconcileRecord, StoredVersion, Unstorable


class MemoryStore:
    def __init__(self) -> None:
        self._lock = threading.RLock()  # one lock: every method is atomic, as a transaction is
        self.responses: dict[str, dict[str, Any]] = {}
        self.laos: dict[str, dict[str, Any]] = {}
        self._counters: Counter[str] = Counter()
        self.malformed: dict[str, dict[str, Any]] = {}
        self._mapping: FormMapping | None = None
        self._cursor: int | None = None
        self._listing_started: int | None = None
        self.reconcile_record: dict[str, Any] = {}
        self._requests = 0
        self._lease: dict[str, Any] | None = None

    # --- Responses ---
    def save_version(self, response: FormResponse, raw: dict[str, Any], evaluation: Evaluation,
                     *, reevaluate_equal: bool = False) -> SaveOutcome:
        document = response_document(response, raw, evaluation)
        if problem := document_problem((RESPONSES, response.response_id), document):
            raise Unstorable(problem)
        with self._lock:
            old = self.responses.get(response.response_id)
            outcome = decide(stored_state(old), response.submitted.ns, reevaluate_equal=reevaluate_equal)
            if outcome is SaveOutcome.UNCHANGED:
                return outcome
            self._apply(counted_from_document(old) if old else None, counted_from_document(document), evaluation)
            self.responses[response.response_id] = document
            return outcome

    def mark_deleted(self, response_id: str) -> bool:
        with self._lock:
            old = self.responses.get(response_id)
            if old is None or old.get("deleted"):
                return False
            self._apply(counted_from_document(old), counted_from_document({**old, "deleted": True}), None)
            self.responses[response_id] = {**old, "deleted": True}
            return True

    def _apply(self, before: CountedResponse | None, after: CountedResponse, evaluation: Evaluation | None) -> None:
        lao_ids = affected_laos(before, after)
        transition = plan_transition(before, after, {i: lao_from_document(i, self.laos.get(i)) for i in lao_ids})
        for lao_id in lao_ids:
            display = evaluation if after.counts_for_lao and after.lao_id == lao_id else None
            self.laos[lao_id] = {**self.laos.get(lao_id, {}), **lao_document(transition.laos[lao_id], display)}
        self._counters.update(with_data_version(transition.counter_delta))

    def record_malformed(self, raw: dict[str, Any], problem: str) -> bool:
        key = hashlib.sha256(json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
        with self._lock:
            if key in self.malformed:
                return False
            self.malformed[key] = {"problem": problem, "response_id": raw.get("responseId")}
            return True

    def stored_versions(self) -> dict[str, StoredVersion]:
        with self._lock:
            return {rid: StoredVersion(int(d["last_submitted_ns"]), bool(d.get("deleted")))
                    for rid, d in self.responses.items()}

    def count_stored(self) -> int:
        with self._lock:
            return sum(not d.get("deleted") for d in self.responses.values())

    def invalid_responses(self) -> list[dict[str, Any]]:
        with self._lock:
            return [d["raw"] for d in self.responses.values() if d["state"] == "invalid" and not d.get("deleted")]

    def current_responses(self) -> list[dict[str, Any]]:
        with self._lock:
            return [d["raw"] for d in self.responses.values() if not d.get("deleted")]

    # --- MappingRecord ---
    def load_mapping(self) -> FormMapping | None:
        return self._mapping

    def save_mapping(self, mapping: FormMapping) -> None:
        self._mapping = mapping

    # --- Progress ---
    def cursor(self) -> Instant | None:
        return Instant(self._cursor) if self._cursor is not None else None

    def advance_cursor(self, to: Instant) -> None:
        with self._lock:
            self._cursor = max(self._cursor or 0, to.ns)

    def listing_started(self) -> Instant | None:
        return Instant(self._listing_started) if self._listing_started is not None else None

    def record_listing_started(self, at: Instant) -> None:
        with self._lock:
            self._listing_started = max(self._listing_started or 0, at.ns)

    def record_reconcile(self, record: ReconcileRecord) -> None:
        self.reconcile_record = {**record.__dict__, "counts_match": record.counts_match}

    def record_reconcile_failure(self, failed_at: datetime, error: str) -> None:
        self.reconcile_record = {**self.reconcile_record, "last_failure_at": failed_at, "last_error": error}

    # --- ListingLease ---
    def note_listing_request(self) -> None:
        with self._lock:
            self._requests += 1

    def listing_requests(self) -> int:
        return self._requests

    def try_acquire_listing_lease(self, seconds: int) -> str | None:
        now = datetime.now(UTC)
        with self._lock:
            if self._lease is not None and not may_take_over(self._lease["expires_at"], now):
                return None
            self._lease = {"token": uuid.uuid4().hex, "expires_at": lease_until(now, seconds)}
            return str(self._lease["token"])

    def release_listing_lease(self, token: str) -> None:
        with self._lock:
            if self._lease is not None and self._lease["token"] == token:
                self._lease = None

    # --- Counters ---
    def counters(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counters)

    def counter_snapshot(self) -> CounterSnapshot:
        with self._lock:
            return CounterSnapshot(dict(self._counters), [counted_from_document(d) for d in self.responses.values()],
                                   datetime.now(UTC))

    def apply_counter_delta(self, delta: dict[str, int]) -> None:
        with self._lock:
            self._counters.update(delta)
