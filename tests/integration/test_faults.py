"""Fault injection on the emulators: every notification delivered 1-3 times in shuffled
order by 4 concurrent workers, the Forms API failing and slow for a share of calls, the
ingest process killed at random points. After each scenario the counters equal a full
recount and the values computed from the fixture's plan: none missing, none twice.
Also: the ingest function killed mid-notification, and Firestore stopped mid-run.
`make test` runs them on 300 responses; `make test-faults` on 2,000."""

import contextlib
import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid

import pytest

from devstack.emulators import free_port, start_firestore, start_in_own_group, stop_process_group
from devstack.local_stack import ROOT, wait_until_listening
from shared.events import FormsNotification
from shared.ports import TransientError
from shared.services.notifications import handle_notification
from shared.services.reconcile import ReconcileOptions, reconcile
from shared.services.recount import recount
from shared.services.stats import stats_document
from tests.support import fault_fixture
from tests.support.google_shapes import push_envelope
from tests.support.stack import FORM_ID, make_stack

pytestmark = pytest.mark.emulator
WORKERS = 4
WAVES = 10


def assert_exact(stack, fixture):
    stats = stats_document(stack.store.counters())
    for key, value in fixture.expected.items():
        assert stats[key] == value, key
    assert recount(stack.store).consistent


def quick_backoff(instance):
    instance.forms._sleep = lambda seconds: time.sleep(min(seconds, 0.05))
    return instance


def deliver(stack, deliveries, errors):
    """Like Pub/Sub push: each worker takes a delivery; a failure is redelivered later."""
    inbox = queue.Queue()
    for delivery in deliveries:
        inbox.put((delivery, 1))

    def worker():
        instance = quick_backoff(stack.fresh_instance())
        while True:
            try:
                notification, attempt = inbox.get(timeout=2)
            except queue.Empty:
                return
            try:
                handle_notification(notification, FORM_ID, instance.store, instance.forms, instance.mappings,
                                    lease_seconds=600)
            except TransientError:
                if attempt >= 20:
                    errors.append(f"{notification.message_id} still failing after {attempt} deliveries")
                else:
                    inbox.put((notification, attempt + 1))
            except Exception as exc:  # the assertion below names it
                errors.append(repr(exc))

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not any(thread.is_alive() for thread in threads)


def run_waves(stack, fixture, seed):
    chance = random.Random(seed)
    errors = []
    per_wave = -(-len(fixture.versions) // WAVES)
    for wave in range(WAVES):
        for raw in fixture.versions[wave * per_wave:(wave + 1) * per_wave]:
            stack.state.submit(raw)
        deliveries = [FormsNotification(event_type="RESPONSES", form_id=FORM_ID, message_id=f"{wave}-{n}")
                      for n in range(3) for _ in range(chance.randint(1, 3))]
        chance.shuffle(deliveries)
        deliver(stack, deliveries, errors)
    assert not errors, errors[:5]


def test_notifications_delivered_one_to_three_times_shuffled_by_four_workers_count_exactly(stack):
    fixture = fault_fixture.build()
    run_waves(stack, fixture, seed=1)
    assert_exact(stack, fixture)


def test_a_forms_api_failing_and_slow_for_a_share_of_calls_still_counts_exactly(stack):
    fixture = fault_fixture.build()
    stack.state.failure_rate, stack.state.slow_rate = 0.2, 0.1
    run_waves(stack, fixture, seed=2)
    stack.state.failure_rate = stack.state.slow_rate = 0.0
    print(f"\n{len(fixture.versions)} versions; Forms calls failed {stack.state.injected['failed']}, "
          f"slow {stack.state.injected['slow']}; {stack.state.list_calls + stack.state.get_calls} reads answered")
    assert stack.state.injected["failed"] > 0 and stack.state.injected["slow"] > 0  # faults really happened
    assert_exact(stack, fixture)


def test_reconcile_killed_at_random_points_then_run_again_counts_exactly(stack, project_id):
    fixture, env = the_whole_form(stack, project_id)
    chance = random.Random(3)
    for _ in range(3):
        process = subprocess.Popen([sys.executable, "-m", "shared", "reconcile"], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(chance.uniform(1.5, 5.0))  # after the listing, between responses, or near the end
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    lease_expired(stack)  # the next run would wait for the killed one's lease to expire
    record = reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions())
    assert record.counts_match
    assert_exact(stack, fixture)


def the_whole_form(stack, project_id):
    """The fixture submitted to the form, and the environment a separate process needs."""
    fixture = fault_fixture.build()
    for raw in fixture.versions:
        stack.state.submit(raw)
    env = {**os.environ, "GOOGLE_CLOUD_PROJECT": project_id, "FORM_ID": FORM_ID,
           "FORMS_API_ENDPOINT": stack.server.endpoint, "PYTHONPATH": str(ROOT)}
    return fixture, env


def lease_expired(stack):
    """A killed holder's listing lease expires (600 s in production); here at once."""
    stack.store._db.collection("system").document("listing_lease").delete()


def test_the_ingest_function_killed_at_random_points_then_notified_again_counts_exactly(stack, project_id):
    fixture, env = the_whole_form(stack, project_id)
    chance = random.Random(4)
    for attempt in range(4):
        port = free_port()
        function = start_in_own_group("ingest-function-faults", [
            sys.executable, "-m", "functions_framework", "--target", "ingest",
            "--source", str(ROOT / "functions" / "ingest" / "main.py"), "--port", str(port)], ROOT / ".local" / "logs",
            env=env)
        try:
            wait_until_listening(port, function)
            body = json.dumps(push_envelope(FORM_ID)).encode()
            request = urllib.request.Request(f"http://127.0.0.1:{port}/", data=body, method="POST",
                                             headers={"Content-Type": "application/json"})
            if attempt < 3:  # killed mid-notification: after the listing, between responses...
                threading.Thread(target=lambda r=request: _post_ignoring_errors(r), daemon=True).start()
                time.sleep(chance.uniform(1.0, 4.0))
                os.killpg(function.pid, signal.SIGKILL)
                function.wait()
                lease_expired(stack)
            else:  # ...then delivered again, as Pub/Sub redelivers an unacknowledged push
                with urllib.request.urlopen(request, timeout=300) as answer:
                    assert answer.status == 204
        finally:
            stop_process_group(function)
    assert_exact(stack, fixture)


def _post_ignoring_errors(request):
    with contextlib.suppress(OSError):
        urllib.request.urlopen(request, timeout=60).read()


def test_firestore_stopped_mid_run_and_started_again_then_reconcile_counts_exactly(monkeypatch):
    fixture = fault_fixture.build()
    emulator = start_firestore(ROOT / ".local" / "logs")
    port = int(emulator.host.rsplit(":", 1)[1])
    monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", emulator.host)
    stack = make_stack(f"demo-{uuid.uuid4().hex[:12]}")
    quick_backoff(stack)
    for raw in fixture.versions:
        stack.state.submit(raw)
    failures = []

    def first_run():
        try:
            reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions())
        except Exception as exc:  # the outage may well end this run: the next one mends it
            failures.append(exc)

    try:
        running = threading.Thread(target=first_run)
        running.start()
        time.sleep(2.0)
        emulator.stop()  # Firestore goes away mid-run...
        time.sleep(2.0)
        emulator = start_firestore(ROOT / ".local" / "logs", port=port)  # ...and comes back, empty (in memory)
        running.join(timeout=300)
        assert not running.is_alive()
        record = reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions())
        assert record.counts_match
        assert_exact(stack, fixture)
    finally:
        stack.server.stop()
        emulator.stop()
