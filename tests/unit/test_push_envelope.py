"""Reading the Pub/Sub push request of a Forms watch message, in every shape it comes in."""

import pytest
from pydantic import ValidationError

from shared.domain.timestamps import Instant
from shared.events import FormsNotification
from tests.support.google_shapes import push_envelope, shape


def test_googles_attribute_only_push_without_data_is_a_notification():
    body = shape("pubsub-push-attribute-only.json")
    assert "data" not in body["message"]
    notification = FormsNotification.from_push(body)
    assert (notification.event_type, notification.form_id, notification.watch_id, notification.message_id) == (
        "RESPONSES", "18Xgmr4XQb-l0ypfCNGQoHAw2o82foMr8J0HPHdagS6g", "5d7e5690-b1ff-41ce-8afb-b469912efd7d",
        "767467004397")
    assert notification.delivery_attempt is None
    assert notification.published_at == Instant.parse("2021-03-31T01:43:57.285Z")  # the envelope's publishTime


def test_the_push_fixture_wraps_exactly_the_notification_the_forms_guide_shows():
    for event_type, name in (("RESPONSES", "forms-watch-notification.json"),
                             ("SCHEMA", "forms-watch-notification-schema.json")):
        guide = shape(name)
        pushed = push_envelope(guide["attributes"]["formId"], event_type)["message"]
        assert pushed["attributes"]["eventType"] == guide["attributes"]["eventType"] == event_type
        assert "data" not in guide and "data" not in pushed
        assert FormsNotification.from_push({"message": guide}).form_id == guide["attributes"]["formId"]


def test_googles_example_with_every_field_is_read_though_it_is_not_a_watch_message_with_its_attributes():
    body = shape("pubsub-push-documented-example.json")
    with pytest.raises(ValidationError):  # its attributes are {"key": "value"}: no formId, no eventType
        FormsNotification.from_push(body)
    body["message"]["attributes"] = {"eventType": "RESPONSES", "formId": "f1"}
    notification = FormsNotification.from_push(body)
    assert (notification.delivery_attempt, notification.message_id) == (5, "2070443601311540")


def test_the_emulators_empty_data_is_accepted_too():
    notification = FormsNotification.from_push(shape("pubsub-emulator-push.json"))
    assert (notification.form_id, notification.message_id) == ("FORM_ID", "1")


def test_a_base64_payload_is_tolerated_and_ignored():
    body = push_envelope("f1")
    body["message"]["data"] = "SGVsbG8="
    assert FormsNotification.from_push(body).form_id == "f1"


def test_the_delivery_attempt_of_a_dead_letter_subscription_is_kept():
    notification = FormsNotification.from_push(shape("pubsub-push-dead-letter-policy.json"))
    assert notification.delivery_attempt == 5


def test_attributes_alone_make_a_notification_without_ids_subscription_or_times():
    body = {"message": {"attributes": {"eventType": "SCHEMA", "formId": "f1"}}}
    notification = FormsNotification.from_push(body)
    assert (notification.event_type, notification.form_id, notification.message_id, notification.watch_id) == (
        "SCHEMA", "f1", "", "")
    assert notification.published_at is None


def test_an_unreadable_publish_time_is_taken_as_absent_so_the_notification_is_listed_for():
    body = {"message": {"attributes": {"eventType": "RESPONSES", "formId": "f1"}, "publishTime": "yesterday"}}
    assert FormsNotification.from_push(body).published_at is None


def test_snake_case_ids_are_read_as_well_as_camel_case():
    body = push_envelope("f1")
    del body["message"]["messageId"]
    assert FormsNotification.from_push(body).message_id == "767467004397"


@pytest.mark.parametrize("body", [
    None,
    "not json at all",
    [],
    {},
    {"message": {}},
    {"message": {"data": ""}},
    {"message": {"attributes": {"formId": "f1"}}},
    {"message": {"attributes": {"eventType": "RESPONSES", "formId": ""}}},
    {"message": {"attributes": "eventType=RESPONSES"}},
    {"subscription": "projects/p/subscriptions/s"},
], ids=["null", "text", "list", "empty", "no-attributes", "data-only", "no-event-type", "empty-form-id",
        "attributes-not-a-map", "no-message"])
def test_a_body_that_is_not_a_watch_push_envelope_is_rejected(body):
    with pytest.raises(ValidationError):
        FormsNotification.from_push(body)
