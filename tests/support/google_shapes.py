"""The JSON shapes Google documents for what we receive, kept in tests/fixtures/google/
(each file's source is cited in that folder's README)."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent.parent / "fixtures" / "google"


@cache
def _read(name: str) -> Any:
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))


def shape(name: str) -> Any:
    """A fresh copy of tests/fixtures/google/<name>, safe to change in a test."""
    return copy.deepcopy(_read(name))


def push_envelope(form_id: str, event_type: str = "RESPONSES", name: str = "pubsub-push-attribute-only.json",
                  published: datetime | None = None) -> Any:
    """A documented push envelope, carrying a watch message for ``form_id`` published
    ``published`` (now by default: the fixture's 2021 publishTime would be covered by
    any listing since, and such a notification rightly lists nothing)."""
    body = shape(name)
    body["message"]["attributes"].update(formId=form_id, eventType=event_type)
    moment = (published or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    for key in ("publishTime", "publish_time"):
        if key in body["message"]:
            body["message"][key] = moment
    return body
