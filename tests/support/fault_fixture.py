"""A form's worth of responses for fault injection, with edits and repeat submissions,
and the counters it must end with, computed here from the fixture's own plan (dates,
distinct responses, distinct LAOs), not by the code under test."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from shared.domain.codes import PROBLEMS
from tests.support import builders

START = datetime(2024, 1, 5, 10, 0, tzinfo=UTC)  # 17:00 Bangkok: the run crosses Bangkok midnight
BANGKOK = timedelta(hours=7)


def size() -> int:
    """300 in `make test`; `make test-faults` sets FAULT_RESPONSES=2000."""
    return int(os.environ.get("FAULT_RESPONSES", "300"))


@dataclass(frozen=True)
class FaultFixture:
    versions: list[dict[str, Any]]  # in the order they reach the form
    expected: dict[str, Any]


def build(count: int | None = None) -> FaultFixture:
    count = count or size()
    versions, first_seen, lao_of = [], {}, {}
    for index in range(count):
        created = START + timedelta(seconds=30 * index)
        repeat = index % 25 == 24  # a second report of an LAO that reported before
        lao = f"ทดสอบ{index - 1 if repeat else index:05d}"
        response_id = f"fault-{index:05d}"
        versions.append(builders.response({"lao_name": lao}, response_id=response_id, created=_z(created)))
        first_seen[response_id], lao_of[response_id] = created, lao
        if index % 10 == 3:  # edited later: same responseId, newer lastSubmittedTime, other problems
            edited = created + timedelta(hours=2)
            changes = {"lao_name": lao, "problems": [PROBLEMS["too_many_forms"], PROBLEMS["training_unclear"]]}
            versions.append(builders.response(changes, response_id=response_id, created=_z(created),
                                              submitted=_z(edited)))
    versions.sort(key=lambda raw: raw["lastSubmittedTime"])  # the form receives them in time order
    dates = Counter((when + BANGKOK).date().isoformat() for when in first_seen.values())
    expected = {"responses": {"total": len(first_seen), "valid": len(first_seen), "invalid": 0, "deleted": 0},
                "laos_reporting": len(set(lao_of.values())), "by_submission_date": dict(sorted(dates.items()))}
    return FaultFixture(versions, expected)


def _z(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
