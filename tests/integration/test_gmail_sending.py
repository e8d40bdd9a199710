"""Sending through the real Gmail client to our local Gmail server (TLS, as Gmail), the
way production sends: a media upload, each POST once, token refusals explained."""

from datetime import UTC, date, datetime

import pytest
import requests
from google.auth.credentials import AnonymousCredentials
from googleapiclient.errors import MediaUploadSizeError

from devstack.gmail_server import GmailServer
from shared.adapters.firestore_digest import FirestoreDigestLedger, FirestoreDigestReader
from shared.adapters.gmail_api import GmailMailer, gmail_credentials
from shared.config import DigestSettings
from shared.digest.ports import MailerAuthFailed, SendOutcomeUnknown
from shared.digest.service import Addressing, send_digest

MESSAGE = b"From: digest@moi.go.th\r\nTo: kor-thor@moi.go.th\r\nSubject: test\r\n\r\nhello\r\n"


@pytest.fixture
def gmail():
    server = GmailServer().start()
    yield server
    server.stop()


def anonymous_mailer(gmail, timeout=5.0):
    return GmailMailer(AnonymousCredentials(), gmail.endpoint, timeout, ca_certs=str(gmail.certificate.cert))


def refresh_token_mailer(gmail, monkeypatch):
    for name, value in {"GMAIL_AUTH": "refresh_token", "GMAIL_OAUTH_CLIENT_ID": "123-abc.apps.googleusercontent.com",
                        "GMAIL_OAUTH_CLIENT_SECRET": "s", "GMAIL_OAUTH_REFRESH_TOKEN": "r",
                        "GOOGLE_OAUTH_TOKEN_URI": gmail.token_uri, "GMAIL_API_ENDPOINT": gmail.endpoint,
                        "GMAIL_CA_CERTS": str(gmail.certificate.cert)}.items():
        monkeypatch.setenv(name, value)
    settings = DigestSettings()
    return GmailMailer(gmail_credentials(settings), settings.gmail_api_endpoint, 5, settings.gmail_ca_certs)


def test_a_message_goes_as_one_media_upload_of_message_rfc822(gmail):
    assert anonymous_mailer(gmail).send(MESSAGE) == "local000001"
    assert (gmail.state.send_requests, gmail.state.uploads) == (1, 1)
    assert gmail.state.messages == [MESSAGE]


def test_a_message_over_the_documented_35_mb_is_refused_before_anything_is_sent(gmail):
    with pytest.raises(MediaUploadSizeError):
        anonymous_mailer(gmail).send(b"x" * (35 * 1024 * 1024 + 1))
    assert gmail.state.send_requests == 0


def test_a_connection_lost_after_the_body_went_out_is_in_doubt_and_the_post_is_not_repeated(gmail):
    gmail.state.drop_after_reading = True
    with pytest.raises(SendOutcomeUnknown, match="lost"):
        anonymous_mailer(gmail).send(MESSAGE)
    assert gmail.state.send_requests == 1 and len(gmail.state.messages) == 1


def test_a_timeout_is_in_doubt_and_the_post_is_not_repeated(gmail):
    gmail.state.delay = 2
    with pytest.raises(SendOutcomeUnknown, match="did not answer"):
        anonymous_mailer(gmail, timeout=0.5).send(MESSAGE)
    assert gmail.state.send_requests == 1


def test_a_refused_connection_is_a_plain_failure_not_in_doubt(gmail):
    endpoint, cert = gmail.endpoint, str(gmail.certificate.cert)
    gmail.stop()
    with pytest.raises(requests.ConnectionError):
        GmailMailer(AnonymousCredentials(), endpoint, 2, ca_certs=cert).send(MESSAGE)


def test_a_refresh_token_gets_a_gmail_send_token_from_the_token_endpoint(gmail, monkeypatch):
    mailer = refresh_token_mailer(gmail, monkeypatch)
    mailer.check_token()
    assert gmail.state.token_requests[-1]["grant_type"] == "refresh_token"
    assert mailer.send(MESSAGE) == "local000001"


@pytest.mark.parametrize(("refusal", "cause"), [
    ("invalid_grant", '"Testing"'), ("invalid_scope", "scope"), ("unauthorized_client", "Domain-wide delegation"),
])
def test_each_token_refusal_names_its_cause_and_fix(gmail, monkeypatch, refusal, cause):
    gmail.state.token_error = refusal
    mailer = refresh_token_mailer(gmail, monkeypatch)
    with pytest.raises(MailerAuthFailed, match=refusal) as refused:
        mailer.check_token()
    assert cause in str(refused.value) and "Fix:" in str(refused.value)
    with pytest.raises(MailerAuthFailed):
        mailer.send(MESSAGE)
    assert gmail.state.send_requests == 0


@pytest.mark.emulator
def test_a_refused_credential_is_recorded_in_the_ledger_and_logged_with_its_fix(stack, gmail, monkeypatch, capfd):
    gmail.state.token_error = "invalid_grant"
    db = stack.store._db
    with pytest.raises(MailerAuthFailed):
        send_digest(date(2024, 1, 5), reader=FirestoreDigestReader(db), ledger=FirestoreDigestLedger(db),
                    mailer=refresh_token_mailer(gmail, monkeypatch),
                    addressing=Addressing("digest@moi.go.th", ["kor-thor@moi.go.th"]),
                    now=datetime(2024, 1, 6, 1, 0, tzinfo=UTC))
    record = db.collection("digests").document("2024-01-05").get().to_dict()
    assert record["status"] == "failed" and record["last_error"].startswith("invalid_grant: the refresh token")
    assert '"message": "digest send failed: the mail credential was refused"' in capfd.readouterr().err
