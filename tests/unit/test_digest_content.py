"""The digest's content and its two renderings, on hand-built data (no store)."""

import re
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from shared.digest.content import INVALID_ROWS, build_content
from shared.digest.model import ReconcileStatus, WatchHealth
from shared.digest.render_html import render_html
from shared.digest.render_text import render_text
from shared.digest.thai import be_date, be_datetime
from shared.domain.roster import RosterEntry
from tests.support.digest_data import data, follow_up, lao, row

DAY = date(2024, 1, 5)


@pytest.mark.parametrize(
    ("day", "text"),
    [(date(2023, 12, 31), "31 ธันวาคม 2566"), (date(2024, 1, 1), "1 มกราคม 2567"), (date(2024, 1, 5), "5 มกราคม 2567")],
)
def test_dates_are_written_in_the_buddhist_era_across_a_year_boundary(day, text):
    assert be_date(day) == text


def test_times_are_written_the_official_thai_way_with_a_full_stop():
    assert be_datetime(datetime(2024, 1, 5, 11, 45, tzinfo=UTC)) == "5 มกราคม 2567 เวลา 18.45 น."


def test_the_subject_puts_the_numbers_first_and_stays_short():
    content = build_content(data(created_on_day=[row(), row()], laos=[lao(str(n)) for n in range(1234)],
                                 counters={"by_submission_date.2024-01-05": 2}))
    assert content.subject == "[ก.ถ.] 5 ม.ค. 67 · ใหม่ 2 ฉบับ · แจ้งแล้ว 1,234 อปท. · ไม่สมบูรณ์ 1 ฉบับ"
    national = build_content(data(created_on_day=[row()] * 2000, laos=[lao(str(n)) for n in range(7850)],
                                  invalid=[follow_up()] * 400))
    # As a phone draws it: Thai vowel and tone marks above and below take no width.
    visible = [ch for ch in national.subject if unicodedata.category(ch) != "Mn"]
    assert len(visible) <= 70, national.subject


def test_an_alert_prefixes_the_subject_and_opens_the_body_before_the_figures():
    content = build_content(data(mapping_missing_titles=["จังหวัด"]))
    assert content.subject.startswith("[แจ้งเตือน] 5 ม.ค. 67 · ")  # the date stays in view
    html = render_html(content)
    assert html.index("ระบบไม่พบข้อคำถามที่จำเป็น ได้แก่ “จังหวัด”") < html.index("ภาพรวม")
    assert render_text(content).splitlines()[4].startswith("[แจ้งเตือน] ")
    assert build_content(data()).alerts == []


def test_a_hidden_preheader_carries_the_headline():
    content = build_content(data())
    html = render_html(content)
    preheader = re.search(r'<div style="display:none[^"]*">([^<]*)</div>', html)
    assert preheader and preheader.group(1) == content.preheader
    assert content.preheader == ("แบบแจ้งปัญหาที่ได้รับใหม่ 3 ฉบับ · อปท. ที่แจ้งปัญหาแล้ว 2 แห่ง · "
                                 "ข้อมูลไม่สมบูรณ์ 1 ฉบับ")


def test_the_sections_come_most_urgent_first():
    content = build_content(data(reconcile=ReconcileStatus(datetime(2024, 1, 6, tzinfo=UTC), 9, 3)))
    for rendered in (render_html(content), render_text(content)):
        text = rendered[rendered.index("จัดทำเมื่อ"):]  # past the title and the preheader
        marks = ["ไม่ตรงกับที่ระบบบันทึกไว้", "สิ่งที่ต้องดำเนินการ", "ภาพรวม", "รายการที่ควรตรวจสอบ", "ปัญหาและอุปสรรคที่พบ",
                 "ย้อนหลัง 14 วัน", "รายจังหวัด", "สถานะการรายงานผลต่อสำนักงาน ก.พ.", "ส่งอีเมลฉบับนี้โดยอัตโนมัติ"]
        positions = [text.index(mark) for mark in marks]
        assert positions == sorted(positions), marks


def test_the_first_screen_opens_with_what_to_do_each_with_its_count_and_moment():
    follow_ups = [follow_up("late", submission_date="2024-01-06"), follow_up("early")]
    roster = [RosterEntry("TH-40", "เมือง", "sao", name, str(n)) for n, name in enumerate(["บ้านเหล่า", "อื่น"])]
    content = build_content(data(invalid=follow_ups, roster=roster))
    assert content.actions[0] == ("ประสาน อปท. ให้แก้ไขแบบแจ้งปัญหาที่ข้อมูลไม่สมบูรณ์ 2 ฉบับ (ในจำนวนนี้ส่งครั้งแรก"
                                  "ไม่เกินวันที่ 5 ม.ค. 2567 จำนวน 1 ฉบับ) ณ 6 ม.ค. 2567 เวลา 08.00 น. ตามรายการด้านล่าง")
    assert any(a.startswith("ตรวจสอบแบบแจ้งปัญหาที่มีข้อสังเกต 1 ฉบับ") for a in content.actions)
    assert any(a.startswith("ติดตาม อปท. ที่ยังไม่แจ้งปัญหา 1 แห่ง จาก 2 แห่ง ตามทะเบียน") for a in content.actions)
    html = render_html(content)
    assert html.index("สิ่งที่ต้องดำเนินการ") < html.index("ภาพรวม")
    quiet = build_content(data(invalid=[], warned=[]))
    assert quiet.actions == ["ไม่มีรายการที่ต้องดำเนินการ"]


def test_each_headline_figure_has_its_unit_and_its_change_from_the_day_before():
    laos = [lao("ก", submitted="2024-01-04"), lao("ข", submitted="2024-01-05"), lao("ค", submitted="2024-01-05")]
    counters = {"by_submission_date.2024-01-04": 4, "by_submission_date.2024-01-05": 3}
    content = build_content(data(laos=laos, counters=counters, created_on_day=[row(), row(), row()],
                                 edited_on_day=[row()], edited_day_before=3))
    figures = {f.label: (f.value, f.unit, f.change_text) for f in content.figures}
    # A day's count shows the day before's; a running total shows how it moved.
    assert figures["แบบแจ้งปัญหาที่ได้รับใหม่ในวันที่ 5 มกราคม 2567"] == (3, "ฉบับ", "วันก่อนหน้า 4 ฉบับ")
    assert figures["แบบแจ้งปัญหาที่มีการแก้ไขในวันที่ 5 มกราคม 2567"] == (1, "ฉบับ", "วันก่อนหน้า 3 ฉบับ")
    assert figures["อปท. ที่แจ้งปัญหาแล้ว"] == (3, "แห่ง", "เพิ่มขึ้น 2 แห่ง")
    assert figures["แบบแจ้งปัญหาทั้งหมด (รวมที่ข้อมูลไม่สมบูรณ์)"] == (7, "ฉบับ", "เพิ่มขึ้น 3 ฉบับ")
    html = render_html(content)
    assert "<b>3</b> แห่ง" in html and "เพิ่มขึ้น 2 แห่ง" in html


def test_cumulative_figures_are_those_of_the_end_of_the_day_not_of_the_moment_read():
    """A catch-up after an outage builds several days at once: each carries its own figures."""
    laos = [lao("ก", submitted="2024-01-03"), lao("ข", submitted="2024-01-04"), lao("ค", submitted="2024-01-06")]
    late = datetime(2024, 1, 8, 1, tzinfo=UTC)
    day3, day4, day5 = (build_content(data(day=date(2024, 1, d), laos=laos, built_at=late)) for d in (3, 4, 5))
    assert (day3.laos_reporting, day4.laos_reporting, day5.laos_reporting) == (1, 2, 2)
    assert day3.as_of_text == "ยอดสะสมถึงวันที่ 3 มกราคม 2567 เวลา 24.00 น."
    assert day4.subject != day3.subject
    assert any("จัดทำย้อนหลัง" in alert for alert in day4.alerts)


def test_an_lao_whose_reports_all_came_after_the_day_is_not_counted_on_it():
    content = build_content(data(laos=[lao("ก", submitted="2024-01-06")]))
    assert content.laos_reporting == 0 and content.provinces_with == 0


def test_the_action_list_shows_what_was_typed_the_reason_a_remedy_and_a_link():
    unknown = follow_up("r-unknown", ("province_unresolved",), lao_type=None, lao_name="",
                        province_name=None, typed={"lao_name": "อบต.หนองบัว", "lao_type": "อบต",
                                                   "district": "เมือง", "province": "ขอนแกน"})
    content = build_content(data(invalid=[unknown]))
    line = content.invalid[0]
    assert line.lao == "ชื่อตามที่กรอก “อบต.หนองบัว” ประเภทตามที่กรอก “อบต”"
    assert line.place == "อำเภอตามที่กรอก “เมือง” จังหวัดตามที่กรอก “ขอนแกน”"
    assert line.reasons == ["ระบบไม่สามารถระบุจังหวัดจากข้อความที่กรอกได้"]
    assert line.remedy == "ควรประสาน อปท. ให้แก้ไขแบบแจ้งปัญหาฉบับนี้ โดยเลือกจังหวัดจากรายการ"
    assert line.link == "https://docs.google.com/forms/d/FORM123/edit#response=r-unknown"
    html = render_html(content)
    assert 'href="https://docs.google.com/forms/d/FORM123/edit#response=r-unknown"' in html
    assert "รูปแบบหมายเลขโทรศัพท์ไม่ถูกต้อง" in html  # the warnings are listed too, not only counted


def test_bangkok_is_written_as_its_khet_and_the_city():
    line = build_content(data(invalid=[follow_up(district="บางรัก", province_name="กรุงเทพมหานคร")])).invalid[0]
    assert line.place == "เขตบางรัก กรุงเทพมหานคร"


def test_the_body_lists_the_first_follow_ups_newest_day_first_and_points_to_the_workbook_for_the_rest():
    older = [follow_up(f"old{n}", submission_date="2024-01-01") for n in range(40)]
    new = follow_up("new1")
    content = build_content(data(invalid=[*older, new]))
    assert content.invalid[0].response_id == "new1" and content.invalid[0].new_on_day
    assert len(content.invalid) == INVALID_ROWS and content.invalid_total == 41
    assert (f"แสดง {INVALID_ROWS} จาก 41 ฉบับ โดยแสดงฉบับที่ส่งครั้งแรกไม่เกินวันที่ 5 ม.ค. 2567 ก่อน "
            "ที่เหลือเรียงตามเวลาที่ส่งหรือแก้ไขล่าสุด ดูทั้งหมดในไฟล์แนบ แผ่นงาน “ข้อมูลไม่สมบูรณ์”" in render_text(content))


def test_a_cut_list_shows_the_periods_follow_ups_before_later_ones():
    later = [follow_up(f"later{n}", submission_date="2024-01-06") for n in range(16)]
    period = [follow_up(f"period{n}", submission_date="2024-01-04") for n in range(3)]
    content = build_content(data(invalid=[*later, *period]))
    assert [line.response_id for line in content.invalid[:3]] == ["period0", "period1", "period2"]
    assert (content.invalid_total, content.invalid_in_period) == (19, 3)
    text = render_text(content)
    assert "19 ฉบับ (ในจำนวนนี้ส่งครั้งแรกไม่เกินวันที่ 5 ม.ค. 2567 จำนวน 3 ฉบับ)" in text


def test_problems_are_grouped_under_the_letters_items_sorted_with_their_share_of_reporting_laos():
    laos = [lao("ก", problems=("too_many_forms", "training_unclear")), lao("ข", problems=("too_many_forms",)),
            lao("ค", problems=("no_incumbent_executive",))]
    content = build_content(data(laos=laos))
    last = content.letter_items[-1]
    assert (last.number, last.laos, last.share_text) == (6, 2, "ร้อยละ 67")
    assert last.heading == "ปัญหาอื่น ๆ (รวม 4 ประเด็นย่อย)"
    assert [b.text for b in last.bars[:2]] == ["2 แห่ง (ร้อยละ 67)", "1 แห่ง (ร้อยละ 33)"]
    assert [item.number for item in content.letter_items][:2] == [4, 1]  # item 6 is a sum: never ranked
    html = render_html(content)
    assert "หนังสือกระทรวงมหาดไทย ที่ มท ๐๒๐๙.๖/ว ๑๒๖๖๖" in html
    assert html.count("ระบบรายงานมีแบบฟอร์มจำนวนมากทำให้เกิดความสับสน") == 1  # the full option text, once
    assert "ร้อยละรวมจึงเกิน 100" in html


def test_provinces_show_the_top_ten_and_every_province_without_any_lao():
    laos = [lao(f"{n}", "TH-40", "ขอนแก่น") for n in range(3)] + [lao("x", "TH-54", "แพร่")]
    content = build_content(data(laos=laos))
    assert [(p.name, p.laos_reporting) for p in content.provinces_top] == [("ขอนแก่น", 3), ("แพร่", 1)]
    assert len(content.provinces_without) == 75 and "กรุงเทพมหานคร" in content.provinces_without
    assert "จังหวัดที่ยังไม่มี อปท. ใดแจ้งปัญหา (75 จังหวัด; ถึงวันที่ 5 ม.ค. 2567 เวลา 24.00 น." in render_html(content)


def test_laos_not_yet_reported_to_the_ocsc_are_counted_with_their_most_frequent_problems():
    laos = [lao("ก", status="not_reported", problems=("cannot_edit_after_confirm",)),
            lao("ข", status="not_reported", problems=("cannot_edit_after_confirm", "too_many_forms")),
            lao("ค", status="reported_complete")]
    content = build_content(data(laos=laos))
    assert content.not_reported == 2
    assert content.not_reported_problems[0].text == "2 แห่ง (ร้อยละ 100)"
    assert [b.value for b in content.statuses] == [1, 0, 2]


def test_phone_numbers_and_emails_in_free_text_are_masked_in_the_body():
    text = "โทร 081-234-5678 หรือ ๐๒ ๒๔๑ ๙๐๐๐ อีเมล somchai@example.go.th ค่ะ"
    content = build_content(data(created_on_day=[row(other_problem_text=text, problems=("other",))]))
    for body in (render_html(content), render_text(content)):
        assert "081-234-5678" not in body and "๐๒ ๒๔๑ ๙๐๐๐" not in body and "somchai@" not in body
        assert "[ปิดบังหมายเลขโทรศัพท์]" in body and "[ปิดบังอีเมล]" in body


def test_sentences_several_laos_wrote_on_the_day_become_themes_counted_by_lao():
    rows = [row(problem_details="เจ้าหน้าที่ใหม่ไม่ได้รับการอบรม", lao_id="a"),
            row(problem_details="เจ้าหน้าที่ใหม่ ไม่ได้รับการอบรมครับ", lao_id="b"),
            row(suggestions="เจ้าหน้าที่ใหม่ไม่ได้รับการอบรม", lao_id="b"), row(problem_details="แบบฟอร์มเยอะมาก")]
    content = build_content(data(created_on_day=rows))
    assert [(t.sentence, t.laos) for t in content.themes.themes] == [("เจ้าหน้าที่ใหม่ไม่ได้รับการอบรม", 2)]
    assert "“เจ้าหน้าที่ใหม่ไม่ได้รับการอบรม” (2 แห่ง)" in render_html(content)


def test_the_body_speaks_the_glossary_and_no_operator_vocabulary():
    content = build_content(data(reconcile=ReconcileStatus(datetime(2024, 1, 6, tzinfo=UTC), 3, 3),
                                 watches=[WatchHealth("RESPONSES", "SUSPENDED", None, "PERMISSION_DENIED")]))
    for body in (render_html(content), render_text(content)):
        visible = re.sub(r"<[^>]+>", " ", body)
        assert "วันนี้" not in visible
        for word in ("watch", "reconcile", "responseId", "Firestore", "PERMISSION_DENIED", "คำตอบสะสม", "รายการ,"):
            assert word not in visible, word
        assert "ในวันที่ 5 มกราคม 2567" in visible


def test_the_html_declares_thai_and_a_phone_viewport():
    html = render_html(build_content(data()))
    assert html.startswith('<!doctype html><html lang="th">') and 'name="viewport"' in html


def test_the_footer_says_it_is_automatic_who_to_contact_and_how_to_change_recipients():
    content = build_content(replace(data(), contact="กลุ่มงานมาตรฐาน สำนักงาน ก.ถ. โทร 0 2241 9000",
                                    reply_to="kor-thor@dla.go.th"))
    footer = " ".join(content.footer)
    assert "ส่งอีเมลฉบับนี้โดยอัตโนมัติ" in footer and "kor-thor@dla.go.th" in footer and "0 2241 9000" in footer
    assert "เปลี่ยนแปลง" in footer and "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล" in footer
    assert "ไฟล์แนบไม่แสดงชื่อ" in footer
    assert "ไฟล์แนบมีข้อมูลดังกล่าว" in " ".join(build_content(replace(data(), include_contacts=True)).footer)


def test_the_body_never_carries_reporters_names_phones_or_emails():
    content = build_content(data(include_contacts=True))
    for body in (render_html(content), render_text(content)):
        assert "สมชาย" not in body and "+66812345678" not in body and "somchai@" not in body


def test_a_quiet_day_still_says_so_plainly():
    content = build_content(data(created_on_day=[]))
    assert "ไม่มีแบบแจ้งปัญหาที่ได้รับใหม่หรือมีการแก้ไขในวันที่ 5 มกราคม 2567" in render_html(content)


def test_a_count_that_differs_from_the_form_is_an_alert_and_quarantined_answers_too():
    differs = build_content(data(reconcile=ReconcileStatus(datetime(2024, 1, 6, tzinfo=UTC), 9, 3)))
    assert "ไม่ตรงกับที่ระบบบันทึกไว้" in differs.alerts[0]
    held = build_content(data(reconcile=ReconcileStatus(datetime(2024, 1, 6, tzinfo=UTC), 5, 3, quarantined=2)))
    assert held.alerts[0].startswith("มีแบบแจ้งปัญหา 2 ฉบับ ในแบบฟอร์มที่ระบบบันทึกไม่ได้")
    assert held.completeness.startswith("ระบบตรวจสอบแล้วว่าได้รับแบบแจ้งปัญหาจากแบบฟอร์มครบทุกฉบับ")


def test_a_watch_that_is_not_working_is_an_alert_in_plain_words():
    content = build_content(data(watches=[WatchHealth("RESPONSES", "SUSPENDED", None, "PERMISSION_DENIED")]))
    assert content.alerts[0].startswith("ขณะนี้ระบบไม่ได้รับการแจ้งทันทีเมื่อมีแบบแจ้งปัญหาใหม่")


def test_laos_saying_they_have_no_problem_are_stated_apart_and_never_drawn_as_a_problem():
    laos = [lao("ก", problems=("no_problem",)), lao("ข", problems=("too_many_forms",))]
    rows = [row(problems=("no_problem",), other_problem_text="ไม่มี"), row(problems=("other",),
                                                                          other_problem_text="ระบบล่มบ่อย")]
    content = build_content(data(laos=laos, created_on_day=rows))
    assert content.laos_reporting == 2 and content.laos_without_problem == 1
    assert all(bar.label != "ไม่มีปัญหา" for item in content.letter_items for bar in item.bars)
    assert content.other_excerpts == ["ระบบล่มบ่อย"]  # "ไม่มี" is not an example of another problem
    for body in (render_html(content), render_text(content)):
        assert "อปท. ที่แจ้งปัญหาแล้วโดยระบุว่าไม่มีปัญหา 1 แห่ง (ร้อยละ 50)" in body


def test_without_a_roster_the_digest_says_coverage_is_unknown():
    content = build_content(data())
    assert not content.coverage.known
    assert "ยังไม่ทราบความครอบคลุม เพราะยังไม่ได้นำเข้าทะเบียน อปท." in render_html(content)


def test_with_a_roster_the_digest_gives_the_rate_the_lowest_provinces_and_the_unmatched_reports():
    from shared.domain.roster import RosterEntry

    roster = [RosterEntry("TH-40", "เมือง", "sao", "บ้านเหล่า", "1"), RosterEntry("TH-40", "เมือง", "sao", "นาดี", "2"),
              RosterEntry("TH-54", "เมือง", "sao", "แม่ทราย", "3"), RosterEntry("TH-54", "เมือง", "sao", "ป่าแดง", "4"),
              RosterEntry("TH-54", "เมือง", "sao", "ทุ่งโฮ้ง", "5")]
    laos = [lao("บ้านเหล่า"), lao("แม่ทราย", "TH-54", "แพร่"), lao("ไม่มีในทะเบียน")]
    content = build_content(data(laos=laos, roster=roster))
    cover = content.coverage
    assert (cover.rate.count, cover.rate.base, cover.roster_reported) == (3, 5, 2)
    assert [(p.name, p.text) for p in cover.lowest] == [
        ("แพร่", "1 จาก 3 แห่ง (ร้อยละ 33)"),
        ("ขอนแก่น", "2 จาก 2 แห่ง (ร้อยละ 100) ในจำนวนนี้จับคู่กับทะเบียนไม่ได้ 1 แห่ง")]
    assert [r.name for r, _ in cover.unmatched] == ["ไม่มีในทะเบียน"]
    assert [e.lao_code for e in cover.nonresponders] == ["2", "5", "4"]  # by province, district, then name
    html = render_html(content)
    assert "อปท. ที่แจ้งปัญหาแล้ว 3 จาก 5 แห่ง ตามทะเบียน อปท. (ร้อยละ 60)" in html


def test_the_lowest_rate_provinces_never_split_a_tie_and_say_which_provinces_have_no_roster():
    from shared.digest.coverage_section import LOWEST_PROVINCES, lowest_caption
    from shared.domain.roster import RosterEntry

    # Twelve provinces of two roster LAOs each, none reported: a twelve-way tie at 0 %.
    codes = ["TH-10", "TH-11", "TH-12", "TH-13", "TH-14", "TH-15", "TH-16", "TH-17", "TH-18", "TH-19", "TH-20",
             "TH-21"]
    roster = [RosterEntry(code, "เมือง", "sao", f"แห่ง{n}", f"{code}{n}") for code in codes for n in range(2)]
    content = build_content(data(laos=[], roster=roster))
    assert len(content.coverage.lowest) == 12 > LOWEST_PROVINCES
    caption = lowest_caption(content.coverage, content.as_of_text)
    assert "หากเท่ากับจังหวัดลำดับที่ 10 แสดงทุกจังหวัด" in caption
    assert "ทะเบียน อปท. ไม่มีข้อมูลของจังหวัด" in caption and "ขอนแก่น" in caption  # TH-40: not on this roster
    assert caption in render_text(content)


def test_the_trend_starts_on_the_first_day_anything_was_submitted_within_its_fourteen_days():
    counters = {"by_submission_date.2024-01-03": 2, "by_submission_date.2024-01-05": 1}
    content = build_content(data(counters=counters))
    assert [b.value for b in content.trend] == [2, 0, 1] and content.trend_range.startswith("3 ม.ค.")
    long_ago = build_content(data(counters={"by_submission_date.2023-12-01": 1, **counters}))
    assert len(long_ago.trend) == 14
