"""Fuzzing what Google sends us: any Forms response ends as a valid or invalid
response that can be stored, or as a clear quarantine; any push body ends as a
notification or a clear rejection. Never an unhandled exception."""

from hypothesis import HealthCheck, find, given, settings
from pydantic import ValidationError

from shared.adapters.documents import response_document
from shared.domain.evaluation import evaluate
from shared.domain.responses import FormResponse
from shared.domain.storage_limits import document_problem
from shared.events import FormsNotification
from tests.support import builders
from tests.support.fuzz_strategies import envelopes, responses

MAPPING = builders.mapping()
FUZZ = settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(raw):
    try:
        response = FormResponse.from_api(raw)
    except (ValidationError, ValueError):
        return "malformed"
    return "valid" if evaluate(response, MAPPING).valid else "invalid"


def test_the_fuzz_reaches_every_outcome():
    for wanted in ("valid", "invalid", "malformed"):
        find(responses, lambda raw, wanted=wanted: outcome(raw) == wanted, settings=settings(max_examples=2000))


@FUZZ
@given(responses)
def test_any_response_is_evaluated_and_checked_for_storage_or_rejected_as_malformed(raw):
    try:
        response = FormResponse.from_api(raw)
    except (ValidationError, ValueError):
        return  # quarantined as unreadable by ingest
    evaluation = evaluate(response, MAPPING)
    assert evaluation.valid == (not evaluation.invalid_reasons)
    assert evaluation.valid == (evaluation.lao_id is not None)
    document = response_document(response, raw, evaluation)
    problem = document_problem(("responses", response.response_id), document)
    assert problem is None or problem in {"id_has_slash", "id_reserved", "id_too_long", "document_too_large",
                                          "too_deeply_nested", "id_missing", "field_name_invalid",
                                          "number_out_of_range"}


@FUZZ
@given(envelopes)
def test_any_push_body_is_a_notification_or_a_clear_rejection(body):
    try:
        notification = FormsNotification.from_push(body)
    except ValidationError:
        return  # answered 400: not a push envelope of a watch message
    assert notification.event_type and notification.form_id
