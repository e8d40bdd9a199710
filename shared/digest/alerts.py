"""What must reach the office before any figure: the alerts that open the digest,
and the completeness line that closes it. Plain words, no operator vocabulary."""

from __future__ import annotations

from datetime import timedelta

from shared.digest import glossary as g
from shared.digest.model import DigestData
from shared.digest.thai import be_date, be_datetime
from shared.domain.timestamps import BANGKOK


def digest_alerts(data: DigestData) -> list[str]:
    """Most urgent first: the form mapping, the form's count, the watch, a late digest."""
    return [a for a in (_mapping_alert(data), _count_alert(data), _watch_alert(data), _late_alert(data)) if a]


def _mapping_alert(data: DigestData) -> str:
    if data.mapping_missing_titles:
        titles = " และ".join(f"“{title}”" for title in data.mapping_missing_titles)
        return (f"มีการแก้ไขแบบฟอร์มจนระบบไม่พบข้อคำถามที่จำเป็น ได้แก่ {titles} "
                f"{g.SUBMISSION}ที่ได้รับระหว่างนี้บันทึกไว้ครบถ้วนแล้ว แต่ยังไม่นับรวมในสรุป "
                "ผู้ดูแลระบบได้รับแจ้งแล้ว และจะนับรวมให้เมื่อแก้ไขแบบฟอร์มแล้ว")
    if data.mapping_unmapped_options:
        options = " และ".join(f"ตัวเลือก “{option}” ในข้อคำถาม “{title}”"
                              for title, option in data.mapping_unmapped_options)
        return (f"มีการแก้ไขข้อความของ{options} ระบบจึงยังไม่นับตัวเลือกนี้ในสรุปฉบับนี้ "
                f"{g.SUBMISSION}ที่เลือกตัวเลือกนี้บันทึกไว้ครบถ้วนแล้ว ผู้ดูแลระบบได้รับแจ้งแล้ว "
                "และจะปรับปรุงตัวเลขในฉบับถัดไป")
    return ""


def _count_alert(data: DigestData) -> str:
    status = data.reconcile
    if status is None:
        return ""
    if not status.matched:
        return (f"จำนวน{g.SUBMISSION}ในแบบฟอร์ม ({status.form_response_count:,} {g.SUBMISSIONS_UNIT}) "
                f"ไม่ตรงกับที่ระบบบันทึกไว้ ({status.stored_count:,} {g.SUBMISSIONS_UNIT}) "
                f"ในการตรวจสอบครั้งล่าสุดเมื่อวันที่ {be_datetime(status.ran_at)} ตัวเลขในสรุปนี้อาจยังไม่ครบ "
                "ผู้ดูแลระบบได้รับแจ้งแล้ว")
    if status.quarantined:
        return (f"มี{g.SUBMISSION} {g.count(status.quarantined, g.SUBMISSIONS_UNIT)} ในแบบฟอร์มที่ระบบบันทึกไม่ได้"
                "เพราะข้อมูลผิดรูปแบบ จึงยังไม่นับรวมในสรุป ผู้ดูแลระบบได้รับแจ้งแล้ว")
    return ""


def _watch_alert(data: DigestData) -> str:
    broken = not data.watches or any(w.state != "ACTIVE" for w in data.watches)
    if not broken:
        return ""
    return (f"ขณะนี้ระบบไม่ได้รับการแจ้งทันทีเมื่อมี{g.SUBMISSION}ใหม่หรือเมื่อมีการแก้ไขแบบฟอร์ม "
            f"{g.SUBMISSION}ใหม่จะเข้าสู่ระบบในการตรวจสอบรอบกลางคืนแทน ผู้ดูแลระบบได้รับแจ้งแล้ว")


def _late_alert(data: DigestData) -> str:
    built_on = data.built_at.astimezone(BANGKOK).date()
    if built_on <= data.day + timedelta(days=1):
        return ""
    return (f"สรุปฉบับนี้จัดทำย้อนหลังเมื่อวันที่ {be_datetime(data.built_at)} ไม่ใช่เช้าวันถัดไปตามกำหนด "
            f"ตัวเลขสะสมเป็น{g.cumulative_at_end_of(be_date(data.day))} ส่วนรายการที่ต้องตรวจสอบเป็นข้อมูล ณ เวลาที่จัดทำ")


def completeness(data: DigestData) -> str:
    status = data.reconcile
    if status is None:
        return f"ระบบยังไม่เคยตรวจสอบว่าได้รับ{g.SUBMISSION}จากแบบฟอร์มครบทุกฉบับหรือไม่"
    when = be_datetime(status.ran_at)
    if status.matched:
        held = (f" ในจำนวนนี้ {g.count(status.quarantined, g.SUBMISSIONS_UNIT)} บันทึกไม่ได้เพราะข้อมูลผิดรูปแบบ"
                if status.quarantined else "")
        return (f"ระบบตรวจสอบแล้วว่าได้รับ{g.SUBMISSION}จากแบบฟอร์มครบทุกฉบับ (ตรวจสอบเมื่อวันที่ {when} "
                f"แบบฟอร์มมีทั้งหมด {g.count(status.form_response_count, g.SUBMISSIONS_UNIT)} "
                f"รวมฉบับที่ส่งหลังวันที่ของสรุปนี้และฉบับที่ข้อมูลไม่สมบูรณ์{held})")
    return (f"ในการตรวจสอบครั้งล่าสุดเมื่อวันที่ {when} จำนวน{g.SUBMISSION}ในแบบฟอร์ม "
            f"({status.form_response_count:,} {g.SUBMISSIONS_UNIT}) ไม่ตรงกับที่ระบบบันทึกไว้ "
            f"({status.stored_count:,} {g.SUBMISSIONS_UNIT})")
