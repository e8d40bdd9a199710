"""The Mailer on the Gmail API: users.messages.send as a media upload of the RFC 2822 message.

A media upload (POST /upload/gmail/v1/users/me/messages/send, `message/rfc822`)
has a documented limit: 35 MB (`mediaUpload.maxSize` in Google's gmail.v1
discovery document); a JSON `{"raw": ...}` body has none that Google documents.

The request goes through google-api-python-client on a transport that sends each
request exactly once. httplib2, the client's default, silently sends a request
again when the connection drops before the answer (`_conn_request`, on
BadStatusLine), which for a send could mail the digest twice. Here a send whose
outcome is unknown (a timeout, or the connection lost after the body went out)
raises SendOutcomeUnknown: the ledger records it "in doubt" and the next run
resends with the same Message-ID.
"""

from __future__ import annotations

from typing import Any

import httplib2
import requests
from google.auth.credentials import AnonymousCredentials, Credentials
from google.auth.exceptions import RefreshError
from google.auth.transport.requests import AuthorizedSession, Request
from googleapiclient.discovery import build
from googleapiclient.http import MediaInMemoryUpload
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from shared.config import DigestSettings
from shared.digest.ports import MailerAuthFailed, SendOutcomeUnknown
from shared.domain.auth_errors import explain_token_refusal

SEND_SCOPE = "https://www.googleapis.com/auth/gmail.send"


class GmailMailer:
    def __init__(self, credentials: Credentials, endpoint: str | None, timeout: float,
                 ca_certs: str | None = None) -> None:
        self._credentials = credentials
        self._endpoint = endpoint
        self._timeout = timeout
        self._ca_certs = ca_certs  # only for our local Gmail server's certificate

    def send(self, raw_message: bytes) -> str:
        service = build("gmail", "v1", http=self._http(), client_options=self._options(),
                        cache_discovery=False, static_discovery=True)
        media = MediaInMemoryUpload(raw_message, mimetype="message/rfc822", resumable=False)
        try:
            sent: dict[str, Any] = service.users().messages().send(userId="me", media_body=media).execute()
        except RefreshError as exc:
            raise MailerAuthFailed(str(_explain(exc))) from exc
        return str(sent["id"])

    def check_token(self) -> str:
        """Obtain a gmail.send token now (what `doctor` checks); raises MailerAuthFailed."""
        if isinstance(self._credentials, AnonymousCredentials):
            return f"none needed: anonymous, for the local Gmail server at {self._endpoint}"
        try:
            self._credentials.refresh(Request(self._session()))  # type: ignore[no-untyped-call]
        except RefreshError as exc:
            raise MailerAuthFailed(str(_explain(exc))) from exc
        return "obtained"

    def _options(self) -> dict[str, str] | None:
        return {"api_endpoint": self._endpoint} if self._endpoint else None

    def _session(self, session: requests.Session | None = None) -> requests.Session:
        session = session or requests.Session()
        if self._ca_certs:
            # REQUESTS_CA_BUNDLE in the environment would otherwise win over session.verify.
            session.trust_env = False
            session.verify = self._ca_certs
        return session

    def _http(self) -> SendOnce:
        # A new session per send: a send is rare, and nothing is shared between threads.
        authorized = AuthorizedSession(self._credentials, auth_request=Request(self._session()))  # type: ignore[no-untyped-call]
        return SendOnce(self._session(authorized), self._timeout)


class SendOnce:
    """The httplib2-shaped transport google-api-python-client calls (`request` returning
    (response, content)), on requests, which does not retry: each request goes out once."""

    def __init__(self, session: requests.Session, timeout: float) -> None:
        self._session = session
        self._timeout = timeout

    def request(self, uri: str, method: str = "GET", body: Any = None, headers: dict[str, str] | None = None,
                redirections: int = 5, connection_type: Any = None) -> tuple[httplib2.Response, bytes]:
        try:
            answer = self._session.request(method, uri, data=body, headers=headers, timeout=self._timeout,
                                           allow_redirects=False)
        except requests.ConnectionError as exc:
            if _never_connected(exc):
                raise  # nothing was sent: a plain failure, retried by the next invocation
            raise SendOutcomeUnknown(f"the connection to Gmail was lost before an answer: {_kind(exc)}") from exc
        except requests.Timeout as exc:
            raise SendOutcomeUnknown(f"Gmail did not answer within {self._timeout:.0f} s") from exc
        headers_seen = {key.lower(): value for key, value in answer.headers.items()}
        return httplib2.Response({**headers_seen, "status": str(answer.status_code)}), answer.content

    def close(self) -> None:
        self._session.close()


def _never_connected(exc: requests.ConnectionError) -> bool:
    # A refused connection, a connect timeout or a failed TLS handshake: no byte of the message left.
    if isinstance(exc, requests.ConnectTimeout | requests.exceptions.SSLError):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, NewConnectionError | ConnectTimeoutError)


def _kind(exc: BaseException) -> str:
    return exc.__class__.__name__


def _explain(exc: RefreshError) -> Any:
    """RefreshError("<code>: <description>", {"error": code, ...}) (google/oauth2/_client.py)."""
    body = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], dict) else {}
    code = body.get("error") or (str(exc.args[0]).split(":", 1)[0] if exc.args else None)
    return explain_token_refusal(code, str(body.get("error_description", "")))


def gmail_credentials(settings: DigestSettings) -> Credentials:
    if settings.gmail_auth == "refresh_token":
        from google.oauth2.credentials import Credentials as UserCredentials

        if not (settings.gmail_oauth_client_id and settings.gmail_oauth_client_secret
                and settings.gmail_oauth_refresh_token):
            raise ValueError("GMAIL_AUTH=refresh_token needs GMAIL_OAUTH_CLIENT_ID, _CLIENT_SECRET and _REFRESH_TOKEN")
        user: Credentials = UserCredentials(  # type: ignore[no-untyped-call]
            None, refresh_token=settings.gmail_oauth_refresh_token.get_secret_value(),
            client_id=settings.gmail_oauth_client_id,
            client_secret=settings.gmail_oauth_client_secret.get_secret_value(),
            token_uri=settings.oauth_token_uri, scopes=[SEND_SCOPE])
        return user
    if settings.gmail_api_endpoint:  # a local server of ours, no delegation to ask for
        anonymous: Credentials = AnonymousCredentials()  # type: ignore[no-untyped-call]
        return anonymous
    return _delegated(settings)


def _delegated(settings: DigestSettings) -> Credentials:
    """Keyless domain-wide delegation: the runtime's identity asks the IAM Credentials
    API to sign the JWT of the delegating service account, with the sender as subject."""
    import google.auth
    from google.auth import iam
    from google.oauth2 import service_account

    if not settings.gmail_delegation_service_account:
        raise ValueError("GMAIL_AUTH=delegation needs GMAIL_DELEGATION_SERVICE_ACCOUNT")
    source, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform"])
    signer = iam.Signer(Request(), source, settings.gmail_delegation_service_account)  # type: ignore[no-untyped-call]
    delegated: Credentials = service_account.Credentials(  # type: ignore[no-untyped-call]
        signer, settings.gmail_delegation_service_account, settings.oauth_token_uri, scopes=[SEND_SCOPE],
        subject=settings.digest_sender)
    return delegated
