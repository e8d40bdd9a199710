"""Cloud Function `ingest` (HTTP, behind a Pub/Sub push subscription): a Forms watch
notification -> new responses stored.

An HTTP function reads the push envelope itself. A `cloud_event` function would
not do: functions-framework 3.10.2 converts a raw push into a CloudEvent only
when `message.data` is present (`event_conversion._is_raw_pubsub_payload`), and
Pub/Sub sends no `data` for the attribute-only messages a Forms watch publishes,
so every notification would be answered 400 before our code ran.

Pub/Sub acknowledges a push answered 102, 200, 201, 202 or 204 and redelivers
anything else with backoff, moving it to the dead-letter topic after the
subscription's max_delivery_attempts (https://cloud.google.com/pubsub/docs/push).
"""

import functions_framework
from flask import Request
from pydantic import ValidationError

from shared import logs
from shared.adapters.firestore_metering import counting
from shared.events import FormsNotification
from shared.runtime import ingest_components
from shared.services.notifications import handle_notification

NOT_A_PUSH_ENVELOPE = 400  # not acknowledged: retried, then kept in the dead-letter topic for the operator


@functions_framework.http
def ingest(request: Request) -> tuple[str, int]:
    try:
        notification = FormsNotification.from_push(request.get_json(silent=True))
    except ValidationError as exc:
        # Never acknowledged (it would be lost) and never retried forever: the
        # dead-letter policy keeps it, and this ERROR raises the function alert.
        logs.error("not a Pub/Sub push envelope of a Forms watch", status=NOT_A_PUSH_ENVELOPE,
                   problems=[".".join(map(str, e["loc"])) + ": " + e["type"] for e in exc.errors()])
        return "not a Pub/Sub push envelope of a Forms watch message", NOT_A_PUSH_ENVELOPE
    app = ingest_components()
    # Exceptions propagate on purpose: functions-framework answers 500 and Pub/Sub redelivers.
    with counting() as documents:
        result = handle_notification(notification, app.settings.form_id, app.store, app.forms,
                                     app.mappings, app.settings.listing_lease_seconds)
    logs.log("WARNING" if result.ignored else "INFO",
             "notification for another form ignored" if result.ignored else "notification handled",
             message_id=notification.message_id, form_id=notification.form_id,
             watch_id=notification.watch_id, event_type=notification.event_type,
             delivery_attempt=notification.delivery_attempt,
             listings=result.listings, coalesced=result.coalesced, stored=result.stored,
             documents_read=documents.read, documents_written=documents.written)
    return "", 204
