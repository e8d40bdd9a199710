"""Structured logs: one JSON object a line, as Cloud Logging reads them from stderr.

Stderr keeps stdout free for what a CLI command prints as its result.

Only ids, codes and counts go in; never answers, names, phones or emails.
"""

from __future__ import annotations

import json
import sys
import threading
from datetime import UTC, datetime
from typing import Any

_write_lock = threading.Lock()


def log(severity: str, message: str, **fields: Any) -> None:
    entry = {
        "severity": severity,
        "message": message,
        "time": datetime.now(UTC).isoformat(),
        **fields,
    }
    line = json.dumps(entry, ensure_ascii=False, default=str) + "\n"
    # One write per entry: print() writes the newline apart, and entries of requests
    # served on other threads landed in between, two JSON objects on one line.
    with _write_lock:
        sys.stderr.write(line)
        sys.stderr.flush()


def info(message: str, **fields: Any) -> None:
    log("INFO", message, **fields)


def warning(message: str, **fields: Any) -> None:
    log("WARNING", message, **fields)


def error(message: str, **fields: Any) -> None:
    log("ERROR", message, **fields)
