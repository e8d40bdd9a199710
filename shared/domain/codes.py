"""The machine codes of the form's choices and their Thai labels.

Codes are what Firestore and the counters store; labels are what people read.
The Thai labels are the exact option texts of the canonical form (infra/form/form.json).
"""

from __future__ import annotations

from typing import Final

LAO_TYPES: Final[dict[str, str]] = {
    "pao": "องค์การบริหารส่วนจังหวัด",
    "city_municipality": "เทศบาลนคร",
    "town_municipality": "เทศบาลเมือง",
    "subdistrict_municipality": "เทศบาลตำบล",
    "sao": "องค์การบริหารส่วนตำบล",
    "bangkok": "กรุงเทพมหานคร",
    "pattaya": "เมืองพัทยา",
}

# Special LAOs are one of a kind: their type alone identifies them.
SPECIAL_LAO_TYPES: Final[frozenset[str]] = frozenset({"bangkok", "pattaya"})

REPORTING_STATUSES: Final[dict[str, str]] = {
    "reported_complete": "รายงานผลครบถ้วนแล้ว",
    "reported_partial": "รายงานผลแล้วบางส่วน",
    "not_reported": "ยังไม่ได้รายงานผล",
}

PROBLEMS: Final[dict[str, str]] = {
    "registration_role_unclear": (
        "การลงทะเบียนไม่ชัดเจนว่าผู้ใดต้องลงทะเบียนในตำแหน่งหัวหน้าหน่วยงานของรัฐ"
        "และรองหัวหน้าหน่วยงานของรัฐ"
    ),
    "cannot_edit_officer_profile": (
        "ลงทะเบียนแล้วไม่สามารถแก้ไขหรือเปลี่ยนแปลงข้อมูลพื้นฐานของเจ้าหน้าที่ผู้รายงานผลได้"
    ),
    "cannot_edit_after_confirm": (
        "กรอกข้อมูลการประเมินไม่ครบถ้วนและยืนยันข้อมูลแล้ว ไม่สามารถแก้ไขหรือเพิ่มเติมข้อมูลได้"
    ),
    "no_incumbent_executive": (
        "ยังไม่มีผู้ดำรงตำแหน่งนายกหรือรองนายกองค์กรปกครองส่วนท้องถิ่น"
        " ทำให้ไม่สามารถดำเนินการขั้นตอนถัดไปได้"
    ),
    "kpi_ita_source_unclear": (
        "ไม่ทราบว่าต้องใช้คะแนน KPI หรือคะแนน ITA จากหมวดใด (IIT, EIT, OIT) มารายงาน"
    ),
    "coordination_unclear": (
        "ยังไม่ได้รับหนังสือแจ้งให้ดำเนินการ หรือการประสานการดำเนินการยังไม่ชัดเจน"
    ),
    "training_unclear": "การอบรมชี้แจงมีรายละเอียดไม่ชัดเจนเพียงพอ",
    "too_many_forms": "ระบบรายงานมีแบบฟอร์มจำนวนมากทำให้เกิดความสับสน",
}
OTHER_PROBLEM: Final = "other"
PROBLEM_LABELS: Final[dict[str, str]] = {**PROBLEMS, OTHER_PROBLEM: "อื่น ๆ"}

# Why a response is invalid (stored, never counted in LAO aggregates).
INVALID_REASONS: Final[dict[str, str]] = {
    "lao_name_missing": "ไม่ได้ระบุชื่อองค์กรปกครองส่วนท้องถิ่น",
    "district_missing": "ไม่ได้ระบุอำเภอ",
    "lao_type_missing": "ไม่ได้ระบุประเภทองค์กรปกครองส่วนท้องถิ่น",
    "lao_type_unknown": "ประเภทองค์กรปกครองส่วนท้องถิ่นไม่อยู่ในตัวเลือกที่กำหนด",
    "province_unresolved": "ไม่สามารถระบุจังหวัดได้",
    "status_missing": "ไม่ได้ระบุสถานะการรายงานผล",
    "status_unknown": "สถานะการรายงานผลไม่อยู่ในตัวเลือกที่กำหนด",
    "no_problem_selected": "ไม่ได้เลือกปัญหาและอุปสรรคที่พบ",
    "form_mapping": "ไม่สามารถจับคู่คำถามของแบบฟอร์มได้ (แบบฟอร์มถูกแก้ไข)",
    "option_unmapped": "เลือกตัวเลือกที่ถูกแก้ไขข้อความในแบบฟอร์ม ซึ่งระบบยังจับคู่ไม่ได้ (รอผู้ดูแลระบบเพิ่มคำที่แก้ไข)",
}

# What is worth a follow-up but keeps the report valid and counted.
WARNINGS: Final[dict[str, str]] = {
    "phone_missing": "ไม่ได้ระบุหมายเลขโทรศัพท์",
    "phone_invalid": "หมายเลขโทรศัพท์ไม่ถูกต้อง",
    "email_invalid": "อีเมลไม่ถูกต้อง",
    "reporter_name_missing": "ไม่ได้ระบุชื่อ-นามสกุลผู้รายงาน",
    "reporter_position_missing": "ไม่ได้ระบุตำแหน่งผู้รายงาน",
    "district_unknown": "ไม่พบอำเภอนี้ในจังหวัดที่ระบุ",
    "text_truncated": "ข้อความยาวเกินกำหนดและถูกตัดให้สั้นลง",
    "unknown_problem_option": "มีตัวเลือกปัญหาที่ไม่รู้จัก (บันทึกเป็น อื่น ๆ)",
}
