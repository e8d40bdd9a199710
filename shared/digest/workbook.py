"""The .xlsx attachment: the complete lists behind the digest.

A summary sheet first (definitions, as-of, headline figures), then the day's
submissions, every LAO that has reported (as of the end of the day), provinces
by problem, and the two follow-up lists. Each sheet starts with the LAO, prints
landscape one page wide with its header row repeated, and keeps totals out of
the filter range. Dates are real dates shown in the Buddhist Era by their number
format. Every cell a user typed is written as a string, never as a formula.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from shared.digest import glossary as g
from shared.digest.content import DigestContent, lao_label, typed_lao
from shared.digest.model import DigestData, FollowUpRow, LaoReports, ReportRow
from shared.digest.thai import be_short_date, thai_sorted
from shared.domain.as_of import current_as_of, existed_by, record_as_of
from shared.domain.codes import (
    INVALID_REASONS,
    INVALID_REMEDIES,
    LAO_TYPES,
    LETTER_ITEM_OF,
    NO_PROBLEM,
    NO_PROBLEM_LABEL,
    PROBLEM_SHORT_LABELS,
    REPORTING_STATUSES,
    WARNING_REMEDIES,
    WARNINGS,
)
from shared.domain.geography import province_by_code
from shared.domain.text import mask_contacts
from shared.domain.timestamps import BANGKOK
from shared.services.roster import NONRESPONDER_HEADERS, nonresponder_rows

# Thai locale (041E), Thai Buddhist calendar (07), Western digits (1): Excel and
# LibreOffice show 20 ธ.ค. 2566 18:45 while the cell stays a sortable date.
# ([$-NNCCLLLL]: MS-OI29500 number formats; calendar 7 = Thai, MS-WSSFO2. Checked
# in LibreOffice 7.4 by tests/integration/test_workbook_in_libreoffice.py.)
BE_DATETIME = "[$-107041E]d mmm yyyy hh:mm"
BE_DATE = "[$-107041E]d mmm yyyy"
_CONTACT_HEADERS = ["ชื่อ-นามสกุล ผู้ให้ข้อมูล", "ตำแหน่ง", "หมายเลขโทรศัพท์", "ต่อ", "อีเมล"]
_REFERENCE = "รหัสอ้างอิงแบบแจ้งปัญหา"
_PROBLEM_HEADERS = [f"ข้อ {LETTER_ITEM_OF[code]} {label}" for code, label in PROBLEM_SHORT_LABELS.items()]
_PROBLEM_COLUMNS = {**PROBLEM_SHORT_LABELS, NO_PROBLEM: NO_PROBLEM_LABEL}  # codes with a column, in order
_MAX_WIDTH = 60
_NARROW = 9  # a 1/0 mark column


@dataclass(frozen=True)
class Link:
    """A cell that opens ``url`` (a real hyperlink), showing ``text``."""

    url: str
    text: str
_LINK = "https://docs.google.com/forms/d/{form_id}/edit#response={response_id}"


@dataclass(frozen=True)
class _Formats:
    header: Any
    timestamp: Any
    day: Any
    wrap: Any
    bold: Any
    title: Any


def build_workbook(data: DigestData, content: DigestContent) -> bytes:
    buffer = io.BytesIO()
    # No string may turn into a formula, a link or a number: what officers typed stays text.
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    formats = _Formats(
        header=book.add_format({"bold": True, "bg_color": "#F1F3F4", "text_wrap": True, "valign": "top",
                                "border": 1}),
        timestamp=book.add_format({"num_format": BE_DATETIME, "valign": "top"}),
        day=book.add_format({"num_format": BE_DATE, "valign": "top"}),
        wrap=book.add_format({"text_wrap": True, "valign": "top"}),
        bold=book.add_format({"bold": True}),
        title=book.add_format({"bold": True, "font_size": 14}),
    )
    _summary_sheet(book, content, formats)
    _day_sheet(book, data, content, formats)
    _laos_sheet(book, data, formats)
    _province_problem_sheet(book, data, formats)
    _follow_up_sheet(book, "ข้อมูลไม่สมบูรณ์", "เหตุที่ข้อมูลไม่สมบูรณ์", data, data.invalid, INVALID_REASONS,
                     INVALID_REMEDIES, formats)
    _follow_up_sheet(book, g.WARNING, g.WARNING, data, data.warned, WARNINGS, WARNING_REMEDIES, formats,
                     contacts=data.include_contacts)
    if content.coverage.known:
        _coverage_sheets(book, content, formats)
    book.close()
    return buffer.getvalue()


# Column widths (in characters) that still print legibly on one landscape A4 page.
_ONE_PAGE_WIDE = 200


def _print_setup(sheet: Any, header_row: int, width: float) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    if width <= _ONE_PAGE_WIDE:
        sheet.fit_to_pages(1, 0)  # one page wide, as many tall as needed
    else:  # shrunk to one page it would be unreadable: pages across, the LAO's name on each
        sheet.repeat_columns(0)
    sheet.repeat_rows(header_row)
    sheet.freeze_panes(header_row + 1, 1)


def _write_table(sheet: Any, formats: _Formats, headers: list[str], rows: list[list[Any]], first_row: int = 0,
                 wrap_from: int = 40, narrow: set[int] | None = None) -> int:
    """Headers at ``first_row``, then the rows; returns the row after the last. Columns
    are as wide as their content (up to a limit, then wrapped); ``narrow`` columns (1/0
    marks) are narrow, their headers wrapped."""
    narrow = narrow or set()
    sheet.write_row(first_row, 0, headers, formats.header)
    widths = [_NARROW if c in narrow else max(8, min(_MAX_WIDTH, _width(h))) for c, h in enumerate(headers)]
    for r, row in enumerate(rows, start=first_row + 1):
        for c, value in enumerate(row):
            if isinstance(value, str):
                if value:  # an empty cell is simply not written: a third of the sheet, and its time
                    long = len(value) > wrap_from
                    sheet.write_string(r, c, value, formats.wrap if long else None)
                    if widths[c] < _MAX_WIDTH:
                        widths[c] = max(widths[c], min(_MAX_WIDTH, _width(value)))
            elif isinstance(value, Link):
                sheet.write_url(r, c, value.url, string=value.text)
                widths[c] = max(widths[c], _width(value.text))
            elif hasattr(value, "tzinfo"):
                sheet.write_datetime(r, c, value.astimezone(BANGKOK).replace(tzinfo=None), formats.timestamp)
                widths[c] = max(widths[c], 19)
            else:
                sheet.write_number(r, c, value)
                if c not in narrow:
                    widths[c] = max(widths[c], len(f"{value}") + 2)
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    if narrow:  # the marks' headers wrap into a tall header row
        sheet.set_row(first_row, 15 * max(2, max(len(headers[c]) // _NARROW + 1 for c in narrow)))
    last = first_row + max(len(rows), 1)
    sheet.autofilter(first_row, 0, last, len(headers) - 1)
    _print_setup(sheet, first_row, sum(widths))
    return last + 1


# Thai vowel and tone marks above and below a consonant take no width of their own.
_NO_WIDTH = dict.fromkeys([0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)])


def _width(text: str) -> float:
    if len(text) > 2 * _MAX_WIDTH:
        return _MAX_WIDTH  # wrapped at the limit anyway: no need to measure it
    return len(text.translate(_NO_WIDTH)) * 1.1 + 2


def _summary_sheet(book: Any, content: DigestContent, formats: _Formats) -> None:
    sheet = book.add_worksheet("สรุป")
    sheet.set_column(0, 0, 62)
    sheet.set_column(1, 3, 16)
    sheet.write_string(0, 0, content.title, formats.title)
    sheet.write_string(1, 0, f"{content.as_of_text} จัดทำเมื่อวันที่ {content.read_at_text}")
    row = 3
    for alert in content.alerts:
        sheet.write_string(row, 0, f"แจ้งเตือน: {alert}", formats.wrap)
        row += 1
    sheet.write_row(row + 1, 0, ["ภาพรวม", "จำนวน", "หน่วย", g.CHANGE], formats.header)
    row += 2
    for figure in content.figures:
        sheet.write_string(row, 0, figure.label, formats.wrap)
        sheet.write_number(row, 1, figure.value)
        sheet.write_string(row, 2, figure.unit)
        sheet.write_string(row, 3, figure.change_text)
        row += 1
    row += 1
    sheet.write_string(row, 0, "คำอธิบาย", formats.bold)
    definitions = [
        f"{g.SUBMISSION} ({g.SUBMISSIONS_UNIT}) หมายถึง ข้อมูลหนึ่งชุดที่ส่งผ่านแบบฟอร์ม “{g.FORM_TITLE}”",
        f"{g.NEW_SUBMISSIONS} หมายถึง ส่งครั้งแรกในวันนั้น และ{g.EDITED_SUBMISSIONS} หมายถึง "
        "ส่งครั้งแรกก่อนวันนั้น แต่แก้ไขในวันนั้น",
        f"{g.LAOS_REPORTED} ({g.LAOS_UNIT}) หมายถึง อปท. ที่มี{g.SUBMISSION}ที่ข้อมูลสมบูรณ์อย่างน้อย 1 ฉบับ "
        "นับแห่งละหนึ่งครั้ง โดยใช้ข้อมูลจากแบบแจ้งปัญหาฉบับล่าสุด",
        f"{g.INVALID_SUBMISSIONS} หมายถึง ระบุ อปท. ไม่ได้หรือขาดข้อมูลที่จำเป็น "
        f"จึงยังไม่นับรวมในจำนวน {g.LAOS_REPORTED}",
        f"{g.WARNING} หมายถึง ข้อมูลที่ควรตรวจสอบ เช่น รูปแบบหมายเลขโทรศัพท์ไม่ถูกต้อง แต่ยังนับรวมตามปกติ",
        f"{content.as_of_text} หมายถึง นับ{g.SUBMISSION}ที่ส่งครั้งแรกภายในวันนั้น ตามข้อมูลฉบับล่าสุด "
        f"ส่วน{g.TO_CHECK}เป็นข้อมูล ณ เวลาที่จัดทำ",
        "รายงานผล หมายถึง การรายงานผลของ อปท. ในระบบของสำนักงาน ก.พ. (ไม่ใช่การส่งแบบฟอร์มนี้)",
        "วันที่และเวลาทั้งหมดเป็นเวลาประเทศไทย ปีเป็นพุทธศักราช",
    ]
    for text in definitions:
        row += 1
        sheet.write_string(row, 0, text, formats.wrap)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)


def _contacts(reporter: dict[str, str | None]) -> list[Any]:
    return [reporter.get(k) or "" for k in ("name", "position", "phone_e164", "phone_extension", "email")]


def _day_sheet(book: Any, data: DigestData, content: DigestContent, formats: _Formats) -> None:
    sheet = book.add_worksheet(f"แบบแจ้งปัญหา {be_short_date(data.day, full_year=True)}")
    created = {r.response_id for r in data.created_on_day}
    headers = ["อปท.", "อำเภอ/เขต", "จังหวัด", "ประเภทรายการ", "ส่งครั้งแรก", "ส่งล่าสุด", "ความสมบูรณ์ของข้อมูล",
               "สถานะการรายงานผลต่อสำนักงาน ก.พ.", "ปัญหาและอุปสรรค", "ปัญหาอื่น ๆ ที่ระบุ (ข้อความ)",
               "รายละเอียดเพิ่มเติม", "ข้อเสนอแนะ", "เหตุที่ข้อมูลไม่สมบูรณ์", g.WARNING, _REFERENCE]
    if data.include_contacts:
        headers += _CONTACT_HEADERS
    rows = [_day_row(r, r.response_id in created, data.include_contacts) for r in data.reports_of_day]
    _write_table(sheet, formats, headers, rows)


def _day_row(r: ReportRow, new: bool, contacts: bool) -> list[Any]:
    # Free text keeps phone numbers and emails typed into it only where contacts are wanted.
    text = (lambda value: value) if contacts else mask_contacts
    row: list[Any] = [
        lao_label(r.lao_type, r.lao_name) if r.valid else text(r.typed.get("lao_name") or r.lao_name),
        text(r.district or r.typed.get("district", "")), text(r.province_name or r.typed.get("province", "")),
        g.NEW_MARK if new else g.EDITED_MARK, r.created, r.last_submitted,
        "ข้อมูลสมบูรณ์" if r.valid else "ข้อมูลไม่สมบูรณ์ (ยังไม่นับรวม)",
        REPORTING_STATUSES.get(r.status or "", ""),
        "; ".join(_PROBLEM_COLUMNS[c] for c in r.problems if c in _PROBLEM_COLUMNS),
        text(r.other_problem_text), text(r.problem_details), text(r.suggestions),
        "; ".join(INVALID_REASONS.get(c, c) for c in r.invalid_reasons),
        "; ".join(WARNINGS.get(c, c) for c in r.warnings), r.response_id,
    ]
    return row + (_contacts(r.reporter) if contacts else [])


def _laos_sheet(book: Any, data: DigestData, formats: _Formats) -> None:
    sheet = book.add_worksheet("อปท. ที่แจ้งปัญหาแล้ว")
    headers = ["อปท.", "รหัส อปท. ตามทะเบียน", "อำเภอ/เขต", "จังหวัด", "ประเภท", "สถานะการรายงานผลต่อสำนักงาน ก.พ.",
               *_PROBLEM_HEADERS, NO_PROBLEM_LABEL,
               # It may add up to more than the complete forms: an LAO that sent again has both counted here.
               f"จำนวน{g.SUBMISSION}ของ อปท. นี้ที่ส่งครั้งแรกไม่เกินวันที่ {be_short_date(data.day, full_year=True)} "
               f"({g.SUBMISSIONS_UNIT}; รวมฉบับก่อนหน้าที่ฉบับล่าสุดแทนแล้ว)",
               f"{_REFERENCE}ฉบับล่าสุด"]
    if data.include_contacts:
        headers += _CONTACT_HEADERS
    reports = thai_sorted(data.laos, lambda r: r.name)
    reports = thai_sorted(reports, lambda r: r.province_name)
    codes = data.at_end_of_day.roster_codes
    rows = [row for lao in reports if (row := _lao_row(lao, data, codes))]
    first_mark = 6
    marks = range(first_mark, first_mark + len(_PROBLEM_COLUMNS))
    after = _write_table(sheet, formats, headers, rows, wrap_from=80, narrow=set(marks))
    # The totals sit below the filtered range, so sorting or filtering the list leaves them in
    # place; SUBTOTAL(109, …) sums the rows a filter shows.
    sheet.write_string(after, 0, f"รวม ({g.LAOS_UNIT})", formats.bold)
    for column in marks:
        total = sum(int(row[column]) for row in rows)
        letter = xl_col_to_name(column)
        sheet.write_formula(after, column, f"=SUBTOTAL(109,{letter}2:{letter}{after})", formats.bold, total)


def _lao_row(lao: LaoReports, data: DigestData, roster_codes: dict[str, str]) -> list[Any] | None:
    current = current_as_of(lao.record, data.day)
    if current is None:
        return None
    response_id, member = current
    marks = [1 if code in member.problems else 0 for code in _PROBLEM_COLUMNS]  # sortable and summable
    row: list[Any] = [lao_label(lao.lao_type, lao.name), roster_codes.get(lao.lao_id, ""), lao.district,
                      lao.province_name,
                      LAO_TYPES.get(lao.lao_type, lao.lao_type), REPORTING_STATUSES.get(member.status, member.status),
                      *marks, len(record_as_of(lao.record, data.day).members), response_id]
    return row + (_contacts(lao.reporter) if data.include_contacts else [])


def _province_problem_sheet(book: Any, data: DigestData, formats: _Formats) -> None:
    sheet = book.add_worksheet("ปัญหารายจังหวัด")
    end = data.at_end_of_day
    areas = thai_sorted((a for a in end.provinces.values() if a.laos_reporting), lambda a: a.name)
    headers = ["จังหวัด", f"{g.LAOS_REPORTED} ({g.LAOS_UNIT})", *_PROBLEM_HEADERS, NO_PROBLEM_LABEL]
    rows: list[list[Any]] = [[a.name, a.laos_reporting, *(a.by_problem[p] for p in _PROBLEM_COLUMNS)] for a in areas]
    after = _write_table(sheet, formats, headers, rows)
    # The total sits below a blank row, outside the filter range, so sorting or
    # filtering the provinces never moves it.
    national = end.national
    total = ["รวมทั้งประเทศ", national.laos_reporting, *(national.by_problem[p] for p in _PROBLEM_COLUMNS)]
    sheet.write_string(after + 1, 0, str(total[0]), formats.bold)
    for c, value in enumerate(total[1:], start=1):
        sheet.write_number(after + 1, c, value, formats.bold)


def _province_name(code: str) -> str:
    province = province_by_code(code)
    return province.name_th if province else code


def _follow_up_sheet(book: Any, name: str, reason_header: str, data: DigestData, rows: list[FollowUpRow],
                     reasons: dict[str, str], remedies: dict[str, str], formats: _Formats,
                     contacts: bool = False) -> None:
    sheet = book.add_worksheet(name)
    headers = [f"อปท. ({g.AS_TYPED})", f"ประเภท อปท. ({g.AS_TYPED})", f"อำเภอ/เขต ({g.AS_TYPED})",
               f"จังหวัด ({g.AS_TYPED})", f"สถานะการรายงานผลต่อสำนักงาน ก.พ. ({g.AS_TYPED})", "ส่งครั้งแรก",
               "ส่งหรือแก้ไขล่าสุด", reason_header, "สิ่งที่ควรดำเนินการ", "เปิดในแบบฟอร์ม (ลิงก์)",
               _REFERENCE] + (_CONTACT_HEADERS if contacts else [])
    text = (lambda value: value) if contacts else mask_contacts
    # As in the email: the period's forms (first submitted by the end of the day) first.
    ordered = sorted(rows, key=lambda r: (not existed_by(r.submission_date, data.day), r.last_submitted,
                                          r.response_id))
    table = [[text(r.typed.get("lao_name") or typed_lao(r)),
              text(r.typed.get("lao_type") or LAO_TYPES.get(r.lao_type or "", "")),
              text(r.typed.get("district") or r.district), text(r.typed.get("province") or r.province_name or ""),
              text(r.typed.get("reporting_status", "")), r.created, r.last_submitted,
              "; ".join(reasons.get(c, c) for c in r.reasons),
              " และ".join(dict.fromkeys(remedies[c] for c in r.reasons if c in remedies)),
              Link(_LINK.format(form_id=data.form_id, response_id=r.response_id), "เปิดในแบบฟอร์ม")
              if data.form_id else "", r.response_id,
              *(_contacts(r.reporter) if contacts else [])]
             for r in ordered]
    _write_table(sheet, formats, headers, table, wrap_from=60)


def _coverage_sheets(book: Any, content: DigestContent, formats: _Formats) -> None:
    """For the provincial offices: who has not answered, and the reports the roster cannot place."""
    missing = book.add_worksheet("อปท. ที่ยังไม่แจ้งปัญหา")
    _write_table(missing, formats, NONRESPONDER_HEADERS, nonresponder_rows(content.coverage.nonresponders))
    unmatched = book.add_worksheet("จับคู่ทะเบียนไม่ได้")
    # The full name, as on the LAO sheet; by province, then name, so that two builds list them alike.
    unmatched_laos = thai_sorted(thai_sorted(content.coverage.unmatched, lambda pair: lao_label(pair[0].lao_type,
                                                                                                 pair[0].name)),
                                 lambda pair: _province_name(pair[0].province_code))
    rows: list[list[Any]] = [
        [lao_label(lao.lao_type, lao.name), lao.district, _province_name(lao.province_code),
         LAO_TYPES.get(lao.lao_type, lao.lao_type),
         "ตรงกับมากกว่าหนึ่งแห่ง" if match.kind == "ambiguous" else "ไม่พบในทะเบียน", ", ".join(match.candidates)]
        for lao, match in unmatched_laos]
    _write_table(unmatched, formats, ["อปท.", "อำเภอ/เขต", "จังหวัด", "ประเภท", "ผลการจับคู่", "รหัส อปท. ที่ใกล้เคียง"],
                 rows)
