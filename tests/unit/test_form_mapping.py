import copy
import json
import random
from pathlib import Path

from shared.domain.form_mapping import resolve_mapping
from shared.domain.form_schema import QUESTIONS
from tools.write_form_json import FORM_PATH, canonical_form


def _items_by_title(form):
    return {item["title"]: item for item in form["items"]}


def test_the_committed_form_json_is_the_canonical_form():
    assert json.loads(Path(FORM_PATH).read_text(encoding="utf-8")) == canonical_form()


def test_the_canonical_form_opens_with_a_privacy_notice_and_has_twelve_questions_in_order():
    form = canonical_form()
    assert "textItem" in form["items"][0] and "24 (4)" in form["items"][0]["description"]
    assert [item["title"] for item in form["items"][1:]] == [q.title for q in QUESTIONS]


def test_every_canonical_question_resolves_on_the_canonical_form():
    mapping = resolve_mapping(canonical_form())
    assert not mapping.broken
    assert set(mapping.questions) == {q.key for q in QUESTIONS}
    assert mapping.questions["problems"].has_other


def test_numbered_titles_stars_spaces_and_shuffled_options_still_resolve():
    form = canonical_form()
    rng = random.Random(7)
    numbering = ["3.", "๓.", "3)", "12 .", ""]
    for index, item in enumerate(form["items"][1:]):
        item["title"] = f"  {numbering[index % len(numbering)]} {item['title']} * "
        choice = item["questionItem"]["question"].get("choiceQuestion")
        if choice:
            rng.shuffle(choice["options"])
            for option in choice["options"]:
                if "value" in option:
                    option["value"] = f" {option['value']}  "
    rng.shuffle(form["items"])
    mapping = resolve_mapping(form)
    assert not mapping.broken
    assert all(not q.missing_options for q in mapping.questions.values())
    original = resolve_mapping(canonical_form())
    assert {k: q.question_id for k, q in mapping.questions.items()} == {
        k: q.question_id for k, q in original.questions.items()
    }


def test_a_missing_required_question_breaks_the_mapping_and_names_its_title():
    form = canonical_form()
    form["items"] = [i for i in form["items"] if i["title"] != "จังหวัด"]
    mapping = resolve_mapping(form)
    assert mapping.broken
    assert mapping.missing_required == ["จังหวัด"]


def test_a_missing_optional_question_does_not_break_the_mapping():
    form = canonical_form()
    form["items"] = [i for i in form["items"] if i["title"] != "ข้อเสนอแนะ"]
    mapping = resolve_mapping(form)
    assert not mapping.broken and mapping.missing_optional == ["ข้อเสนอแนะ"]


def test_renamed_and_unknown_options_are_reported():
    form = canonical_form()
    status = _items_by_title(form)["สถานะการรายงานผลในระบบของสำนักงาน ก.พ."]
    status["questionItem"]["question"]["choiceQuestion"]["options"][0]["value"] = "รายงานครบ"
    resolved = resolve_mapping(form).questions["reporting_status"]
    assert resolved.missing_options == ["รายงานผลครบถ้วนแล้ว"]
    assert resolved.extra_options == ["รายงานครบ"]


def test_the_mapping_knows_every_question_id_on_the_live_form_including_ones_that_are_not_ours():
    form = copy.deepcopy(canonical_form())
    form["items"].append({"title": "คำถามใหม่", "questionItem": {"question": {"questionId": "extra01"}}})
    mapping = resolve_mapping(form)
    assert mapping.knows_all({"extra01", mapping.questions["lao_name"].question_id})
    assert not mapping.knows_all({"unseen99"})
