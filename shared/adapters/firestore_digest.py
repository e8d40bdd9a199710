"""The digest's reader and ledger on Firestore.

The reader touches only what the digest shows: the day's responses (two
equality queries), the counter shards, the invalid responses and those with
warnings, one count, the reporting LAOs (projected to what the digest shows and
their member lists, which carry each report's first-submission date) and the
reconcile record. It never reads the whole responses collection.
"""

from __future__ import annotations

import threading
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.documents import (
    COUNTERS,
    LAOS,
    RESPONSES,
    SUMMARY_LAOS,
    SYSTEM,
    lao_from_document,
    sum_shards,
)
from shared.adapters.firestore_fast import stream_dicts
from shared.adapters.firestore_roster import CHUNK_SIZE, FirestoreRoster
from shared.digest.model import (
    FollowUpRow,
    LaoReports,
    LaoSnapshot,
    ReconcileStatus,
    ReportRow,
    WatchHealth,
    WrittenText,
)
from shared.digest.ports import Claim
from shared.domain.form_mapping import FormMapping
from shared.domain.form_schema import QUESTIONS_BY_KEY
from shared.domain.ledger import MessageIds, holds, may_claim
from shared.domain.roster import RosterEntry

DIGESTS = "digests"
_REPORT_FIELDS = [
    "response_id", "create_time", "last_submitted_time", "submission_date", "last_submitted_date", "state",
    "deleted", "lao_type", "lao_name", "district", "province_code", "province_name", "reporting_status", "problems",
    "other_problem_text", "problem_details", "suggestions", "invalid_reasons", "warnings", "typed", "lao_id",
]
_FOLLOW_UP_FIELDS = ["response_id", "create_time", "last_submitted_time", "submission_date", "deleted", "lao_type",
                     "lao_name", "district", "province_name", "typed", "invalid_reasons", "warnings"]
_LAO_FIELDS = ["lao_type", "name", "district", "province_name", "members"]


class FirestoreDigestReader:
    def __init__(self, client: firestore.Client) -> None:
        self._db = client
        self.reads = 0  # documents read, for the benchmark
        self._reads_lock = threading.Lock()  # the digest reads on several threads at once

    def _count(self, documents: int) -> None:
        with self._reads_lock:
            self.reads += documents

    def _stream(self, query: Any) -> list[dict[str, Any]]:
        docs = [doc for _, doc in stream_dicts(self._db, query)]
        self._count(max(len(docs), 1))  # an empty query is billed one read
        return docs

    def _responses(self, query: Any, contacts: bool) -> list[ReportRow]:
        # Without contacts, the respondent's name only, to mask it wherever they wrote it.
        fields = _REPORT_FIELDS + (["reporter"] if contacts else ["reporter.name"])
        return [_report_row(d) for d in self._stream(query.select(fields)) if not d.get("deleted")]

    def responses_created_on(self, day: date, *, contacts: bool) -> list[ReportRow]:
        query = self._db.collection(RESPONSES).where(filter=FieldFilter("submission_date", "==", day.isoformat()))
        return self._responses(query, contacts)

    def responses_edited_on(self, day: date, *, contacts: bool) -> list[ReportRow]:
        return self._responses(self._edited_on(day), contacts)

    def probe_edited_query(self, day: date) -> None:
        """Run the one query that needs a composite index, for one document: Firestore
        answers FAILED_PRECONDITION while the index is missing or still building."""
        list(self._edited_on(day).select(["response_id"]).limit(1).stream(retry=None, timeout=30))

    def _edited_on(self, day: date) -> Any:
        # Needs the composite index (last_submitted_date, submission_date): without the
        # second filter this would read the day's new responses a second time.
        return (self._db.collection(RESPONSES)
                .where(filter=FieldFilter("last_submitted_date", "==", day.isoformat()))
                .where(filter=FieldFilter("submission_date", "<", day.isoformat())))

    def counters(self) -> dict[str, int]:
        shards = [s.to_dict() or {} for s in self._db.collection(COUNTERS).stream()]
        self._count(max(len(shards), 1))
        return sum_shards(shards)

    def count_edited_on(self, day: date) -> int:
        result = self._edited_on(day).count().get()
        self._count(1)
        return int(result[0][0].value)

    def invalid_responses(self) -> list[FollowUpRow]:
        query = self._db.collection(RESPONSES).where(filter=FieldFilter("state", "==", "invalid"))
        return [_follow_up(d, "invalid_reasons") for d in self._stream(query.select(_FOLLOW_UP_FIELDS))
                if not d.get("deleted")]

    def responses_with_warnings(self, *, contacts: bool) -> list[FollowUpRow]:
        # The same two equality filters the warnings count always used; an invalid
        # response with warnings is followed up in the invalid list instead.
        query = (self._db.collection(RESPONSES).where(filter=FieldFilter("has_warnings", "==", True))
                 .where(filter=FieldFilter("deleted", "==", False)))
        fields = [*_FOLLOW_UP_FIELDS, "state"] + (["reporter"] if contacts else [])
        return [_follow_up(d, "warnings") for d in self._stream(query.select(fields)) if d.get("state") == "valid"]

    def lao_reports(self, *, contacts: bool) -> list[LaoReports]:
        fields = _LAO_FIELDS + (["current_response_id"] if contacts else [])
        query = self._db.collection(LAOS).where(filter=FieldFilter("reporting", "==", True)).select(fields)
        laos = list(stream_dicts(self._db, query))
        self._count(max(len(laos), 1))
        reporters: dict[str, dict[str, Any]] = {}
        if contacts and laos:
            refs = [self._db.collection(RESPONSES).document(d["current_response_id"]) for _, d in laos]
            for snapshot in self._db.get_all(refs, field_paths=["reporter"]):
                reporters[snapshot.id] = (snapshot.to_dict() or {}).get("reporter") or {}
            self._count(len(refs))
        reports = []
        for lao_id, d in laos:
            record = lao_from_document(lao_id, d)
            assert record is not None
            reports.append(LaoReports(
                lao_id=lao_id, lao_type=d.get("lao_type", ""), name=d.get("name", ""), district=d.get("district", ""),
                province_name=d.get("province_name") or "", record=record,
                reporter=reporters.get(d.get("current_response_id", ""), {}),
            ))
        return reports

    def lao_snapshot(self) -> LaoSnapshot | None:
        parts = self._stream(self._db.collection(SUMMARY_LAOS).select(["data_version", "parts", "laos"]))
        versions = {int(p["data_version"]) for p in parts}
        if not parts or len(versions) != 1 or len(parts) != int(parts[0]["parts"]):
            return None  # none yet, or (never expected: written in one transaction) not whole
        reports = []
        for part in parts:
            for lao_id, d in part["laos"].items():
                record = lao_from_document(lao_id, d)
                assert record is not None
                reports.append(LaoReports(lao_id=lao_id, lao_type=d["lao_type"], name=d["name"],
                                          district=d["district"], province_name=d["province_name"], record=record))
        return LaoSnapshot(versions.pop(), reports)

    def recent_texts(self, limit: int) -> list[WrittenText]:
        """What the latest ``limit`` responses wrote, with the respondent's name only to mask it.
        Ordered on one field, so no composite index is needed; the filter is applied here."""
        query = (self._db.collection(RESPONSES).order_by("last_submitted_time", direction=firestore.Query.DESCENDING)
                 .limit(limit).select(["response_id", "lao_id", "submission_date", "state", "deleted", "problems",
                                       "other_problem_text", "problem_details", "suggestions", "reporter.name"]))
        return [WrittenText(author=d.get("lao_id") or d["response_id"], submission_date=d.get("submission_date", ""),
                            other=d.get("other_problem_text") or "" if "other" in (d.get("problems") or []) else "",
                            details=d.get("problem_details") or "", suggestions=d.get("suggestions") or "",
                            names=tuple(filter(None, [(d.get("reporter") or {}).get("name")])))
                for d in self._stream(query) if d.get("state") == "valid" and not d.get("deleted")]

    def roster(self) -> list[RosterEntry] | None:
        entries = FirestoreRoster(self._db).roster()
        self._count(1 + (len(entries) // CHUNK_SIZE + 1 if entries else 0))
        return entries

    def reconcile_status(self) -> ReconcileStatus | None:
        snapshot = self._db.collection(SYSTEM).document("reconcile").get()
        self._count(1)
        if not snapshot.exists:
            return None
        record = snapshot.to_dict() or {}
        return ReconcileStatus(record["ran_at"], int(record["form_response_count"]), int(record["stored_count"]),
                               int(record.get("quarantined") or 0))

    def watch_health(self) -> list[WatchHealth]:
        record = self._db.collection(SYSTEM).document("watches").get().to_dict() or {}
        self._count(1)
        return [WatchHealth(event_type, w.get("state"), w.get("expire_time"), w.get("error_type"))
                for event_type, w in sorted(record.items()) if isinstance(w, dict)]

    def mapping_missing_titles(self) -> list[str]:
        return list(self._mapping_record().get("missing_required") or [])

    def mapping_unmapped_options(self) -> list[tuple[str, str]]:
        record = self._mapping_record()
        if not record:
            return []
        mapping = FormMapping.model_validate(record)
        return [(QUESTIONS_BY_KEY[key].title, text) for key, texts in mapping.unmapped_options.items()
                for text in texts]

    def _mapping_record(self) -> dict[str, Any]:
        self._count(1)
        return self._db.collection(SYSTEM).document("form_mapping").get().to_dict() or {}


def _report_row(d: dict[str, Any]) -> ReportRow:
    return ReportRow(
        response_id=d["response_id"], created=d["create_time"], last_submitted=d["last_submitted_time"],
        submission_date=d["submission_date"], last_submitted_date=d["last_submitted_date"],
        valid=d.get("state") == "valid", lao_type=d.get("lao_type"), lao_name=d.get("lao_name") or "",
        district=d.get("district") or "", province_code=d.get("province_code"), province_name=d.get("province_name"),
        status=d.get("reporting_status"), problems=tuple(d.get("problems") or ()),
        other_problem_text=d.get("other_problem_text") or "", problem_details=d.get("problem_details") or "",
        suggestions=d.get("suggestions") or "", invalid_reasons=tuple(d.get("invalid_reasons") or ()),
        warnings=tuple(d.get("warnings") or ()), typed=d.get("typed") or {}, reporter=d.get("reporter") or {},
        lao_id=d.get("lao_id"),
    )


def _follow_up(d: dict[str, Any], reasons_field: str) -> FollowUpRow:
    return FollowUpRow(
        response_id=d["response_id"], created=d["create_time"], last_submitted=d["last_submitted_time"],
        submission_date=d["submission_date"], lao_type=d.get("lao_type"), lao_name=d.get("lao_name") or "",
        district=d.get("district") or "", province_name=d.get("province_name"), typed=d.get("typed") or {},
        reasons=tuple(d.get(reasons_field) or ()), reporter=d.get("reporter") or {},
    )


class FirestoreDigestLedger:
    def __init__(self, client: firestore.Client) -> None:
        self._db = client

    def _ref(self, day: date) -> firestore.DocumentReference:
        return self._db.collection(DIGESTS).document(day.isoformat())

    def claim(self, day: date, *, force: bool, now: datetime, lease_seconds: int) -> Claim | None:
        ref = self._ref(day)
        token = uuid.uuid4().hex

        @firestore.transactional
        def run(transaction: firestore.Transaction) -> Claim | None:
            snapshot = ref.get(transaction=transaction)
            record = snapshot.to_dict() if snapshot.exists else None
            if not may_claim(record, now, force=force):
                return None
            transaction.set(ref, {
                "day": day.isoformat(), "status": "sending", "claim_token": token,
                "lease_until": now + timedelta(seconds=lease_seconds),
                "attempts": firestore.ArrayUnion([now]), "attempt_count": firestore.Increment(1),
                "forced": force,
            }, merge=True)
            previous = (record or {}).get("message_id")
            ids = MessageIds(previous, tuple((record or {}).get("references") or ())) if previous else None
            return Claim(day=day, token=token, previous_status=(record or {}).get("status"), previous_ids=ids)

        result: Claim | None = run(self._db.transaction())
        return result

    def mark_sent(self, claim: Claim, *, gmail_id: str, ids: MessageIds, counts: dict[str, int]) -> bool:
        return self._finish(claim, {
            "status": "sent", "gmail_message_id": gmail_id, "message_id": ids.message_id,
            "references": list(ids.references), "counts": counts,
            "sent_at": firestore.SERVER_TIMESTAMP, "last_error": None, "lease_until": None,
        })

    def mark_failed(self, claim: Claim, *, in_doubt: bool, error: str, ids: MessageIds) -> bool:
        return self._finish(claim, {
            "status": "in_doubt" if in_doubt else "failed", "last_error": error, "message_id": ids.message_id,
            "references": list(ids.references), "failed_at": firestore.SERVER_TIMESTAMP, "lease_until": None,
        })

    def _finish(self, claim: Claim, result: dict[str, Any]) -> bool:
        """Write the result only while this claim is still the record's (the fencing token)."""
        ref = self._ref(claim.day)

        @firestore.transactional
        def run(transaction: firestore.Transaction) -> bool:
            snapshot = ref.get(transaction=transaction)
            if not holds(snapshot.to_dict() if snapshot.exists else None, claim.token):
                return False
            transaction.set(ref, result, merge=True)
            return True

        written: bool = run(self._db.transaction())
        return written

    def sent_days(self, days: list[date]) -> set[date]:
        snapshots = self._db.get_all([self._ref(day) for day in days], field_paths=["status"])
        return {date.fromisoformat(s.id) for s in snapshots if s.exists and s.get("status") == "sent"}
