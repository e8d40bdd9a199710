"""Cloud Function `ingest`: a Forms watch notification (Pub/Sub) -> new responses stored."""

import functions_framework
from cloudevents.http import CloudEvent

from shared import logs
from shared.events import FormsNotification
from shared.runtime import ingest_components
from shared.services.notifications import handle_notification


@functions_framework.cloud_event
def ingest(cloud_event: CloudEvent) -> None:
    notification = FormsNotification.from_cloud_event_data(cloud_event.data)
    app = ingest_components()
    # Exceptions propagate on purpose: the platform retries the notification.
    result = handle_notification(notification, app.settings.form_id, app.store, app.forms,
                                 app.mappings, app.settings.listing_lease_seconds)
    logs.log("WARNING" if result.ignored else "INFO",
             "notification for another form ignored" if result.ignored else "notification handled",
             message_id=notification.message_id, form_id=notification.form_id,
             watch_id=notification.watch_id, event_type=notification.event_type,
             listings=result.listings, coalesced=result.coalesced, stored=result.stored)
