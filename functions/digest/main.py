"""Cloud Function `digest` (HTTP, scheduled 08:00 Asia/Bangkok): yesterday's Thai digest,
plus any of the last seven days never sent, oldest first."""

import json
from datetime import UTC, datetime

import functions_framework
from flask import Request

from shared import logs
from shared.digest.runtime import digest_components
from shared.digest.service import send_due_digests
from shared.domain.timestamps import BANGKOK


@functions_framework.http
def digest(request: Request) -> tuple[str, int]:
    app = digest_components()
    now = datetime.now(UTC)
    # A failed or in-doubt send raises: the scheduler's retry (or tomorrow's run) sends it again.
    results = send_due_digests(now.astimezone(BANGKOK).date(), reader=app.reader, ledger=app.ledger,
                               mailer=app.mailer(), addressing=app.addressing, now=now)
    sent = [r.day.isoformat() for r in results if r.sent]
    logs.info("digest run finished", sent=sent, skipped=[r.day.isoformat() for r in results if not r.sent])
    return json.dumps({"sent": sent}), 200
