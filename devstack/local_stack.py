"""The whole local stack: Firestore and Pub/Sub emulators, our Forms API server,
and the ingest function under functions-framework, fed by a push subscription.

Used by `make demo` and the end-to-end tests. Everything it starts, it stops:
the emulators and the function by their process groups.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devstack.emulators import (
    RunningService,
    free_port,
    start_firestore,
    start_in_own_group,
    start_pubsub,
    stop_process_group,
)
from devstack.forms_server import FormsServer, FormsState

ROOT = Path(__file__).resolve().parent.parent
TOPIC = "forms-watch"
SUBSCRIPTION = "ingest-push"


@dataclass
class LocalStack:
    project: str
    form: dict[str, Any]
    log_dir: Path = ROOT / ".local" / "logs"
    firestore: RunningService | None = None
    pubsub: RunningService | None = None
    forms: FormsServer | None = None
    function: Any = None
    function_port: int = 0
    _published: int = field(default=0)

    def __enter__(self) -> LocalStack:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def env(self) -> dict[str, str]:
        assert self.firestore and self.forms
        return {
            "GOOGLE_CLOUD_PROJECT": self.project,
            "FIRESTORE_EMULATOR_HOST": self.firestore.host,
            "FORM_ID": self.form["formId"],
            "FORMS_API_ENDPOINT": self.forms.endpoint,
        }

    def start(self) -> None:
        self.firestore = start_firestore(self.log_dir)
        self.pubsub = start_pubsub(self.log_dir)
        self.forms = FormsServer(FormsState(self.form)).start()
        self.function_port = free_port()
        env = {**os.environ, **self.env, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "functions_framework", "--target", "ingest",
                   "--source", str(ROOT / "functions" / "ingest" / "main.py"), "--port", str(self.function_port)]
        self.function = start_in_own_group("ingest-function", command, self.log_dir, env=env)
        wait_until_listening(self.function_port, self.function)
        self._pubsub("PUT", f"topics/{TOPIC}", {})
        self._pubsub("PUT", f"subscriptions/{SUBSCRIPTION}", {
            "topic": f"projects/{self.project}/topics/{TOPIC}",
            "pushConfig": {"pushEndpoint": self.function_url},
            "ackDeadlineSeconds": 60,
        })

    def publish_watch_event(self, event_type: str = "RESPONSES") -> None:
        """What a Forms watch publishes: attributes only, no data."""
        self.publish_watch_events(1, event_type)

    def publish_watch_events(self, count: int, event_type: str = "RESPONSES") -> None:
        """``count`` notifications in one publish call, as a burst of submissions brings them."""
        attributes = {"eventType": event_type, "formId": self.form["formId"], "watchId": "local-watch"}
        self._pubsub("POST", f"topics/{TOPIC}:publish", {"messages": [{"attributes": attributes}] * count})
        self._published += count

    @property
    def function_url(self) -> str:
        return f"http://127.0.0.1:{self.function_port}/"

    def post_to_function(self, body: bytes) -> int:
        """POST a body to the ingest function as a push would, bypassing the emulator
        (which always adds `"data": ""`); returns the HTTP status."""
        request = urllib.request.Request(self.function_url, data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as refused:
            return refused.code

    def stop(self) -> None:
        if self.pubsub is not None:
            # A failing push would otherwise be redelivered every second.
            with contextlib.suppress(OSError):
                self._pubsub("DELETE", f"subscriptions/{SUBSCRIPTION}", None)
        if self.function is not None:
            stop_process_group(self.function)
        if self.forms is not None:
            self.forms.stop()
        for service in (self.pubsub, self.firestore):
            if service is not None:
                service.stop()

    def _pubsub(self, method: str, path: str, body: dict[str, Any] | None) -> dict[str, Any]:
        assert self.pubsub
        url = f"http://{self.pubsub.host}/v1/projects/{self.project}/{path}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            payload = answer.read()
        return json.loads(payload) if payload else {}


def wait_until_listening(port: int, process: Any, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the function exited with {process.returncode}; see .local/logs")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"the function did not listen on {port} within {timeout:.0f} s")

