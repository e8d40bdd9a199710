"""The FormsGateway on the Forms API v1, through google-api-python-client."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import google.auth
import httplib2
from google.auth.credentials import AnonymousCredentials, Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from shared.domain.backoff import next_wait, retry_after_seconds
from shared.domain.timestamps import Instant
from shared.ports import FormsAccessDenied, TransientError, WatchAlreadyExists, WatchNotFound

# forms.get, responses.list and watches.* all accept these two; the restricted
# drive.readonly scope is not needed (watches.create lists the Forms scopes among
# its accepted ones: https://developers.google.com/workspace/forms/api/reference/rest/v1/forms.watches/create).
SCOPES = [
    "https://www.googleapis.com/auth/forms.body.readonly",
    "https://www.googleapis.com/auth/forms.responses.readonly",
]
_RETRYABLE_STATUS = {408, 429, 500, 502, 503, 504}


class FormsApiGateway:
    def __init__(self, form_id: str, endpoint: str | None = None, page_size: int = 0,
                 credentials: Callable[[], Credentials] | None = None,
                 identity: str = "the identity the functions read the form as") -> None:
        self._form_id = form_id
        self._identity = identity  # named in error messages: who the form must be shared with
        self._sleep = time.sleep
        self._endpoint = endpoint
        self._page_size = page_size
        self._credentials = credentials
        # httplib2 is not thread-safe and functions-framework serves on threads.
        self._local = threading.local()

    def _forms(self) -> Any:
        service = getattr(self._local, "service", None)
        if service is None:
            credentials: Credentials
            options = None
            if self._endpoint:  # a local server of ours: no Google credentials at all
                credentials = AnonymousCredentials()  # type: ignore[no-untyped-call]
                options = {"api_endpoint": self._endpoint}
            elif self._credentials is not None:
                credentials = self._credentials()
            else:
                credentials, _ = google.auth.default(scopes=SCOPES)
            service = build("forms", "v1", credentials=credentials, client_options=options,
                            cache_discovery=False, static_discovery=True)
            self._local.service = service
        return service.forms()

    def get_form(self) -> dict[str, Any]:
        form: dict[str, Any] = self._execute(self._forms().get(formId=self._form_id))
        return form

    def list_responses(self, after: Instant | None = None) -> Iterator[dict[str, Any]]:
        params: dict[str, Any] = {"formId": self._form_id}
        if after is not None:
            params["filter"] = f"timestamp > {after.rfc3339()}"
        if self._page_size:
            params["pageSize"] = self._page_size
        responses = self._forms().responses()
        page_token = None
        while True:
            page = self._execute(responses.list(**params, pageToken=page_token) if page_token
                            else responses.list(**params))
            yield from page.get("responses", [])
            page_token = page.get("nextPageToken")
            if not page_token:
                return


    def first_responses(self, count: int = 1) -> list[dict[str, Any]]:
        """One page of at most ``count`` responses: can this identity read responses at all?"""
        page = self._execute(self._forms().responses().list(formId=self._form_id, pageSize=count))
        responses: list[dict[str, Any]] = page.get("responses", [])
        return responses

    # --- watches (WatchGateway) ---

    def list_watches(self) -> list[dict[str, Any]]:
        watches: list[dict[str, Any]] = self._execute(
            self._forms().watches().list(formId=self._form_id)).get("watches", [])
        return watches

    def create_watch(self, event_type: str, topic: str) -> dict[str, Any]:
        body = {"watch": {"target": {"topic": {"topicName": topic}}, "eventType": event_type}}
        try:
            created: dict[str, Any] = self._execute(self._forms().watches().create(formId=self._form_id, body=body))
        except HttpError as exc:
            if _status(exc) == (400, "FAILED_PRECONDITION"):
                raise WatchAlreadyExists(event_type) from exc
            raise
        return created

    def renew_watch(self, watch_id: str) -> dict[str, Any]:
        try:
            renewed: dict[str, Any] = self._execute(
                self._forms().watches().renew(formId=self._form_id, watchId=watch_id), watch_call=True)
        except HttpError as exc:
            if exc.resp.status == 404:
                raise WatchNotFound(watch_id) from exc
            raise
        return renewed

    def delete_watch(self, watch_id: str) -> None:
        try:
            self._execute(self._forms().watches().delete(formId=self._form_id, watchId=watch_id), watch_call=True)
        except HttpError as exc:
            if exc.resp.status in (403, 404):  # the real API has answered 403 for a watch that was gone
                raise WatchNotFound(watch_id) from exc
            raise

    def _execute(self, request: Any, watch_call: bool = False) -> Any:
        """Run one request (one page: a failed page is retried alone), backing off on 429 and
        5xx as the server asks (Retry-After) within a budget, then turn what remains into
        the errors the services handle."""
        retry, waited = 0, 0.0
        while True:
            try:
                return self._execute_once(request, watch_call)
            except _Retryable as exc:
                retry += 1
                wait = next_wait(retry, retry_after_seconds(exc.retry_after, datetime.now(UTC)), waited)
                if wait is None:
                    raise TransientError(f"Forms API answered {exc.code} {exc.status} after retries") from exc
                self._sleep(wait)
                waited += wait

    def _execute_once(self, request: Any, watch_call: bool) -> Any:
        try:
            return request.execute()
        except HttpError as exc:
            code, status = _status(exc)
            if code in _RETRYABLE_STATUS:
                raise _Retryable(code, status, exc.resp.get("retry-after")) from exc
            if status == "PERMISSION_DENIED" and not (watch_call and "watch" in _message(exc).casefold()):
                raise FormsAccessDenied(
                    f"Forms API refused {self._identity} (403 PERMISSION_DENIED) for form {self._form_id}: "
                    f"share the form with {self._identity} as editor (a viewer is only a responder "
                    "and can neither read responses nor own a watch)") from exc
            raise
        except (TimeoutError, ConnectionError, httplib2.HttpLib2Error) as exc:
            raise TransientError(f"Forms API unreachable: {exc.__class__.__name__}") from exc


class _Retryable(Exception):
    def __init__(self, code: int, status: str, retry_after: str | None) -> None:
        super().__init__(f"{code} {status}")
        self.code, self.status, self.retry_after = code, status, retry_after


def _error_body(exc: HttpError) -> dict[str, Any]:
    try:
        body = json.loads(exc.content or b"{}")
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def _status(exc: HttpError) -> tuple[int, str]:
    """(HTTP code, canonical status such as "PERMISSION_DENIED") of a Google JSON error."""
    return int(exc.resp.status), str(_error_body(exc).get("status", ""))


def _message(exc: HttpError) -> str:
    return str(_error_body(exc).get("message", ""))


def forms_credentials(
    reader_account: str | None, oauth_client_id: str | None, oauth_client_secret: str | None,
    oauth_refresh_token: str | None,
) -> Callable[[], Credentials] | None:
    """The identity that reads the form and owns its watches, built on first use."""
    if oauth_refresh_token:
        def user() -> Credentials:
            from google.oauth2.credentials import Credentials as UserCredentials

            credentials: Credentials = UserCredentials(  # type: ignore[no-untyped-call]
                None, refresh_token=oauth_refresh_token, client_id=oauth_client_id,
                client_secret=oauth_client_secret, token_uri="https://oauth2.googleapis.com/token",
                scopes=SCOPES)
            return credentials
        return user
    if reader_account:
        def impersonated() -> Credentials:
            from google.auth import impersonated_credentials

            source, _ = google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform"])
            credentials: Credentials = impersonated_credentials.Credentials(  # type: ignore[no-untyped-call]
                source_credentials=source, target_principal=reader_account, target_scopes=SCOPES)
            return credentials
        return impersonated
    return None
