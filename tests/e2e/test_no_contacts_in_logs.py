"""No reporter's name, phone or email reaches a log line or a command's output: the
whole sample goes through ingest (push), reconcile, the CLI and the digest, and every
contact value is searched for as typed, as normalised and as E.164."""

import json

import pytest
from functions_framework import create_app

from devstack.gmail_server import GmailServer
from shared.cli import main
from tests.support.contacts import contact_spellings
from tests.support.google_shapes import push_envelope
from tests.support.stack import FORM_ID, make_stack

pytestmark = pytest.mark.e2e
def test_no_contact_value_appears_in_any_log_or_output(project_id, monkeypatch, capfd, sample, tmp_path):
    stack = make_stack(project_id)
    gmail = GmailServer().start()
    for name, value in {"GOOGLE_CLOUD_PROJECT": project_id, "FORM_ID": FORM_ID,
                        "FORMS_API_ENDPOINT": stack.server.endpoint, "GMAIL_API_ENDPOINT": gmail.endpoint,
                        "GMAIL_CA_CERTS": str(gmail.certificate.cert), "DIGEST_SENDER": "digest@moi.go.th",
                        "DIGEST_RECIPIENTS": "kor-thor@moi.go.th"}.items():
        monkeypatch.setenv(name, value)
    try:
        half = len(sample["versions"]) // 2
        for raw in sample["versions"][:half]:
            stack.state.submit(raw)
        app = create_app(target="ingest", source="functions/ingest/main.py", signature_type="http")
        assert app.test_client().post("/", json=push_envelope(FORM_ID)).status_code == 204
        for raw in sample["versions"][half:]:
            stack.state.submit(raw)
        for command in (["reconcile"], ["stats", "--json"], ["recount", "--check"], ["check-form"],
                        ["digest", "--date", "2023-12-20", "--outbox", str(tmp_path)],
                        ["digest", "--date", "2023-12-20", "--send"], ["doctor"]):
            main(command)
        captured = capfd.readouterr()
    finally:
        gmail.stop()
        stack.server.stop()
    text = captured.out + captured.err
    assert text.count('"message": "response stored"') >= 300  # the logs really were captured
    assert len(gmail.state.messages) == 1
    leaked = sorted(value for value in contact_spellings(sample["versions"]) if value in text)
    assert not leaked, f"contact values in the logs or output: {leaked[:5]}"
    assert all(json.loads(line)["severity"] for line in captured.err.splitlines() if line.startswith("{"))
