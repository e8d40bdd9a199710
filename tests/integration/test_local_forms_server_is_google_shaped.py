"""Our local Forms API answers in the shapes Google documents (tests/fixtures/google/),
and our parsing takes Google's documented shapes, not only our server's."""

import json
import urllib.error
import urllib.request

import pytest

from devstack.forms_server import FormsServer, FormsState
from devstack.local_http import google_error
from shared.domain.form_mapping import resolve_mapping
from shared.domain.responses import FormResponse
from tests.support import builders
from tests.support.google_shapes import shape
from tests.support.stack import demo_form

FORM_KEYS = {"formId", "info", "settings", "items", "revisionId", "responderUri", "linkedSheetId", "publishSettings"}
RESPONSE_KEYS = {"formId", "responseId", "createTime", "lastSubmittedTime", "respondentEmail", "answers", "totalScore"}


@pytest.fixture
def server():
    state = FormsState(demo_form())
    for index in range(3):
        state.submit(builders.response(created=f"2024-01-05T03:00:0{index}.123456789Z"))
    running = FormsServer(state).start()
    yield running
    running.stop()


def get(server, path):
    try:
        with urllib.request.urlopen(server.endpoint + path, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def test_the_documented_fixtures_use_only_documented_fields():
    assert set(shape("forms-get.json")) <= FORM_KEYS
    page = shape("responses-list-page.json")
    assert set(page) == {"responses", "nextPageToken"}
    assert all(set(item) <= RESPONSE_KEYS and "formId" not in item for item in page["responses"])


def test_a_listing_page_has_the_documented_keys_and_items_carry_no_form_id(server):
    status, page = get(server, "/v1/forms/demo-form/responses?pageSize=2")
    assert status == 200 and set(page) == set(shape("responses-list-page.json"))
    for item in page["responses"]:
        assert set(item) <= RESPONSE_KEYS and "formId" not in item


def test_the_served_form_has_only_documented_top_level_fields(server):
    status, form = get(server, "/v1/forms/demo-form")
    assert status == 200 and set(form) <= FORM_KEYS


def test_documented_responses_parse_with_their_nanosecond_and_microsecond_times():
    items = [FormResponse.from_api(raw) for raw in shape("responses-list-page.json")["responses"]]
    assert [r.submitted.ns % 1_000_000_000 for r in items] == [45_123_456, 500_987_000]
    assert items[0].values("2b3c4d5e") == ["Please call after 5pm."]


def test_a_documented_form_that_is_not_ours_resolves_as_broken_not_as_an_error():
    mapping = resolve_mapping(shape("forms-get.json"))
    assert mapping.broken and mapping.live_question_ids == ["1a2b3c4d", "2b3c4d5e"]


@pytest.mark.parametrize(("failure", "fixture"), [
    (403, "403-permission-denied"), (429, "429-resource-exhausted"), (503, "503-unavailable"),
    ("403-watch-not-found", "403-watch-not-found"),
])
def test_injected_refusals_are_googles_error_bodies(server, failure, fixture):
    server.state.fail_next = [failure]
    status, body = get(server, "/v1/forms/demo-form")
    assert body == google_error(fixture) and status == body["error"]["code"]


def test_a_responder_is_refused_everything_with_permission_denied(server):
    server.state.access = "responder"
    for path in ("/v1/forms/demo-form", "/v1/forms/demo-form/responses", "/v1/forms/demo-form/watches"):
        assert get(server, path) == (403, google_error("403-permission-denied"))
