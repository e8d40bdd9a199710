"""The digest as a message (headers a mail system acts on) and its workbook (as a
spreadsheet application reads it: sheets, formats, print setup)."""

import email
import email.policy
import io
from datetime import UTC, date, datetime

import openpyxl
from openpyxl.utils import range_boundaries

from shared.digest.content import build_content
from shared.digest.message import build_message, message_id
from shared.digest.render_html import render_html
from shared.digest.render_text import render_text
from shared.digest.service import Addressing, compose
from shared.digest.workbook import BE_DATETIME, build_workbook
from shared.domain.ledger import MessageIds
from tests.support.digest_data import data, follow_up, lao, row

NOW = datetime(2024, 1, 6, 1, tzinfo=UTC)
ADDRESSING = Addressing("digest@moi.go.th", ["a@moi.go.th", "b@moi.go.th"], reply_to="kor-thor@dla.go.th")


def _parsed(message):
    raw = message.as_bytes()
    assert b"\r\n" in raw and raw.isascii()
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_the_message_is_multipart_utf8_with_the_dates_message_id_and_the_attachment():
    parsed = _parsed(compose(data(), ADDRESSING, NOW).message)
    assert parsed["Message-ID"] == message_id(date(2024, 1, 5), "digest@moi.go.th") == \
        "<lao-ethics-digest-2024-01-05@moi.go.th>"
    assert parsed["Subject"].startswith("[ก.ถ.] 5 ม.ค. 67")
    assert parsed.get_body(("plain",)).get_content().startswith("สรุปแบบแจ้งปัญหา")
    html_part = parsed.get_body(("html",))
    assert html_part["Content-Transfer-Encoding"] == "base64"  # 4 bytes a Thai character, not 9
    assert '<html lang="th">' in html_part.get_content()
    attachment = next(parsed.iter_attachments())
    assert attachment.get_filename() == "lao-ethics-digest-2024-01-05.xlsx"
    assert openpyxl.load_workbook(io.BytesIO(attachment.get_content()))


def test_the_message_asks_for_no_automatic_replies_says_it_is_thai_and_replies_go_to_the_office():
    parsed = _parsed(compose(data(), ADDRESSING, NOW).message)
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["Content-Language"] == "th"
    assert parsed["Reply-To"] == "kor-thor@dla.go.th"
    assert "References" not in parsed


def test_a_correction_carries_a_new_message_id_that_references_the_first_and_says_so():
    first = message_id(date(2024, 1, 5), "digest@moi.go.th")
    ids = MessageIds(message_id(date(2024, 1, 5), "digest@moi.go.th", "abc123"), (first,))
    parsed = _parsed(compose(data(), ADDRESSING, NOW, ids).message)
    assert parsed["Message-ID"] == "<lao-ethics-digest-2024-01-05.abc123@moi.go.th>"
    assert parsed["References"] == parsed["In-Reply-To"] == first
    assert parsed["Subject"].startswith("[ฉบับแก้ไข] [ก.ถ.]")


def test_without_a_reply_to_none_is_set():
    content = build_content(data())
    message = build_message(day=date(2024, 1, 5), subject=content.subject, text=render_text(content),
                            html=render_html(content), workbook=b"x", sender="d@moi.go.th", recipients=["a@x"],
                            sent_at=NOW, ids=MessageIds("<m@x>"))
    assert "Reply-To" not in _parsed(message)


def _book(digest_data):
    return openpyxl.load_workbook(io.BytesIO(build_workbook(digest_data, build_content(digest_data))))


def test_the_workbook_opens_on_a_summary_of_definitions_as_of_and_headline_figures():
    book = _book(data())
    assert book.sheetnames == ["สรุป", "แบบแจ้งปัญหา 5 ม.ค. 2567", "อปท. ที่แจ้งปัญหาแล้ว", "ปัญหารายจังหวัด",
                               "ข้อมูลไม่สมบูรณ์", "ข้อสังเกต"]
    summary = [c.value for r in book["สรุป"].iter_rows() for c in r if c.value is not None]
    assert summary[0].startswith("สรุปแบบแจ้งปัญหา") and "ยอดสะสมถึงวันที่ 5 มกราคม 2567 เวลา 24.00 น." in summary[1]
    assert "อปท. ที่แจ้งปัญหาแล้ว" in summary and "แห่ง" in summary and "คำอธิบาย" in summary


def test_every_list_starts_with_the_lao_and_prints_landscape_legibly_with_its_header_repeated():
    book = _book(data())
    one_page_wide = set()
    for name in book.sheetnames[1:]:
        sheet = book[name]
        assert str(sheet["A1"].value).startswith(("อปท.", "จังหวัด")), name
        assert sheet.page_setup.orientation == "landscape", name
        assert sheet.print_title_rows == "$1:$1", name
        if sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage:
            # fitToWidth is absent when 1, its default (ECMA-376 Part 1, 18.3.1.63).
            assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0, name
            one_page_wide.add(name)
        else:  # too wide to shrink onto one page legibly: pages across, the LAO's column on each
            assert sheet.print_title_cols == "$A:$A", name
        # The rule: one page wide only while the columns stay legible at that size.
        # (xlsxwriter stores each width with under one character of padding.)
        width = sum(sheet.column_dimensions[c.column_letter].width or 0 for c in sheet[1]) - len(sheet[1])
        assert (name in one_page_wide) == (width <= 200), (name, width)
    assert "แบบแจ้งปัญหา 5 ม.ค. 2567" not in one_page_wide


def test_dates_are_real_dates_shown_in_the_buddhist_era_by_their_number_format():
    sheet = _book(data())["แบบแจ้งปัญหา 5 ม.ค. 2567"]
    first_submitted = sheet["E2"]
    assert isinstance(first_submitted.value, datetime) and first_submitted.value.year == 2024
    assert first_submitted.number_format == BE_DATETIME == "[$-107041E]d mmm yyyy hh:mm"


def test_the_national_total_stays_outside_the_filter_range():
    book = _book(data(laos=[lao("ก"), lao("ข"), lao("ค", "TH-54", "แพร่")]))
    sheet = book["ปัญหารายจังหวัด"]
    _, _, _, last_filtered = range_boundaries(sheet.auto_filter.ref)
    totals = [r for r in sheet.iter_rows() if r[0].value == "รวมทั้งประเทศ"]
    assert totals and totals[0][0].row > last_filtered + 1 and totals[0][1].value == 3


def test_columns_are_as_wide_as_what_they_hold():
    long_name = "ก" * 40
    sheet = _book(data(laos=[lao(long_name)]))["อปท. ที่แจ้งปัญหาแล้ว"]
    assert sheet.column_dimensions["A"].width > 40


def test_invalid_responses_show_the_raw_typed_values_and_warnings_have_their_own_sheet():
    typed = {"lao_name": "อบต หนองบัว", "lao_type": "อบต", "district": "เมือง", "province": "ขอนแกน"}
    book = _book(data(invalid=[follow_up(typed=typed, lao_type=None, lao_name="", province_name=None)]))
    invalid_row = [c.value for c in book["ข้อมูลไม่สมบูรณ์"][2]]
    assert invalid_row[:4] == ["อบต หนองบัว", "อบต", "เมือง", "ขอนแกน"]
    link = next(c for c in book["ข้อมูลไม่สมบูรณ์"][2] if c.value == "เปิดในแบบฟอร์ม")
    # A real hyperlink; the part after # is kept as its location, as Excel writes it.
    assert f"{link.hyperlink.target}#{link.hyperlink.location}" == \
        "https://docs.google.com/forms/d/FORM123/edit#response=bad1"
    warned_row = [c.value for c in book["ข้อสังเกต"][2]]
    assert "รูปแบบหมายเลขโทรศัพท์ไม่ถูกต้อง" in warned_row


def test_phones_and_emails_typed_into_free_text_are_masked_in_the_workbook_unless_contacts_are_on():
    typed = row(problem_details="โทร 081-234-5678 ครับ", suggestions="mail: a.b@example.go.th")

    def day_cells(include):
        book = _book(data(created_on_day=[typed], include_contacts=include))
        return {c.value for r in book["แบบแจ้งปัญหา 5 ม.ค. 2567"].iter_rows() for c in r}

    assert {"โทร [ปิดบังหมายเลขโทรศัพท์] ครับ", "mail: [ปิดบังอีเมล]"} <= day_cells(False)
    assert {"โทร 081-234-5678 ครับ", "mail: a.b@example.go.th"} <= day_cells(True)


def test_contacts_reach_the_workbook_only_when_turned_on():
    def flat(digest_data):
        return {c.value for s in _book(digest_data) for r in s.iter_rows() for c in r}

    reporter = {"name": "สมหญิง", "position": "ปลัด", "phone_e164": "+66899999999", "email": "s@x.go.th"}
    warned = [follow_up("w1", ("email_invalid",), reporter=reporter)]
    assert not {"สมชาย ใจดี", "สมหญิง"} & flat(data(include_contacts=False, warned=warned))
    assert {"สมชาย ใจดี", "+66812345678", "สมหญิง", "+66899999999"} <= flat(data(include_contacts=True, warned=warned))


def test_workbook_cells_starting_like_formulas_stay_text():
    hostile = row(problem_details="=HYPERLINK(\"http://x\",\"y\")", other_problem_text="+1+1", suggestions="-2")
    sheet = _book(data(created_on_day=[hostile]))["แบบแจ้งปัญหา 5 ม.ค. 2567"]
    values = {cell.value: cell.data_type for cell in sheet[2]}
    for text in ("=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2"):
        assert values[text] == "s"


def test_an_lao_with_no_problem_has_its_own_column_not_a_problems():
    sheet = _book(data(laos=[lao("ก", problems=("no_problem",))]))["อปท. ที่แจ้งปัญหาแล้ว"]
    headers = [c.value for c in sheet[1]]
    marks = dict(zip(headers, [c.value for c in sheet[2]], strict=False))
    assert marks["ไม่มีปัญหา (ระบุในช่องอื่น ๆ)"] == 1
    assert all(value == 0 for header, value in marks.items() if header.startswith("ข้อ "))


def test_the_problem_columns_are_narrow_one_or_zero_marks_with_their_totals_below_the_filter():
    book = _book(data(laos=[lao("ก", problems=("too_many_forms",)), lao("ข", problems=("too_many_forms",
                                                                                       "training_unclear")), lao("ค")]))
    sheet = book["อปท. ที่แจ้งปัญหาแล้ว"]
    headers = [c.value for c in sheet[1]]
    column = headers.index(next(h for h in headers if h.startswith("ข้อ ") and "แบบฟอร์ม" in h)) + 1
    letter = sheet.cell(1, column).column_letter
    assert [sheet.cell(r, column).value for r in (2, 3, 4)] == [1, 1, 1]
    # The marks share one <col> element (openpyxl reports its width under the first column of it).
    first_mark = sheet.column_dimensions[sheet.cell(1, headers.index(next(h for h in headers if h.startswith("ข้อ ")))
                                                    + 1).column_letter]
    assert first_mark.width < 12 and first_mark.min <= column <= first_mark.max
    _, _, _, last_filtered = range_boundaries(sheet.auto_filter.ref)
    total = sheet.cell(last_filtered + 1, column)
    assert sheet.cell(last_filtered + 1, 1).value.startswith("รวม")
    assert total.value == f"=SUBTOTAL(109,{letter}2:{letter}4)"


def test_with_a_roster_the_workbook_lists_the_nonresponders_for_the_provincial_offices():
    from shared.domain.roster import RosterEntry

    roster = [RosterEntry("TH-40", "เมือง", "sao", "บ้านเหล่า", "0040101"),
              RosterEntry("TH-40", "ชนบท", "sao", "นาดี", "0040102")]
    book = _book(data(laos=[lao("บ้านเหล่า", district="เมือง")], roster=roster))
    assert book.sheetnames[-2:] == ["อปท. ที่ยังไม่แจ้งปัญหา", "จับคู่ทะเบียนไม่ได้"]
    rows = [[c.value for c in r] for r in book["อปท. ที่ยังไม่แจ้งปัญหา"].iter_rows()]
    assert rows == [["จังหวัด", "อำเภอ/เขต", "ประเภท อปท.", "อปท.", "รหัส อปท."],
                    ["ขอนแก่น", "ชนบท", "องค์การบริหารส่วนตำบล", "นาดี", "0040102"]]


def test_the_unmatched_sheet_lists_full_names_by_province_then_name():
    from shared.domain.roster import RosterEntry

    roster = [RosterEntry("TH-40", "เมือง", "sao", "บ้านเหล่า", "0040101")]
    laos = [lao("ไม่อยู่ในทะเบียนข", "TH-54", "แพร่"), lao("ไม่อยู่ในทะเบียนก"), lao("ไม่อยู่ในทะเบียนค")]
    rows = [[c.value for c in r] for r in _book(data(laos=laos, roster=roster))["จับคู่ทะเบียนไม่ได้"].iter_rows()]
    assert [(r[0], r[2]) for r in rows[1:]] == [
        ("องค์การบริหารส่วนตำบลไม่อยู่ในทะเบียนก", "ขอนแก่น"), ("องค์การบริหารส่วนตำบลไม่อยู่ในทะเบียนค", "ขอนแก่น"),
        ("องค์การบริหารส่วนตำบลไม่อยู่ในทะเบียนข", "แพร่")]
