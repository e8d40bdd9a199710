"""The roster on Firestore, replaced atomically, and the reporting LAOs it is matched to.

A roster is written as a new version, in chunk documents of at most 2,000 entries
(`roster_chunks/{version}-{n}`, well under the 1 MiB document limit), and becomes
the roster only when one write switches `system/roster` to it: a reader sees the
old roster or the new one, never a mixture. The old version's chunks go after.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from shared.adapters.documents import LAOS, RESPONSES, SYSTEM
from shared.adapters.firestore_fast import stream_dicts
from shared.domain.coverage import ReportingLao
from shared.domain.roster import RosterEntry

CHUNKS = "roster_chunks"
CHUNK_SIZE = 2_000
_BATCH = 400


class FirestoreRoster:
    def __init__(self, client: firestore.Client) -> None:
        self._db = client

    def _pointer(self) -> firestore.DocumentReference:
        return self._db.collection(SYSTEM).document("roster")

    def roster(self) -> list[RosterEntry] | None:
        """The current roster; None when none was ever loaded."""
        for _ in range(3):  # a reload may delete the chunks of the version just read: read again
            pointer = self._pointer().get().to_dict()
            if not pointer:
                return None
            refs = [self._db.collection(CHUNKS).document(f"{pointer['version']}-{n}") for n in range(pointer["chunks"])]
            chunks = [s.to_dict() for s in self._db.get_all(refs)]
            if all(chunks):
                return [RosterEntry(**entry) for chunk in chunks if chunk for entry in chunk["entries"]]
        raise RuntimeError("the roster changed three times while it was read")

    def replace(self, entries: list[RosterEntry], changes: dict[str, int]) -> str:
        version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        chunks = [entries[i:i + CHUNK_SIZE] for i in range(0, len(entries), CHUNK_SIZE)]
        for n, chunk in enumerate(chunks):
            self._db.collection(CHUNKS).document(f"{version}-{n}").set(
                {"version": version, "entries": [_entry_fields(e) for e in chunk]})
        previous = self._pointer().get().to_dict()
        self._pointer().set({"version": version, "chunks": len(chunks), "total": len(entries),
                             "loaded_at": firestore.SERVER_TIMESTAMP, "changes": changes})
        if previous:
            self._delete_version(previous["version"])
        return version

    def _delete_version(self, version: str) -> None:
        query = self._db.collection(CHUNKS).where(filter=FieldFilter("version", "==", version))
        refs = [s.reference for s in query.select([]).stream()]
        for i in range(0, len(refs), _BATCH):
            batch = self._db.batch()
            for ref in refs[i:i + _BATCH]:
                batch.delete(ref)
            batch.commit()

    def reporting_laos(self) -> list[ReportingLao]:
        """Every LAO with a current report, as matching needs it."""
        query = (self._db.collection(LAOS).where(filter=FieldFilter("reporting", "==", True))
                 .select(["lao_type", "name", "district", "current_province_code"]))
        return [ReportingLao(lao_id, d.get("lao_type", ""), d.get("name", ""), d.get("district", ""),
                             d.get("current_province_code", "")) for lao_id, d in stream_dicts(self._db, query)]


    def reporting_laos_from_responses(self) -> list[ReportingLao]:
        """The same as ``reporting_laos``, derived from the responses themselves: each LAO's
        latest valid response (``recount --check`` compares the two)."""
        query = (self._db.collection(RESPONSES).where(filter=FieldFilter("state", "==", "valid"))
                 .where(filter=FieldFilter("deleted", "==", False))
                 .select(["response_id", "lao_id", "lao_type", "lao_name", "district", "province_code",
                          "last_submitted_ns"]))
        current: dict[str, dict[str, Any]] = {}
        for _, d in stream_dicts(self._db, query):
            rank = (int(d["last_submitted_ns"]), d["response_id"])
            held = current.get(d["lao_id"])
            if held is None or rank > (int(held["last_submitted_ns"]), held["response_id"]):
                current[d["lao_id"]] = d
        return [ReportingLao(lao_id, d.get("lao_type") or "", d.get("lao_name") or "", d.get("district") or "",
                             d.get("province_code") or "") for lao_id, d in sorted(current.items())]


def _entry_fields(entry: RosterEntry) -> dict[str, Any]:
    return {"province_code": entry.province_code, "district": entry.district, "lao_type": entry.lao_type,
            "name": entry.name, "lao_code": entry.lao_code}
