"""Resolving the live form's questionIds from their titles."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from shared.domain.form_schema import CODED_QUESTIONS, QUESTIONS, match_key, option_codes


class ResolvedQuestion(BaseModel):
    key: str
    question_id: str
    live_title: str
    has_other: bool = False
    missing_options: list[str] = Field(default_factory=list)  # canonical texts not on the live form
    extra_options: list[str] = Field(default_factory=list)  # live texts we have no code for


class FormMapping(BaseModel):
    """How each canonical question resolved on one revision of the live form."""

    form_id: str
    revision_id: str | None = None
    questions: dict[str, ResolvedQuestion] = Field(default_factory=dict)
    missing_required: list[str] = Field(default_factory=list)  # canonical titles
    missing_optional: list[str] = Field(default_factory=list)
    # Every question on the live form, ours or not: a response answering any other
    # question is the sign that the form changed since.
    live_question_ids: list[str] = Field(default_factory=list)
    resolved_at: datetime | None = None

    @property
    def broken(self) -> bool:
        return bool(self.missing_required)

    @property
    def unmapped_options(self) -> dict[str, list[str]]:
        """Live options of a coded question that match no code nor alias (reworded on the form)."""
        return {key: q.extra_options for key, q in self.questions.items()
                if key in CODED_QUESTIONS and q.extra_options}

    @property
    def degraded(self) -> bool:
        return bool(self.unmapped_options)

    def is_unmapped_option(self, key: str, value: str) -> bool:
        return match_key(value) in {match_key(text) for text in self.unmapped_options.get(key, [])}

    def knows_all(self, question_ids: set[str]) -> bool:
        return question_ids <= set(self.live_question_ids)


def _live_questions(form: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """match_key(title) -> (title, question) for every single question on the form.

    The first of two equal titles wins, as it does for a person reading the form.
    """
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for item in form.get("items", []):
        question = item.get("questionItem", {}).get("question")
        if question and "questionId" in question:
            found.setdefault(match_key(item.get("title")), (item.get("title", ""), question))
    return found


def _all_question_ids(form: dict[str, Any]) -> list[str]:
    ids: list[str] = []
    for item in form.get("items", []):
        if question := item.get("questionItem", {}).get("question"):
            ids.append(question.get("questionId", ""))
        ids.extend(q.get("questionId", "") for q in item.get("questionGroupItem", {}).get("questions", []))
    return [i for i in ids if i]


def resolve_mapping(form: dict[str, Any], resolved_at: datetime | None = None) -> FormMapping:
    live = _live_questions(form)
    mapping = FormMapping(
        form_id=form.get("formId", ""),
        revision_id=form.get("revisionId"),
        live_question_ids=_all_question_ids(form),
        resolved_at=resolved_at,
    )
    for canonical in QUESTIONS:
        hit = live.get(match_key(canonical.title))
        if hit is None:
            target = mapping.missing_required if canonical.required else mapping.missing_optional
            target.append(canonical.title)
            continue
        title, question = hit
        live_options = question.get("choiceQuestion", {}).get("options", [])
        live_keys = {match_key(o.get("value")) for o in live_options if not o.get("isOther")}
        codes = option_codes(canonical)
        mapping.questions[canonical.key] = ResolvedQuestion(
            key=canonical.key,
            question_id=question["questionId"],
            live_title=title,
            has_other=any(o.get("isOther") for o in live_options),
            missing_options=[canonical.options[c] for k, c in codes.items() if k not in live_keys],
            extra_options=[
                o.get("value", "")
                for o in live_options
                if not o.get("isOther") and match_key(o.get("value")) not in codes
            ],
        )
    return mapping
