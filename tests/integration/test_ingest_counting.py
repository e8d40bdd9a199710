"""Ingestion on the Firestore emulator: every delivery pattern counts exactly."""

import pytest

from shared.services.ingest import ingest_new_responses, ingest_responses
from shared.services.stats import stats_document
from tests.support import builders

pytestmark = pytest.mark.emulator


def stats(stack):
    return stats_document(stack.store.counters())


def test_the_same_response_delivered_twice_is_counted_once(stack):
    raw = builders.response()
    ingest_responses([raw], stack.store, stack.mappings)
    report = ingest_responses([raw], stack.store, stack.mappings)
    assert report.outcomes == {"unchanged": 1}
    assert stats(stack)["responses"] == {"total": 1, "valid": 1, "invalid": 0, "deleted": 0}
    assert stats(stack)["laos_reporting"] == 1


def test_an_older_version_delivered_late_changes_nothing(stack):
    old = builders.response(response_id="r1", submitted="2024-01-05T02:00:00.000001Z")
    new = builders.response({"problems": ["ระบบรายงานมีแบบฟอร์มจำนวนมากทำให้เกิดความสับสน"]},
                            response_id="r1", submitted="2024-01-05T03:00:00Z")
    ingest_responses([new], stack.store, stack.mappings)
    ingest_responses([old], stack.store, stack.mappings)
    assert stats(stack)["by_problem"] == {"too_many_forms": 1}


def test_an_edit_moves_the_counts(stack):
    ingest_responses([builders.response(response_id="r1")], stack.store, stack.mappings)
    edit = builders.response({"reporting_status": "รายงานผลครบถ้วนแล้ว"}, response_id="r1",
                             submitted="2024-01-06T02:00:00Z")
    assert ingest_responses([edit], stack.store, stack.mappings).outcomes == {"updated": 1}
    assert stats(stack)["by_status"] == {"reported_complete": 1}
    # createTime did not change, so neither does the submission date.
    assert stats(stack)["by_submission_date"] == {"2024-01-05": 1}


def test_of_two_responses_of_one_lao_the_latest_counts(stack):
    first = builders.response({"reporting_status": "ยังไม่ได้รายงานผล"}, created="2024-01-05T02:00:00Z")
    second = builders.response({"lao_name": "องค์การบริหารส่วนตำบล บ้านเหล่า",
                                "reporting_status": "รายงานผลแล้วบางส่วน"}, created="2024-01-06T02:00:00Z")
    ingest_responses([second, first], stack.store, stack.mappings)
    result = stats(stack)
    assert result["laos_reporting"] == 1 and result["by_status"] == {"reported_partial": 1}
    assert result["responses"]["total"] == 2
    lao = stack.store._db.collection("laos").document("TH-40:เมืองขอนแก่น:sao:บ้านเหล่า").get().to_dict()
    assert lao["current_response_id"] == second["responseId"] and lao["member_count"] == 2


def test_an_edit_that_makes_a_response_invalid_removes_its_lao_counts(stack):
    ingest_responses([builders.response(response_id="r1")], stack.store, stack.mappings)
    edit = builders.response({"lao_type": None}, response_id="r1", submitted="2024-01-06T00:00:00Z")
    ingest_responses([edit], stack.store, stack.mappings)
    result = stats(stack)
    assert result["responses"] == {"total": 1, "valid": 0, "invalid": 1, "deleted": 0}
    assert result["laos_reporting"] == 0 and result["by_province"] == {}
    stored = stack.store._db.collection("responses").document("r1").get().to_dict()
    assert stored["invalid_reasons"] == ["lao_type_missing"]
    assert stored["raw"]["answers"]  # nothing the officer typed is lost


def test_an_edit_that_moves_a_response_to_another_lao_hands_back_the_old_laos_earlier_report(stack):
    older = builders.response({"reporting_status": "ยังไม่ได้รายงานผล"}, created="2024-01-05T01:00:00Z")
    moving = builders.response({"reporting_status": "รายงานผลแล้วบางส่วน"}, response_id="m1",
                               created="2024-01-05T02:00:00Z")
    ingest_responses([older, moving], stack.store, stack.mappings)
    moved = builders.response({"province": "อุดรธานี", "district": "เมืองอุดรธานี",
                               "reporting_status": "รายงานผลแล้วบางส่วน"},
                              response_id="m1", created="2024-01-05T02:00:00Z", submitted="2024-01-07T00:00:00Z")
    ingest_responses([moved], stack.store, stack.mappings)
    result = stats(stack)
    assert result["laos_reporting"] == 2
    assert result["by_province"] == {"TH-40": 1, "TH-41": 1}
    assert result["by_status"] == {"not_reported": 1, "reported_partial": 1}


def test_the_whole_sample_keeps_every_invariant(stack, sample):
    for version in sample["versions"]:
        stack.state.submit(version)
    ingest_new_responses(stack.store, stack.forms, stack.mappings)
    result = stats(stack)
    responses = result["responses"]
    assert responses["total"] == len({v["responseId"] for v in sample["versions"]}) == 300
    assert responses["total"] == responses["valid"] + responses["invalid"]
    assert sum(result["by_submission_date"].values()) == responses["total"]
    for group in ("by_province", "by_lao_type", "by_status"):
        assert sum(result[group].values()) == result["laos_reporting"]
    assert responses["invalid"] >= 16 and result["by_lao_type"]["bangkok"] == 1


def test_a_rollback_after_firestore_became_unavailable_is_a_transient_error(stack):
    from google.api_core.exceptions import ServiceUnavailable

    from shared.ports import TransientError

    def body(_transaction):
        try:
            raise ServiceUnavailable("failed to connect to all addresses")
        except ServiceUnavailable:
            raise ValueError("The transaction has no transaction ID, so it cannot be rolled back.") from None

    with pytest.raises(TransientError, match="ServiceUnavailable"):
        stack.store._run(body)


def test_fuzzed_responses_through_the_store_end_valid_invalid_or_quarantined_and_never_half_written(stack):
    """The fuzz of tests/unit/test_fuzzing.py, through FirestoreStore on the emulator: every
    example is stored or quarantined, and afterwards the counters equal a full recount of
    everything stored, so nothing was partly written."""
    from hypothesis import HealthCheck, given, settings

    from shared.services.ingest import RetryPolicy, ingest_responses
    from shared.services.recount import recount
    from tests.support.fuzz_strategies import responses

    outcomes = set()

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(responses)
    def store_one(raw):
        report = ingest_responses([raw], stack.store, stack.mappings, retry=RetryPolicy(budget_seconds=0))
        assert not report.failed
        outcomes.add("quarantined" if report.malformed else "stored")

    store_one()
    assert outcomes == {"quarantined", "stored"}
    assert recount(stack.store).consistent
