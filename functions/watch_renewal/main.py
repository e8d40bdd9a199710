"""Cloud Function `watch_renewal` (HTTP, daily): keeps the Forms RESPONSES and SCHEMA watches alive."""

import json
from datetime import UTC, datetime

import functions_framework
from flask import Request

from shared import logs
from shared.config import WatchSettings
from shared.runtime import ingest_components
from shared.services.watches import ensure_watches


@functions_framework.http
def watch_renewal(request: Request) -> tuple[str, int]:
    settings = WatchSettings()
    app = ingest_components()
    actions = ensure_watches(app.forms, app.store, settings.watch_topic, datetime.now(UTC))
    summary = {a.event_type: a.action for a in actions}
    logs.info("watches ensured", **summary)
    return json.dumps(summary), 200
