"""`python -m shared doctor` against the local stack: the Firestore emulator, our Forms
API server and our Gmail server (TLS, with its OAuth token endpoint), one failure at a time."""

from datetime import UTC, datetime, timedelta

import pytest

from devstack.gmail_server import GmailServer
from shared.cli import main
from shared.domain.timestamps import Instant
from shared.services.watches import ensure_watches
from tests.support.stack import FORM_ID, make_stack

pytestmark = pytest.mark.e2e
TOPIC = "projects/demo/topics/forms-watch"


@pytest.fixture
def deployment(project_id, monkeypatch):
    stack = make_stack(project_id)
    gmail = GmailServer().start()
    for name, value in {"GOOGLE_CLOUD_PROJECT": project_id, "FORM_ID": FORM_ID,
                        "FORMS_API_ENDPOINT": stack.server.endpoint, "GMAIL_API_ENDPOINT": gmail.endpoint,
                        "GMAIL_CA_CERTS": str(gmail.certificate.cert), "GOOGLE_OAUTH_TOKEN_URI": gmail.token_uri,
                        "DIGEST_SENDER": "digest@moi.go.th", "GOOGLE_CLOUD_PROJECT_NUMBER": "123456789012"}.items():
        monkeypatch.setenv(name, value)
    ensure_watches(stack.forms, stack.store, TOPIC, datetime.now(UTC))
    yield stack, gmail
    gmail.stop()
    stack.server.stop()


def doctor(capsys, *args):
    code = main(["doctor", *args])
    lines = capsys.readouterr().out.splitlines()
    return code, {line.split(":")[0].split(None, 1)[1]: line for line in lines if line.startswith(("ok", "FAILED"))}


def failed(results):
    return sorted(name for name, line in results.items() if line.startswith("FAILED"))


def use_gmail_refresh_token(monkeypatch, client_id="123456789012-abc.apps.googleusercontent.com"):
    for name, value in {"GMAIL_AUTH": "refresh_token", "GMAIL_OAUTH_CLIENT_ID": client_id,
                        "GMAIL_OAUTH_CLIENT_SECRET": "secret", "GMAIL_OAUTH_REFRESH_TOKEN": "token"}.items():
        monkeypatch.setenv(name, value)


def test_a_ready_deployment_passes_every_check_and_sends_the_test_message(deployment, capsys):
    _, gmail = deployment
    code, results = doctor(capsys, "--send-test")
    assert code == 0, results
    assert list(results) == [
        "Firestore reachable", "digest index ready", "forms.get as the account of the Application Default Credentials",
        "responses.list as the account of the Application Default Credentials", "question mapping",
        "watch RESPONSES", "watch SCHEMA", "gmail.send token", "test message to digest@moi.go.th"]
    (message,) = gmail.state.parsed()
    assert message["To"] == "digest@moi.go.th" and message["Auto-Submitted"] == "auto-generated"


def test_without_send_test_nothing_is_sent(deployment, capsys):
    _, gmail = deployment
    assert doctor(capsys)[0] == 0
    assert gmail.state.messages == []


def test_a_form_shared_as_responder_fails_each_forms_check_with_the_editor_fix(deployment, capsys):
    stack, _ = deployment
    stack.state.access = "responder"
    code, results = doctor(capsys)
    assert code == 1
    assert failed(results) == sorted([
        "forms.get as the account of the Application Default Credentials",
        "responses.list as the account of the Application Default Credentials",
        "question mapping", "watch RESPONSES", "watch SCHEMA"])
    assert "as editor" in results["forms.get as the account of the Application Default Credentials"]


def test_a_missing_and_a_suspended_watch_are_each_named(deployment, capsys):
    stack, _ = deployment
    watches = {w["eventType"]: w for w in stack.state.watches.values()}
    stack.state.watches.pop(watches["SCHEMA"]["id"])
    watches["RESPONSES"].update(state="SUSPENDED", errorType="PERMISSION_DENIED")
    code, results = doctor(capsys)
    assert code == 1 and failed(results) == ["watch RESPONSES", "watch SCHEMA"]
    assert "SUSPENDED (errorType PERMISSION_DENIED)" in results["watch RESPONSES"]
    assert "no watch" in results["watch SCHEMA"] and "watch ensure" in results["watch SCHEMA"]


def test_an_expired_watch_fails(deployment, capsys):
    stack, _ = deployment
    for watch in stack.state.watches.values():
        watch["expireTime"] = Instant.from_datetime(datetime.now(UTC) - timedelta(minutes=1)).rfc3339()
    assert failed(doctor(capsys)[1]) == ["watch RESPONSES", "watch SCHEMA"]


def test_a_form_whose_required_question_was_renamed_fails_the_mapping(deployment, capsys):
    stack, _ = deployment
    stack.state.form["items"][1]["title"] = "ชื่อหน่วยงาน"
    code, results = doctor(capsys)
    assert code == 1 and failed(results) == ["question mapping"]
    assert "ชื่อองค์กรปกครองส่วนท้องถิ่น" in results["question mapping"]


@pytest.mark.parametrize(("refusal", "cause"), [("invalid_grant", '"Testing"'), ("invalid_scope", "scope"),
                                                ("unauthorized_client", "Domain-wide delegation")])
def test_a_refused_mail_credential_names_its_cause_and_the_test_message_is_not_sent(
        deployment, capsys, monkeypatch, refusal, cause):
    _, gmail = deployment
    use_gmail_refresh_token(monkeypatch)
    gmail.state.token_error = refusal
    code, results = doctor(capsys, "--send-test")
    assert code == 1
    assert failed(results) == ["gmail.send token", "test message to digest@moi.go.th"]
    assert refusal in results["gmail.send token"] and cause in results["gmail.send token"]
    assert gmail.state.messages == []


def test_a_refresh_token_of_another_projects_oauth_client_fails(deployment, capsys, monkeypatch):
    use_gmail_refresh_token(monkeypatch, client_id="999-other.apps.googleusercontent.com")
    code, results = doctor(capsys)
    name = f"Gmail OAuth client belongs to {__import__('os').environ['GOOGLE_CLOUD_PROJECT']}"
    assert code == 1 and failed(results) == [name]
    assert "project number 999" in results[name] and "123456789012" in results[name]


def test_an_unreachable_firestore_fails_first(deployment, capsys, monkeypatch):
    from devstack.emulators import free_port

    monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", f"127.0.0.1:{free_port()}")
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "demo-nowhere")  # a new client for the dead address
    code, results = doctor(capsys)
    assert code == 1 and {"Firestore reachable", "digest index ready"} <= set(failed(results))
