"""Cloud Function `digest` (HTTP, scheduled 08:00 Asia/Bangkok): yesterday's Thai digest,
plus any of the last seven days never sent, oldest first."""

import json
from datetime import UTC, datetime, timedelta

import functions_framework
from flask import Request

from shared import logs
from shared.digest.runtime import digest_components
from shared.digest.service import check_digest_recorded, send_due_digests
from shared.domain.timestamps import BANGKOK
from shared.runtime import summaries_source
from shared.services.summaries import refresh_summaries


@functions_framework.http
def digest(request: Request) -> tuple[str, int]:
    app = digest_components()
    now = datetime.now(UTC)
    today = now.astimezone(BANGKOK).date()
    if request.args.get("mode") == "check":  # the 09:00 job: alert if yesterday's digest is not out
        sent = check_digest_recorded(app.ledger, today - timedelta(days=1))
        return json.dumps({"yesterday_sent": sent}), 200
    refresh_summaries(summaries_source(), now, only_if_moved=True)  # the console shows what the email does
    # A failed or in-doubt send raises: the scheduler's retry (or tomorrow's run) sends it again.
    results = send_due_digests(today, reader=app.reader, ledger=app.ledger,
                               mailer=app.mailer(), addressing=app.addressing, now=now)
    sent = [r.day.isoformat() for r in results if r.sent]
    logs.info("digest run finished", sent=sent, skipped=[r.day.isoformat() for r in results if not r.sent])
    return json.dumps({"sent": sent}), 200
