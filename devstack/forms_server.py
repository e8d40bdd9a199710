"""A local Forms API v1 (forms.get, forms.responses.list) over in-memory fixtures.

The real google-api-python-client talks to it through FORMS_API_ENDPOINT. It
behaves as the API does where our code depends on it: `timestamp > T` and
`timestamp >= T` filters at nanosecond precision on lastSubmittedTime, pages
with tokens bound to their filter, an edit keeping its responseId. It also
counts listings and can be told to be slow or to fail, for tests.

It is as strict as the real API where we know how the real API refuses: a
caller the form is not shared with as editor gets 403 PERMISSION_DENIED on
every method; deleting a watch that does not exist answers 403 "Watch not
found or permission denied" (as observed on the real API, not 404); a second
watch of one event type answers 400 FAILED_PRECONDITION. Error bodies are
Google's documented ones, from tests/fixtures/google/.
"""

from __future__ import annotations

import base64
import copy
import json
import random
import re
import threading
import time
from typing import Any
from urllib.parse import parse_qs, urlparse

from devstack.local_http import JsonHandler, LocalHttpServer
from shared.domain.timestamps import Instant

_FORM = re.compile(r"^/v1/forms/([^/]+)$")
_RESPONSES = re.compile(r"^/v1/forms/([^/]+)/responses$")
_FILTER = re.compile(r"^timestamp\s*(>=|>)\s*(\S+)$")
_WATCHES = re.compile(r"^/v1/forms/([^/]+)/watches$")
_WATCH = re.compile(r"^/v1/forms/([^/]+)/watches/([^/:]+)(:renew)?$")
WATCH_LIFETIME_NS = 7 * 24 * 3600 * 1_000_000_000


class FormsState:
    def __init__(self, form: dict[str, Any]) -> None:
        self.lock = threading.Lock()
        self.form = copy.deepcopy(form)
        self.responses: dict[str, dict[str, Any]] = {}
        self.listings = 0  # first pages of responses.list: one per listing
        self.list_calls = 0
        self.get_calls = 0
        self.responses_served = 0  # responses returned by all listings
        self.list_delay = 0.0
        # The next calls fail: an HTTP status or the name of an error fixture ("429-resource-exhausted"),
        # optionally for one HTTP method only: ("DELETE", "403-watch-not-found").
        self.fail_next: list[int | str | tuple[str, int | str]] = []
        # "editor" reads responses and owns watches; a "responder" (a Drive reader of a form) may not.
        self.access = "editor"
        self.retry_after: str | None = None  # sent with an injected 429, as a server asking to wait would
        # Fault injection: this share of calls fails (429, 500 or 503) or answers slowly, reproducibly.
        self.failure_rate = 0.0
        self.slow_rate = 0.0
        self.slow_seconds = 0.2
        self.random = random.Random(7)
        self.injected = {"failed": 0, "slow": 0}  # what the fault injection did
        self.watches: dict[str, dict[str, Any]] = {}
        self.watch_calls: list[str] = []  # "create RESPONSES", "renew <id>", "delete <id>"

    def submit(self, response: dict[str, Any]) -> None:
        """A new response, or an edit of one (same responseId) replacing it."""
        with self.lock:
            self.responses[response["responseId"]] = copy.deepcopy(response)

    def delete(self, response_id: str) -> None:
        with self.lock:
            self.responses.pop(response_id, None)

    def set_form(self, form: dict[str, Any]) -> None:
        with self.lock:
            self.form = copy.deepcopy(form)


class FormsServer(LocalHttpServer):
    def __init__(self, state: FormsState, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(_handler(state), host, port)
        self.state = state


def _handler(state: FormsState) -> type[JsonHandler]:
    class Handler(JsonHandler):
        def _refused(self) -> bool:
            with state.lock:
                failure = _next_failure(state, self.command) or _random_failure(state)
                access = state.access
                slow = state.slow_rate and state.random.random() < state.slow_rate
                state.injected["slow"] += bool(slow)
            if slow:
                time.sleep(state.slow_seconds)
            if isinstance(failure, int):
                self._error(failure)
            elif failure:
                retry_after = state.retry_after if str(failure).startswith("429") else None
                self._google_error(failure, {"Retry-After": retry_after} if retry_after else None)
            elif access != "editor":
                self._google_error("403-permission-denied")
            return bool(failure) or access != "editor"

        def do_GET(self) -> None:
            if self._refused():
                return None
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if match := _FORM.match(url.path):
                with state.lock:
                    state.get_calls += 1
                    if match.group(1) != state.form.get("formId"):
                        return self._error(404)
                    return self._json(200, state.form)
            if match := _RESPONSES.match(url.path):
                return self._list(match.group(1), query)
            if _WATCHES.match(url.path):
                with state.lock:
                    return self._json(200, {"watches": list(state.watches.values())} if state.watches else {})
            return self._error(404, "no such method")

        def do_POST(self) -> None:
            if self._refused():
                return None
            path = urlparse(self.path).path
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            now = time.time_ns()
            with state.lock:
                if _WATCHES.match(path):
                    watch = body["watch"]
                    if any(w["eventType"] == watch["eventType"] for w in state.watches.values()):
                        return self._google_error("400-failed-precondition")
                    watch_id = f"watch-{len(state.watch_calls) + 1}"
                    state.watch_calls.append(f"create {watch['eventType']}")
                    created = {**watch, "id": watch_id, "createTime": Instant(now).rfc3339(),
                               "expireTime": Instant(now + WATCH_LIFETIME_NS).rfc3339(), "state": "ACTIVE"}
                    state.watches[watch_id] = created
                    return self._json(200, created)
                match = _WATCH.match(path)
                if match and match.group(3):
                    watch = state.watches.get(match.group(2))
                    state.watch_calls.append(f"renew {match.group(2)}")
                    if watch is None or Instant.parse(watch["expireTime"]).ns <= now:
                        return self._error(404)
                    watch["expireTime"] = Instant(now + WATCH_LIFETIME_NS).rfc3339()
                    return self._json(200, watch)
            return self._error(404, "no such method")

        def do_DELETE(self) -> None:
            if self._refused():
                return None
            match = _WATCH.match(urlparse(self.path).path)
            if not match:
                return self._error(404, "no such method")
            with state.lock:
                state.watch_calls.append(f"delete {match.group(2)}")
                if state.watches.pop(match.group(2), None) is not None:
                    return self._json(200, {})
            # What the real API answered for a watch that was gone (not 404).
            return self._google_error("403-watch-not-found")

        def _list(self, form_id: str, query: dict[str, str]) -> None:
            token = query.get("pageToken")
            text_filter = query.get("filter", "")
            with state.lock:
                state.list_calls += 1
                if not token:
                    state.listings += 1
                delay = state.list_delay
                if form_id != state.form.get("formId"):
                    return self._error(404)
                items = list(state.responses.values())
            if delay:
                time.sleep(delay)
            if text_filter:
                match = _FILTER.match(text_filter.strip())
                if not match:
                    return self._error(400, f"Invalid filter: {text_filter}")
                op, bound = match.group(1), Instant.parse(match.group(2))
                items = [r for r in items if _passes(Instant.parse(r["lastSubmittedTime"]), op, bound)]
            size = int(query.get("pageSize") or 0) or 5000
            start = 0
            if token:
                decoded = json.loads(base64.urlsafe_b64decode(token))
                if decoded["filter"] != text_filter:
                    return self._error(400, "pageToken must be used with the same filter")
                start = decoded["offset"]
            page: dict[str, Any] = {}
            if items[start:start + size]:
                page["responses"] = items[start:start + size]
                with state.lock:
                    state.responses_served += len(page["responses"])
            if start + size < len(items):
                next_token = {"offset": start + size, "filter": text_filter}
                page["nextPageToken"] = base64.urlsafe_b64encode(json.dumps(next_token).encode()).decode()
            return self._json(200, page)

    return Handler


def _random_failure(state: FormsState) -> str | None:
    if state.failure_rate and state.random.random() < state.failure_rate:
        state.injected["failed"] += 1
        return state.random.choice(["429-resource-exhausted", "500-internal", "503-unavailable"])
    return None


def _next_failure(state: FormsState, method: str) -> int | str | None:
    for index, item in enumerate(state.fail_next):
        wanted, failure = item if isinstance(item, tuple) else (None, item)
        if wanted in (None, method):
            del state.fail_next[index]
            return failure
    return None


def _passes(value: Instant, op: str, bound: Instant) -> bool:
    return value > bound if op == ">" else value >= bound
