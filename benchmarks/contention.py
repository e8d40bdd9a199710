"""Bounded time under contention: one reconcile alone, then two reconciles and a burst
of 50 notifications started together, each on an empty database and a form of 2,000
responses. Every worker must finish without error, the counters must equal the
expected values and a full recount, and the contended run must take at most twice
the time of the lone one.
Run: .venv/bin/python -m benchmarks.contention
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from devstack.emulators import start_firestore
from shared.domain.geography import all_provinces
from shared.events import FormsNotification
from shared.services.notifications import handle_notification
from shared.services.reconcile import ReconcileOptions, reconcile
from shared.services.recount import recount
from tests.support import builders
from tests.support.stack import FORM_ID, Stack, make_stack

RESPONSES = 2_000
NOTIFICATIONS = 50


def form_responses() -> list[dict[str, object]]:
    """2,000 valid responses of 2,000 distinct LAOs, spread over the provinces."""
    provinces = [province.name_th for province in all_provinces()]
    return [builders.response({"lao_name": f"ทดสอบ{index:04d}", "province": provinces[index % len(provinces)],
                               "district": "เมือง"}, response_id=f"bench-{index:05d}",
                              created=f"2024-01-05T{index // 3600:02d}:{index // 60 % 60:02d}:{index % 60:02d}Z")
            for index in range(RESPONSES)]


def fresh_stack(raws: list[dict[str, object]]) -> Stack:
    stack = make_stack(f"bench-{uuid.uuid4().hex[:10]}")
    for raw in raws:
        stack.state.submit(raw)
    return stack


def run_together(jobs: list[Callable[[], object]]) -> tuple[float, list[BaseException]]:
    errors: list[BaseException] = []

    def guarded(job: Callable[[], object]) -> None:
        try:
            job()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(job,)) for job in jobs]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, errors


def check(stack: Stack, label: str) -> None:
    total = stack.store.counters().get("responses.total", 0)
    consistent = recount(stack.store).consistent
    verdict = "holds" if consistent else "DIFFERS"
    print(f"{label}: responses.total {total:,} (expected {RESPONSES:,}), recount {verdict}")
    if total != RESPONSES or not consistent:
        raise SystemExit(1)


def main() -> None:
    emulator = start_firestore(Path(".local/logs"))
    os.environ["FIRESTORE_EMULATOR_HOST"] = emulator.host
    try:
        raws = form_responses()
        alone = fresh_stack(raws)
        lone_time, errors = run_together([lambda: reconcile(alone.store, alone.forms, alone.mappings,
                                                            ReconcileOptions())])
        assert not errors, errors
        check(alone, f"one reconcile alone: {lone_time:.1f} s")
        alone.server.stop()

        shared = fresh_stack(raws)

        def a_reconcile() -> None:
            instance = shared.fresh_instance()
            reconcile(instance.store, instance.forms, instance.mappings, ReconcileOptions(poll_seconds=0.5))

        def a_notification() -> None:
            instance = shared.fresh_instance()
            handle_notification(FormsNotification(event_type="RESPONSES", form_id=FORM_ID), FORM_ID,
                                instance.store, instance.forms, instance.mappings, lease_seconds=600)

        contended_time, errors = run_together([a_reconcile, a_reconcile] + [a_notification] * NOTIFICATIONS)
        print(f"errors in the contended run: {len(errors)}")
        check(shared, f"two reconciles + {NOTIFICATIONS} notifications together: {contended_time:.1f} s")
        print(f"ratio {contended_time / lone_time:.2f} (target at most 2.00)")
        shared.server.stop()
        if errors or contended_time > 2 * lone_time:
            raise SystemExit(1)
    finally:
        emulator.stop()


if __name__ == "__main__":
    main()
