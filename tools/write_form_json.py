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

PRIVACY_NOTICE_TITLE = "ประกาศความเป็นส่วนตัว (การคุ้มครองข้อมูลส่วนบุคคล)"
PRIVACY_NOTICE = (
    "วัตถุประสงค์: กระทรวงมหาดไทย โดยสำนักงาน ก.ถ. เก็บข้อมูลในแบบฟอร์มนี้เพื่อรวบรวมปัญหาและอุปสรรค"
    "ในการรายงานผลการดำเนินการตามประมวลจริยธรรมในระบบของสำนักงาน ก.พ. และเพื่อติดต่อประสานงาน"
    "แก้ไขปัญหาที่แจ้งเท่านั้น\n"
    "ฐานทางกฎหมาย: การปฏิบัติหน้าที่ในการดำเนินภารกิจเพื่อประโยชน์สาธารณะหรือการใช้อำนาจรัฐ "
    "ตามมาตรา 24 (4) แห่งพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562\n"
    "ข้อมูลส่วนบุคคลที่เก็บ: ชื่อ-นามสกุล ตำแหน่ง หมายเลขโทรศัพท์ และอีเมลที่ทำงานของผู้รายงาน\n"
    "ระยะเวลาการเก็บรักษา: เก็บข้อมูลติดต่อไว้ไม่เกิน 1 ปีนับแต่สิ้นสุดการสำรวจรอบนี้ "
    "จากนั้นจะลบหรือทำให้ไม่สามารถระบุตัวบุคคลได้\n"
    "ผู้รับข้อมูล: เจ้าหน้าที่สำนักงาน ก.ถ. ที่ได้รับมอบหมาย และสำนักงาน ก.พ. เฉพาะข้อมูลสรุปที่ไม่ระบุตัวบุคคล\n"
    "สิทธิของเจ้าของข้อมูลและการติดต่อ: ท่านมีสิทธิขอเข้าถึง แก้ไข หรือคัดค้านการประมวลผลข้อมูลของท่าน "
    "โดยติดต่อเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO) ของกระทรวงมหาดไทย ผ่านสำนักงาน ก.ถ."
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
             "description": PRIVACY_NOTICE, "textItem": {}},
            *(_question(q) for q in QUESTIONS),
        ],
    }


FORM_PATH = Path(__file__).resolve().parent.parent / "infra" / "form" / "form.json"

if __name__ == "__main__":
    FORM_PATH.write_text(json.dumps(canonical_form(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {FORM_PATH}")
