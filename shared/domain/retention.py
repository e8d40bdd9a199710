"""Reporters' contacts are kept only as long as the ministry needs them (PDPA,
storage limitation): after the retention period, a response keeps everything the
counters and reports use and loses the reporter's name, phone and email, both the
normalised fields and their copies inside the stored raw answers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from shared.domain.text import clean_text

CONTACT_KEYS = ("reporter_name", "phone", "email")
# What the privacy notice on the form promises; CONTACT_RETENTION_DAYS and Terraform default to it.
DEFAULT_RETENTION_DAYS = 365
PURGED_REPORTER_FIELDS = ("name", "phone_e164", "phone_extension", "email")


def purge_cutoff(now: datetime, older_than_days: int) -> datetime:
    """Responses first submitted before this instant lose their contacts."""
    return now - timedelta(days=older_than_days)


def without_contacts(raw: dict[str, Any], contact_question_ids: set[str], contact_values: set[str]) -> dict[str, Any]:
    """``raw`` without the answers to the contact questions, nor any answer that repeats a
    contact value (a contact typed into another question, or a question id since changed)."""
    values = {clean_text(v).casefold() for v in contact_values if v}
    answers = {
        question_id: answer for question_id, answer in (raw.get("answers") or {}).items()
        if question_id not in contact_question_ids and not _repeats(answer, values)
    }
    return {**raw, "answers": answers}


def reporter_without_contacts(reporter: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in reporter.items() if key not in PURGED_REPORTER_FIELDS}


def _repeats(answer: Any, values: set[str]) -> bool:
    texts = (answer or {}).get("textAnswers", {}).get("answers", []) if isinstance(answer, dict) else []
    return any(clean_text(str(t.get("value", ""))).casefold() in values for t in texts if isinstance(t, dict))
