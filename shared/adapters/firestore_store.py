"""The ResponseStore on Cloud Firestore.

Each response version is written in one transaction together with the records
of the LAOs it leaves or joins and the counter increments that go with them, so
counters can never disagree with the data. Counters are spread over shard
documents written with Increment transforms only: no transaction ever reads a
counter, so concurrent ingestion does not serialise on one hot document.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import time
import uuid
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from google.api_core import exceptions as gexc
from google.cloud import firestore

from shared.adapters.documents import (
    COUNTERS,
    LAOS,
    MALFORMED,
    RESPONSES,
    SYSTEM,
    counted_from_document,
    lao_document,
    lao_from_document,
    nested,
    response_document,
    stored_state,
    sum_shards,
)
from shared.adapters.firestore_metering import meter
from shared.domain.counting import CountedResponse, affected_laos, plan_transition, with_data_version
from shared.domain.evaluation import Evaluation
from shared.domain.form_mapping import FormMapping
from shared.domain.lease import lease_until, may_take_over
from shared.domain.responses import FormResponse
from shared.domain.storage_limits import document_problem
from shared.domain.timestamps import Instant
from shared.domain.versions import decide
from shared.ports import CounterSnapshot, ReconcileRecord, SaveOutcome, StoredVersion, TransientError, Unstorable

MALFORMED_EXCERPT_CHARS = 10_000
_TRANSIENT = (gexc.ServiceUnavailable, gexc.DeadlineExceeded, gexc.InternalServerError,
              gexc.TooManyRequests, gexc.Aborted, gexc.ResourceExhausted)
# The emulator's pessimistic locks make contended commits slow rather than aborted;
# in production Firestore aborts and the client re-runs the transaction.
_TRANSACTION_ATTEMPTS = 10
_SNAPSHOT_SETTLE_SECONDS = 1.0


@functools.cache
def firestore_client(project: str) -> firestore.Client:
    """One client per instance, created on first use (cold starts stay cheap)."""
    return meter(firestore.Client(project=project))


class FirestoreStore:
    def __init__(self, client: firestore.Client, counter_shards: int = 8) -> None:
        self._db = client
        self._shards = counter_shards

    def ping(self) -> None:
        """One read with no retry: reachable, and this identity may read (for `doctor`)."""
        self._db.collection(SYSTEM).document("form_mapping").get(timeout=15, retry=None)

    # --- responses --------------------------------------------------------

    def save_version(
        self, response: FormResponse, raw: dict[str, Any], evaluation: Evaluation,
        *, reevaluate_equal: bool = False,
    ) -> SaveOutcome:
        document = response_document(response, raw, evaluation)
        if problem := document_problem((RESPONSES, response.response_id), document):
            raise Unstorable(problem)  # before any write: nothing partial, nothing counted
        ref = self._db.collection(RESPONSES).document(response.response_id)

        @firestore.transactional
        def run(transaction: firestore.Transaction) -> SaveOutcome:
            snapshot = ref.get(transaction=transaction)
            old = snapshot.to_dict() if snapshot.exists else None
            outcome = decide(stored_state(old), response.submitted.ns, reevaluate_equal=reevaluate_equal)
            if outcome is SaveOutcome.UNCHANGED:
                return outcome
            doc = {**document, "first_stored_at": (old or {}).get("first_stored_at", firestore.SERVER_TIMESTAMP),
                   "updated_at": firestore.SERVER_TIMESTAMP}
            before = counted_from_document(old) if old else None
            self._apply(transaction, before, counted_from_document(doc), evaluation)
            transaction.set(ref, doc)
            return outcome

        try:
            outcome: SaveOutcome = self._run(run)
        except gexc.InvalidArgument as exc:  # a limit we did not foresee: permanent, and nothing was written
            raise Unstorable("rejected_by_firestore") from exc
        return outcome

    def mark_deleted(self, response_id: str) -> bool:
        ref = self._db.collection(RESPONSES).document(response_id)

        @firestore.transactional
        def run(transaction: firestore.Transaction) -> bool:
            snapshot = ref.get(transaction=transaction)
            old = snapshot.to_dict() if snapshot.exists else None
            if old is None or old.get("deleted"):
                return False
            before = counted_from_document(old)
            after = counted_from_document({**old, "deleted": True})
            self._apply(transaction, before, after, None)
            transaction.update(ref, {"deleted": True, "deleted_at": firestore.SERVER_TIMESTAMP,
                                     "updated_at": firestore.SERVER_TIMESTAMP})
            return True

        marked: bool = self._run(run)
        return marked

    def _apply(self, transaction: firestore.Transaction, before: CountedResponse | None,
               after: CountedResponse, evaluation: Evaluation | None) -> None:
        """Read the LAO records this change touches, then write them and the counters.

        Reading the records inside the transaction is what makes two responses of
        one LAO, ingested at once, unable to both believe they are its first.
        """
        lao_ids = affected_laos(before, after)
        refs = [self._db.collection(LAOS).document(i) for i in lao_ids]
        found: dict[str, dict[str, Any]] = {}
        if refs:  # the emulator fails a batch get of nothing
            found = {s.id: s.to_dict() or {} for s in self._db.get_all(refs, transaction=transaction) if s.exists}
        transition = plan_transition(before, after, {i: lao_from_document(i, found.get(i)) for i in lao_ids})
        for ref in refs:
            record = transition.laos[ref.id]
            display = evaluation if after.counts_for_lao and after.lao_id == ref.id else None
            # A full write (no merge), so members that left are really gone; the
            # readable fields stay as the last member that wrote them left them.
            doc = {**found.get(ref.id, {}), **lao_document(record, display),
                   "updated_at": firestore.SERVER_TIMESTAMP}
            transaction.set(ref, doc)
        increments = nested(with_data_version(transition.counter_delta), firestore.Increment)
        transaction.set(self._shard(after.response_id), increments, merge=True)

    def _shard(self, key: str) -> firestore.DocumentReference:
        index = zlib.crc32(key.encode()) % self._shards
        return self._db.collection(COUNTERS).document(f"shard-{index:02d}")

    def _run(self, body: Any) -> Any:
        try:
            return body(self._db.transaction(max_attempts=_TRANSACTION_ATTEMPTS))
        except _TRANSIENT as exc:
            raise TransientError(f"Firestore: {exc.__class__.__name__}") from exc
        except ValueError as exc:
            # The client's "Failed to commit transaction in N attempts", or the rollback after a
            # transient failure ("The transaction has no transaction ID, so it cannot be rolled back").
            if "Failed to commit transaction" in str(exc) or isinstance(exc.__context__, _TRANSIENT):
                raise TransientError(f"Firestore: {(exc.__context__ or exc).__class__.__name__}") from exc
            raise

    def record_malformed(self, raw: dict[str, Any], problem: str) -> bool:
        body = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str)
        doc_id = hashlib.sha256(body.encode()).hexdigest()[:32]  # one record per distinct content
        response_id = raw.get("responseId") if isinstance(raw, dict) else None
        try:
            self._db.collection(MALFORMED).document(doc_id).create({
                "response_id": str(response_id)[:MALFORMED_EXCERPT_CHARS // 10] if response_id else None,
                "problem": problem, "size_bytes": len(body.encode()),
                # Bounded: the whole payload may be what broke a limit.
                "raw_excerpt": body[:MALFORMED_EXCERPT_CHARS], "recorded_at": firestore.SERVER_TIMESTAMP,
            })
        except gexc.AlreadyExists:
            return False
        return True

    def stored_versions(self) -> dict[str, StoredVersion]:
        query = self._db.collection(RESPONSES).select(["last_submitted_ns", "deleted"])
        return {s.id: StoredVersion(int(s.get("last_submitted_ns")), bool(s.get("deleted"))) for s in query.stream()}

    def count_stored(self) -> int:
        query: Any = self._db.collection(RESPONSES).where(filter=firestore.FieldFilter("deleted", "==", False))
        return int(query.count().get()[0][0].value)

    def invalid_responses(self) -> Iterable[dict[str, Any]]:
        query = self._db.collection(RESPONSES).where(filter=firestore.FieldFilter("state", "==", "invalid"))
        for snapshot in query.select(["raw", "deleted"]).stream():
            if not snapshot.get("deleted"):
                yield snapshot.get("raw")

    def current_responses(self) -> Iterable[dict[str, Any]]:
        query = self._db.collection(RESPONSES).where(filter=firestore.FieldFilter("deleted", "==", False))
        for snapshot in query.select(["raw"]).stream():
            yield snapshot.get("raw")

    # --- form mapping, cursor, reconcile record ---------------------------

    def load_mapping(self) -> FormMapping | None:
        snapshot = self._db.collection(SYSTEM).document("form_mapping").get()
        return FormMapping.model_validate(snapshot.to_dict()) if snapshot.exists else None

    def save_mapping(self, mapping: FormMapping) -> None:
        doc = mapping.model_dump(mode="python")
        doc["broken"] = mapping.broken
        self._db.collection(SYSTEM).document("form_mapping").set(doc)

    def cursor(self) -> Instant | None:
        return self._progress_instant("last_submitted_ns")

    def advance_cursor(self, to: Instant) -> None:
        # Maximum is a server-side transform: the cursor only moves forward, with no
        # read-modify-write race between instances.
        self._db.collection(SYSTEM).document("cursor").set(
            {"last_submitted_ns": firestore.Maximum(to.ns), "updated_at": firestore.SERVER_TIMESTAMP},
            merge=True,
        )

    def listing_started(self) -> Instant | None:
        return self._progress_instant("listing_started_ns")

    def _progress_instant(self, field: str) -> Instant | None:
        """A field of system/cursor, which may hold either field before the other is written."""
        value = (self._db.collection(SYSTEM).document("cursor").get().to_dict() or {}).get(field)
        return Instant(int(value)) if value is not None else None

    def record_listing_started(self, at: Instant) -> None:
        self._db.collection(SYSTEM).document("cursor").set({"listing_started_ns": firestore.Maximum(at.ns)},
                                                          merge=True)

    def record_reconcile(self, record: ReconcileRecord) -> None:
        self._db.collection(SYSTEM).document("reconcile").set({
            "ran_at": record.ran_at,
            "form_response_count": record.form_response_count,
            "stored_count": record.stored_count,
            "counts_match": record.counts_match,
            "ingested": record.ingested,
            "deleted": record.deleted,
            "restored": record.restored,
            "reprocessed": record.reprocessed,
            "quarantined": record.quarantined,
        })

    # --- retention (purge-contacts) -------------------------------------------

    def responses_first_submitted_before(self, cutoff: datetime) -> Iterable[tuple[str, dict[str, Any]]]:
        query: Any = (self._db.collection(RESPONSES).where(filter=firestore.FieldFilter("create_time", "<", cutoff))
                      .select(["raw", "reporter", "contacts_purged_at"]))
        for snapshot in query.stream():
            yield snapshot.id, snapshot.to_dict() or {}

    def replace_contacts(self, response_id: str, raw: dict[str, Any], reporter: dict[str, Any]) -> None:
        """Only these fields change: nothing counted is touched, so the counters stay exact."""
        self._db.collection(RESPONSES).document(response_id).update(
            {"raw": raw, "reporter": reporter, "contacts_purged_at": firestore.SERVER_TIMESTAMP})

    def quarantined_before(self, cutoff: datetime) -> list[str]:
        query: Any = self._db.collection(MALFORMED).where(filter=firestore.FieldFilter("recorded_at", "<", cutoff))
        return [s.id for s in query.select(["raw_excerpt"]).stream() if (s.to_dict() or {}).get("raw_excerpt")]

    def drop_quarantined_excerpt(self, record_id: str) -> None:
        self._db.collection(MALFORMED).document(record_id).update(
            {"raw_excerpt": None, "contacts_purged_at": firestore.SERVER_TIMESTAMP})

    def record_purge(self, summary: dict[str, Any]) -> None:
        self._db.collection(SYSTEM).document("purge_contacts").set(
            {**summary, "ran_at": firestore.SERVER_TIMESTAMP})

    def record_reconcile_failure(self, failed_at: datetime, error: str) -> None:
        # Merged: the last finished run's counts stay beside the failure.
        self._db.collection(SYSTEM).document("reconcile").set(
            {"last_failure_at": failed_at, "last_error": error}, merge=True)

    def record_watches(self, state: dict[str, dict[str, Any]]) -> None:
        self._db.collection(SYSTEM).document("watches").set({**state, "updated_at": firestore.SERVER_TIMESTAMP})

    # --- coalescing notifications -----------------------------------------

    def note_listing_request(self) -> None:
        self._db.collection(SYSTEM).document("listing_requests").set(
            {"count": firestore.Increment(1)}, merge=True
        )

    def listing_requests(self) -> int:
        snapshot = self._db.collection(SYSTEM).document("listing_requests").get()
        return int(snapshot.get("count")) if snapshot.exists else 0

    def try_acquire_listing_lease(self, seconds: int) -> str | None:
        """create() is atomic: exactly one instance gets the lease; a lease left by a
        crashed holder is taken over once it has expired."""
        ref = self._db.collection(SYSTEM).document("listing_lease")
        token = uuid.uuid4().hex
        now = datetime.now(UTC)
        lease = {"token": token, "expires_at": lease_until(now, seconds), "taken_at": now}
        for _ in range(2):
            try:
                ref.create(lease)
                return token
            except gexc.AlreadyExists:
                held = ref.get()
                if not held.exists:
                    continue
                if not may_take_over(held.get("expires_at"), now):
                    return None
                try:
                    ref.delete(option=self._db.write_option(last_update_time=held.update_time))
                except (gexc.FailedPrecondition, gexc.NotFound):
                    return None
        return None

    def release_listing_lease(self, token: str) -> None:
        ref = self._db.collection(SYSTEM).document("listing_lease")
        held = ref.get()
        if held.exists and held.get("token") == token:
            # Taken over after expiry (FailedPrecondition): it is the new holder's now.
            with contextlib.suppress(gexc.FailedPrecondition, gexc.NotFound):
                ref.delete(option=self._db.write_option(last_update_time=held.update_time))

    # --- counters ---------------------------------------------------------

    def counters(self) -> dict[str, int]:
        return sum_shards(s.to_dict() or {} for s in self._db.collection(COUNTERS).stream())

    def counter_snapshot(self) -> CounterSnapshot:
        # One read time for both collections: counters commit with the responses
        # they count, so the two always agree at any single instant.
        # The server's own clock: the snapshot holds every commit acknowledged
        # before this call. Reading it a moment later lets a commit that was being
        # applied at that instant settle first (the emulator was seen to show one
        # half-applied when read at once).
        read_time = self._db.collection(SYSTEM).document("cursor").get().read_time
        time.sleep(_SNAPSHOT_SETTLE_SECONDS)
        shards = self._db.collection(COUNTERS).stream(read_time=read_time)
        fields = ["response_id", "last_submitted_ns", "submission_date", "deleted", "state", "lao_id",
                  "lao_type", "province_code", "reporting_status", "problems"]
        responses = self._db.collection(RESPONSES).select(fields).stream(read_time=read_time)
        return CounterSnapshot(
            counters=sum_shards(s.to_dict() or {} for s in shards),
            responses=[counted_from_document(s.to_dict() or {}) for s in responses],
            read_time=read_time,
        )

    def apply_counter_delta(self, delta: dict[str, int]) -> None:
        if delta:
            self._shard(uuid.uuid4().hex).set(nested(delta, firestore.Increment), merge=True)
