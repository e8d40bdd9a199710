"""How domain state looks as Firestore documents (plain dicts, readable in the console)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shared.domain.codes import INVALID_REASONS, WARNINGS
from shared.domain.counting import CountedResponse, LaoRecord, Member
from shared.domain.evaluation import Evaluation
from shared.domain.responses import FormResponse
from shared.domain.versions import StoredState

RESPONSES = "responses"
LAOS = "laos"
COUNTERS = "counters"
SYSTEM = "system"
SUMMARY_LAOS = "summary_laos"  # the reporting LAOs as of the last summaries refresh, in parts
MALFORMED = "malformed_responses"


def response_document(
    response: FormResponse, raw: dict[str, Any], evaluation: Evaluation, *, deleted: bool = False
) -> dict[str, Any]:
    created, submitted = response.created, response.submitted
    return {
        "response_id": response.response_id,
        "state": "valid" if evaluation.valid else "invalid",
        "deleted": deleted,
        "create_time": created.to_datetime(),
        "create_time_exact": created.rfc3339(),
        "last_submitted_time": submitted.to_datetime(),
        "last_submitted_exact": submitted.rfc3339(),
        "last_submitted_ns": submitted.ns,
        "submission_date": created.bangkok_date().isoformat(),
        "last_submitted_date": submitted.bangkok_date().isoformat(),
        "invalid_reasons": evaluation.invalid_reasons,
        "invalid_messages_th": [INVALID_REASONS[r] for r in evaluation.invalid_reasons],
        "warnings": evaluation.warnings,
        "warning_messages_th": [WARNINGS[w] for w in evaluation.warnings],
        "has_warnings": bool(evaluation.warnings),
        "lao_id": evaluation.lao_id,
        "lao_name": evaluation.lao_name,
        "lao_type": evaluation.lao_type,
        "district": evaluation.district,
        "province_code": evaluation.province_code,
        "province_name": evaluation.province_name,
        "reporting_status": evaluation.reporting_status,
        "problems": evaluation.problems,
        "other_problem_text": evaluation.other_problem_text,
        "problem_details": evaluation.problem_details,
        "suggestions": evaluation.suggestions,
        "reporter": evaluation.reporter.model_dump(),
        "typed": evaluation.typed,
        # Whatever the officer submitted, exactly as the Forms API gave it.
        "raw": raw,
    }


def stored_state(doc: dict[str, Any] | None) -> StoredState | None:
    """What deciding between versions needs of a stored response document."""
    if doc is None:
        return None
    return StoredState(int(doc["last_submitted_ns"]), bool(doc.get("deleted")), doc.get("state") == "invalid")


def counted_from_document(doc: dict[str, Any]) -> CountedResponse:
    return CountedResponse(
        response_id=doc["response_id"],
        submitted_ns=int(doc["last_submitted_ns"]),
        submission_date=doc["submission_date"],
        deleted=bool(doc.get("deleted")),
        valid=doc.get("state") == "valid",
        lao_id=doc.get("lao_id"),
        lao_type=doc.get("lao_type"),
        province_code=doc.get("province_code"),
        status=doc.get("reporting_status"),
        problems=tuple(doc.get("problems") or ()),
    )


def lao_from_document(lao_id: str, doc: dict[str, Any] | None) -> LaoRecord | None:
    if doc is None:
        return None
    members = {
        rid: Member(
            submitted_ns=int(m["submitted_ns"]),
            status=m["status"],
            problems=tuple(m["problems"]),
            province_code=m["province_code"],
            submission_date=m.get("submission_date", ""),  # absent from records written before it was kept
        )
        for rid, m in (doc.get("members") or {}).items()
    }
    return LaoRecord(lao_id=lao_id, lao_type=doc["lao_type"], members=members)


def members_field(record: LaoRecord) -> dict[str, dict[str, Any]]:
    """The LAO's counted reports as stored (``lao_from_document`` reads them back)."""
    return {
        rid: {
            "submitted_ns": m.submitted_ns,
            "status": m.status,
            "problems": list(m.problems),
            "province_code": m.province_code,
            "submission_date": m.submission_date,
        }
        for rid, m in record.members.items()
    }


def lao_document(record: LaoRecord, display: Evaluation | None) -> dict[str, Any]:
    """The LAO's record. ``display`` refreshes its readable fields when a member wrote it."""
    current = record.current()
    doc: dict[str, Any] = {
        "lao_id": record.lao_id,
        "lao_type": record.lao_type,
        "members": members_field(record),
        "member_count": len(record.members),
        "current_response_id": current[0] if current else None,
        "current_status": current[1].status if current else None,
        "current_problems": list(current[1].problems) if current else [],
        "current_province_code": current[1].province_code if current else None,
        "reporting": current is not None,
    }
    if display is not None:
        doc.update(
            name=display.lao_name,
            district=display.district,
            province_name=display.province_name,
        )
    return doc


def nested(delta: dict[str, int], wrap: Any) -> dict[str, Any]:
    """{"by_province.TH-10": 1} -> {"by_province": {"TH-10": wrap(1)}}."""
    tree: dict[str, Any] = {}
    for path, value in delta.items():
        head, _, tail = path.partition(".")
        if tail:
            tree.setdefault(head, {})[tail] = wrap(value)
        else:
            tree[head] = wrap(value)
    return tree


def flatten(doc: dict[str, Any]) -> dict[str, int]:
    flat: dict[str, int] = {}
    for key, value in doc.items():
        if isinstance(value, dict):
            for sub, count in value.items():
                flat[f"{key}.{sub}"] = int(count)
        elif isinstance(value, int):
            flat[key] = value
    return flat


def sum_shards(docs: Iterable[dict[str, Any]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for doc in docs:
        for key, value in flatten(doc).items():
            total[key] = total.get(key, 0) + value
    return {k: v for k, v in sorted(total.items()) if v}
