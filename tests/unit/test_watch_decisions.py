"""What keeping a Forms watch alive needs, and when it is unhealthy: one row per case."""

from datetime import UTC, datetime, timedelta

import pytest

from shared.domain.timestamps import Instant
from shared.domain.watches import WatchStep, next_step, watch_problem

NOW = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)


def watch(state="ACTIVE", expires_in=timedelta(days=6), error_type=None):
    found = {"id": "w1", "state": state, "expireTime": Instant.from_datetime(NOW + expires_in).rfc3339()}
    if error_type:
        found["errorType"] = error_type
    return found


@pytest.mark.parametrize(("existing", "step"), [
    (None, WatchStep.CREATE),
    (watch(), WatchStep.KEEP),
    (watch(expires_in=timedelta(hours=47)), WatchStep.RENEW),
    (watch(expires_in=timedelta(hours=49)), WatchStep.KEEP),
    (watch(expires_in=timedelta(seconds=0)), WatchStep.RECREATE),
    (watch(state="SUSPENDED", error_type="PERMISSION_DENIED"), WatchStep.RECREATE),
], ids=["missing", "healthy", "expiring-within-48h", "expiring-after-48h", "expired", "suspended"])
def test_the_step_each_watch_needs(existing, step):
    assert next_step(existing, NOW) is step


def test_a_healthy_watch_has_no_problem_and_each_unhealthy_one_says_why():
    assert watch_problem(watch(expires_in=timedelta(hours=1)), NOW) is None
    assert watch_problem(None, NOW) == "no watch"
    assert watch_problem(watch(state="SUSPENDED", error_type="PERMISSION_DENIED"), NOW) == (
        "SUSPENDED (errorType PERMISSION_DENIED)")
    assert watch_problem(watch(expires_in=timedelta(seconds=-1)), NOW).startswith("expired at 2026-11-29T05:59:59")
