"""The digest's sections, computed from the data: everything both the HTML and
the text renderings show, so the two cannot disagree."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from shared.digest.model import DigestData, ReportRow
from shared.digest.thai import be_date, be_datetime, be_short_datetime, thai_sorted
from shared.domain.codes import INVALID_REASONS, LAO_TYPES, PROBLEM_LABELS, REPORTING_STATUSES
from shared.domain.geography import province_by_code
from shared.domain.timestamps import Instant

EXCERPT = 300
# Past this many rows a list stays in the workbook only: at national scale (2,000
# reports a day) the whole list would make a 12 MB message that many mail
# servers refuse, and nobody reads 2,000 rows in an email.
BODY_ROWS = 300


@dataclass(frozen=True)
class ProblemLine:
    code: str
    label: str
    laos_reporting: int  # cumulative: LAOs whose current report lists it
    on_day: int  # the day's valid reports that list it


@dataclass(frozen=True)
class ProvinceLine:
    code: str
    name: str
    laos_reporting: int
    new_valid_on_day: int


@dataclass(frozen=True)
class ReportLine:
    response_id: str
    kind: str  # "ใหม่" or "แก้ไข"
    time_text: str
    valid: bool
    lao: str  # type and name
    district: str
    province: str
    status: str
    problems: list[str]
    details: str
    other: str
    note: str  # edited again later, or why invalid


@dataclass(frozen=True)
class AttentionLine:
    response_id: str
    time_text: str
    reasons: list[str]
    new_on_day: bool


@dataclass(frozen=True)
class DigestContent:
    day_text: str
    built_at_text: str
    subject: str
    new_on_day: int
    edited_on_day: int
    total_responses: int
    laos_reporting: int
    invalid_total: int
    with_warnings: int
    problems: list[ProblemLine]
    provinces: list[ProvinceLine]
    lao_types: list[tuple[str, int]]
    statuses: list[tuple[str, int]]
    reports: list[ReportLine]  # the first BODY_ROWS, oldest first
    reports_total: int
    attention: list[AttentionLine]  # the first BODY_ROWS
    attention_total: int
    completeness: str
    watch_health: list[str]
    alert: str  # empty unless something needs the office's attention first: the form mapping, quarantined answers

    @property
    def quiet_day(self) -> bool:
        return not self.reports_total


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def lao_label(lao_type: str | None, name: str) -> str:
    if lao_type in ("bangkok", "pattaya"):
        return LAO_TYPES[lao_type]
    return f"{LAO_TYPES.get(lao_type or '', 'ไม่ระบุประเภท')}{name or '(ไม่ระบุชื่อ)'}"


def _group(counters: dict[str, int], prefix: str) -> dict[str, int]:
    return {k[len(prefix) + 1:]: v for k, v in counters.items() if k.startswith(prefix + ".") and v}


def build_content(data: DigestData) -> DigestContent:
    counters = data.counters
    day_iso = data.day.isoformat()
    day_text = be_date(data.day)
    new_on_day = len(data.created_on_day)
    laos_reporting = counters.get("laos_reporting", 0)
    valid_of_day = [r for r in data.created_on_day + data.edited_on_day if r.valid]

    on_day = Counter(code for r in valid_of_day for code in r.problems)
    cumulative = _group(counters, "by_problem")
    problems = [ProblemLine(code, label, cumulative.get(code, 0), on_day[code])
                for code, label in PROBLEM_LABELS.items()]

    new_by_province = Counter(r.province_code for r in data.created_on_day if r.valid)
    province_lines = []
    for code, count in _group(counters, "by_province").items():
        province = province_by_code(code)
        province_lines.append(ProvinceLine(code, province.name_th if province else code, count, new_by_province[code]))
    province_lines = thai_sorted(province_lines, lambda p: p.name)
    province_lines.sort(key=lambda p: -p.laos_reporting)  # stable: ties keep Thai order

    by_type = _group(counters, "by_lao_type")
    by_status = _group(counters, "by_status")
    created_ids = {r.response_id for r in data.created_on_day}
    reports_of_day = data.reports_of_day
    # Those new on the day first, then the older ones, each oldest first.
    invalid = sorted(data.invalid, key=lambda i: (i.submission_date != day_iso, i.last_submitted, i.response_id))
    return DigestContent(
        day_text=day_text,
        built_at_text=be_datetime(data.built_at),
        subject=(("[แบบฟอร์มมีปัญหา] " if data.mapping_missing_titles or data.mapping_unmapped_options else "")
                 + f"สรุปรายงานปัญหาการรายงานผลประมวลจริยธรรม อปท. ประจำวันที่ {day_text}: "
                 f"รายงานใหม่ {new_on_day:,} รายการ, อปท. รายงานแล้วสะสม {laos_reporting:,} แห่ง"),
        new_on_day=new_on_day,
        edited_on_day=len(data.edited_on_day),
        total_responses=counters.get("responses.total", 0),
        laos_reporting=laos_reporting,
        invalid_total=counters.get("responses.invalid", 0),
        with_warnings=data.with_warnings,
        problems=problems,
        provinces=province_lines,
        lao_types=[(label, by_type[code]) for code, label in LAO_TYPES.items() if by_type.get(code)],
        statuses=[(label, by_status.get(code, 0)) for code, label in REPORTING_STATUSES.items()],
        reports=[_report_line(r, day_iso, created_ids) for r in reports_of_day[:BODY_ROWS]],
        reports_total=len(reports_of_day),
        attention=[
            AttentionLine(i.response_id, be_short_datetime(i.last_submitted),
                          [INVALID_REASONS.get(code, code) for code in i.reasons], i.submission_date == day_iso)
            for i in invalid[:BODY_ROWS]
        ],
        attention_total=len(invalid),
        completeness=_completeness(data),
        watch_health=_watch_health(data),
        alert=" ".join(filter(None, [_mapping_alert(data), _quarantine_alert(data)])),
    )


def _quarantine_alert(data: DigestData) -> str:
    if data.reconcile is None or not data.reconcile.quarantined:
        return ""
    return (f"มีคำตอบ {data.reconcile.quarantined:,} รายการในแบบฟอร์มที่ระบบบันทึกไม่ได้เพราะข้อมูลผิดรูปแบบ "
            "จึงยังไม่นับรวม ผู้ดูแลระบบได้รับแจ้งแล้ว")


def _mapping_alert(data: DigestData) -> str:
    if data.mapping_missing_titles:
        return ("แบบฟอร์มถูกแก้ไขจนระบบจับคู่คำถามที่จำเป็นไม่ได้: " + ", ".join(data.mapping_missing_titles)
                + " — คำตอบที่เข้ามาระหว่างนี้ถูกบันทึกไว้ครบแต่ยังไม่นับรวม จนกว่าจะแก้ไขแบบฟอร์มและสั่งประมวลผลใหม่")
    if data.mapping_unmapped_options:
        options = ", ".join(f"ตัวเลือก “{option}” ในคำถาม “{title}”" for title, option in data.mapping_unmapped_options)
        return ("มีการแก้ไขข้อความตัวเลือกในแบบฟอร์ม ระบบจึงยังจับคู่ไม่ได้: " + options
                + " — คำตอบที่เลือกตัวเลือกนี้ถูกบันทึกไว้ครบถ้วนแต่ยังไม่นับรวม จนกว่าผู้ดูแลระบบจะปรับปรุงและประมวลผลใหม่")
    return ""


def _report_line(row: ReportRow, day_iso: str, created_ids: set[str]) -> ReportLine:
    new = row.response_id in created_ids
    note = ""
    if row.last_submitted_date > day_iso:
        note = f"แก้ไขอีกครั้งภายหลังเมื่อ {be_short_datetime(row.last_submitted)} (แสดงฉบับล่าสุด)"
    if not row.valid:
        reasons = ", ".join(INVALID_REASONS.get(code, code) for code in row.invalid_reasons)
        note = f"ข้อมูลไม่สมบูรณ์: {reasons}" + (f"; {note}" if note else "")
    return ReportLine(
        response_id=row.response_id,
        kind="ใหม่" if new else "แก้ไข",
        time_text=be_short_datetime(row.created if new else row.last_submitted),
        valid=row.valid,
        lao=lao_label(row.lao_type, row.lao_name),
        district=row.district or "-",
        province=row.province_name or "-",
        status=REPORTING_STATUSES.get(row.status or "", "-"),
        problems=[PROBLEM_LABELS[c] for c in row.problems if c in PROBLEM_LABELS],
        details=excerpt(row.problem_details),
        other=excerpt(row.other_problem_text),
        note=note,
    )


def _completeness(data: DigestData) -> str:
    status = data.reconcile
    if status is None:
        return "ยังไม่ทราบความครบถ้วนของข้อมูล: ยังไม่เคยมีการตรวจสอบเทียบกับแบบฟอร์ม (reconcile)"
    when = be_datetime(status.ran_at)
    if status.matched and status.quarantined:
        return (f"ตรวจสอบเทียบกับแบบฟอร์มล่าสุดเมื่อ {when}: จำนวนคำตอบในแบบฟอร์ม "
                f"{status.form_response_count:,} รายการ บันทึกไว้ {status.stored_count:,} รายการ และอีก "
                f"{status.quarantined:,} รายการบันทึกไม่ได้เพราะข้อมูลผิดรูปแบบ (ครบทุกรายการ)")
    if status.matched:
        return (f"ตรวจสอบเทียบกับแบบฟอร์มล่าสุดเมื่อ {when}: จำนวนคำตอบในแบบฟอร์ม "
                f"{status.form_response_count:,} รายการ ตรงกับที่บันทึกไว้")
    return (f"ตรวจสอบเทียบกับแบบฟอร์มล่าสุดเมื่อ {when}: จำนวนคำตอบในแบบฟอร์ม {status.form_response_count:,} "
            f"รายการ แต่บันทึกไว้ {status.stored_count:,} รายการ (ไม่ตรงกัน)")


_EVENT_LABELS = {"RESPONSES": "การแจ้งเตือนคำตอบใหม่", "SCHEMA": "การแจ้งเตือนการแก้ไขแบบฟอร์ม"}


def _watch_health(data: DigestData) -> list[str]:
    if not data.watches:
        return ["ยังไม่มีข้อมูลการแจ้งเตือนจากแบบฟอร์ม (watch): ให้ผู้ดูแลระบบสั่ง watch ensure"]
    lines = []
    for watch in data.watches:
        label = _EVENT_LABELS.get(watch.event_type, watch.event_type)
        if watch.state == "ACTIVE" and watch.expire_time:
            until = be_datetime(Instant.parse(watch.expire_time).to_datetime())
            lines.append(f"{label}: ใช้งานได้ถึง {until}")
        else:
            lines.append(f"{label}: ใช้งานไม่ได้ ({watch.state or 'ไม่ทราบสถานะ'}"
                         f"{', ' + watch.error_type if watch.error_type else ''}) ระบบจะสร้างใหม่ในรอบถัดไป")
    return lines
