"""Fuzzing what Google sends us: any Forms response ends as a valid or invalid
response that can be stored, or as a clear quarantine; any push body ends as a
notification or a clear rejection. Never an unhandled exception."""

import string

from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from shared.adapters.documents import response_document
from shared.domain.evaluation import evaluate
from shared.domain.responses import FormResponse
from shared.domain.storage_limits import document_problem
from shared.events import FormsNotification
from tests.support import builders

MAPPING = builders.mapping()
QUESTION_IDS = list(builders.QUESTION_IDS.values())
FUZZ = settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ODD_CHARACTERS = "\u200b\u200c\u200d\ufeff\u202e\u202d\u2066\u0000\u0007\r\n\t๐๑๒๓๔๕๖๗๘๙ำ่่้ั"
texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(ODD_CHARACTERS + "กขคงจ อบต.เทศบาล" + string.ascii_letters), max_size=60),
    st.sampled_from([v for v in builders.VALID.values() if isinstance(v, str)]
                    + ["ไม่มี", "-", "", " ", "กทม.", "โคราช", "๐๘๑-๒๓๔-๕๖๗๘"]),
    st.builds(lambda n: "ก" * n, st.integers(0, 12_000)),
)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                           max_leaves=8)
answer_values = st.lists(st.one_of(st.fixed_dictionaries({"value": texts}), json_values), max_size=4)
answers = st.dictionaries(
    st.one_of(st.sampled_from(QUESTION_IDS), texts),
    st.one_of(st.builds(lambda values: {"textAnswers": {"answers": values}}, answer_values), json_values),
    max_size=14,
)
timestamps = st.one_of(
    st.datetimes(timezones=st.just(__import__("datetime").UTC)).map(lambda d: d.isoformat().replace("+00:00", "Z")),
    st.sampled_from(["2024-01-05T03:00:00Z", "2024-01-05T03:00:00.123456789Z", "2024-01-05", "", "5 มกราคม 2567"]),
    json_values,
)
# Real responses with some answers replaced by fuzz: these reach validation, not only parsing.
mutated = st.dictionaries(st.sampled_from(list(builders.VALID)), texts, max_size=4).map(builders.response)
raw_fuzz = st.fixed_dictionaries(
    {},
    optional={"responseId": st.one_of(texts, json_values), "createTime": timestamps, "lastSubmittedTime": timestamps,
              "answers": st.one_of(answers, json_values), "respondentEmail": texts, "totalScore": json_values},
)
responses = st.one_of(mutated, raw_fuzz)


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
                                          "too_deeply_nested", "id_missing"}


envelopes = st.one_of(
    json_values,
    st.fixed_dictionaries({}, optional={
        "message": st.one_of(json_values, st.fixed_dictionaries({}, optional={
            "attributes": st.one_of(json_values, st.dictionaries(
                st.sampled_from(["eventType", "formId", "watchId", "other"]), st.one_of(texts, json_values))),
            "data": json_values, "messageId": json_values, "message_id": json_values, "publishTime": json_values,
        })),
        "subscription": json_values, "deliveryAttempt": json_values,
    }),
)


@FUZZ
@given(envelopes)
def test_any_push_body_is_a_notification_or_a_clear_rejection(body):
    try:
        notification = FormsNotification.from_push(body)
    except ValidationError:
        return  # answered 400: not a push envelope of a watch message
    assert notification.event_type and notification.form_id
