"""Fixtures for the whole suite: the emulators are started once per run, here.

Each test gets a Firestore project of its own on the one emulator, which is as
good as a reset and cheaper.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devstack.emulators import RunningService, start_firestore

ROOT = Path(__file__).resolve().parent.parent
LOG_DIR = ROOT / ".local" / "logs"
SAMPLE = Path(__file__).with_name("sample_data") / "responses.json"


@pytest.fixture(scope="session")
def firestore_host() -> Iterator[str]:
    """A Firestore emulator of this run's own (never one left over in the environment)."""
    previous = os.environ.get("FIRESTORE_EMULATOR_HOST")
    service: RunningService = start_firestore(LOG_DIR)
    os.environ["FIRESTORE_EMULATOR_HOST"] = service.host
    try:
        yield service.host
    finally:
        service.stop()
        if previous is None:
            os.environ.pop("FIRESTORE_EMULATOR_HOST", None)
        else:
            os.environ["FIRESTORE_EMULATOR_HOST"] = previous


@pytest.fixture
def project_id(firestore_host: str) -> str:
    return f"demo-{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data
