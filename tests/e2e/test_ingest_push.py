"""The ingest function as Pub/Sub push calls it on Google Cloud, in-process under
functions-framework: every envelope shape Google documents, the emulator's, and bodies
that are not envelopes at all."""

import json

import pytest
from functions_framework import create_app

from tests.support import builders
from tests.support.google_shapes import push_envelope
from tests.support.stack import FORM_ID

pytestmark = pytest.mark.e2e


@pytest.fixture
def stack(configured_stack):
    for index in range(3):
        configured_stack.state.submit(builders.response({"lao_name": f"ตำบล{index}"},
                                                        created=f"2024-01-05T03:00:0{index}Z"))
    return configured_stack


def push(body):
    app = create_app(target="ingest", source="functions/ingest/main.py", signature_type="http")
    return app.test_client().post("/", data=json.dumps(body), content_type="application/json")


def without_data(body):
    body["message"].pop("data", None)
    return body


def with_empty_data(body):
    body["message"]["data"] = ""
    return body


def attributes_only(body):
    return {"message": {"attributes": body["message"]["attributes"]}}


@pytest.mark.parametrize("reshape", [without_data, with_empty_data, attributes_only],
                         ids=["google-no-data", "emulator-empty-data", "attributes-only"])
def test_every_envelope_shape_stores_the_listed_responses(stack, reshape):
    answer = push(reshape(push_envelope(FORM_ID)))
    assert answer.status_code == 204
    assert stack.store.counters()["responses.total"] == 3


def test_a_redelivery_of_a_dead_letter_subscription_is_handled_and_logged_with_its_attempt(stack, capfd):
    answer = push(push_envelope(FORM_ID, name="pubsub-push-dead-letter-policy.json"))
    assert answer.status_code == 204
    assert stack.store.counters()["responses.total"] == 3
    handled = [json.loads(line) for line in capfd.readouterr().err.splitlines() if '"notification handled"' in line]
    assert handled[-1]["delivery_attempt"] == 5 and handled[-1]["stored"] == 3


@pytest.mark.parametrize("raw", [b"", b"{not json", b'{"message": {"data": ""}}', b'{"hello": "world"}'],
                         ids=["empty", "not-json", "no-attributes", "other-json"])
def test_a_body_that_is_not_an_envelope_is_refused_with_400_and_an_error_log(stack, capfd, raw):
    app = create_app(target="ingest", source="functions/ingest/main.py", signature_type="http")
    answer = app.test_client().post("/", data=raw, content_type="application/json")
    assert answer.status_code == 400
    assert '"severity": "ERROR", "message": "not a Pub/Sub push envelope of a Forms watch"' in capfd.readouterr().err
    assert stack.state.listings == 0


def test_a_notification_for_another_form_is_acknowledged_and_changes_nothing(stack):
    assert push(push_envelope("someone-elses-form")).status_code == 204
    assert stack.state.listings == 0


def test_a_forms_api_outage_answers_500_so_that_pubsub_redelivers(stack):
    stack.state.fail_next = [503, 503, 503]  # the client's own two retries included
    assert push(push_envelope(FORM_ID)).status_code == 500
    assert push(push_envelope(FORM_ID)).status_code == 204
    assert stack.store.counters()["responses.total"] == 3
