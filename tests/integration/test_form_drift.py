"""Someone rewords an option on the live form: its answers are held, never silently
"Other"; every reader is told which option; an alias and a reprocess bring them back."""

from datetime import UTC, date, datetime

import pytest

from shared.adapters.firestore_digest import FirestoreDigestReader
from shared.digest.content import build_content
from shared.digest.service import Addressing, collect
from shared.domain import form_schema
from shared.domain.codes import PROBLEMS
from shared.services.check_form import describe_mapping
from shared.services.doctor import mapping_check
from shared.services.reconcile import ReconcileOptions, reconcile
from tests.support import builders

pytestmark = pytest.mark.emulator
REWORDED = "การอบรมชี้แจงยังไม่ชัดเจน"  # was PROBLEMS["training_unclear"]


def reword(stack, key, old_text, new_text):
    form = stack.state.form
    question = next(item for item in form["items"]
                    if item.get("title") == form_schema.QUESTIONS_BY_KEY[key].title)["questionItem"]["question"]
    for option in question["choiceQuestion"]["options"]:
        if option.get("value") == old_text:
            option["value"] = new_text
    form["revisionId"] = "reworded-1"
    stack.mappings.refresh()


def stored(stack, response_id):
    return stack.store._db.collection("responses").document(response_id).get().to_dict()


def test_a_reworded_problem_is_held_named_everywhere_and_counted_once_an_alias_is_added(stack, monkeypatch, capfd):
    reword(stack, "problems", PROBLEMS["training_unclear"], REWORDED)
    assert "form mapping degraded" in capfd.readouterr().err
    stack.state.submit(builders.response({"problems": [REWORDED, PROBLEMS["too_many_forms"]]}, response_id="r1"))
    reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions())

    held = stored(stack, "r1")
    assert held["state"] == "invalid" and held["invalid_reasons"] == ["option_unmapped"]
    counters = stack.store.counters()
    assert counters.get("by_problem.other", 0) == 0 and counters.get("by_problem.too_many_forms", 0) == 0

    mapping = stack.mappings.current()
    assert mapping.degraded and mapping.unmapped_options == {"problems": [REWORDED]}
    assert f"(REWORDED?): {REWORDED}" in describe_mapping(mapping) and "mapping DEGRADED" in describe_mapping(mapping)
    doctor_line = mapping_check(stack.forms.get_form())
    assert not doctor_line.ok and REWORDED in doctor_line.detail
    digest = build_content(collect(FirestoreDigestReader(stack.store._db), date(2024, 1, 5),
                                   datetime(2024, 1, 6, 1, tzinfo=UTC), Addressing("digest@moi.go.th", [])))
    assert digest.subject.startswith("[แจ้งเตือน]") and REWORDED in digest.alerts[0]

    # The fix: the new wording becomes an alias of its code; a reprocess counts what was held.
    monkeypatch.setitem(form_schema.OPTION_ALIASES, "problems", {"training_unclear": (REWORDED,)})
    record = reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions(reprocess_invalid=True))
    assert record.reprocessed == 1
    assert stored(stack, "r1")["problems"] == ["training_unclear", "too_many_forms"]
    assert stack.store.counters()["by_problem.training_unclear"] == 1
    assert not stack.mappings.current().degraded


def test_a_reworded_lao_type_is_held_as_unmapped_not_as_an_unknown_answer(stack):
    reword(stack, "lao_type", "องค์การบริหารส่วนตำบล", "อบต. (องค์การบริหารส่วนตำบล)")
    stack.state.submit(builders.response({"lao_type": "อบต. (องค์การบริหารส่วนตำบล)"}, response_id="r2"))
    reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions())
    assert stored(stack, "r2")["invalid_reasons"] == ["option_unmapped"]


def test_an_answer_typed_into_other_is_still_other_while_the_form_is_degraded(stack):
    reword(stack, "problems", PROBLEMS["training_unclear"], REWORDED)
    stack.state.submit(builders.response({"problems": ["ระบบล่มบ่อย"]}, response_id="r3"))
    reconcile(stack.store, stack.forms, stack.mappings, ReconcileOptions())
    answer = stored(stack, "r3")
    assert answer["state"] == "valid" and answer["problems"] == ["other"]
