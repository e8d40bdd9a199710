"""Themes are whole sentences as LAOs wrote them: never fragments, never without their negation."""

from shared.domain.sentence_themes import Answer, normalised, sentence_themes, sentences, similar

UNSURE = "ไม่แน่ใจว่าต้องใช้คะแนน ITA ส่วนใด"
NO_EDIT = "ระบบไม่เปิดให้แก้ไขหลังยืนยันข้อมูล"
SLOW = "ระบบช้ามากในช่วงใกล้กำหนดส่ง"
TRAINING = "ขอให้จัดอบรมชี้แจงเพิ่มเติม"


def answers(*texts: str) -> list[Answer]:
    return [Answer(f"lao{n}", text) for n, text in enumerate(texts)]


def test_a_theme_is_a_whole_sentence_an_lao_wrote_with_its_negation():
    found = sentence_themes(answers(UNSURE, UNSURE, f"{UNSURE} ", "แน่ใจคะแนน ITA ส่วนใด"))
    assert found.themes[0].sentence == UNSURE and found.themes[0].laos == 3
    shown = [t.sentence for t in found.themes]
    assert all(any(s in a for a in (UNSURE, NO_EDIT)) for s in shown)
    assert "แน่ใจคะแนน" not in shown and "คะแนน ITA" not in shown


def test_sentences_that_differ_only_in_a_negation_are_never_grouped():
    assert not similar(normalised("ระบบเปิดให้แก้ไขหลังยืนยันข้อมูล"), normalised(NO_EDIT))
    found = sentence_themes(answers(NO_EDIT, NO_EDIT, "ระบบเปิดให้แก้ไขหลังยืนยันข้อมูล",
                                    "ระบบเปิดให้แก้ไขหลังยืนยันข้อมูล"))
    assert sorted((t.sentence, t.laos) for t in found.themes) == [
        ("ระบบเปิดให้แก้ไขหลังยืนยันข้อมูล", 2), (NO_EDIT, 2)]


def test_one_sentence_with_other_spacing_digits_zero_width_and_a_polite_ending_is_one_theme():
    found = sentence_themes(answers(
        SLOW, "ระบบช้ามาก ในช่วงใกล้กำหนดส่ง", "ระบบ\u200bช้ามากในช่วงใกล้กำหนดส่งครับ", "ระบบช้ามากในช่วงใกล้กำหนดส่ง ค่ะ"))
    assert [(t.sentence, t.laos, t.wordings) for t in found.themes] == [(SLOW, 4, 4)]


def test_several_sentences_in_one_answer_are_each_counted_and_an_lao_counts_once():
    found = sentence_themes([
        Answer("a", f"1. {NO_EDIT}\n2. {SLOW}"), Answer("b", f"- {NO_EDIT} - {TRAINING}"),
        Answer("b", NO_EDIT), Answer("c", f"{SLOW}\n{TRAINING}")])
    assert sorted((t.sentence, t.laos) for t in found.themes) == sorted([(TRAINING, 2), (NO_EDIT, 2), (SLOW, 2)])


def test_a_name_inside_a_sentence_is_masked_and_still_groups():
    found = sentence_themes([Answer("a", "ติดต่อนายสมชาย ใจดี แล้วแต่ยังไม่ได้รับคำตอบ"),
                             Answer("b", "ติดต่อนางสมศรี มีสุข แล้วแต่ยังไม่ได้รับคำตอบ"),
                             Answer("c", "ติดต่อคุณวิชัย แล้วแต่ยังไม่ได้รับคำตอบ", names=("วิชัย",))])
    assert [(t.sentence, t.laos) for t in found.themes] == [("ติดต่อ[ปิดบังชื่อ] แล้วแต่ยังไม่ได้รับคำตอบ", 3)]


def test_pieces_too_short_to_say_anything_are_not_sentences():
    assert sentences("- ไม่มี\n- ระบบช้า\n-") == []
    assert sentences(f"{TRAINING}\n\n-") == [TRAINING]
    assert sentences("ระบบช้ามาก " * 40) == []  # a paragraph, not a sentence to show


def test_the_most_lao_backed_theme_comes_first_and_one_lao_is_not_a_theme():
    found = sentence_themes(answers(SLOW, SLOW, SLOW, NO_EDIT, NO_EDIT, TRAINING))
    assert [(t.sentence, t.laos) for t in found.themes] == [(SLOW, 3), (NO_EDIT, 2)]
    assert (found.answers, found.authors) == (6, 6)
