"""Normalise and validate one response against the resolved form mapping."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, Field

from shared.domain.codes import NO_PROBLEM, OTHER_PROBLEM, PROBLEMS, SPECIAL_LAO_TYPES
from shared.domain.form_mapping import FormMapping
from shared.domain.form_schema import QUESTIONS_BY_KEY, match_key, option_codes
from shared.domain.geography import is_known_district, resolve_province, strip_district_prefix
from shared.domain.lao import lao_id, normalise_lao_name
from shared.domain.phone import parse_thai_phone
from shared.domain.responses import FormResponse
from shared.domain.text import clean_paragraph, clean_text, says_no_problem, truncate

PARAGRAPH_LIMIT = 5000


class Reporter(BaseModel):
    name: str = ""
    position: str = ""
    phone_e164: str | None = None
    phone_extension: str | None = None
    email: str | None = None


class Evaluation(BaseModel):
    """What a response says once normalised, and whether it counts.

    Invalid responses keep every field that could be normalised, so that the
    console shows what was wrong; only valid ones carry an ``lao_id``.
    """

    valid: bool
    invalid_reasons: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    lao_id: str | None = None
    lao_name: str = ""
    lao_type: str | None = None
    district: str = ""
    province_code: str | None = None
    province_name: str | None = None
    reporting_status: str | None = None
    problems: list[str] = Field(default_factory=list)
    other_problem_text: str = ""
    problem_details: str = ""
    suggestions: str = ""
    reporter: Reporter = Field(default_factory=Reporter)
    # The identifying answers as the officer typed them (cleaned, capped): what a
    # follow-up of an invalid response shows, since its normalised fields may be empty.
    typed: dict[str, str] = Field(default_factory=dict)


TYPED_KEYS = ("lao_name", "lao_type", "district", "province", "reporting_status")
TYPED_LIMIT = 200
OPTION_UNMAPPED = "option_unmapped"


def broken_mapping_evaluation() -> Evaluation:
    return Evaluation(valid=False, invalid_reasons=["form_mapping"])


class _Answers:
    """The response's answers looked up by canonical question key."""

    def __init__(self, response: FormResponse, mapping: FormMapping) -> None:
        self._response = response
        self._mapping = mapping

    def all(self, key: str) -> list[str]:
        question = self._mapping.questions.get(key)
        return self._response.values(question.question_id) if question else []

    def first(self, key: str) -> str:
        values = self.all(key)
        return clean_text(values[0]) if values else ""

    def paragraph(self, key: str) -> str:
        """A free-text answer with its line breaks."""
        values = self.all(key)
        return clean_paragraph(values[0]) if values else ""

    def has_other(self, key: str) -> bool:
        question = self._mapping.questions.get(key)
        return bool(question and question.has_other)

    def unmapped(self, key: str, value: str) -> bool:
        """A live option we have no code for: the form was reworded, not an "Other" text."""
        return self._mapping.is_unmapped_option(key, value)


def evaluate(response: FormResponse, mapping: FormMapping) -> Evaluation:
    if mapping.broken:
        return broken_mapping_evaluation()
    answers = _Answers(response, mapping)
    reasons: list[str] = []
    warnings: list[str] = []
    result = Evaluation(valid=False)
    result.typed = {key: truncate(text, TYPED_LIMIT)[0] for key in TYPED_KEYS if (text := answers.first(key))}

    result.lao_name = normalise_lao_name(answers.first("lao_name"))
    if not result.lao_name:
        reasons.append("lao_name_missing")

    result.lao_type = _choice(answers, "lao_type", reasons)
    special = result.lao_type in SPECIAL_LAO_TYPES

    province = resolve_province(answers.first("province"))
    if province is None:
        reasons.append("province_unresolved")
    else:
        result.province_code, result.province_name = province.code, province.name_th

    result.district = strip_district_prefix(answers.first("district"))
    if not result.district and not special:
        reasons.append("district_missing")
    elif result.district and province and not is_known_district(province.code, result.district):
        warnings.append("district_unknown")

    result.reporting_status = _choice(answers, "reporting_status", reasons)
    _read_problems(answers, result, warnings, reasons)
    if not result.problems and OPTION_UNMAPPED not in reasons:
        reasons.append("no_problem_selected")

    result.problem_details = _paragraph(answers.paragraph("problem_details"), warnings)
    result.suggestions = _paragraph(answers.paragraph("suggestions"), warnings)
    result.reporter = _reporter(answers, warnings)

    result.invalid_reasons = list(dict.fromkeys(reasons))
    result.warnings = list(dict.fromkeys(warnings))
    result.valid = not reasons
    if result.valid:
        assert result.lao_type and result.province_code  # guaranteed by the checks above
        result.lao_id = lao_id(result.lao_type, result.province_code, result.district, result.lao_name)
    return result


def _choice(answers: _Answers, key: str, reasons: list[str]) -> str | None:
    value = answers.first(key)
    if not value:
        reasons.append(f"{_reason_stem(key)}_missing")
        return None
    code = option_codes(QUESTIONS_BY_KEY[key]).get(match_key(value))
    if code is None:
        reasons.append(OPTION_UNMAPPED if answers.unmapped(key, value) else f"{_reason_stem(key)}_unknown")
    return code


def _reason_stem(key: str) -> str:
    return "status" if key == "reporting_status" else key


def _read_problems(answers: _Answers, result: Evaluation, warnings: list[str], reasons: list[str]) -> None:
    codes = option_codes(QUESTIONS_BY_KEY["problems"])
    chosen: set[str] = set()
    other_texts: list[str] = []
    for raw in answers.all("problems"):
        code = codes.get(match_key(raw))
        if code:
            chosen.add(code)
            continue
        if answers.unmapped("problems", raw):
            reasons.append(OPTION_UNMAPPED)  # held until an alias says which problem it is
            continue
        # A value that matches no option is the text typed into "Other".
        if not answers.has_other("problems"):
            warnings.append("unknown_problem_option")
        if text := clean_text(raw):
            other_texts.append(text)
    ordered = [code for code in PROBLEMS if code in chosen]
    if other_texts:
        result.other_problem_text = _paragraph(" ".join(other_texts), warnings)
        no_problem = all(says_no_problem(text) for text in other_texts)
        if not no_problem:
            ordered.append(OTHER_PROBLEM)
        elif not ordered:
            # "ไม่มี" alone: the LAO has answered, and has no problem to report.
            ordered.append(NO_PROBLEM)
    result.problems = ordered


def _paragraph(text: str, warnings: list[str]) -> str:
    capped, cut = truncate(text, PARAGRAPH_LIMIT)
    if cut:
        warnings.append("text_truncated")
    return capped


def _reporter(answers: _Answers, warnings: list[str]) -> Reporter:
    reporter = Reporter(name=answers.first("reporter_name"), position=answers.first("reporter_position"))
    if not reporter.name:
        warnings.append("reporter_name_missing")
    if not reporter.position:
        warnings.append("reporter_position_missing")
    phone_text = answers.first("phone")
    phone = parse_thai_phone(phone_text)
    if phone:
        reporter.phone_e164, reporter.phone_extension = phone.e164, phone.extension
    else:
        warnings.append("phone_invalid" if phone_text else "phone_missing")
    if email_text := answers.first("email"):
        try:
            checked = validate_email(email_text, check_deliverability=False)
            reporter.email = checked.normalized
        except EmailNotValidError:
            warnings.append("email_invalid")
    return reporter

