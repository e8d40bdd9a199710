"""Reconcile: the safety net for lost notifications, deletions and a broken mapping."""

import pytest

from shared.ports import TransientError
from shared.services.ingest import IngestIncomplete, RetryPolicy, ingest_new_responses
from shared.services.reconcile import MassDeleteRefused, ReconcileOptions, reconcile
from shared.services.stats import stats_document
from tests.support import builders
from tests.support.stack import demo_form

pytestmark = pytest.mark.emulator


def run(stack, **options):
    return reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions(**options))


def submit_many(stack, count, day="05"):
    responses = [builders.response(created=f"2024-01-{day}T02:{i // 60:02d}:{i % 60:02d}Z") for i in range(count)]
    for raw in responses:
        stack.state.submit(raw)
    return responses


def test_reconcile_stores_what_no_notification_brought_and_records_the_run(stack):
    submit_many(stack, 4)
    record = run(stack)
    assert (record.form_response_count, record.stored_count, record.ingested) == (4, 4, 4)
    saved = stack.store._db.collection("system").document("reconcile").get().to_dict()
    assert saved["counts_match"] is True and saved["form_response_count"] == 4


def test_a_response_deleted_from_the_form_stops_counting_but_stays_and_comes_back_if_listed_again(stack):
    responses = submit_many(stack, 12)
    run(stack)
    gone = responses[0]
    stack.state.delete(gone["responseId"])
    assert run(stack).deleted == 1
    result = stats_document(stack.store.counters())
    assert result["responses"] == {"total": 11, "valid": 11, "invalid": 0, "deleted": 1}
    assert result["by_submission_date"] == {"2024-01-05": 11}
    kept = stack.store._db.collection("responses").document(gone["responseId"]).get().to_dict()
    assert kept["deleted"] is True and kept["raw"] == gone
    stack.state.submit(gone)
    assert run(stack).restored == 1
    assert stats_document(stack.store.counters())["responses"]["total"] == 12


def test_reconcile_refuses_to_mark_more_than_a_tenth_deleted_and_changes_nothing(stack):
    responses = submit_many(stack, 10)
    run(stack)
    for raw in responses[:2]:
        stack.state.delete(raw["responseId"])
    stack.state.submit(builders.response(created="2024-01-09T00:00:00Z"))
    before = stack.store.counters()
    with pytest.raises(MassDeleteRefused, match="2 of 10"):
        run(stack)
    assert stack.store.counters() == before
    record = run(stack, allow_mass_delete=True)
    assert (record.deleted, record.ingested, record.stored_count) == (2, 1, 9)


def test_responses_arriving_while_the_mapping_is_broken_are_kept_invalid_then_reprocessed(stack):
    broken = demo_form()
    district = next(i for i in broken["items"] if i["title"] == "อำเภอ")
    district["title"] = "เขต/อำเภอ"  # someone edited the live form
    stack.state.set_form(broken)
    stack.mappings.refresh()
    submit_many(stack, 3)
    ingest_new_responses(stack.store, stack.forms, stack.mappings)
    result = stats_document(stack.store.counters())
    assert result["responses"]["invalid"] == 3 and result["laos_reporting"] == 0
    stored = [d.to_dict() for d in stack.store._db.collection("responses").stream()]
    assert {tuple(d["invalid_reasons"]) for d in stored} == {("form_mapping",)}
    assert all(d["raw"]["answers"] for d in stored)

    fixed = demo_form()
    fixed["revisionId"] = "canonical-2"
    stack.state.set_form(fixed)
    record = run(stack, reprocess_invalid=True)
    assert record.reprocessed == 3
    result = stats_document(stack.store.counters())
    assert result["responses"]["valid"] == 3 and result["laos_reporting"] == 1


def test_without_reprocess_an_equal_version_of_an_invalid_response_stays_as_it_was(stack):
    stack.state.set_form({**demo_form(), "items": demo_form()["items"][:3]})
    stack.mappings.refresh()
    submit_many(stack, 1)
    ingest_new_responses(stack.store, stack.forms, stack.mappings)
    stack.state.set_form({**demo_form(), "revisionId": "canonical-2"})
    assert run(stack).reprocessed == 0
    assert stats_document(stack.store.counters())["responses"]["invalid"] == 1


class FailingFor:
    """Our own store, failing transiently for one response: what a Firestore outage looks like."""

    def __init__(self, store, response_id):
        self._store, self._failing = store, response_id

    def __getattr__(self, name):
        return getattr(self._store, name)

    def save_version(self, response, raw, evaluation, **kwargs):
        if response.response_id == self._failing:
            raise TransientError("unavailable")
        return self._store.save_version(response, raw, evaluation, **kwargs)


def test_one_failing_response_does_not_block_the_others_and_holds_the_cursor_before_it(stack):
    responses = submit_many(stack, 5)
    failing = FailingFor(stack.store, responses[2]["responseId"])
    with pytest.raises(IngestIncomplete):
        ingest_new_responses(failing, stack.forms, stack.mappings, retry=RetryPolicy(budget_seconds=0))
    assert stats_document(stack.store.counters())["responses"]["total"] == 4
    assert stack.store.cursor().rfc3339() == responses[1]["lastSubmittedTime"]
    report = ingest_new_responses(stack.store, stack.forms, stack.mappings)
    assert report.outcomes == {"created": 1, "unchanged": 2}


def test_reevaluate_all_migrates_stored_laos_to_a_changed_identity_rule_and_counts_exactly(stack, monkeypatch):
    """The migration of README "Migrations": stored under the rule before spaces inside a Thai
    name were removed, "บ้าน เหล่า" and "บ้านเหล่า" are two LAOs; re-evaluated, one."""
    import re

    from shared.domain import evaluation, lao

    def before_the_rule(value):
        name = lao._TYPE_PREFIX.sub("", lao.clean_text(value), count=1)
        return lao._PLACE_SUFFIX.sub("", name).strip()

    monkeypatch.setattr(evaluation, "normalise_lao_name", before_the_rule)
    stack.state.submit(builders.response(created="2024-01-05T02:00:00Z", lao_name="อบต.บ้าน เหล่า",
                                         response_id="spaced"))
    stack.state.submit(builders.response(created="2024-01-05T03:00:00Z", lao_name="อบต.บ้านเหล่า",
                                         response_id="joined", problems=["ไม่มี"]))
    run(stack)
    assert stack.store.counters()["laos_reporting"] == 2

    monkeypatch.setattr(evaluation, "normalise_lao_name", lao.normalise_lao_name)
    record = run(stack, reevaluate_all=True)
    assert record.reprocessed == 2
    counters = stack.store.counters()
    assert counters["laos_reporting"] == 1 and counters["by_problem.no_problem"] == 1  # the later report is current
    from google.cloud.firestore_v1.base_query import FieldFilter

    laos = stack.store._db.collection("laos").where(filter=FieldFilter("reporting", "==", True))
    reporting = [d.id for d in laos.stream()]
    assert len(reporting) == 1 and not re.search(r"บ้าน เหล่า", reporting[0])
