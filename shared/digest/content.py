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
from shared.digest.alerts import completeness, digest_alerts
from shared.digest.coverage_section import CoverageContent, build_coverage
from shared.digest.model import DigestData, FollowUpRow, ReportRow
from shared.digest.thai import be_date, be_datetime, be_short_date, be_short_datetime, day_month, thai_sorted
from shared.domain.as_of import current_as_of, existed_by
from shared.domain.codes import (
    INVALID_REASONS,
    INVALID_REMEDIES,
    LAO_TYPES,
    LETTER_ITEM_OF,
    LETTER_ITEMS,
    LETTER_REFERENCE,
    NO_PROBLEM,
    OTHER_PROBLEM,
    PROBLEM_LABELS,
    PROBLEM_SHORT_LABELS,
    REPORTING_STATUSES,
    WARNING_REMEDIES,
    WARNINGS,
)
from shared.domain.figures import Figures, Ratio, top_with_ties
from shared.domain.sentence_themes import Answer, SentenceThemes, sentence_themes
from shared.domain.text import mask_contacts

EXCERPT = 200
TYPED_EXCERPT = 80  # what an officer typed as a name or place, as the body shows it
# The body carries the first rows of each list; every list is whole in the workbook.
# Sized so that the HTML part stays under Gmail's clipping size at national scale
# (tests/unit/test_digest_size.py): a follow-up is up to about 1.2 KB of HTML.
INVALID_ROWS = 15
WARNING_ROWS = 7
OTHER_EXCERPTS = 5
THEMES = 5
NOT_REPORTED_TOP = 5
TOP_PROVINCES = 10
TREND_DAYS = 14
FORM_RESPONSE_URL = "https://docs.google.com/forms/d/{form_id}/edit#response={response_id}"


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    unit: str
    change: int  # from the day before
    daily: bool = False  # a count of one day (compared with the day before's), not a running total
    now_value: int | None = None  # the same figure as of the moment the digest was built, when it differs

    @property
    def change_text(self) -> str:
        """A day's count is compared by showing the day before's; a total by how it moved."""
        if self.daily:
            return f"วันก่อนหน้า {self.value - self.change:,} {self.unit}"
        return g.change(self.change) if not self.change else f"{g.change(self.change)} {self.unit}"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str  # the value as read: "88 แห่ง (ร้อยละ 33)"
    note: str = ""  # e.g. "ระบุในแบบแจ้งปัญหาวันที่ 20 ธ.ค. 2566 จำนวน 3 ฉบับ"


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
    end_of_day_label: str  # ณ สิ้นวันที่ 20 ธ.ค. 2566
    period_end_text: str  # 20 ธ.ค. 2566
    now_label: str  # ณ 21 ธ.ค. 2566 เวลา 08.00 น.
    alerts: list[str]
    actions: list[str]  # สิ่งที่ต้องดำเนินการ: counts and what to do, the period's first
    figures: list[Figure]
    invalid: list[FollowUpLine]
    invalid_total: int  # now
    invalid_in_period: int  # first submitted by the end of the day
    warned: list[FollowUpLine]
    warned_total: int  # now
    warned_in_period: int
    laos_reporting: int
    laos_without_problem: int  # said "ไม่มี" in "Other" and nothing else: reported, no problem
    letter_items: list[LetterItem]
    legend: list[tuple[str, str]]  # (short label, full option text)
    themes: SentenceThemes
    other_excerpts: list[str]
    trend: list[Bar]
    trend_range: str  # 7–20 ธ.ค. 2566
    provinces_top: list[ProvinceLine]
    provinces_without: list[str]  # no LAO with a counted report, matched to the roster or not
    provinces_with: int
    coverage: CoverageContent
    statuses: list[Bar]
    not_reported: int
    not_reported_problems: list[Bar]
    not_reported_problem_kinds: int  # how many problems the list above was cut from
    lao_types: list[tuple[str, int]]
    completeness: str
    workbook_note: str
    footer: list[str]
    reports_of_day: int
    new_on_day: int

    @property
    def quiet_day(self) -> bool:
        return not self.reports_of_day


def provinces_without_heading(c: DigestContent) -> str:
    return (f"จังหวัดที่ยังไม่มี อปท. ใดแจ้งปัญหา ({len(c.provinces_without):,} จังหวัด; {c.end_of_day_label} "
            f"นับ อปท. ที่มี{g.SUBMISSION}ที่ข้อมูลสมบูรณ์ รวมที่จับคู่กับทะเบียนไม่ได้)")


UNMATCHED_NOTE = ("หรือตรงกับมากกว่าหนึ่งแห่ง จึงนับรวมใน อปท. ที่แจ้งปัญหาแล้ว แต่ยังไม่ได้ตัดออกจากรายชื่อ "
                  "อปท. ที่ยังไม่แจ้งปัญหาตามทะเบียน รายการอยู่ในไฟล์แนบ")


def figures_header(c: DigestContent) -> str:
    return f"จำนวนสะสม{c.end_of_day_label}"


def now_figure_text(c: DigestContent, figure: Figure) -> str:
    """The same figure as of the moment the digest was built, beside the end-of-day one."""
    if figure.now_value is None or figure.now_value == figure.value:
        return ""
    return f"{c.now_label} {g.count(figure.now_value, figure.unit)}"


def follow_up_heading(c: DigestContent, label: str, total: int, in_period: int) -> str:
    """A follow-up list is as of the moment of building; the period's part is said apart."""
    heading = f"{label} {c.now_label} {g.count(total, g.SUBMISSIONS_UNIT)}"
    if in_period == 0 and total:
        heading += f" (ทุกฉบับส่งครั้งแรกหลังวันที่ {c.period_end_text})"
    elif total != in_period:
        heading += (f" (ในจำนวนนี้ส่งครั้งแรกไม่เกินวันที่ {c.period_end_text} "
                    f"จำนวน {g.count(in_period, g.SUBMISSIONS_UNIT)})")
    return heading


def more_text(c: DigestContent, shown: int, total: int, sheet: str) -> str:
    if shown >= total:
        return ""
    return (f"แสดง {shown:,} จาก {g.count(total, g.SUBMISSIONS_UNIT)} โดยแสดงฉบับที่ส่งครั้งแรกไม่เกินวันที่ "
            f"{c.period_end_text} ก่อน ที่เหลือเรียงตามเวลาที่ส่งหรือแก้ไขล่าสุด ดูทั้งหมดในไฟล์แนบ แผ่นงาน “{sheet}”")


def themes_heading(c: DigestContent) -> str:
    return f"ข้อความที่ อปท. เขียนตรงกันหรือเกือบตรงกัน{g.on_day(c.day_text)}"


def themes_basis(basis: SentenceThemes) -> str:
    """What the numbers beside the themes count, and from how much text."""
    return (f"ตัวเลขในวงเล็บคือจำนวน อปท. ที่เขียนข้อความนั้น จาก อปท. ที่เขียนข้อความ {basis.authors:,} แห่ง "
            "ข้อความแสดงตามที่ อปท. เขียน โดยปิดบังชื่อบุคคล หมายเลขโทรศัพท์ และอีเมล")


def problems_intro(c: DigestContent) -> str:
    return (f"จำนวน อปท. ที่ระบุปัญหาแต่ละข้อ และร้อยละเมื่อเทียบกับ {g.LAOS_REPORTED} "
            f"{g.count(c.laos_reporting, g.LAOS_UNIT)} ({c.as_of_text}) จัดกลุ่มตามข้อของ{LETTER_REFERENCE} "
            "เรียงตามจำนวน อปท. "
            "อปท. หนึ่งแห่งระบุได้มากกว่าหนึ่งปัญหา ร้อยละรวมจึงเกิน 100")


def not_reported_heading(c: DigestContent) -> str:
    shown = len(c.not_reported_problems)
    cut = f" (แสดง {shown} จาก {c.not_reported_problem_kinds} ประเด็น)" if shown < c.not_reported_problem_kinds else ""
    return (f"ปัญหาที่พบบ่อยของ {g.NOT_YET_REPORTED}{cut} (ร้อยละคิดจาก {c.not_reported:,} {g.LAOS_UNIT})")


def no_problem_line(c: DigestContent) -> str:
    return (f"{g.LAOS_REPORTED}โดยระบุว่าไม่มีปัญหา {g.count(c.laos_without_problem, g.LAOS_UNIT)} "
            f"({g.share(Ratio(c.laos_without_problem, c.laos_reporting))}) ไม่นับเป็นปัญหาในรายการข้างต้น")


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """Free text as the body shows it: contacts masked, cut at ``limit`` characters."""
    masked = mask_contacts(text)
    return masked if len(masked) <= limit else masked[:limit] + "…"


def lao_label(lao_type: str | None, name: str) -> str:
    if lao_type in ("bangkok", "pattaya"):
        return LAO_TYPES[lao_type]
    return f"{LAO_TYPES.get(lao_type or '', 'ไม่ระบุประเภท')}{name or '(ไม่ระบุชื่อ)'}"


def typed_lao(row: FollowUpRow) -> str:
    """The LAO as the system reads it, or else exactly as the officer typed it, quoted."""
    if row.lao_type in ("bangkok", "pattaya") or (row.lao_type and row.lao_name):
        return lao_label(row.lao_type, row.lao_name)
    name, kind = row.typed.get("lao_name", ""), row.typed.get("lao_type", "")
    parts = [f"ชื่อ{g.AS_TYPED} “{name}”" if name else "ไม่ได้ระบุชื่อ อปท."]
    if kind:
        parts.append(f"ประเภท{g.AS_TYPED} “{kind}”")
    return " ".join(parts)


def typed_place(row: FollowUpRow) -> str:
    """อ./จ. for what the system recognised; what it could not, quoted as typed."""
    if row.province_name:
        return g.place(row.district or row.typed.get("district", ""), row.province_name)
    district, province = row.typed.get("district", ""), row.typed.get("province", "")
    parts = [f"อำเภอ{g.AS_TYPED} “{district}”" if district else "",
             f"จังหวัด{g.AS_TYPED} “{province}”" if province else "ไม่ได้ระบุจังหวัด"]
    return " ".join(p for p in parts if p)


def build_content(data: DigestData) -> DigestContent:
    day = data.day
    day_text = be_date(data.day)
    end, before, now = data.at_end_of_day, data.at_end_of_day_before, data.now
    by_date = {k.removeprefix("by_submission_date."): v for k, v in data.counters.items()
               if k.startswith("by_submission_date.")}
    new_on_day = end.responses_new
    trend_days = _trend_days(day, end.first_day)
    figures = [
        Figure(f"{g.NEW_SUBMISSIONS}{g.on_day(day_text)}", new_on_day, g.SUBMISSIONS_UNIT,
               new_on_day - before.responses_new, daily=True),
        Figure(f"{g.EDITED_SUBMISSIONS}{g.on_day(day_text)}", len(data.edited_on_day), g.SUBMISSIONS_UNIT,
               len(data.edited_on_day) - data.edited_day_before, daily=True),
        Figure(g.LAOS_REPORTED, end.laos.reporting, g.LAOS_UNIT,
               end.laos.reporting - before.laos.reporting),
        Figure(g.ALL_SUBMISSIONS, end.responses, g.SUBMISSIONS_UNIT, end.responses - before.responses),
        Figure(g.INVALID_SUBMISSIONS, end.responses_invalid, g.SUBMISSIONS_UNIT,
               end.responses_invalid - before.responses_invalid, now_value=now.responses_invalid),
        Figure(g.SUBMISSIONS_WITH_WARNINGS, end.responses_with_warnings, g.SUBMISSIONS_UNIT,
               end.responses_with_warnings - before.responses_with_warnings, now_value=now.responses_with_warnings),
    ]
    invalid = _follow_ups(data, data.invalid, INVALID_REASONS, INVALID_REMEDIES)
    warned = _follow_ups(data, data.warned, WARNINGS, WARNING_REMEDIES)
    alerts = digest_alerts(data)
    reports = data.reports_of_day
    top, with_any, without = _provinces(end, data)
    laos = end.laos
    return DigestContent(
        day_text=day_text,
        # The Subject and the preheader: the day's figures, all of one moment (the end of D).
        subject=_subject(data, bool(alerts), new_on_day, laos.reporting, end.responses_invalid),
        preheader=_preheader(new_on_day, laos.reporting, end.responses_invalid, len(alerts)),
        title=f"{g.DIGEST_TITLE} ประจำวันที่ {day_text}",
        as_of_text=g.cumulative_at_end_of(day_text),
        read_at_text=be_datetime(data.built_at),
        end_of_day_label=g.until_end_of(be_short_date(day, full_year=True)),
        period_end_text=be_short_date(day, full_year=True),
        now_label=f"ณ {be_short_datetime(data.built_at)}",
        alerts=alerts,
        actions=_actions(end, now, be_short_date(day, full_year=True), be_short_datetime(data.built_at)),
        figures=figures,
        invalid=invalid[:INVALID_ROWS],
        invalid_total=now.responses_invalid,
        invalid_in_period=end.responses_invalid,
        warned=warned[:WARNING_ROWS],
        warned_total=now.responses_with_warnings,
        warned_in_period=end.responses_with_warnings,
        laos_reporting=laos.reporting,
        laos_without_problem=laos.by_problem[NO_PROBLEM],
        letter_items=_letter_items(end, data, be_short_date(data.day, full_year=True)),
        legend=[(PROBLEM_SHORT_LABELS[code], PROBLEM_LABELS[code]) for code in PROBLEM_LABELS if code != "other"],
        themes=sentence_themes(
            (Answer(r.lao_id or r.response_id, t, _names(r)) for r in reports if r.valid
             for t in (_other_text(r), r.problem_details, r.suggestions) if t), limit=THEMES),
        # Distinct texts: the same words from several LAOs are one example, not five.
        other_excerpts=list(dict.fromkeys(excerpt(t) for r in reports if r.valid and (t := _other_text(r))))[
            :OTHER_EXCERPTS],
        trend=_trend(by_date, trend_days),
        trend_range=f"{day_month(trend_days[0])} – {be_short_date(day, full_year=True)}",
        provinces_top=top, provinces_with=with_any, provinces_without=without, coverage=build_coverage(end),
        statuses=[Bar(label, laos.by_status[code], f"{g.count(laos.by_status[code], g.LAOS_UNIT)} "
                                                   f"({g.share(end.of_reporting(laos.by_status[code]))})")
                  for code, label in REPORTING_STATUSES.items()],
        not_reported=laos.not_reported,
        not_reported_problems=[
            Bar(PROBLEM_SHORT_LABELS[code], n, f"{g.count(n, g.LAOS_UNIT)} ({g.share(Ratio(n, laos.not_reported))})")
            for code, n in top_with_ties([(c, n) for c, n in laos.not_reported_problems.most_common()
                                          if c in PROBLEM_SHORT_LABELS and n], NOT_REPORTED_TOP)],
        not_reported_problem_kinds=sum(1 for code, n in laos.not_reported_problems.items()
                                       if n and code in PROBLEM_SHORT_LABELS),
        lao_types=[(label, laos.by_lao_type[code]) for code, label in LAO_TYPES.items() if laos.by_lao_type[code]],
        completeness=completeness(data),
        # Each figure with its own moment: the day's, the end of D's, and now's.
        workbook_note=(f"รายการทั้งหมดอยู่ในไฟล์แนบ (Excel) ได้แก่ (1) {g.SUBMISSION}ที่ได้รับใหม่หรือมีการแก้ไข"
                       f"{g.on_day(day_text)} {g.count(len(reports), g.SUBMISSIONS_UNIT)} "
                       f"(2) {g.LAOS_REPORTED}{g.until_end_of(be_short_date(day, full_year=True))} "
                       f"{g.count(laos.reporting, g.LAOS_UNIT)} และ (3) ณ {be_short_datetime(data.built_at)} "
                       f"{g.INVALID_SUBMISSIONS} {g.count(now.responses_invalid, g.SUBMISSIONS_UNIT)} "
                       f"และ{g.SUBMISSIONS_WITH_WARNINGS} {g.count(now.responses_with_warnings, g.SUBMISSIONS_UNIT)}"),
        footer=_footer(data),
        reports_of_day=len(reports),
        new_on_day=new_on_day,
    )


def _footer(data: DigestData) -> list[str]:
    reach = f" ไปรษณีย์อิเล็กทรอนิกส์ {data.reply_to} (ตอบกลับอีเมลฉบับนี้ได้)" if data.reply_to else ""
    if data.include_contacts:
        privacy = ("อีเมลฉบับนี้ไม่แสดงชื่อ หมายเลขโทรศัพท์ หรืออีเมลของผู้ให้ข้อมูล ส่วนไฟล์แนบมีข้อมูลดังกล่าว "
                   "โปรดใช้เพื่อติดตามแก้ไขปัญหาที่แจ้งเท่านั้น และไม่ส่งต่อ")
    else:
        privacy = ("อีเมลฉบับนี้และไฟล์แนบไม่แสดงชื่อ หมายเลขโทรศัพท์ หรืออีเมลของผู้ให้ข้อมูล "
                   "หากจำเป็นต้องติดต่อผู้ให้ข้อมูล โปรดขอผ่านผู้ดูแลระบบ")
    return [
        "ระบบส่งอีเมลฉบับนี้โดยอัตโนมัติทุกเช้า เพื่อสรุปแบบแจ้งปัญหาของวันก่อนหน้า",
        f"ติดต่อผู้ดูแลระบบ: {data.contact or 'สำนักงาน ก.ถ.'}{reach}",
        "หากต้องการเพิ่ม เปลี่ยนแปลง หรือยกเลิกผู้รับอีเมลฉบับนี้ โปรดแจ้งผู้ดูแลระบบ",
        f"เพื่อให้เป็นไปตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 {privacy}",
    ]


def _subject(data: DigestData, alert: bool, new: int, laos: int, invalid: int) -> str:
    """Numbers first and short: a phone shows about 40 characters of it. The alert tag
    replaces the office's, so that the date stays in view."""
    tag = "[แจ้งเตือน]" if alert else g.SUBJECT_TAG
    return (f"{tag} {be_short_date(data.day)} · ใหม่ {new:,} ฉบับ · แจ้งแล้ว {laos:,} อปท. · "
            f"ไม่สมบูรณ์ {invalid:,} ฉบับ")


def _names(row: ReportRow) -> tuple[str, ...]:
    name = row.reporter.get("name")
    return (name,) if name else ()


def _other_text(row: ReportRow) -> str:
    """The "Other" text when it names a problem (not when it says there is none)."""
    return row.other_problem_text if OTHER_PROBLEM in row.problems else ""


def _preheader(new: int, laos: int, invalid: int, alerts: int) -> str:
    """The line a mail list shows under the subject."""
    text = (f"{g.NEW_SUBMISSIONS} {g.count(new, g.SUBMISSIONS_UNIT)} · {g.LAOS_REPORTED} {g.count(laos, g.LAOS_UNIT)}"
            f" · ข้อมูลไม่สมบูรณ์ {g.count(invalid, g.SUBMISSIONS_UNIT)}")
    return text + (f" · มีเรื่องแจ้งเตือน {alerts} เรื่อง" if alerts else "")


def _follow_ups(data: DigestData, rows: list[FollowUpRow], reasons: dict[str, str],
                remedies: dict[str, str]) -> list[FollowUpLine]:
    """The period's first (first submitted on the day, then earlier), then those submitted after
    the day; each group oldest first. A list cut for size keeps the period's."""
    day_iso = data.day.isoformat()
    ordered = sorted(rows, key=lambda r: (not existed_by(r.submission_date, data.day), r.submission_date != day_iso,
                                          r.last_submitted, r.response_id))
    return [
        FollowUpLine(
            response_id=r.response_id,
            lao=excerpt(typed_lao(r), TYPED_EXCERPT),
            place=excerpt(typed_place(r), TYPED_EXCERPT),
            when_text=be_short_datetime(r.last_submitted),
            reasons=[reasons.get(code, code) for code in r.reasons],
            remedy=" และ".join(dict.fromkeys(remedies[code] for code in r.reasons if code in remedies)),
            link=FORM_RESPONSE_URL.format(form_id=data.form_id, response_id=r.response_id) if data.form_id else None,
            new_on_day=r.submission_date == day_iso,
        )
        for r in ordered
    ]


def _letter_items(end: Figures, data: DigestData, day_text: str) -> list[LetterItem]:
    """Items 1–5 largest first, then item 6, which gathers several sub-items: its total is
    not one problem, so it never ranks among them. ``day_text`` is short: it is on every bar."""
    on_day = _problems_of_the_days_reports(data)
    laos = end.laos
    items = []
    for number, heading in LETTER_ITEMS.items():
        codes = sorted((c for c, n in LETTER_ITEM_OF.items() if n == number), key=lambda c: -laos.by_problem[c])
        bars = [Bar(PROBLEM_SHORT_LABELS[c], laos.by_problem[c],
                    f"{g.count(laos.by_problem[c], g.LAOS_UNIT)} ({g.share(end.of_reporting(laos.by_problem[c]))})",
                    f"ในจำนวนนี้ {g.count(on_day[c], g.LAOS_UNIT)}ระบุใน{g.SUBMISSION}ที่ได้รับหรือแก้ไขในวันที่ {day_text}"
                    if on_day[c] else "")
                for c in codes]
        if len(codes) > 1:
            heading = f"{heading} (รวม {len(codes)} ประเด็นย่อย)"
        item_laos = laos.by_letter_item[number]
        items.append(LetterItem(number, heading, item_laos, g.share(end.of_reporting(item_laos)), bars))
    return sorted(items, key=lambda item: (len(item.bars) > 1, -item.laos, item.number))


def _actions(end: Figures, now: Figures, day_text: str, now_text: str) -> list[str]:
    """What the contact office should do, from the figures: each with its count and moment."""
    actions = []
    if now.responses_invalid:
        period = (f" (ในจำนวนนี้ส่งครั้งแรกไม่เกินวันที่ {day_text} จำนวน "
                  f"{g.count(end.responses_invalid, g.SUBMISSIONS_UNIT)})"
                  if end.responses_invalid else "")
        actions.append(f"ประสาน อปท. ให้แก้ไข{g.SUBMISSION}ที่ข้อมูลไม่สมบูรณ์ "
                       f"{g.count(now.responses_invalid, g.SUBMISSIONS_UNIT)}{period} ณ {now_text} "
                       "ตามรายการด้านล่าง")
    if now.responses_with_warnings:
        actions.append(f"ตรวจสอบ{g.SUBMISSION}ที่มีข้อสังเกต {g.count(now.responses_with_warnings, g.SUBMISSIONS_UNIT)} "
                       f"ณ {now_text}")
    national = end.national
    if end.roster_known and national.nonresponders:
        actions.append(f"ติดตาม อปท. ที่ยังไม่แจ้งปัญหา {g.count(national.nonresponders, g.LAOS_UNIT)} "
                       f"จาก {g.count(national.roster_total or 0, g.LAOS_UNIT)} ตามทะเบียน "
                       f"{g.until_end_of(day_text)} รายชื่ออยู่ในไฟล์แนบ แผ่นงาน “อปท. ที่ยังไม่แจ้งปัญหา”")
    if end.unmatched:
        actions.append(f"ตรวจสอบ{g.SUBMISSION}ของ อปท. ที่จับคู่กับทะเบียนไม่ได้ {g.count(len(end.unmatched), g.LAOS_UNIT)} "
                       "ในไฟล์แนบ แผ่นงาน “จับคู่ทะเบียนไม่ได้”")
    return actions or ["ไม่มีรายการที่ต้องดำเนินการ"]


def _problems_of_the_days_reports(data: DigestData) -> Counter[str]:
    """LAOs whose report at the end of D was received or edited on D, by problem: the part of
    each cumulative count (in LAOs) that came in that day."""
    of_day = {r.response_id for r in data.reports_of_day if r.valid}
    counts: Counter[str] = Counter()
    for lao in data.laos:
        current = current_as_of(lao.record, data.day)
        if current is not None and current[0] in of_day:
            counts.update(current[1].problems)
    return counts


def _trend_days(day: date, first_day: date | None) -> list[date]:
    """The last 14 days to D, from the first day anything was submitted if that is later:
    no run of empty days before the survey began."""
    days = [day - timedelta(days=n) for n in range(TREND_DAYS - 1, -1, -1)]
    return [d for d in days if first_day is None or d >= first_day] or [day]


def _trend(by_date: dict[str, int], days: list[date]) -> list[Bar]:
    return [Bar(day_month(d), by_date.get(d.isoformat(), 0), g.count(by_date.get(d.isoformat(), 0),
                                                                     g.SUBMISSIONS_UNIT)) for d in days]


def _provinces(end: Figures, data: DigestData) -> tuple[list[ProvinceLine], int, list[str]]:
    """The provinces with the most LAOs reported, how many have any, and those with none
    (no LAO with a counted report, matched to the roster or not)."""
    new = Counter(r.province_code for r in data.created_on_day if r.valid)
    areas = [area for area in end.provinces.values() if area.laos_reporting]
    lines = [ProvinceLine(area.name, area.laos_reporting, new[area.code]) for area in areas]
    lines = thai_sorted(lines, lambda p: p.name)
    lines.sort(key=lambda p: -p.laos_reporting)  # stable: ties keep Thai order
    without = [area.name for area in end.provinces_without_reports()]
    return lines[:TOP_PROVINCES], len(lines), thai_sorted(without, lambda name: name)
