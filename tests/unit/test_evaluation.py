import pytest

from shared.domain.codes import PROBLEMS
from shared.domain.evaluation import evaluate
from shared.domain.form_mapping import resolve_mapping
from shared.domain.responses import FormResponse
from tests.support import builders
from tools.write_form_json import canonical_form

MAPPING = builders.mapping()


def evaluated(values=None, **overrides):
    return evaluate(FormResponse.from_api(builders.response(values, **overrides)), MAPPING)


def test_a_complete_response_is_valid_normalised_and_identifies_its_lao():
    result = evaluated()
    assert result.valid and result.invalid_reasons == [] and result.warnings == []
    assert (result.lao_name, result.lao_type, result.district) == ("บ้านเหล่า", "sao", "เมืองขอนแก่น")
    assert (result.province_code, result.reporting_status) == ("TH-40", "not_reported")
    assert result.problems == ["training_unclear"]
    assert result.lao_id == "TH-40:เมืองขอนแก่น:sao:บ้านเหล่า"
    assert result.reporter.phone_e164 == "+66812345678"


def test_the_type_question_decides_the_type_whatever_prefix_the_name_carried():
    result = evaluated(lao_name="เทศบาลตำบลบ้านเหล่า", lao_type="องค์การบริหารส่วนตำบล")
    assert result.lao_type == "sao" and result.lao_name == "บ้านเหล่า"


@pytest.mark.parametrize(
    ("change", "reason"),
    [({"lao_name": "อบต. \u200b"}, "lao_name_missing"),
     ({"district": None}, "district_missing"),
     ({"district": "อำเภอ"}, "district_missing"),
     ({"lao_type": None}, "lao_type_missing"),
     ({"lao_type": "สหกรณ์"}, "lao_type_unknown"),
     ({"province": "จังหวัดสมมุติ"}, "province_unresolved"),
     ({"province": None}, "province_unresolved"),
     ({"reporting_status": None}, "status_missing"),
     ({"reporting_status": "กำลังทำ"}, "status_unknown"),
     ({"problems": None}, "no_problem_selected"),
     ({"problems": [" \u200b "]}, "no_problem_selected")],
)
def test_each_invalid_reason_is_detected_and_the_response_is_not_counted(change, reason):
    result = evaluated(change)
    assert not result.valid
    assert result.invalid_reasons == [reason]
    assert result.lao_id is None


@pytest.mark.parametrize("lao_type", ["กรุงเทพมหานคร", "เมืองพัทยา"])
def test_bangkok_and_pattaya_need_no_district(lao_type):
    result = evaluated(lao_type=lao_type, lao_name=lao_type, district=None, province="กรุงเทพมหานคร")
    assert result.valid and result.lao_id in {"bangkok", "pattaya"}


@pytest.mark.parametrize(
    ("change", "warning"),
    [({"phone": "1234"}, "phone_invalid"), ({"phone": None}, "phone_missing"),
     ({"email": "not-an-email"}, "email_invalid"), ({"reporter_name": None}, "reporter_name_missing"),
     ({"reporter_position": " "}, "reporter_position_missing"), ({"district": "ที่ไม่มีจริง"}, "district_unknown"),
     ({"problem_details": "ก" * 5001}, "text_truncated"), ({"suggestions": "ข" * 6000}, "text_truncated")],
)
def test_each_warning_keeps_the_report_valid_and_is_recorded(change, warning):
    result = evaluated(change)
    assert result.valid and result.warnings == [warning]


def test_long_paragraphs_are_capped_at_5000_characters():
    assert len(evaluated(problem_details="ก" * 9000).problem_details) == 5000


def test_other_text_is_kept_as_the_other_problem_and_alone_is_enough():
    result = evaluated(problems=["  ระบบช้า\u200b มาก "])
    assert result.valid and result.problems == ["other"] and result.other_problem_text == "ระบบช้า มาก"


def test_problem_options_match_in_any_order_with_stray_spaces_and_come_out_in_canonical_order():
    result = evaluated(problems=[" ระบบรายงานมีแบบฟอร์มจำนวนมากทำให้เกิดความสับสน ",
                                 "การอบรมชี้แจงมีรายละเอียดไม่ชัดเจนเพียงพอ"])
    assert result.problems == ["training_unclear", "too_many_forms"]


def test_thai_digits_in_the_phone_are_understood():
    reporter = evaluated(phone="๐-๕๔๕๓-๔๑๑๙ ต่อ ๒๐๒").reporter
    assert (reporter.phone_e164, reporter.phone_extension) == ("+6654534119", "202")


def test_a_broken_mapping_makes_every_response_invalid_with_reason_form_mapping():
    form = canonical_form()
    form["items"] = [i for i in form["items"] if i["title"] != "อำเภอ"]
    result = evaluate(FormResponse.from_api(builders.response()), resolve_mapping(form))
    assert not result.valid and result.invalid_reasons == ["form_mapping"]


def _reworded_mapping(old_text, new_text):
    form = canonical_form()
    form["formId"] = "demo-form"
    for item in form["items"]:
        for option in item.get("questionItem", {}).get("question", {}).get("choiceQuestion", {}).get("options", []):
            if option.get("value") == old_text:
                option["value"] = new_text
    return resolve_mapping(form)


def test_a_reworded_problem_option_is_held_as_unmapped_never_counted_as_other():
    mapping = _reworded_mapping(PROBLEMS["too_many_forms"], "แบบฟอร์มมากเกินไป")
    assert mapping.degraded and mapping.unmapped_options == {"problems": ["แบบฟอร์มมากเกินไป"]}
    chosen = FormResponse.from_api(builders.response({"problems": ["แบบฟอร์มมากเกินไป", "ระบบช้า"]}))
    result = evaluate(chosen, mapping)
    assert not result.valid and result.invalid_reasons == ["option_unmapped"]
    assert result.problems == ["other"] and result.other_problem_text == "ระบบช้า"


def test_what_the_officer_typed_to_identify_the_lao_is_kept_even_when_it_cannot_be_read():
    result = evaluated({"province": "เมืองลับแล", "lao_type": None}, lao_name="  อบต. หนองบัว ")
    assert not result.valid and result.province_name is None
    assert result.typed["province"] == "เมืองลับแล" and result.typed["lao_name"] == "อบต. หนองบัว"
    assert "lao_type" not in result.typed and "phone" not in result.typed  # never a contact


@pytest.mark.parametrize("text", ["ไม่มี", "ไม่มีปัญหา", "ไม่พบปัญหา", "-", "ไม่มีปัญหาใด ๆ ค่ะ", "ไม่มีปัญหาและอุปสรรค",
                                  "N/A", "ไม่ มี"])
def test_an_other_text_saying_there_is_no_problem_alone_counts_as_reporting_without_a_problem(text):
    result = evaluated({"problems": [text]})
    assert result.valid and result.lao_id
    assert result.problems == ["no_problem"] and result.other_problem_text == text.strip()


def test_no_problem_beside_a_real_problem_is_not_an_other_problem_and_a_real_other_text_still_is():
    beside = evaluated({"problems": [PROBLEMS["too_many_forms"], "ไม่มี"]})
    assert beside.problems == ["too_many_forms"]
    real = evaluated({"problems": ["ไม่มีคู่มือการใช้งานระบบ"]})
    assert real.problems == ["other"] and real.valid
