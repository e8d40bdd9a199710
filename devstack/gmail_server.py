"""A local Gmail API (users.messages.send) that keeps every message it receives.

The real google-api-python-client reaches it through GMAIL_API_ENDPOINT. Tests
decode the stored raw messages; they can also make it slow (a send whose
outcome the client never learns) or make it fail.
"""

from __future__ import annotations

import base64
import contextlib
import email
import email.policy
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_SEND = re.compile(r"^/gmail/v1/users/([^/]+)/messages/send$")


@dataclass
class GmailState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    messages: list[bytes] = field(default_factory=list)
    delay: float = 0.0  # seconds to wait before answering (the message is kept all the same)
    fail_next: list[int] = field(default_factory=list)
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    def parsed(self) -> list[EmailMessage]:
        with self.lock:
            raws = list(self.messages)
        return [email.message_from_bytes(raw, policy=email.policy.default) for raw in raws]  # type: ignore[misc]


class GmailServer:
    def __init__(self, state: GmailState | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = state or GmailState()
        self._httpd = ThreadingHTTPServer((host, port), _handler(self.state))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> GmailServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def _handler(state: GmailState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            if not _SEND.match(self.path.split("?")[0]):
                return self._json(404, {"error": {"code": 404, "message": "no such method"}})
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            with state.lock:
                failure = state.fail_next.pop(0) if state.fail_next else None
                delay = state.delay
            if failure:
                return self._json(failure, {"error": {"code": failure, "message": "injected failure"}})
            raw = base64.urlsafe_b64decode(body["raw"] + "=" * (-len(body["raw"]) % 4))
            with state.lock:
                state.messages.append(raw)
                message_id = f"local{next(state._ids):06d}"
            if delay:
                time.sleep(delay)
            self._json(200, {"id": message_id, "threadId": message_id, "labelIds": ["SENT"]})

        def _json(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            # The client may have given up waiting: the message was kept all the same.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)

    return Handler
