import email
import email.policy
import io
from datetime import UTC, date, datetime

import openpyxl
import pytest

from shared.digest.content import build_content
from shared.digest.message import build_message, message_id
from shared.digest.model import ReconcileStatus
from shared.digest.render_html import render_html
from shared.digest.render_text import render_text
from shared.digest.thai import be_date
from shared.digest.workbook import build_workbook
from tests.support.digest_data import data, lao, row


@pytest.mark.parametrize(
    ("day", "text"),
    [(date(2023, 12, 31), "31 ธันวาคม 2566"), (date(2024, 1, 1), "1 มกราคม 2567"), (date(2024, 1, 5), "5 มกราคม 2567")],
)
def test_dates_are_written_in_the_buddhist_era_across_a_year_boundary(day, text):
    assert be_date(day) == text


def test_the_subject_gives_the_date_the_new_responses_and_the_laos_reporting():
    content = build_content(data(created_on_day=[row(), row()], counters={"laos_reporting": 1234}))
    assert content.subject == ("สรุปรายงานปัญหาการรายงานผลประมวลจริยธรรม อปท. ประจำวันที่ 5 มกราคม 2567: "
                               "รายงานใหม่ 2 รายการ, อปท. รายงานแล้วสะสม 1,234 แห่ง")


def test_all_nine_problem_categories_are_listed_with_cumulative_and_daily_counts():
    content = build_content(data(created_on_day=[row(problems=("too_many_forms", "other"))]))
    assert len(content.problems) == 9
    by_code = {p.code: p for p in content.problems}
    assert (by_code["too_many_forms"].laos_reporting, by_code["too_many_forms"].on_day) == (2, 1)
    assert by_code["other"].on_day == 1 and by_code["training_unclear"].on_day == 0


def test_provinces_sort_by_count_then_thai_order_not_code_point_order():
    counters = {"laos_reporting": 4, "by_province.TH-54": 1, "by_province.TH-50": 1, "by_province.TH-81": 1,
                "by_province.TH-40": 2}
    names = [p.name for p in build_content(data(counters=counters)).provinces]
    # แพร่ and เชียงใหม่ start with leading vowels: Thai order puts them by their consonant.
    assert names == ["ขอนแก่น", "กระบี่", "เชียงใหม่", "แพร่"]


def test_a_report_edited_again_later_says_so_and_invalid_ones_say_why():
    later = row(last_submitted=datetime(2024, 1, 7, 2, tzinfo=UTC), last_submitted_date="2024-01-07")
    bad = row(valid=False, invalid_reasons=("district_missing",))
    lines = build_content(data(created_on_day=[later, bad])).reports
    assert "แก้ไขอีกครั้งภายหลัง" in lines[0].note
    assert "ไม่ได้ระบุอำเภอ" in lines[1].note


def test_reports_are_listed_oldest_first_and_edits_by_their_edit_time():
    early = row("2024-01-05T01:00:00+00:00")
    edit = row("2024-01-02T01:00:00+00:00", last_submitted=datetime(2024, 1, 5, 2, tzinfo=UTC),
               submission_date="2024-01-02")
    late = row("2024-01-05T09:00:00+00:00")
    lines = build_content(data(created_on_day=[late, early], edited_on_day=[edit])).reports
    assert [line.response_id for line in lines] == [early.response_id, edit.response_id, late.response_id]
    assert [line.kind for line in lines] == ["ใหม่", "แก้ไข", "ใหม่"]


def test_details_and_other_text_are_cut_to_300_characters():
    line = build_content(data(created_on_day=[row(problem_details="ก" * 400, other_problem_text="ข" * 301)])).reports[0]
    assert line.details == "ก" * 300 + "…" and line.other == "ข" * 300 + "…"


def test_user_text_is_escaped_in_html():
    hostile = row(lao_name="<script>alert(1)</script>", problem_details='<a href="http://evil">คลิก</a>')
    html = render_html(build_content(data(created_on_day=[hostile])))
    assert "<script>" not in html and "<a href" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;a href=&quot;http://evil&quot;&gt;" in html


def test_the_body_never_carries_reporters_names_phones_or_emails():
    content = build_content(data())
    for body in (render_html(content), render_text(content)):
        assert "สมชาย" not in body and "812345678" not in body and "somchai@" not in body


def test_a_quiet_day_still_says_so_plainly():
    content = build_content(data(created_on_day=[], edited_on_day=[]))
    assert content.quiet_day
    assert "ไม่มีรายงานใหม่หรือรายงานที่แก้ไขในวันที่ 5 มกราคม 2567" in render_text(content)


def test_completeness_is_stated_or_said_to_be_unknown():
    assert "ยังไม่ทราบ" in build_content(data(reconcile=None)).completeness
    ran = datetime(2024, 1, 6, 0, 30, tzinfo=UTC)
    assert "ตรงกับ" in build_content(data(reconcile=ReconcileStatus(ran, 10, 10))).completeness
    assert "ไม่ตรงกัน" in build_content(data(reconcile=ReconcileStatus(ran, 10, 9))).completeness


def test_the_attention_list_marks_invalid_responses_new_on_the_day():
    content = build_content(data())
    assert content.attention[0].new_on_day and content.attention[0].reasons == ["ไม่ได้ระบุอำเภอ"]
    assert content.with_warnings == 1


def _sheets(book_bytes):
    return openpyxl.load_workbook(io.BytesIO(book_bytes))


def test_workbook_cells_starting_like_formulas_stay_text():
    hostile = row(problem_details="=HYPERLINK(\"http://x\",\"y\")", other_problem_text="+1+1",
                  suggestions="-2", lao_name="@SUM(A1)")
    book = _sheets(build_workbook(data(created_on_day=[hostile])))
    sheet = book["รายงานประจำวัน"]
    values = {cell.value: cell.data_type for cell in sheet[2]}
    for text in ("=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2"):
        assert values[text] == "s"
    assert any(isinstance(v, str) and v.endswith("@SUM(A1)") for v in values)


def test_workbook_has_the_days_reports_every_current_report_and_province_by_problem_counts():
    book = _sheets(build_workbook(data(current_reports=[lao("ก"), lao("ข"), lao("ค", "TH-54", "แพร่")])))
    assert book.sheetnames == ["รายงานประจำวัน", "รายงานปัจจุบันของ อปท.", "จังหวัด × ปัญหา", "ต้องตรวจสอบ"]
    assert book["ต้องตรวจสอบ"]["A2"].value == "bad1"
    assert book["รายงานปัจจุบันของ อปท."].max_row == 4
    matrix = {r[0].value: r[1].value for r in book["จังหวัด × ปัญหา"].iter_rows(min_row=2) if r[0].value}
    assert matrix["ขอนแก่น"] == 2 and matrix["แพร่"] == 1 and matrix["รวม"] == 3


def test_contacts_are_in_the_workbook_only_when_turned_on():
    def flat(book_bytes):
        return {c.value for s in _sheets(book_bytes) for r in s.iter_rows() for c in r}

    assert "สมชาย ใจดี" not in flat(build_workbook(data(include_contacts=False)))
    assert {"สมชาย ใจดี", "+66812345678"} <= flat(build_workbook(data(include_contacts=True)))


def test_the_message_is_multipart_utf8_with_a_deterministic_message_id_and_the_attachment():
    content = build_content(data())
    message = build_message(day=date(2024, 1, 5), subject=content.subject, text=render_text(content),
                            html=render_html(content), workbook=build_workbook(data()),
                            sender="digest@moi.go.th", recipients=["a@moi.go.th", "b@moi.go.th"],
                            sent_at=datetime(2024, 1, 6, 1, tzinfo=UTC))
    raw = message.as_bytes()
    assert b"\r\n" in raw and raw.isascii()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == content.subject
    assert parsed["Message-ID"] == message_id(date(2024, 1, 5), "digest@moi.go.th") == \
        "<lao-ethics-digest-2024-01-05@moi.go.th>"
    assert parsed.get_body(("plain",)).get_content().startswith("สรุปรายงาน")
    assert "<h2" in parsed.get_body(("html",)).get_content()
    attachment = next(parsed.iter_attachments())
    assert attachment.get_filename() == "lao-ethics-digest-2024-01-05.xlsx"
    assert openpyxl.load_workbook(io.BytesIO(attachment.get_content()))


def test_past_300_rows_the_body_lists_the_oldest_and_says_the_rest_are_attached():
    rows = [row(f"2024-01-05T0{i // 60}:{i % 60:02d}:00+00:00") for i in range(350)]
    content = build_content(data(created_on_day=rows))
    assert len(content.reports) == 300 and content.reports_total == 350
    assert content.reports[0].response_id == rows[0].response_id
    assert "แสดง 300 รายการแรกจากทั้งหมด 350 รายการ" in render_html(content)
    assert len(_sheets(build_workbook(data(created_on_day=rows)))["รายงานประจำวัน"]["A"]) == 351


def test_a_broken_form_mapping_opens_the_digest_with_a_prominent_alert():
    content = build_content(data(mapping_missing_titles=["จังหวัด"]))
    assert content.subject.startswith("[แบบฟอร์มมีปัญหา]")
    html = render_html(content)
    assert html.index("จังหวัด — คำตอบที่เข้ามา") < html.index("ภาพรวม")
    assert render_text(content).splitlines()[3].startswith("!!! ")
    assert build_content(data()).alert == ""


def test_watch_health_says_until_when_or_what_is_wrong():
    from shared.digest.model import WatchHealth

    healthy = WatchHealth("RESPONSES", "ACTIVE", "2024-01-12T01:00:00Z", None)
    broken = WatchHealth("SCHEMA", "SUSPENDED", None, "PERMISSION_DENIED")
    lines = build_content(data(watches=[healthy, broken])).watch_health
    assert lines[0] == "การแจ้งเตือนคำตอบใหม่: ใช้งานได้ถึง 12 มกราคม 2567 เวลา 08:00 น."
    assert "PERMISSION_DENIED" in lines[1]
    assert "watch ensure" in build_content(data()).watch_health[0]


def test_quarantined_answers_open_the_digest_with_an_alert_and_still_count_as_complete():
    from datetime import UTC, datetime

    from shared.digest.model import ReconcileStatus

    status = ReconcileStatus(datetime(2024, 1, 6, tzinfo=UTC), form_response_count=5, stored_count=3, quarantined=2)
    content = build_content(data(reconcile=status))
    assert content.alert.startswith("มีคำตอบ 2 รายการในแบบฟอร์มที่ระบบบันทึกไม่ได้")
    assert "บันทึกไว้ 3 รายการ และอีก 2 รายการบันทึกไม่ได้เพราะข้อมูลผิดรูปแบบ (ครบทุกรายการ)" in content.completeness
