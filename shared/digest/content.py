"""The digest's sections, computed from the data: everything both the HTML and
the text renderings show, so the two cannot disagree.

The order is the reader's: what needs attention first (alerts), then the
headline figures with their change from the day before, the action list, the
problems, the trend, the provinces, the LAOs not yet reported to สำนักงาน ก.พ.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from shared.digest import glossary as g
from shared.digest.model import DigestData, FollowUpRow
from shared.digest.thai import be_date, be_datetime, be_short_date, be_short_datetime, day_month, thai_sorted
from shared.digest.themes import Themes, themes
from shared.domain.as_of import LaoFigures, existed_by, lao_figures, responses_by
from shared.domain.codes import (
    INVALID_REASONS,
    INVALID_REMEDIES,
    LAO_TYPES,
    LETTER_ITEM_OF,
    LETTER_ITEMS,
    PROBLEM_LABELS,
    PROBLEM_SHORT_LABELS,
    REPORTING_STATUSES,
    WARNING_REMEDIES,
    WARNINGS,
)
from shared.domain.geography import all_provinces, province_by_code
from shared.domain.text import mask_contacts
from shared.domain.timestamps import BANGKOK

EXCERPT = 200
TYPED_EXCERPT = 80  # what an officer typed as a name or place, as the body shows it
# The body carries the first rows of each list; every list is whole in the workbook.
# Sized so that the HTML part stays under Gmail's clipping size at national scale
# (tests/unit/test_digest_size.py): a follow-up is up to about 1 KB of HTML.
INVALID_ROWS = 20
WARNING_ROWS = 10
OTHER_EXCERPTS = 5
TOP_PROVINCES = 10
TREND_DAYS = 14
FORM_RESPONSE_URL = "https://docs.google.com/forms/d/{form_id}/edit#response={response_id}"


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    unit: str
    change: int | None  # from the day before; None when it has no meaning


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str  # the value as read: "88 แห่ง (33%)"
    note: str = ""  # e.g. "+3 ในวันที่ 20 ธ.ค."


@dataclass(frozen=True)
class LetterItem:
    number: int
    heading: str
    laos: int
    share_text: str
    bars: list[Bar]  # one per problem of the item, largest first


@dataclass(frozen=True)
class FollowUpLine:
    response_id: str
    lao: str  # as typed
    place: str
    when_text: str
    reasons: list[str]
    remedy: str
    link: str | None
    new_on_day: bool


@dataclass(frozen=True)
class ProvinceLine:
    name: str
    laos_reporting: int
    new_on_day: int


@dataclass(frozen=True)
class DigestContent:
    day_text: str
    subject: str
    preheader: str
    title: str
    as_of_text: str  # ยอดสะสม ณ สิ้นวันที่ ...
    read_at_text: str  # when the data was read: the action list is as of then
    alerts: list[str]
    figures: list[Figure]
    invalid: list[FollowUpLine]
    invalid_total: int
    warned: list[FollowUpLine]
    warned_total: int
    laos_reporting: int
    letter_items: list[LetterItem]
    legend: list[tuple[str, str]]  # (short label, full option text)
    themes: Themes
    other_excerpts: list[str]
    trend: list[Bar]
    provinces_top: list[ProvinceLine]
    provinces_without: list[str]
    provinces_with: int
    statuses: list[Bar]
    not_reported: int
    not_reported_problems: list[Bar]
    lao_types: list[tuple[str, int]]
    completeness: str
    workbook_note: str
    footer: list[str]
    reports_of_day: int
    new_on_day: int

    @property
    def quiet_day(self) -> bool:
        return not self.reports_of_day


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """Free text as the body shows it: contacts masked, cut at ``limit`` characters."""
    masked = mask_contacts(text)
    return masked if len(masked) <= limit else masked[:limit] + "…"


def lao_label(lao_type: str | None, name: str) -> str:
    if lao_type in ("bangkok", "pattaya"):
        return LAO_TYPES[lao_type]
    return f"{LAO_TYPES.get(lao_type or '', 'ไม่ระบุประเภท')}{name or '(ไม่ระบุชื่อ)'}"


def typed_lao(row: FollowUpRow) -> str:
    """The LAO as the officer typed it: its type and name, even when they were not recognised."""
    typed_name = row.typed.get("lao_name", "")
    if row.lao_type and row.lao_name:
        return lao_label(row.lao_type, row.lao_name)
    kind = LAO_TYPES.get(row.lao_type or "") or row.typed.get("lao_type", "")
    if row.lao_type in ("bangkok", "pattaya"):
        return kind
    name = row.lao_name or (f"(ไม่ได้ระบุชื่อ กรอกว่า “{typed_name}”)" if typed_name else "(ไม่ได้ระบุชื่อ)")
    return f"{kind}{name}" if kind and row.lao_name else " ".join(p for p in (kind, name) if p)


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def build_content(data: DigestData) -> DigestContent:
    day, previous = data.day, data.day - timedelta(days=1)
    day_text = be_date(data.day)
    records = [lao.record for lao in data.laos]
    now, before = lao_figures(records, day), lao_figures(records, previous)
    by_date = {k.removeprefix("by_submission_date."): v for k, v in data.counters.items()
               if k.startswith("by_submission_date.")}
    new_on_day = len(data.created_on_day)
    invalid_by = sum(existed_by(r.submission_date, day) for r in data.invalid)
    invalid_before = sum(existed_by(r.submission_date, previous) for r in data.invalid)
    warned_by = sum(existed_by(r.submission_date, day) for r in data.warned)
    warned_before = sum(existed_by(r.submission_date, previous) for r in data.warned)
    figures = [
        Figure(f"{g.NEW_SUBMISSIONS}{g.on_day(day_text)}", new_on_day, g.SUBMISSIONS_UNIT,
               new_on_day - by_date.get(previous.isoformat(), 0)),
        Figure(f"{g.EDITED_SUBMISSIONS}{g.on_day(day_text)}", len(data.edited_on_day), g.SUBMISSIONS_UNIT,
               len(data.edited_on_day) - data.edited_day_before),
        Figure(g.LAOS_REPORTED, now.reporting, g.LAOS_UNIT, now.reporting - before.reporting),
        Figure(g.ALL_SUBMISSIONS, responses_by(by_date, day), g.SUBMISSIONS_UNIT,
               responses_by(by_date, day) - responses_by(by_date, previous)),
        Figure(g.INVALID_SUBMISSIONS, invalid_by, g.SUBMISSIONS_UNIT, invalid_by - invalid_before),
        Figure(g.SUBMISSIONS_WITH_WARNINGS, warned_by, g.SUBMISSIONS_UNIT, warned_by - warned_before),
    ]
    invalid = _follow_ups(data, data.invalid, INVALID_REASONS, INVALID_REMEDIES)
    warned = _follow_ups(data, data.warned, WARNINGS, WARNING_REMEDIES)
    alerts = _alerts(data)
    reports = data.reports_of_day
    top, with_any, without = _provinces(now, data)
    return DigestContent(
        day_text=day_text,
        subject=_subject(data, bool(alerts), new_on_day, now.reporting, len(data.invalid)),
        preheader=_preheader(new_on_day, now.reporting, len(data.invalid), len(alerts)),
        title=f"{g.DIGEST_TITLE} ประจำวันที่ {day_text}",
        as_of_text=g.cumulative_at_end_of(day_text),
        read_at_text=be_datetime(data.built_at),
        alerts=alerts,
        figures=figures,
        invalid=invalid[:INVALID_ROWS],
        invalid_total=len(invalid),
        warned=warned[:WARNING_ROWS],
        warned_total=len(warned),
        laos_reporting=now.reporting,
        letter_items=_letter_items(now, data, day_text),
        legend=[(PROBLEM_SHORT_LABELS[code], PROBLEM_LABELS[code]) for code in PROBLEM_LABELS if code != "other"],
        themes=themes(t for r in reports if r.valid for t in (r.other_problem_text, r.problem_details) if t),
        other_excerpts=[excerpt(r.other_problem_text) for r in reports if r.valid and r.other_problem_text][
            :OTHER_EXCERPTS],
        trend=_trend(by_date, day),
        provinces_top=top, provinces_with=with_any, provinces_without=without,
        statuses=[Bar(label, now.by_status[code], f"{g.count(now.by_status[code], g.LAOS_UNIT)} "
                                                  f"({share(now.by_status[code], now.reporting)})")
                  for code, label in REPORTING_STATUSES.items()],
        not_reported=now.not_reported,
        not_reported_problems=[
            Bar(PROBLEM_SHORT_LABELS[code], n, f"{g.count(n, g.LAOS_UNIT)} ({share(n, now.not_reported)})")
            for code, n in now.not_reported_problems.most_common(5)],
        lao_types=[(label, now.by_lao_type[code]) for code, label in LAO_TYPES.items() if now.by_lao_type[code]],
        completeness=_completeness(data),
        workbook_note=(f"รายการทั้งหมดอยู่ในไฟล์แนบ (Excel): {g.SUBMISSION}{g.on_day(day_text)} "
                       f"{g.count(len(reports), g.SUBMISSIONS_UNIT)}, ข้อมูลไม่สมบูรณ์ "
                       f"{g.count(len(invalid), g.SUBMISSIONS_UNIT)}, มี{g.WARNING} "
                       f"{g.count(len(warned), g.SUBMISSIONS_UNIT)}, {g.LAOS_REPORTED} "
                       f"{g.count(now.reporting, g.LAOS_UNIT)}"),
        footer=_footer(data),
        reports_of_day=len(reports),
        new_on_day=new_on_day,
    )


def _footer(data: DigestData) -> list[str]:
    reach = f" ติดต่อได้ทางอีเมล {data.reply_to} (ตอบกลับอีเมลนี้ได้)" if data.reply_to else ""
    contacts = ("ไฟล์แนบมีข้อมูลติดต่อของผู้ให้ข้อมูล ใช้เพื่อติดตามแก้ไขปัญหาที่แจ้งเท่านั้น ห้ามส่งต่อ"
                if data.include_contacts else
                "หากจำเป็นต้องติดต่อผู้ให้ข้อมูล โปรดขอข้อมูลติดต่อผ่านผู้ดูแลระบบ")
    return [
        "อีเมลฉบับนี้ส่งโดยอัตโนมัติทุกเช้า สรุปแบบแจ้งปัญหาของวันก่อนหน้า",
        f"ผู้ดูแลระบบ: {data.contact or 'สำนักงาน ก.ถ.'}{reach}",
        "หากต้องการเพิ่ม เปลี่ยน หรือยกเลิกผู้รับอีเมลนี้ โปรดแจ้งผู้ดูแลระบบ",
        "ข้อมูลส่วนบุคคล: อีเมลนี้ไม่มีชื่อ หมายเลขโทรศัพท์ หรืออีเมลของผู้ให้ข้อมูล "
        f"{contacts} ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562",
    ]


def _subject(data: DigestData, alert: bool, new: int, laos: int, invalid: int) -> str:
    """Numbers first and short: a phone shows about 40 characters of it."""
    prefix = "[แจ้งเตือน] " if alert else ""
    return (f"{prefix}{g.SUBJECT_TAG} {be_short_date(data.day)} · ใหม่ {new:,} · แจ้งแล้ว {laos:,} อปท. "
            f"· ตรวจสอบ {invalid:,}")


def _preheader(new: int, laos: int, invalid: int, alerts: int) -> str:
    """The line a mail list shows under the subject."""
    text = (f"{g.NEW_SUBMISSIONS} {g.count(new, g.SUBMISSIONS_UNIT)} · {g.LAOS_REPORTED} {g.count(laos, g.LAOS_UNIT)}"
            f" · ต้องตรวจสอบ {g.count(invalid, g.SUBMISSIONS_UNIT)}")
    return text + (f" · มีเรื่องแจ้งเตือน {alerts} เรื่อง" if alerts else "")


def _follow_ups(data: DigestData, rows: list[FollowUpRow], reasons: dict[str, str],
                remedies: dict[str, str]) -> list[FollowUpLine]:
    """Those first submitted on the day first, then the older ones, each oldest first."""
    day_iso = data.day.isoformat()
    ordered = sorted(rows, key=lambda r: (r.submission_date != day_iso, r.last_submitted, r.response_id))
    return [
        FollowUpLine(
            response_id=r.response_id,
            lao=excerpt(typed_lao(r), TYPED_EXCERPT),
            place=excerpt(g.place(r.district or r.typed.get("district", ""),
                                  r.province_name or r.typed.get("province")), TYPED_EXCERPT),
            when_text=be_short_datetime(r.last_submitted),
            reasons=[reasons.get(code, code) for code in r.reasons],
            remedy=next((remedies[code] for code in r.reasons if code in remedies), ""),
            link=FORM_RESPONSE_URL.format(form_id=data.form_id, response_id=r.response_id) if data.form_id else None,
            new_on_day=r.submission_date == day_iso,
        )
        for r in ordered
    ]


def _letter_items(now: LaoFigures, data: DigestData, day_text: str) -> list[LetterItem]:
    on_day = Counter(code for r in data.created_on_day + data.edited_on_day if r.valid for code in r.problems)
    items = []
    for number, heading in LETTER_ITEMS.items():
        codes = sorted((c for c, n in LETTER_ITEM_OF.items() if n == number), key=lambda c: -now.by_problem[c])
        bars = [Bar(PROBLEM_SHORT_LABELS[c], now.by_problem[c],
                    f"{g.count(now.by_problem[c], g.LAOS_UNIT)} ({share(now.by_problem[c], now.reporting)})",
                    f"{g.on_day(day_month(data.day))}: {on_day[c]:,} {g.SUBMISSIONS_UNIT}" if on_day[c] else "")
                for c in codes]
        laos = now.by_letter_item[number]
        items.append(LetterItem(number, heading, laos, share(laos, now.reporting), bars))
    return sorted(items, key=lambda item: (-item.laos, item.number))


def _trend(by_date: dict[str, int], day: date) -> list[Bar]:
    days = [day - timedelta(days=n) for n in range(TREND_DAYS - 1, -1, -1)]
    return [Bar(day_month(d), by_date.get(d.isoformat(), 0), g.count(by_date.get(d.isoformat(), 0),
                                                                     g.SUBMISSIONS_UNIT)) for d in days]


def _provinces(now: LaoFigures, data: DigestData) -> tuple[list[ProvinceLine], int, list[str]]:
    """The provinces with the most LAOs reported, how many have any, and those with none."""
    new = Counter(r.province_code for r in data.created_on_day if r.valid)
    lines = [ProvinceLine(_province_name(code), n, new[code]) for code, n in now.by_province.items() if n]
    lines = thai_sorted(lines, lambda p: p.name)
    lines.sort(key=lambda p: -p.laos_reporting)  # stable: ties keep Thai order
    without = [p.name_th for p in all_provinces() if not now.by_province[p.code]]
    return lines[:TOP_PROVINCES], len(lines), thai_sorted(without, lambda name: name)


def _province_name(code: str) -> str:
    province = province_by_code(code)
    return province.name_th if province else code


def _alerts(data: DigestData) -> list[str]:
    return [a for a in (_mapping_alert(data), _count_alert(data), _watch_alert(data), _late_alert(data)) if a]


def _mapping_alert(data: DigestData) -> str:
    if data.mapping_missing_titles:
        return ("แบบฟอร์มถูกแก้ไขจนระบบจับคู่คำถามที่จำเป็นไม่ได้: " + ", ".join(data.mapping_missing_titles)
                + " — แบบแจ้งปัญหาที่เข้ามาระหว่างนี้ถูกบันทึกไว้ครบแต่ยังไม่นับรวม "
                  "จนกว่าผู้ดูแลระบบจะแก้ไขและประมวลผลใหม่")
    if data.mapping_unmapped_options:
        options = ", ".join(f"ตัวเลือก “{option}” ในคำถาม “{title}”" for title, option in data.mapping_unmapped_options)
        return ("มีการแก้ไขข้อความตัวเลือกในแบบฟอร์ม ระบบจึงยังจับคู่ไม่ได้: " + options
                + " — แบบแจ้งปัญหาที่เลือกตัวเลือกนี้ถูกบันทึกไว้ครบถ้วนแต่ยังไม่นับรวม "
                  "จนกว่าผู้ดูแลระบบจะปรับปรุงและประมวลผลใหม่")
    return ""


def _count_alert(data: DigestData) -> str:
    status = data.reconcile
    if status is None:
        return ""
    if not status.matched:
        return (f"จำนวนคำตอบในแบบฟอร์ม ({status.form_response_count:,} {g.SUBMISSIONS_UNIT}) ไม่ตรงกับที่ระบบบันทึกไว้ "
                f"({status.stored_count:,} {g.SUBMISSIONS_UNIT}) เมื่อตรวจสอบครั้งล่าสุด {be_datetime(status.ran_at)} "
                "ตัวเลขในสรุปนี้อาจยังไม่ครบ ผู้ดูแลระบบได้รับแจ้งแล้ว")
    if status.quarantined:
        return (f"มี{g.SUBMISSION} {g.count(status.quarantined, g.SUBMISSIONS_UNIT)} ในแบบฟอร์มที่ระบบบันทึกไม่ได้"
                "เพราะข้อมูลผิดรูปแบบ จึงยังไม่นับรวม ผู้ดูแลระบบได้รับแจ้งแล้ว")
    return ""


def _watch_alert(data: DigestData) -> str:
    broken = not data.watches or any(w.state != "ACTIVE" for w in data.watches)
    if not broken:
        return ""
    return ("ระบบไม่ได้รับการแจ้งทันทีเมื่อมีแบบแจ้งปัญหาใหม่หรือเมื่อแบบฟอร์มถูกแก้ไข "
            "แบบแจ้งปัญหาใหม่จะเข้าสู่ระบบในการตรวจสอบรอบกลางคืนแทน ผู้ดูแลระบบได้รับแจ้งแล้ว")


def _late_alert(data: DigestData) -> str:
    built_on = data.built_at.astimezone(BANGKOK).date()
    if built_on <= data.day + timedelta(days=1):
        return ""
    return (f"สรุปฉบับนี้จัดทำย้อนหลังเมื่อ {be_datetime(data.built_at)} ไม่ใช่เช้าวันถัดไปตามกำหนด "
            f"ตัวเลขสะสมเป็น{g.cumulative_at_end_of(be_date(data.day))} ส่วนรายการที่ต้องตรวจสอบเป็นข้อมูล ณ เวลาที่จัดทำ")


def _completeness(data: DigestData) -> str:
    status = data.reconcile
    if status is None:
        return "ยังไม่เคยตรวจสอบจำนวนคำตอบเทียบกับแบบฟอร์ม"
    when = be_datetime(status.ran_at)
    if status.matched:
        extra = (f" (รวม {g.count(status.quarantined, g.SUBMISSIONS_UNIT)} ที่บันทึกไม่ได้เพราะข้อมูลผิดรูปแบบ)"
                 if status.quarantined else "")
        return (f"ตรวจสอบเทียบกับแบบฟอร์มครั้งล่าสุดเมื่อ {when}: ครบถ้วน "
                f"({g.count(status.form_response_count, g.SUBMISSIONS_UNIT)}){extra}")
    return (f"ตรวจสอบเทียบกับแบบฟอร์มครั้งล่าสุดเมื่อ {when}: ไม่ตรงกัน "
            f"(แบบฟอร์ม {status.form_response_count:,} ระบบ {status.stored_count:,} {g.SUBMISSIONS_UNIT})")
