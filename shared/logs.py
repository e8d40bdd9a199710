"""Structured logs: one JSON object a line, as Cloud Logging reads them from stderr.

Stderr keeps stdout free for what a CLI command prints as its result.

Only ids, codes and counts go in; never answers, names, phones or emails.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from typing import Any


def log(severity: str, message: str, **fields: Any) -> None:
    entry = {
        "severity": severity,
        "message": message,
        "time": datetime.now(UTC).isoformat(),
        **fields,
    }
    print(json.dumps(entry, ensure_ascii=False, default=str), file=sys.stderr, flush=True)


def info(message: str, **fields: Any) -> None:
    log("INFO", message, **fields)


def warning(message: str, **fields: Any) -> None:
    log("WARNING", message, **fields)


def error(message: str, **fields: Any) -> None:
    log("ERROR", message, **fields)
