"""Cloud Function `reconcile` (HTTP, scheduled): the safety net for lost notifications."""

import json
from dataclasses import asdict
from datetime import UTC, datetime

import functions_framework
from flask import Request

from shared import logs
from shared.adapters.firestore_metering import counting
from shared.runtime import ingest_components, summaries_source
from shared.services.reconcile import MassDeleteRefused, ReconcileOptions
from shared.services.reconcile import reconcile as run_reconcile
from shared.services.retention import purge_contacts
from shared.services.summaries import refresh_summaries


@functions_framework.http
def reconcile(request: Request) -> tuple[str, int]:
    app = ingest_components()
    if request.args.get("mode") == "purge-contacts":  # the daily retention job
        report = purge_contacts(app.store, app.mappings, datetime.now(UTC), app.settings.contact_retention_days)
        return json.dumps(asdict(report)), 200
    options = ReconcileOptions(mass_delete_ratio=app.settings.mass_delete_ratio)
    try:
        with counting() as documents:
            record = run_reconcile(app.store, app.forms, app.mappings, options)
    except MassDeleteRefused as exc:
        # Already logged as an error; 409 so that the scheduler run shows as failed.
        return json.dumps({"refused": str(exc)}), 409
    # The console's read model, only when something was stored since it was last computed.
    refresh_summaries(summaries_source(), datetime.now(UTC), only_if_moved=True)
    logs.info("reconcile handled", counts_match=record.counts_match,
              documents_read=documents.read, documents_written=documents.written)
    body = {"form_response_count": record.form_response_count, "stored_count": record.stored_count,
            "counts_match": record.counts_match}
    return json.dumps(body), 200
