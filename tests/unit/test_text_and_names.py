import pytest

from shared.domain.lao import lao_id, normalise_lao_name
from shared.domain.text import arabic_digits, clean_text, mask_contacts


def test_clean_text_removes_zero_width_characters_and_collapses_whitespace():
    assert clean_text("\ufeff  บ้าน\u200bเหล่า \u200d\u2060 \t\n ตำบล\u200c  ") == "บ้านเหล่า ตำบล"


def test_clean_text_composes_to_nfc_and_repairs_a_decomposed_sara_am():
    assert clean_text("e\u0301") == "\u00e9"
    assert clean_text("น\u0e4d\u0e32") == "นำ"


def test_thai_digits_become_arabic():
    assert arabic_digits("๐๘๑-๒๓๔-๕๖๗๘") == "081-234-5678"


@pytest.mark.parametrize(
    "written",
    ["อบต.บ้านเหล่า", "อบต. บ้านเหล่า", "อบต บ้านเหล่า", "องค์การบริหารส่วนตำบลบ้านเหล่า",
     "องค์การบริหารส่วนตำบล บ้านเหล่า", " \u200bอบต.บ้านเหล่า\ufeff ", "บ้านเหล่า อ.เมือง จ.ขอนแก่น"],
)
def test_every_usual_way_of_writing_an_lao_name_gives_the_bare_name(written):
    assert normalise_lao_name(written) == "บ้านเหล่า"


@pytest.mark.parametrize("prefix", ["อบจ.", "ทน.", "ทม.", "ทต.", "อบต.", "เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล",
                                    "องค์การบริหารส่วนจังหวัด"])
def test_each_type_designation_is_removed(prefix):
    assert normalise_lao_name(prefix + "ขอนแก่น") == "ขอนแก่น"


def test_a_real_name_that_starts_like_an_abbreviation_is_left_alone():
    assert normalise_lao_name("ทมอ") == "ทมอ"
    assert normalise_lao_name("ทม.ทมอ") == "ทมอ"
    assert normalise_lao_name("อบตบ้านเหล่า") == "อบตบ้านเหล่า"


def test_lao_ids_are_readable_and_include_the_district():
    assert lao_id("sao", "TH-40", "เมืองขอนแก่น", "บ้านเหล่า") == "TH-40:เมืองขอนแก่น:sao:บ้านเหล่า"
    assert lao_id("sao", "TH-40", "เมืองขอนแก่น", "บ้านเหล่า") != lao_id("sao", "TH-40", "พล", "บ้านเหล่า")


def test_bangkok_and_pattaya_are_identified_by_their_type_alone():
    assert lao_id("bangkok", "TH-10", "", "กรุงเทพมหานคร") == "bangkok"
    assert lao_id("pattaya", "TH-20", "บางละมุง", "พัทยา") == "pattaya"


def test_lao_ids_escape_slashes_and_stay_short_enough_for_firestore():
    assert "/" not in lao_id("sao", "TH-40", "a/b", "c/d")
    long_id = lao_id("sao", "TH-40", "เมือง", "ก" * 2000)
    assert len(long_id.encode()) <= 400
    assert long_id != lao_id("sao", "TH-40", "เมือง", "ก" * 1999)


@pytest.mark.parametrize("text", ["โทร 081-234-5678 นะ", "โทร ๐๘๑ ๒๓๔ ๕๖๗๘", "ติดต่อ 02 222 2149", "+66 81 234 5678",
                                  "0-5453-4119 ต่อ 202", "เบอร์0812345678ค่ะ"])
def test_phone_numbers_in_free_text_are_masked_in_every_way_they_are_written(text):
    masked = mask_contacts(text)
    assert "[ปิดบังหมายเลขโทรศัพท์]" in masked
    assert not any(run in masked for run in ("5678", "๕๖๗๘", "2149", "4119"))


def test_emails_are_masked_and_ordinary_numbers_are_left_alone():
    assert mask_contacts("ส่งที่ somchai.j@example.go.th แล้ว") == "ส่งที่ [ปิดบังอีเมล] แล้ว"
    assert mask_contacts("ได้คะแนน ITA 85.5 ในปี 2566 ข้อ 3") == "ได้คะแนน ITA 85.5 ในปี 2566 ข้อ 3"


@pytest.mark.parametrize("typed", ["บ้าน เหล่า", "อบต. บ้าน  เหล่า", "บ้านเหล่า", "บ้าน เหล่า อ.เมือง จ.ขอนแก่น"])
def test_a_space_typed_inside_a_thai_lao_name_does_not_make_another_lao(typed):
    assert normalise_lao_name(typed) == "บ้านเหล่า"
    assert lao_id("sao", "TH-40", "เมืองขอนแก่น", normalise_lao_name(typed)) == "TH-40:เมืองขอนแก่น:sao:บ้านเหล่า"


def test_spaces_beside_latin_letters_or_arabic_digits_stay():
    assert normalise_lao_name("ตำบล 2") == "ตำบล 2" and normalise_lao_name("เมือง ABC") == "เมือง ABC"


def test_people_named_in_free_text_are_masked_by_title_or_as_the_respondent():
    from shared.domain.text import mask_people

    text = "ติดต่อนายสมชาย ใจดี หรือ น.ส. สมหญิง รักงาน หรือคุณสมศักดิ์ โทร 081-234-5678"
    masked = mask_people(text, ["สมศักดิ์ มั่นคง"])
    assert masked == "ติดต่อ[ปิดบังชื่อ] หรือ [ปิดบังชื่อ] หรือ[ปิดบังชื่อ] โทร [ปิดบังหมายเลขโทรศัพท์]"
    # Not people: the mayor, and a district whose name starts like a title.
    for kept in ("นายก อบต. ลาออก ยังไม่มีนายกเทศมนตรี", "อำเภอนางรอง จังหวัดบุรีรัมย์"):
        assert mask_people(kept) == kept
