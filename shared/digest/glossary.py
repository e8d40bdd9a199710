"""The words the digest, the workbook and the reports use, in one place.

Chosen with official usage in mind (docs/glossary.md explains each): one thing
has one name everywhere, every count has its unit, and "รายงานผล" means only an
LAO's report to สำนักงาน ก.พ., never a submission of our form.
"""

from __future__ import annotations

from typing import Final

from shared.domain.figures import Ratio

FORM_TITLE: Final = "แบบรายงานปัญหาและอุปสรรคในการรายงานผลการดำเนินการตามประมวลจริยธรรม"
# Two lines on a 375 px phone with its date: the form's one name (แบบแจ้งปัญหา) and what it is about.
DIGEST_TITLE: Final = "สรุปแบบแจ้งปัญหาการรายงานผลตามประมวลจริยธรรม อปท."
ACTIONS: Final = "สิ่งที่ต้องดำเนินการ"
SUBJECT_TAG: Final = "[ก.ถ.]"

SUBMISSION: Final = "แบบแจ้งปัญหา"  # one submission of the form
SUBMISSIONS_UNIT: Final = "ฉบับ"
LAOS_UNIT: Final = "แห่ง"
NEW_SUBMISSIONS: Final = "แบบแจ้งปัญหาที่ได้รับใหม่"
EDITED_SUBMISSIONS: Final = "แบบแจ้งปัญหาที่มีการแก้ไข"
ALL_SUBMISSIONS: Final = "แบบแจ้งปัญหาทั้งหมด (รวมที่ข้อมูลไม่สมบูรณ์)"
LAOS_REPORTED: Final = "อปท. ที่แจ้งปัญหาแล้ว"
INVALID_SUBMISSIONS: Final = "แบบแจ้งปัญหาที่ข้อมูลไม่สมบูรณ์ (ยังไม่นับรวม)"
WARNING: Final = "ข้อสังเกต"
SUBMISSIONS_WITH_WARNINGS: Final = "แบบแจ้งปัญหาที่มีข้อสังเกต"
RESPONDENT: Final = "ผู้ให้ข้อมูล"
NOT_YET_REPORTED: Final = "อปท. ที่ยังไม่ได้รายงานผลต่อสำนักงาน ก.พ."
CHANGE: Final = "เทียบกับวันก่อนหน้า"
TO_CHECK: Final = "รายการที่ควรตรวจสอบ"
NEW_MARK: Final = "ได้รับใหม่"
EDITED_MARK: Final = "มีการแก้ไข"
AS_TYPED: Final = "ตามที่กรอก"


def on_day(day_text: str) -> str:
    """ในวันที่ 20 ธันวาคม 2566 — never "วันนี้": the digest is read the day after."""
    return f"ในวันที่ {day_text}"


def until_end_of(day_text: str) -> str:
    """The end of a Bangkok day, as official Thai writes it."""
    return f"ถึงวันที่ {day_text} เวลา 24.00 น."


def cumulative_at_end_of(day_text: str) -> str:
    return f"ยอดสะสม{until_end_of(day_text)}"


def count(value: int, unit: str) -> str:
    return f"{value:,} {unit}"


def change(value: int) -> str:
    if value > 0:
        return f"เพิ่มขึ้น {value:,}"
    if value < 0:
        return f"ลดลง {-value:,}"
    return "เท่าเดิม"


def share(ratio: Ratio) -> str:
    """ร้อยละ 33 — official Thai writes the word, not the sign; "-" without a base."""
    return percent_figure(ratio, prefix="ร้อยละ ")


def percent_figure(ratio: Ratio, prefix: str = "") -> str:
    """The figure of a ร้อยละ column (its header says it is a percentage): 56, or "-"."""
    value = ratio.percent
    return "-" if value is None else f"{prefix}{value}"


def place(district: str, province: str | None) -> str:
    """อ.เมืองขอนแก่น จ.ขอนแก่น, or เขตบางรัก กรุงเทพมหานคร."""
    if province == "กรุงเทพมหานคร":
        return f"เขต{district.removeprefix('เขต')} กรุงเทพมหานคร" if district else "กรุงเทพมหานคร"
    parts = [f"อ.{district}" if district else "", f"จ.{province}" if province else ""]
    return " ".join(p for p in parts if p) or "ไม่ระบุที่ตั้ง"
