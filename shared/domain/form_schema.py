"""The canonical form: its questions, in order, and how live titles resolve to them.

The deployed Form already exists and its questionIds are unknown to us, so each
question is found by its title (``forms.get``), never by a hard-coded id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final, Literal

from shared.domain.codes import LAO_TYPES, PROBLEMS, REPORTING_STATUSES
from shared.domain.text import clean_text

QuestionKind = Literal["short_text", "paragraph", "radio", "checkbox", "drop_down"]


@dataclass(frozen=True)
class CanonicalQuestion:
    key: str
    title: str
    kind: QuestionKind
    required: bool
    options: dict[str, str] = field(default_factory=dict)  # code -> Thai option text
    has_other: bool = False


def _province_options() -> dict[str, str]:
    from shared.domain.geography import all_provinces

    return {p.code: p.name_th for p in all_provinces()}


QUESTIONS: Final[tuple[CanonicalQuestion, ...]] = (
    CanonicalQuestion("lao_name", "ชื่อองค์กรปกครองส่วนท้องถิ่น", "short_text", True),
    CanonicalQuestion("lao_type", "ประเภทองค์กรปกครองส่วนท้องถิ่น", "radio", True, LAO_TYPES),
    CanonicalQuestion("district", "อำเภอ", "short_text", True),
    CanonicalQuestion("province", "จังหวัด", "drop_down", True, _province_options()),
    CanonicalQuestion(
        "reporting_status",
        "สถานะการรายงานผลในระบบของสำนักงาน ก.พ.",
        "radio",
        True,
        REPORTING_STATUSES,
    ),
    CanonicalQuestion("problems", "ปัญหาและอุปสรรคที่พบ", "checkbox", True, PROBLEMS, has_other=True),
    CanonicalQuestion("problem_details", "รายละเอียดปัญหาและอุปสรรคเพิ่มเติม", "paragraph", False),
    CanonicalQuestion("suggestions", "ข้อเสนอแนะ", "paragraph", False),
    CanonicalQuestion("reporter_name", "ชื่อ-นามสกุล ผู้รายงาน", "short_text", True),
    CanonicalQuestion("reporter_position", "ตำแหน่ง", "short_text", True),
    CanonicalQuestion("phone", "หมายเลขโทรศัพท์", "short_text", True),
    CanonicalQuestion("email", "อีเมล", "short_text", False),
)
QUESTIONS_BY_KEY: Final = {q.key: q for q in QUESTIONS}

_ITEM_NUMBER = re.compile(r"^[0-9๐-๙]+\s*[.)]\s*")
_REQUIRED_MARK = re.compile(r"\s*\*+$")


def match_key(text: str | None) -> str:
    """How titles and choice values are compared: no surrounding space, no leading
    item number ("3.", "๓.", "3)"), no trailing "*", no case."""
    cleaned = _REQUIRED_MARK.sub("", clean_text(text))
    return _ITEM_NUMBER.sub("", cleaned, count=1).casefold()


# Choices whose answers are stored as codes: a live option of these that matches no
# code (someone reworded it on the form) degrades the mapping, and answers choosing
# it are held invalid ("option_unmapped") instead of silently becoming "Other".
CODED_QUESTIONS: Final = ("lao_type", "reporting_status", "problems")

# Earlier wordings of an option, per question key and code, that still mean that code.
# When someone rewords an option on the live form, add the new wording here (the old
# one stays, for responses given before), deploy, then run
# `python -m shared reconcile --reprocess-invalid`.
OPTION_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "lao_type": {},
    "reporting_status": {},
    "problems": {},
}


def option_codes(question: CanonicalQuestion) -> dict[str, str]:
    """match_key(option text or alias) -> code."""
    codes = {match_key(text): code for code, text in question.options.items()}
    for code, wordings in OPTION_ALIASES.get(question.key, {}).items():
        codes.update({match_key(text): code for text in wordings})
    return codes
