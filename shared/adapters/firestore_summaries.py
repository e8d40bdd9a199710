"""The summaries read model on Firestore: what it is computed from, and its documents.

`summaries/national` and `summaries/{province_code}` are written together in one
transaction that first reads `summaries/national`: a refresh computed from older
data never replaces one computed from newer data, and a reader never sees half of
a refresh. The same transaction writes `summary_laos/part-NNN`: every reporting
LAO with its counted reports, a few hundred to a document, so that the digest and
the report read a dozen documents where they would read every LAO record. They
are not written by ingestion: one document rewritten at the
ingest rate would exceed Firestore's sustained write rate of about one write a
second per document (https://cloud.google.com/firestore/docs/best-practices#hotspots).
"""

from __future__ import annotations

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
    members_field,
    sum_shards,
)
from shared.adapters.firestore_fast import stream_dicts
from shared.adapters.firestore_roster import FirestoreRoster
from shared.domain.counting import DATA_VERSION
from shared.domain.figures import FollowUpDates, LaoEntry
from shared.domain.geography import resolve_province
from shared.domain.roster import RosterEntry
from shared.domain.summaries import NATIONAL, DataVersion

SUMMARIES = "summaries"
# LAOs to a snapshot part: about 150 KB at the largest, well under Firestore's 1 MiB a document
# (https://cloud.google.com/firestore/quotas#limits), and a national refresh writes ~16 parts.
LAOS_PER_PART = 500


class FirestoreSummaries:
    def __init__(self, client: firestore.Client) -> None:
        self._db = client

    def data_version(self) -> DataVersion:
        """The stored changes so far and the roster's version: nine small reads."""
        shards = [s.to_dict() or {} for s in self._db.collection(COUNTERS).stream()]
        pointer = self._db.collection(SYSTEM).document("roster").get().to_dict() or {}
        return DataVersion(sum_shards(shards).get(DATA_VERSION, 0), pointer.get("version"))

    def counters(self) -> dict[str, int]:
        return sum_shards(s.to_dict() or {} for s in self._db.collection(COUNTERS).stream())

    def reporting_laos(self) -> list[LaoEntry]:
        """Every LAO with a counted report, with its reports."""
        query = (self._db.collection(LAOS).where(filter=FieldFilter("reporting", "==", True))
                 .select(["lao_type", "name", "district", "province_name", "members"]))
        entries = []
        for lao_id, d in stream_dicts(self._db, query):
            record = lao_from_document(lao_id, d)
            assert record is not None
            entries.append(LaoEntry(lao_id, d.get("lao_type", ""), d.get("name", ""), d.get("district", ""), record,
                                    d.get("province_name") or ""))
        return entries

    def follow_ups(self) -> FollowUpDates:
        """When each incomplete response and each valid one with warnings was first submitted."""
        invalid = (self._db.collection(RESPONSES).where(filter=FieldFilter("state", "==", "invalid"))
                   .select(["submission_date", "deleted", "province_name"]))
        incomplete = [d for _, d in stream_dicts(self._db, invalid) if not d.get("deleted")]
        warned = (self._db.collection(RESPONSES).where(filter=FieldFilter("has_warnings", "==", True))
                  .where(filter=FieldFilter("deleted", "==", False)).select(["submission_date", "state"]))
        return FollowUpDates(
            invalid=tuple(d["submission_date"] for d in incomplete),
            warned=tuple(d["submission_date"] for _, d in stream_dicts(self._db, warned) if d.get("state") == "valid"),
            invalid_by_province=tuple(_province_code(d.get("province_name")) for d in incomplete),
        )

    def roster(self) -> list[RosterEntry] | None:
        return FirestoreRoster(self._db).roster()

    def stored(self) -> dict[str, dict[str, Any]]:
        """Every summary document, by id; empty before the first refresh."""
        return {s.id: s.to_dict() or {} for s in self._db.collection(SUMMARIES).stream()}

    def stored_laos(self) -> dict[str, dict[str, Any]]:
        """The LAO snapshot's entries by LAO id, as stored; empty before the first refresh."""
        return {lao_id: fields for part in self._db.collection(SUMMARY_LAOS).stream()
                for lao_id, fields in ((part.to_dict() or {}).get("laos") or {}).items()}

    def snapshot_of(self, laos: list[LaoEntry]) -> dict[str, dict[str, Any]]:
        """What ``stored_laos`` holds after a refresh computed from ``laos``."""
        return {lao_id: fields for part in _snapshot_parts(laos, DataVersion(0, None)).values()
                for lao_id, fields in part["laos"].items()}

    def stored_version(self) -> DataVersion | None:
        record = self._db.collection(SUMMARIES).document(NATIONAL).get().to_dict()
        return _version_of(record) if record else None

    def replace(self, documents: dict[str, dict[str, Any]], version: DataVersion, laos: list[LaoEntry]) -> bool:
        """Write every document and the LAO snapshot at once, unless the stored ones were computed
        from newer data."""
        national = self._db.collection(SUMMARIES).document(NATIONAL)
        parts = _snapshot_parts(laos, version)

        @firestore.transactional
        def run(transaction: firestore.Transaction) -> bool:
            snapshot = national.get(transaction=transaction)
            held = _version_of(snapshot.to_dict()) if snapshot.exists else None
            if held is not None and held.changes > version.changes:
                return False
            first = self._db.collection(SUMMARY_LAOS).document(_part_id(0)).get(transaction=transaction)
            held_parts = int((first.to_dict() or {}).get("parts") or 0) if first.exists else 0
            for doc_id, fields in documents.items():
                transaction.set(self._db.collection(SUMMARIES).document(doc_id), fields)
            for doc_id, fields in parts.items():
                transaction.set(self._db.collection(SUMMARY_LAOS).document(doc_id), fields)
            for index in range(len(parts), held_parts):  # fewer LAOs than last time: drop the tail
                transaction.delete(self._db.collection(SUMMARY_LAOS).document(_part_id(index)))
            return True

        written: bool = run(self._db.transaction())
        return written


def _snapshot_parts(laos: list[LaoEntry], version: DataVersion) -> dict[str, dict[str, Any]]:
    ordered = sorted(laos, key=lambda e: e.lao_id)
    chunks = [ordered[i:i + LAOS_PER_PART] for i in range(0, len(ordered), LAOS_PER_PART)] or [[]]
    return {_part_id(index): {
        "data_version": version.changes, "part": index, "parts": len(chunks),
        "laos": {e.lao_id: {"lao_type": e.lao_type, "name": e.name, "district": e.district,
                            "province_name": e.province_name, "members": members_field(e.record)} for e in chunk},
    } for index, chunk in enumerate(chunks)}


def _part_id(index: int) -> str:
    return f"part-{index:03d}"


def _version_of(record: dict[str, Any] | None) -> DataVersion | None:
    if not record or "data_version" not in record:
        return None
    return DataVersion(int(record["data_version"]), record.get("roster_version"))


def _province_code(name: str | None) -> str | None:
    province = resolve_province(name) if name else None
    return province.code if province else None
