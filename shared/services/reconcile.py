"""The safety net: compare the whole form with what is stored, and mend it."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from shared import logs
from shared.domain.deletions import plan_deletions
from shared.domain.timestamps import Instant
from shared.ports import FormsGateway, ReconcileRecord, ResponseStore, TransientError
from shared.services.ingest import IngestIncomplete, ingest_new_responses, ingest_responses
from shared.services.mapping import MappingProvider


class ListingBusy(TransientError):
    """Another listing held the lease for the whole wait: run again later."""


class MassDeleteRefused(Exception):
    """Too many stored responses are absent from the form: a wrong FORM_ID or an
    emptied form is likelier than that many deletions."""


@dataclass(frozen=True)
class ReconcileOptions:
    allow_mass_delete: bool = False
    reprocess_invalid: bool = False
    # The migration after a change of the rules (validation, LAO identity): every stored
    # response is evaluated again at its same version, and its counters move with it.
    reevaluate_all: bool = False
    mass_delete_ratio: float = 0.10
    # One lister at a time: reconcile takes the listing lease notifications use, for as
    # long as it may run (the function's timeout), waiting at most wait_seconds for it.
    lease_seconds: int = 1800
    wait_seconds: float = 600
    poll_seconds: float = 2


def reconcile(
    store: ResponseStore, forms: FormsGateway, mappings: MappingProvider, options: ReconcileOptions,
) -> ReconcileRecord:
    """Every run is recorded in system/reconcile: a finished one by its counts, a failed one by its error.

    It holds the listing lease while it runs, so no notification lists at the same time;
    notifications that arrive meanwhile only record a request, honoured before it lets go.
    """
    try:
        token = _wait_for_lease(store, options)
        try:
            seen = store.listing_requests()
            record = _reconcile(store, forms, mappings, options)
            while (now_seen := store.listing_requests()) != seen:
                seen = now_seen
                ingest_new_responses(store, forms, mappings)
        finally:
            store.release_listing_lease(token)
        return record
    except Exception as exc:
        with contextlib.suppress(Exception):  # Firestore itself may be what failed
            store.record_reconcile_failure(datetime.now(UTC), f"{exc.__class__.__name__}: {exc}"[:500])
        raise


def _wait_for_lease(store: ResponseStore, options: ReconcileOptions) -> str:
    deadline = time.monotonic() + options.wait_seconds
    waited = False
    while (token := store.try_acquire_listing_lease(options.lease_seconds)) is None:
        if time.monotonic() >= deadline:
            raise ListingBusy(f"another listing held the lease for more than {options.wait_seconds:.0f} s; "
                              "run reconcile again later")
        if not waited:
            logs.info("reconcile waiting for the listing in progress", wait_seconds=options.wait_seconds)
            waited = True
        time.sleep(options.poll_seconds)
    return token


def _reconcile(
    store: ResponseStore, forms: FormsGateway, mappings: MappingProvider, options: ReconcileOptions,
) -> ReconcileRecord:
    form = forms.get_form()
    mappings.refresh_if_revised(form)
    # Read before listing: a response stored after this moment may be absent from
    # the listing only because it arrived meanwhile, so it is never deleted.
    stored = store.stored_versions()
    listed = list(forms.list_responses())
    listed_ids = {str(r.get("responseId")) for r in listed}

    active = [rid for rid, version in stored.items() if not version.deleted]
    plan = plan_deletions(active, listed_ids, ratio=options.mass_delete_ratio,
                          allow_mass_delete=options.allow_mass_delete)
    absent = plan.absent
    if plan.refused:
        logs.error("reconcile refused: too many stored responses are absent from the form",
                   absent=len(absent), stored=len(active), ratio_limit=options.mass_delete_ratio)
        raise MassDeleteRefused(
            f"{len(absent)} of {len(active)} stored responses are absent from the form; "
            "check FORM_ID, then rerun with --allow-mass-delete if the deletions are real"
        )

    to_ingest = [
        r for r in listed
        if (known := stored.get(r.get("responseId", ""))) is None or known.deleted
        or _submitted_ns(r) > known.submitted_ns
    ]
    report = ingest_responses(to_ingest, store, mappings)
    deleted = sum(store.mark_deleted(rid) for rid in absent)
    reprocessed = 0
    if options.reprocess_invalid or options.reevaluate_all:
        current = store.current_responses() if options.reevaluate_all else store.invalid_responses()
        again = ingest_responses(current, store, mappings, reevaluate_equal=True)
        reprocessed = again.outcomes.get("reevaluated", 0)
        report.failed += again.failed
    if report.failed:
        raise IngestIncomplete(f"{len(report.failed)} responses not stored")
    readable = [ns for ns in map(_submitted_ns, listed) if ns != _UNREADABLE]
    if readable:
        store.advance_cursor(Instant(max(readable)))

    stored_after = store.count_stored()
    record = ReconcileRecord(
        ran_at=datetime.now(UTC),
        form_response_count=len(listed),
        stored_count=stored_after,
        ingested=report.outcomes.get("created", 0) + report.outcomes.get("updated", 0),
        deleted=deleted,
        restored=report.outcomes.get("restored", 0),
        reprocessed=reprocessed,
        quarantined=report.malformed,
    )
    store.record_reconcile(record)
    logs.info("reconcile finished", form_response_count=record.form_response_count,
              stored_count=record.stored_count, counts_match=record.counts_match,
              ingested=record.ingested, deleted=record.deleted, restored=record.restored,
              reprocessed=record.reprocessed, quarantined=record.quarantined)
    return record


_UNREADABLE = 1 << 62  # newer than anything stored: ingest sees it and quarantines it


def _submitted_ns(raw: dict[str, object]) -> int:
    try:
        return Instant.parse(str(raw.get("lastSubmittedTime", ""))).ns
    except ValueError:
        return _UNREADABLE
