"""A Forms API response as it arrives (``forms.responses.list`` items)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.domain.timestamps import Instant


class TextAnswer(BaseModel):
    value: str = ""


class TextAnswers(BaseModel):
    answers: list[TextAnswer] = Field(default_factory=list)


class Answer(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    question_id: str = Field(default="", alias="questionId")
    text_answers: TextAnswers | None = Field(default=None, alias="textAnswers")

    def values(self) -> list[str]:
        return [a.value for a in self.text_answers.answers] if self.text_answers else []


class FormResponse(BaseModel):
    """One version of a response: ``responseId`` plus ``lastSubmittedTime`` identify it."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    response_id: str = Field(alias="responseId", min_length=1)
    create_time: str = Field(alias="createTime")
    last_submitted_time: str = Field(alias="lastSubmittedTime")
    answers: dict[str, Answer] = Field(default_factory=dict)

    @field_validator("create_time", "last_submitted_time")
    @classmethod
    def _is_rfc3339(cls, value: str) -> str:
        Instant.parse(value)
        return value

    @property
    def created(self) -> Instant:
        return Instant.parse(self.create_time)

    @property
    def submitted(self) -> Instant:
        return Instant.parse(self.last_submitted_time)

    def values(self, question_id: str) -> list[str]:
        answer = self.answers.get(question_id)
        return answer.values() if answer else []

    @classmethod
    def from_api(cls, raw: dict[str, Any]) -> FormResponse:
        return cls.model_validate(raw)
