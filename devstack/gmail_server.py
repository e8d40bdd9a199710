"""A local Gmail API (users.messages.send) that keeps every message it receives.

The real google-api-python-client reaches it through GMAIL_API_ENDPOINT. Tests
decode the stored raw messages; they can also make it slow (a send whose
outcome the client never learns) or make it fail.
"""

from __future__ import annotations

import base64
import email
import email.policy
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from devstack.local_http import JsonHandler, LocalHttpServer

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


class GmailServer(LocalHttpServer):
    def __init__(self, state: GmailState | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = state or GmailState()
        super().__init__(_handler(self.state), host, port)


def _handler(state: GmailState) -> type[JsonHandler]:
    class Handler(JsonHandler):
        def do_POST(self) -> None:
            if not _SEND.match(self.path.split("?")[0]):
                return self._error(404, "no such method")
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            with state.lock:
                failure = state.fail_next.pop(0) if state.fail_next else None
                delay = state.delay
            if failure:
                return self._error(failure, "injected failure")
            raw = base64.urlsafe_b64decode(body["raw"] + "=" * (-len(body["raw"]) % 4))
            with state.lock:
                state.messages.append(raw)
                message_id = f"local{next(state._ids):06d}"
            if delay:
                time.sleep(delay)
            self._json(200, {"id": message_id, "threadId": message_id, "labelIds": ["SENT"]})

    return Handler
