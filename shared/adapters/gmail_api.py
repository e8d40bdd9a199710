"""The Mailer on the Gmail API (users.messages.send with a raw RFC 2822 message)."""

from __future__ import annotations

import base64
from typing import Any

import httplib2
from google.auth.credentials import AnonymousCredentials, Credentials
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import build

from shared.config import DigestSettings
from shared.digest.ports import SendOutcomeUnknown

SEND_SCOPE = "https://www.googleapis.com/auth/gmail.send"
TOKEN_URI = "https://oauth2.googleapis.com/token"


class GmailMailer:
    def __init__(self, credentials: Credentials, endpoint: str | None, timeout: float) -> None:
        self._credentials = credentials
        self._endpoint = endpoint
        self._timeout = timeout

    def send(self, raw_message: bytes) -> str:
        # A new Http per send: httplib2 is not thread-safe, and a send is rare.
        http = AuthorizedHttp(self._credentials, http=httplib2.Http(timeout=self._timeout))
        options = {"api_endpoint": self._endpoint} if self._endpoint else None
        service = build("gmail", "v1", http=http, client_options=options, cache_discovery=False,
                        static_discovery=True)
        # The JSON {"raw": ...} body, not a media upload: an upload goes to /upload/ over https
        # whatever the endpoint says.
        body = {"raw": base64.urlsafe_b64encode(raw_message).decode("ascii")}
        try:
            sent: dict[str, Any] = service.users().messages().send(userId="me", body=body).execute()
        except TimeoutError as exc:
            # Gmail may have sent it: only a definite answer (HttpError) means it did not.
            raise SendOutcomeUnknown(f"Gmail did not answer within {self._timeout:.0f} s") from exc
        return str(sent["id"])


def gmail_credentials(settings: DigestSettings) -> Credentials:
    if settings.gmail_api_endpoint:  # a local server of ours
        credentials: Credentials = AnonymousCredentials()  # type: ignore[no-untyped-call]
        return credentials
    if settings.gmail_auth == "refresh_token":
        from google.oauth2.credentials import Credentials as UserCredentials

        if not (settings.gmail_oauth_client_id and settings.gmail_oauth_client_secret
                and settings.gmail_oauth_refresh_token):
            raise ValueError("GMAIL_AUTH=refresh_token needs GMAIL_OAUTH_CLIENT_ID, _CLIENT_SECRET and _REFRESH_TOKEN")
        user: Credentials = UserCredentials(  # type: ignore[no-untyped-call]
            None, refresh_token=settings.gmail_oauth_refresh_token.get_secret_value(),
            client_id=settings.gmail_oauth_client_id,
            client_secret=settings.gmail_oauth_client_secret.get_secret_value(),
            token_uri=TOKEN_URI, scopes=[SEND_SCOPE])
        return user
    return _delegated(settings)


def _delegated(settings: DigestSettings) -> Credentials:
    """Keyless domain-wide delegation: the runtime's identity asks the IAM Credentials
    API to sign the JWT of the delegating service account, with the sender as subject."""
    import google.auth
    from google.auth import iam
    from google.auth.transport.requests import Request
    from google.oauth2 import service_account

    if not settings.gmail_delegation_service_account:
        raise ValueError("GMAIL_AUTH=delegation needs GMAIL_DELEGATION_SERVICE_ACCOUNT")
    source, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform"])
    signer = iam.Signer(Request(), source, settings.gmail_delegation_service_account)  # type: ignore[no-untyped-call]
    delegated: Credentials = service_account.Credentials(  # type: ignore[no-untyped-call]
        signer, settings.gmail_delegation_service_account, TOKEN_URI, scopes=[SEND_SCOPE],
        subject=settings.digest_sender)
    return delegated
