"""Writes infra/form/form.json, the canonical form, from shared.domain.form_schema.

The form's text lives in one place (the code); this file is its Forms API
`Form` resource, for creating or checking the real form. A unit test fails when
the two drift apart. Run: python tools/write_form_json.py
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from shared.domain.form_schema import QUESTIONS, CanonicalQuestion
from shared.domain.retention import DEFAULT_RETENTION_DAYS

PRIVACY_NOTICE_TITLE = "ประกาศความเป็นส่วนตัว (การคุ้มครองข้อมูลส่วนบุคคล)"
# The contact point the notice names: the ministry edits this file, then runs `make form-json`.
PRIVACY_CONTACT_PATH = Path(__file__).resolve().parent.parent / "infra" / "form" / "privacy_contact.txt"


def privacy_notice(contact: str, retention_days: int = DEFAULT_RETENTION_DAYS) -> str:
    """Section 23 of the PDPA: what is collected, why, on what basis, who receives it, how
    long it is kept (what `purge-contacts` enforces), the data subject's rights, and whom to ask."""
    return (
        "ผู้ควบคุมข้อมูลส่วนบุคคล: กระทรวงมหาดไทย โดยสำนักงานคณะกรรมการมาตรฐานการบริหารงานบุคคลส่วนท้องถิ่น "
        "(สำนักงาน ก.ถ.)\n"
        "วัตถุประสงค์: เพื่อรวบรวมปัญหาและอุปสรรคในการรายงานผลการดำเนินการตามประมวลจริยธรรมในระบบของสำนักงาน ก.พ. "
        "และรายงานให้คณะกรรมการมาตรฐานการบริหารงานบุคคลส่วนท้องถิ่น (ก.ถ.) และคณะกรรมการมาตรฐานทางจริยธรรม "
        "(ก.ม.จ.) ทราบ รวมทั้งเพื่อติดต่อประสานงานแก้ไขปัญหาที่แจ้ง\n"
        "ฐานทางกฎหมาย: การปฏิบัติหน้าที่ในการดำเนินภารกิจเพื่อประโยชน์สาธารณะหรือการใช้อำนาจรัฐ "
        "ตามมาตรา 24 (4) แห่งพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562\n"
        "ข้อมูลส่วนบุคคลที่เก็บ: ชื่อ-นามสกุล ตำแหน่ง หมายเลขโทรศัพท์ และอีเมลที่ทำงานของผู้รายงาน\n"
        "ผู้รับข้อมูล: เจ้าหน้าที่สำนักงาน ก.ถ. ที่ได้รับมอบหมาย; สำนักงาน ก.พ. เฉพาะข้อมูลของ อปท. "
        "ที่ต้องขอให้ปลดล็อกหรือแก้ไขข้อมูลในระบบของสำนักงาน ก.พ.; ก.ถ. และ ก.ม.จ. ได้รับเฉพาะรายงานสรุป"
        "ที่ไม่ระบุตัวบุคคล; Google ในฐานะผู้ประมวลผลข้อมูลส่วนบุคคล ซึ่งเก็บคำตอบในแบบฟอร์มตามเงื่อนไขของ "
        "Google Workspace และเก็บข้อมูลในระบบประมวลผลไว้ในศูนย์ข้อมูลของ Google ที่ประเทศสิงคโปร์\n"
        f"ระยะเวลาการเก็บรักษา: ชื่อ-นามสกุล หมายเลขโทรศัพท์ และอีเมลของผู้รายงานจะถูกลบออกจากระบบประมวลผล"
        f"เมื่อครบ {retention_days:,} วันนับแต่วันที่ส่งแบบรายงานครั้งแรก และข้อมูลสำรองของระบบจะหมดอายุ"
        "ภายใน 14 วันหลังจากนั้น ส่วนข้อมูลปัญหาและอุปสรรคซึ่งไม่ระบุตัวบุคคลจะเก็บไว้เพื่อการรายงาน\n"
        "สิทธิของเจ้าของข้อมูล: ท่านมีสิทธิขอเข้าถึงและขอรับสำเนาข้อมูลของท่าน ขอให้แก้ไขข้อมูลให้ถูกต้อง "
        "ขอให้ลบหรือทำลายข้อมูล ขอให้ระงับการใช้ข้อมูล และคัดค้านการประมวลผลข้อมูล "
        "ตลอดจนร้องเรียนต่อสำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล\n"
        f"ช่องทางติดต่อ: {contact}"
    )


_CHOICE_TYPES = {"radio": "RADIO", "checkbox": "CHECKBOX", "drop_down": "DROP_DOWN"}


def _stable_id(text: str) -> str:
    return f"{zlib.crc32(text.encode()):08x}"


def _question(q: CanonicalQuestion) -> dict[str, Any]:
    question: dict[str, Any] = {"questionId": _stable_id("q:" + q.key), "required": q.required}
    if q.kind in _CHOICE_TYPES:
        options: list[dict[str, Any]] = [{"value": text} for text in q.options.values()]
        if q.has_other:
            options.append({"isOther": True})
        question["choiceQuestion"] = {"type": _CHOICE_TYPES[q.kind], "options": options}
    else:
        question["textQuestion"] = {"paragraph": q.kind == "paragraph"}
    return {"itemId": _stable_id("i:" + q.key), "title": q.title, "questionItem": {"question": question}}


def canonical_form() -> dict[str, Any]:
    return {
        "formId": "canonical",
        "info": {
            "title": "แบบรายงานปัญหาและอุปสรรคในการรายงานผลการดำเนินการตามประมวลจริยธรรม",
            "documentTitle": "ปัญหาการรายงานผลประมวลจริยธรรม อปท.",
            "description": "สำหรับองค์กรปกครองส่วนท้องถิ่นทุกแห่ง (อบจ. เทศบาล อบต. กรุงเทพมหานคร และเมืองพัทยา)",
        },
        "revisionId": "canonical-1",
        "items": [
            {"itemId": _stable_id("i:privacy"), "title": PRIVACY_NOTICE_TITLE,
             "description": privacy_notice(PRIVACY_CONTACT_PATH.read_text(encoding="utf-8").strip()),
             "textItem": {}},
            *(_question(q) for q in QUESTIONS),
        ],
    }


FORM_PATH = Path(__file__).resolve().parent.parent / "infra" / "form" / "form.json"

if __name__ == "__main__":
    FORM_PATH.write_text(json.dumps(canonical_form(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {FORM_PATH}")
