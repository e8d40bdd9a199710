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
# Not an option of the form: an LAO that has no problem must still tick something, so it
# writes "ไม่มี", "-", ... as the "Other" text. Counted apart, never as a problem.
NO_PROBLEM: Final = "no_problem"
NO_PROBLEM_LABEL: Final = "ไม่มีปัญหา (ระบุในช่องอื่น ๆ)"

# Why a response is invalid (stored, never counted in LAO aggregates).
INVALID_REASONS: Final[dict[str, str]] = {
    "lao_name_missing": "ไม่ได้ระบุชื่อองค์กรปกครองส่วนท้องถิ่น",
    "district_missing": "ไม่ได้ระบุอำเภอ",
    "lao_type_missing": "ไม่ได้ระบุประเภทองค์กรปกครองส่วนท้องถิ่น",
    "lao_type_unknown": "ประเภทองค์กรปกครองส่วนท้องถิ่นไม่อยู่ในตัวเลือกที่กำหนด",
    "province_unresolved": "ระบบไม่สามารถระบุจังหวัดจากข้อความที่กรอกได้",
    "status_missing": "ไม่ได้ระบุสถานะการรายงานผล",
    "status_unknown": "สถานะการรายงานผลไม่อยู่ในตัวเลือกที่กำหนด",
    "no_problem_selected": "ไม่ได้เลือกปัญหาและอุปสรรคที่พบ",
    "form_mapping": "ไม่สามารถจับคู่คำถามของแบบฟอร์มได้ (แบบฟอร์มถูกแก้ไข)",
    "option_unmapped": "เลือกตัวเลือกที่ถูกแก้ไขข้อความในแบบฟอร์ม ซึ่งระบบยังจับคู่ไม่ได้ (รอผู้ดูแลระบบเพิ่มคำที่แก้ไข)",
}

# What is worth a follow-up but keeps the report valid and counted.
WARNINGS: Final[dict[str, str]] = {
    "phone_missing": "ไม่ได้ระบุหมายเลขโทรศัพท์",
    "phone_invalid": "รูปแบบหมายเลขโทรศัพท์ไม่ถูกต้อง",
    "email_invalid": "รูปแบบอีเมลไม่ถูกต้อง",
    "reporter_name_missing": "ไม่ได้ระบุชื่อ-นามสกุลผู้รายงาน",
    "reporter_position_missing": "ไม่ได้ระบุตำแหน่งผู้รายงาน",
    "district_unknown": "ไม่พบอำเภอนี้ในจังหวัดที่ระบุ",
    "text_truncated": "ข้อความยาวเกินกำหนดและถูกตัดให้สั้นลง",
    "unknown_problem_option": "มีตัวเลือกปัญหาที่ไม่รู้จัก (บันทึกเป็น อื่น ๆ)",
}

# Short labels for charts and tables; the full option texts (PROBLEMS) appear once, as a legend.
PROBLEM_SHORT_LABELS: Final[dict[str, str]] = {
    "registration_role_unclear": "ไม่ชัดเจนว่าผู้ใดต้องลงทะเบียนเป็นหัวหน้าหรือรองหัวหน้าหน่วยงานของรัฐ",
    "cannot_edit_officer_profile": "แก้ไขข้อมูลพื้นฐานของเจ้าหน้าที่ผู้รายงานผลไม่ได้",
    "cannot_edit_after_confirm": "ยืนยันข้อมูลแล้วแก้ไขหรือเพิ่มเติมไม่ได้",
    "no_incumbent_executive": "ยังไม่มีผู้ดำรงตำแหน่งนายกหรือรองนายก อปท.",
    "kpi_ita_source_unclear": "ไม่ทราบว่าต้องใช้คะแนน KPI หรือ ITA หมวดใด",
    "coordination_unclear": "ยังไม่ได้รับหนังสือหรือการประสานงานไม่ชัดเจน",
    "training_unclear": "การอบรมชี้แจงไม่ชัดเจน",
    "too_many_forms": "ระบบรายงานมีแบบฟอร์มจำนวนมากทำให้สับสน",
    OTHER_PROBLEM: "อื่น ๆ (ตามที่ อปท. ระบุ)",
}

# The numbered items of the Ministry's letter ด่วนที่สุด ที่ มท ๐๒๐๙.๖/ว ๑๒๖๖๖, under
# which the office reports the problems to ก.ถ. and ก.ม.จ.: item -> its heading.
LETTER_REFERENCE: Final = "หนังสือกระทรวงมหาดไทย ที่ มท ๐๒๐๙.๖/ว ๑๒๖๖๖"
LETTER_DATE: Final = "๒๗ ธันวาคม ๒๕๖๖"
LETTER_ITEMS: Final[dict[int, str]] = {
    1: "การลงทะเบียนในตำแหน่งหัวหน้าและรองหัวหน้าหน่วยงานของรัฐ",
    2: "การแก้ไขข้อมูลพื้นฐานของเจ้าหน้าที่ผู้รายงานผล",
    3: "การแก้ไขข้อมูลหลังยืนยันแล้ว",
    4: "การไม่มีผู้ดำรงตำแหน่งนายกหรือรองนายก อปท.",
    5: "คะแนน KPI หรือ ITA ที่ต้องใช้ในการรายงานผล",
    6: "ปัญหาอื่น ๆ",
}
LETTER_ITEM_OF: Final[dict[str, int]] = {
    "registration_role_unclear": 1,
    "cannot_edit_officer_profile": 2,
    "cannot_edit_after_confirm": 3,
    "no_incumbent_executive": 4,
    "kpi_ita_source_unclear": 5,
    "coordination_unclear": 6,
    "training_unclear": 6,
    "too_many_forms": 6,
    OTHER_PROBLEM: 6,
}

# What the office can do about each invalid reason or warning, in one line, addressed
# to the office that reads the digest (not to the LAO).
_ASK = "ควรประสาน อปท. ให้แก้ไขแบบแจ้งปัญหาฉบับนี้"
INVALID_REMEDIES: Final[dict[str, str]] = {
    "lao_name_missing": ("ควรประสานสำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดเพื่อสอบถามว่าเป็น อปท. ใด "
                         "แล้วให้ อปท. แก้ไขแบบแจ้งปัญหาฉบับนี้โดยระบุชื่อ"),
    "district_missing": f"{_ASK} โดยระบุอำเภอ",
    "lao_type_missing": f"{_ASK} โดยเลือกประเภท อปท.",
    "lao_type_unknown": f"{_ASK} โดยเลือกประเภท อปท. จากตัวเลือก",
    "province_unresolved": f"{_ASK} โดยเลือกจังหวัดจากรายการ",
    "status_missing": f"{_ASK} โดยระบุสถานะการรายงานผล",
    "status_unknown": f"{_ASK} โดยเลือกสถานะการรายงานผลจากตัวเลือก",
    "no_problem_selected": f"{_ASK} โดยเลือกปัญหาอย่างน้อยหนึ่งข้อ",
    "form_mapping": "ไม่ต้องประสาน อปท. ผู้ดูแลระบบจะนับรวมให้เมื่อแก้ไขแบบฟอร์มแล้ว",
    "option_unmapped": "ไม่ต้องประสาน อปท. ผู้ดูแลระบบจะนับรวมให้เมื่อปรับปรุงข้อความตัวเลือกแล้ว",
}
WARNING_REMEDIES: Final[dict[str, str]] = {
    "phone_missing": "หากต้องติดต่อกลับ ให้ติดต่อผ่านหมายเลขโทรศัพท์ของ อปท.",
    "phone_invalid": "หากต้องติดต่อกลับ ให้ติดต่อผ่านหมายเลขโทรศัพท์ของ อปท.",
    "email_invalid": "หากต้องติดต่อกลับ ให้ติดต่อทางโทรศัพท์แทน",
    "reporter_name_missing": "ไม่ต้องดำเนินการ เว้นแต่ต้องติดต่อกลับ",
    "reporter_position_missing": "ไม่ต้องดำเนินการ เว้นแต่ต้องติดต่อกลับ",
    "district_unknown": "ควรสอบถามชื่ออำเภอที่ถูกต้องกับ อปท. (อาจสะกดผิดหรือเลือกจังหวัดผิด)",
    "text_truncated": "ข้อความฉบับเต็มดูได้ในแบบฟอร์ม",
    "unknown_problem_option": "ควรตรวจสอบตัวเลือกปัญหาในแบบฟอร์ม",
}
