"""`purge-contacts`: reporters' names, phones and emails removed from responses first
submitted more than N days ago (and from quarantined excerpts recorded that long ago).
Idempotent; what the counters and the digest need stays; the run is recorded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Protocol

from shared import logs
from shared.domain.retention import CONTACT_KEYS, purge_cutoff, reporter_without_contacts, without_contacts
from shared.services.mapping import MappingProvider


class RetentionStore(Protocol):
    def responses_first_submitted_before(self, cutoff: datetime) -> Iterable[tuple[str, dict[str, Any]]]: ...

    def replace_contacts(self, response_id: str, raw: dict[str, Any], reporter: dict[str, Any]) -> None: ...

    def quarantined_before(self, cutoff: datetime) -> list[str]: ...

    def drop_quarantined_excerpt(self, record_id: str) -> None: ...

    def record_purge(self, summary: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class PurgeReport:
    older_than_days: int
    cutoff: str
    responses_purged: int
    already_purged: int
    quarantined_excerpts_dropped: int


def purge_contacts(
    store: RetentionStore, mappings: MappingProvider, now: datetime, older_than_days: int,
) -> PurgeReport:
    cutoff = purge_cutoff(now, older_than_days)
    mapping = mappings.current()
    contact_ids = {mapping.questions[key].question_id for key in CONTACT_KEYS if key in mapping.questions}
    purged = already = 0
    for response_id, doc in store.responses_first_submitted_before(cutoff):
        if doc.get("contacts_purged_at") is not None:
            already += 1
            continue
        reporter = doc.get("reporter") or {}
        values = {str(reporter.get(k) or "") for k in ("name", "phone_e164", "email")}
        store.replace_contacts(response_id, without_contacts(doc.get("raw") or {}, contact_ids, values),
                               reporter_without_contacts(reporter))
        purged += 1
    excerpts = store.quarantined_before(cutoff)
    for record_id in excerpts:
        store.drop_quarantined_excerpt(record_id)
    report = PurgeReport(older_than_days, cutoff.isoformat(), purged, already, len(excerpts))
    store.record_purge(asdict(report))
    logs.info("contacts purged", **asdict(report))
    return report
