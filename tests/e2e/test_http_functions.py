"""The HTTP functions as Cloud Scheduler calls them, served by functions-framework in-process."""

import json

import pytest
from functions_framework import create_app

from devstack.gmail_server import GmailServer
from shared.domain.timestamps import BANGKOK
from tests.support import builders
from tests.support.stack import FORM_ID, make_stack

pytestmark = pytest.mark.e2e


@pytest.fixture
def environment(project_id, monkeypatch):
    stack = make_stack(project_id)
    gmail = GmailServer().start()
    for name, value in {"GOOGLE_CLOUD_PROJECT": project_id, "FORM_ID": FORM_ID,
                        "FORMS_API_ENDPOINT": stack.server.endpoint, "GMAIL_API_ENDPOINT": gmail.endpoint,
                        "GMAIL_CA_CERTS": str(gmail.certificate.cert),
                        "DIGEST_SENDER": "digest@moi.go.th", "DIGEST_RECIPIENTS": "kor-thor@moi.go.th"}.items():
        monkeypatch.setenv(name, value)
    yield stack, gmail
    gmail.stop()
    stack.server.stop()


def call(target):
    app = create_app(target=target, source=f"functions/{target}/main.py", signature_type="http")
    return app.test_client().post("/")


def test_the_scheduled_reconcile_stores_what_the_form_has(environment):
    stack, _ = environment
    for index in range(3):
        stack.state.submit(builders.response({"lao_name": f"ตำบล{index}"}, created=f"2024-01-05T03:00:0{index}Z"))
    answer = call("reconcile")
    assert answer.status_code == 200
    assert json.loads(answer.data) == {"form_response_count": 3, "stored_count": 3, "counts_match": True}


def test_the_scheduled_digest_sends_yesterday_and_catches_up_the_week_then_sends_nothing_more(environment):
    from datetime import datetime, timedelta

    stack, gmail = environment
    long_ago = "2024-01-05T03:00:00Z"  # the survey started before the catch-up window
    stack.state.submit(builders.response(created=long_ago))
    call("reconcile")
    answer = call("digest")
    assert answer.status_code == 200
    sent = json.loads(answer.data)["sent"]
    yesterday = datetime.now(BANGKOK).date() - timedelta(days=1)
    assert sent == [(yesterday - timedelta(days=n)).isoformat() for n in range(6, -1, -1)]
    assert len(gmail.state.messages) == 7
    assert json.loads(call("digest").data) == {"sent": []}
    assert len(gmail.state.messages) == 7


def test_the_0900_check_logs_an_error_when_yesterdays_digest_is_missing(environment, capfd):
    app = create_app(target="digest", source="functions/digest/main.py", signature_type="http")
    client = app.test_client()
    assert json.loads(client.post("/?mode=check").data) == {"yesterday_sent": False}
    assert '"severity": "ERROR", "message": "digest missing"' in capfd.readouterr().err
    client.post("/")
    assert json.loads(client.post("/?mode=check").data) == {"yesterday_sent": True}
