"""The .xlsx attachment: the day's reports, every LAO's current report,
province x problem counts, and every response that needs attention.

Every cell a user typed is written as a string, never as a formula."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import xlsxwriter

from shared.digest.content import lao_label
from shared.digest.model import DigestData, LaoCurrentReport, ReportRow
from shared.digest.thai import be_date, thai_sorted
from shared.domain.codes import INVALID_REASONS, LAO_TYPES, PROBLEM_LABELS, REPORTING_STATUSES, WARNINGS
from shared.domain.geography import province_by_code
from shared.domain.timestamps import BANGKOK

_CONTACT_HEADERS = ["ชื่อ-นามสกุล ผู้รายงาน", "ตำแหน่ง", "หมายเลขโทรศัพท์", "ต่อ", "อีเมล"]


def build_workbook(data: DigestData) -> bytes:
    buffer = io.BytesIO()
    # No string may turn into a formula, a link or a number: what officers typed stays text.
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    header = book.add_format({"bold": True, "bg_color": "#F1F3F4", "text_wrap": True, "valign": "top"})
    timestamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    _day_sheet(book, data, header, timestamp)
    _current_sheet(book, data, header)
    _province_problem_sheet(book, data, header)
    _attention_sheet(book, data, header, timestamp)
    book.close()
    return buffer.getvalue()


def _write_rows(sheet: Any, header: Any, headers: list[str], rows: list[list[Any]], timestamp: Any = None) -> None:
    sheet.write_row(0, 0, headers, header)
    sheet.freeze_panes(1, 0)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, str):
                if value:  # an empty cell is simply not written: a third of the sheet, and its time
                    sheet.write_string(r, c, value)
            elif hasattr(value, "tzinfo"):
                sheet.write_datetime(r, c, value.astimezone(BANGKOK).replace(tzinfo=None), timestamp)
            else:
                sheet.write_number(r, c, value)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    sheet.set_column(0, len(headers) - 1, 18)


def _contacts(reporter: dict[str, str | None]) -> list[Any]:
    return [reporter.get(k) or "" for k in ("name", "position", "phone_e164", "phone_extension", "email")]


def _day_sheet(book: Any, data: DigestData, header: Any, timestamp: Any) -> None:
    sheet = book.add_worksheet("รายงานประจำวัน")
    created = {r.response_id for r in data.created_on_day}
    headers = ["responseId", "ประเภทรายการ", "ส่งครั้งแรก (เวลาไทย)", "ส่งล่าสุด (เวลาไทย)", "ความสมบูรณ์",
               "อปท.", "ประเภท อปท.", "อำเภอ", "จังหวัด", "สถานะการรายงานผล", "ปัญหาและอุปสรรค", "อื่น ๆ",
               "รายละเอียดเพิ่มเติม", "ข้อเสนอแนะ", "เหตุที่ข้อมูลไม่สมบูรณ์", "ข้อสังเกต"]
    if data.include_contacts:
        headers += _CONTACT_HEADERS
    rows = [_day_row(r, r.response_id in created, data.include_contacts) for r in data.reports_of_day]
    _write_rows(sheet, header, headers, rows, timestamp)


def _day_row(r: ReportRow, new: bool, contacts: bool) -> list[Any]:
    row: list[Any] = [
        r.response_id, "ใหม่" if new else "แก้ไข", r.created, r.last_submitted,
        "สมบูรณ์" if r.valid else "ไม่สมบูรณ์", lao_label(r.lao_type, r.lao_name), LAO_TYPES.get(r.lao_type or "", ""),
        r.district, r.province_name or "", REPORTING_STATUSES.get(r.status or "", ""),
        "; ".join(PROBLEM_LABELS[c] for c in r.problems if c in PROBLEM_LABELS), r.other_problem_text,
        r.problem_details, r.suggestions, "; ".join(INVALID_REASONS.get(c, c) for c in r.invalid_reasons),
        "; ".join(WARNINGS.get(c, c) for c in r.warnings),
    ]
    return row + (_contacts(r.reporter) if contacts else [])


def _current_sheet(book: Any, data: DigestData, header: Any) -> None:
    sheet = book.add_worksheet("รายงานปัจจุบันของ อปท.")
    headers = ["อปท.", "ประเภท", "ชื่อ", "อำเภอ", "จังหวัด", "รหัสจังหวัด", "สถานะการรายงานผล",
               *PROBLEM_LABELS.values(), "responseId"]
    if data.include_contacts:
        headers += _CONTACT_HEADERS
    reports = thai_sorted(data.current_reports, lambda r: r.name)
    reports = thai_sorted(reports, lambda r: r.province_name)
    rows = [_current_row(r, data.include_contacts) for r in reports]
    _write_rows(sheet, header, headers, rows)


def _current_row(r: LaoCurrentReport, contacts: bool) -> list[Any]:
    marks = ["✓" if code in r.problems else "" for code in PROBLEM_LABELS]
    row: list[Any] = [lao_label(r.lao_type, r.name), LAO_TYPES.get(r.lao_type, r.lao_type), r.name, r.district,
                      r.province_name, r.province_code, REPORTING_STATUSES.get(r.status, r.status), *marks,
                      r.response_id]
    return row + (_contacts(r.reporter) if contacts else [])


def _province_problem_sheet(book: Any, data: DigestData, header: Any) -> None:
    sheet = book.add_worksheet("จังหวัด × ปัญหา")
    laos: Counter[str] = Counter()
    cells: Counter[tuple[str, str]] = Counter()
    for report in data.current_reports:
        laos[report.province_code] += 1
        cells.update((report.province_code, code) for code in report.problems)
    codes = thai_sorted(laos, lambda code: _province_name(code))
    rows: list[list[Any]] = [[_province_name(code), laos[code], *(cells[(code, p)] for p in PROBLEM_LABELS)]
                             for code in codes]
    rows.append(["รวม", sum(laos.values()), *(sum(cells[(c, p)] for c in codes) for p in PROBLEM_LABELS)])
    _write_rows(sheet, header, ["จังหวัด", "อปท. ที่รายงานแล้ว", *PROBLEM_LABELS.values()], rows)
    sheet.write_string(len(rows) + 2, 0, f"ข้อมูล ณ วันที่สรุป {be_date(data.day)}")


def _province_name(code: str) -> str:
    province = province_by_code(code)
    return province.name_th if province else code


def _attention_sheet(book: Any, data: DigestData, header: Any, timestamp: Any) -> None:
    sheet = book.add_worksheet("ต้องตรวจสอบ")
    rows: list[list[Any]] = [
        [i.response_id, i.last_submitted, i.submission_date, "; ".join(INVALID_REASONS.get(c, c) for c in i.reasons)]
        for i in sorted(data.invalid, key=lambda i: (i.last_submitted, i.response_id))
    ]
    _write_rows(sheet, header, ["responseId", "ส่งล่าสุด (เวลาไทย)", "วันที่ส่งครั้งแรก", "เหตุที่ข้อมูลไม่สมบูรณ์"],
                rows, timestamp)
