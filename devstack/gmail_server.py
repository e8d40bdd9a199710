"""A local Gmail API (users.messages.send) and OAuth token endpoint that keep every
message they receive.

The real google-api-python-client reaches it through GMAIL_API_ENDPOINT. It speaks
TLS, as Gmail does: the client sends a media upload to https://<host>/upload/...
whatever the endpoint's scheme (clients trust it through GMAIL_CA_CERTS). It takes
the media upload Google documents (message/*, at most 35 MB: the `mediaUpload`
entry of the Gmail discovery document) and the JSON `raw` body. Tests decode the
stored messages; they can make it slow, make it fail, drop the connection after
reading a message, or make the token endpoint refuse with a documented OAuth error.
"""

from __future__ import annotations

import base64
import email
import email.policy
import itertools
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs

from devstack.local_http import GOOGLE_SHAPES, JsonHandler, LocalHttpServer
from devstack.tls import local_certificate

_SEND = re.compile(r"^/gmail/v1/users/([^/]+)/messages/send$")
_UPLOAD = re.compile(r"^/upload/gmail/v1/users/([^/]+)/messages/send$")
MAX_UPLOAD_BYTES = 36_700_160  # 35 MiB, gmail.v1 discovery: messages.send mediaUpload.maxSize
ISSUED_TOKEN = "local-access-token"


@dataclass
class GmailState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    messages: list[bytes] = field(default_factory=list)
    send_requests: int = 0  # POSTs received, kept or not: a repeated POST shows here
    uploads: int = 0  # of which media uploads
    delay: float = 0.0  # seconds to wait before answering (the message is kept all the same)
    fail_next: list[int] = field(default_factory=list)
    drop_after_reading: bool = False  # keep the message, then close the connection unanswered
    token_error: str | None = None  # "invalid_grant", "invalid_scope", "unauthorized_client"
    token_requests: list[dict[str, str]] = field(default_factory=list)
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    def parsed(self) -> list[EmailMessage]:
        with self.lock:
            raws = list(self.messages)
        return [email.message_from_bytes(raw, policy=email.policy.default) for raw in raws]  # type: ignore[misc]


class GmailServer(LocalHttpServer):
    def __init__(self, state: GmailState | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = state or GmailState()
        self.certificate = local_certificate()
        super().__init__(_handler(self.state), host, port, tls=self.certificate.server_context())

    @property
    def token_uri(self) -> str:
        return f"{self.endpoint}/token"


def _handler(state: GmailState) -> type[JsonHandler]:
    class Handler(JsonHandler):
        def do_POST(self) -> None:
            path, _, query = self.path.partition("?")
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if path == "/token":
                return self._token(body)
            upload = _UPLOAD.match(path)
            if not (upload or _SEND.match(path)):
                return self._error(404, "no such method")
            if self.headers.get("Authorization", f"Bearer {ISSUED_TOKEN}") != f"Bearer {ISSUED_TOKEN}":
                return self._error(401, "Request had invalid authentication credentials.")
            with state.lock:
                state.send_requests += 1
                state.uploads += bool(upload)
                failure = state.fail_next.pop(0) if state.fail_next else None
                delay, drop = state.delay, state.drop_after_reading
            if failure:
                return self._error(failure, "injected failure")
            if upload:
                if parse_qs(query).get("uploadType") != ["media"]:
                    return self._error(400, "uploadType=media expected")
                if not (self.headers.get("Content-Type") or "").startswith("message/"):
                    return self._error(400, "Media type not accepted: message/* only")
                if len(body) > MAX_UPLOAD_BYTES:
                    return self._error(413, "Request Entity Too Large")
                raw = body
            else:
                encoded = json.loads(body or b"{}")["raw"]
                raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            with state.lock:
                state.messages.append(raw)
                message_id = f"local{next(state._ids):06d}"
            if drop:  # Gmail has it; the client never hears so
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return None
            if delay:
                time.sleep(delay)
            return self._json(200, {"id": message_id, "threadId": message_id, "labelIds": ["SENT"]})

        def _token(self, body: bytes) -> None:
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            with state.lock:
                state.token_requests.append(form)
                refusal = state.token_error
            if refusal:
                answer = json.loads((GOOGLE_SHAPES / f"oauth-{refusal.replace('_', '-')}.json").read_text())
                return self._json(401 if refusal == "unauthorized_client" else 400, answer)
            return self._json(200, {"access_token": ISSUED_TOKEN, "expires_in": 3599, "token_type": "Bearer",
                                    "scope": form.get("scope", "")})

    return Handler
