"""Concurrent ingestion on the emulator (kept to 3 workers: its locks are pessimistic)."""

import threading

import pytest

from shared.services.ingest import ingest_responses
from shared.services.recount import fix_counters, recount
from shared.services.stats import stats_document
from tests.support import builders

pytestmark = pytest.mark.emulator


def run_workers(stack, batches):
    errors = []

    def work(batch):
        instance = stack.fresh_instance()
        try:
            ingest_responses(batch, instance.store, instance.mappings)
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors


def test_three_workers_with_overlapping_responses_and_two_of_one_lao_count_exactly(stack):
    same_lao = [builders.response(created=f"2024-01-05T0{h}:00:00Z") for h in (1, 2)]
    others = [builders.response({"lao_name": f"ตำบลที่{i}"}, created=f"2024-01-06T01:00:{i:02d}Z")
              for i in range(6)]
    # Each worker gets one of the same-LAO pair plus overlapping others.
    run_workers(stack, [[same_lao[0], *others[:4]], [same_lao[1], *others[2:]], [*others[1:5], same_lao[0]]])
    result = stats_document(stack.store.counters())
    assert result["responses"]["total"] == 8
    assert result["laos_reporting"] == 7
    lao = stack.store._db.collection("laos").document("TH-40:เมืองขอนแก่น:sao:บ้านเหล่า").get().to_dict()
    assert lao["member_count"] == 2 and lao["current_response_id"] == same_lao[1]["responseId"]
    assert recount(stack.store).consistent


def test_two_workers_racing_on_the_first_report_of_one_lao_leave_one_current_report(stack):
    pair = [builders.response(created="2024-01-05T01:00:00Z"), builders.response(created="2024-01-05T01:00:00Z")]
    run_workers(stack, [[pair[0]], [pair[1]]])
    result = stats_document(stack.store.counters())
    assert result["laos_reporting"] == 1 and result["by_lao_type"] == {"sao": 1}


def test_recount_check_while_ingestion_runs_sees_no_false_difference(stack, sample):
    # Deterministic on any machine: ingestion goes in rounds, and each round after the first
    # waits until the checker has finished one more recount, so recounts always see
    # half-ingested states however fast ingestion is.
    versions = sample["versions"][:120]
    rounds = 4
    done = threading.Event()
    recounted = threading.Condition()
    results = []

    def check_repeatedly():
        while not done.is_set():
            result = recount(stack.store)
            with recounted:
                results.append(result)
                recounted.notify_all()

    def wait_for_recounts(count):
        with recounted:
            assert recounted.wait_for(lambda: len(results) >= count, timeout=60)

    checker = threading.Thread(target=check_repeatedly)
    checker.start()
    try:
        for round_number in range(rounds):
            wait_for_recounts(round_number)
            part = versions[round_number::rounds]
            run_workers(stack, [part[0::2], part[1::2]])
        wait_for_recounts(rounds)
    finally:
        done.set()
        checker.join(60)
    assert len(results) >= rounds
    assert all(r.consistent for r in results), [r.differences for r in results if not r.consistent][:1]


def test_recount_fix_repairs_drift_with_increments(stack):
    ingest_responses([builders.response(), builders.response({"lao_name": "โนนสูง"})], stack.store, stack.mappings)
    stack.store.apply_counter_delta({"laos_reporting": 5, "by_problem.other": -1})  # simulated drift
    broken = recount(stack.store)
    assert broken.differences == {"by_problem.other": 1, "laos_reporting": -5}
    fix_counters(stack.store)
    assert recount(stack.store).consistent
    assert stats_document(stack.store.counters())["laos_reporting"] == 2
