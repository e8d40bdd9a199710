"""Building Forms API payloads for tests, keyed by canonical question."""

from __future__ import annotations

import itertools
from typing import Any

from shared.domain.form_mapping import FormMapping, resolve_mapping
from shared.domain.form_schema import QUESTIONS
from tools.write_form_json import canonical_form

QUESTION_IDS = {
    q.key: item["questionItem"]["question"]["questionId"]
    for q, item in zip(QUESTIONS, canonical_form()["items"][1:], strict=True)
}
_ids = itertools.count(1)

VALID = {
    "lao_name": "อบต.บ้านเหล่า",
    "lao_type": "องค์การบริหารส่วนตำบล",
    "district": "อ.เมืองขอนแก่น",
    "province": "ขอนแก่น",
    "reporting_status": "ยังไม่ได้รายงานผล",
    "problems": ["การอบรมชี้แจงมีรายละเอียดไม่ชัดเจนเพียงพอ"],
    "reporter_name": "สมชาย ใจดี",
    "reporter_position": "นักทรัพยากรบุคคล",
    "phone": "081-234-5678",
    "email": "hr@example.go.th",
}


def mapping() -> FormMapping:
    form = canonical_form()
    form["formId"] = "demo-form"
    return resolve_mapping(form)


def answers(**values: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        items = value if isinstance(value, list) else [value]
        qid = QUESTION_IDS[key]
        out[qid] = {"questionId": qid, "textAnswers": {"answers": [{"value": v} for v in items]}}
    return out


def response(
    values: dict[str, Any] | None = None, *, response_id: str | None = None,
    created: str = "2024-01-05T02:00:00.123456Z", submitted: str | None = None, **overrides: Any,
) -> dict[str, Any]:
    """A raw responses.list item: VALID, changed by ``values`` and ``overrides``."""
    merged = {**VALID, **(values or {}), **overrides}
    return {
        "responseId": response_id or f"resp-{next(_ids):05d}",
        "createTime": created,
        "lastSubmittedTime": submitted or created,
        "answers": answers(**merged),
    }
