"""What our local Google API servers share: a threaded HTTP server on loopback
that answers JSON, started and stopped with the test or demo that owns it."""

from __future__ import annotations

import contextlib
import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self


class JsonHandler(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        # The client may have given up waiting (a timeout test): nothing to answer then.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(data)

    def _error(self, status: int, message: str | None = None) -> None:
        """Google's JSON error body (https://cloud.google.com/apis/design/errors#http_mapping):
        the documented one for this status from tests/fixtures/google/, else a generic one."""
        name = ERROR_BY_STATUS.get(status)
        body = google_error(name) if name else {
            "error": {"code": status, "message": message or "error", "status": "UNKNOWN"}}
        if message:
            body["error"]["message"] = message
        self._json(status, body)

    def _google_error(self, name: str, headers: dict[str, str] | None = None) -> None:
        body = google_error(name)
        self._json(int(body["error"]["code"]), body, headers)


GOOGLE_SHAPES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "google"
# The error each status stands for when a test asks for a status alone.
ERROR_BY_STATUS = {
    400: "400-invalid-argument", 403: "403-permission-denied", 404: "404-not-found",
    429: "429-resource-exhausted", 500: "500-internal", 503: "503-unavailable",
}


def google_error(name: str) -> dict[str, Any]:
    """A documented error body, tests/fixtures/google/error-<name>.json (a fresh copy)."""
    body: dict[str, Any] = json.loads((GOOGLE_SHAPES / f"error-{name}.json").read_text(encoding="utf-8"))
    return body


class LocalHttpServer:
    def __init__(self, handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1", port: int = 0,
                 tls: ssl.SSLContext | None = None) -> None:
        self._httpd = ThreadingHTTPServer((host, port), handler)
        self._httpd.daemon_threads = True
        self._scheme = "http"
        if tls is not None:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
            self._scheme = "https"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"{self._scheme}://{host!s}:{port}"

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
