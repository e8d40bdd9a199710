"""The Pub/Sub push request that carries a Forms watch notification, as Google sends it.

A Forms watch publishes attributes only (``eventType``, ``formId``, ``watchId``)
and no data. Pub/Sub push delivery wraps the message in an envelope
(https://cloud.google.com/pubsub/docs/push#receive_push): ``message`` with
``attributes``, ``messageId``/``message_id``, ``publishTime``/``publish_time``
and ``data`` only when the message has a payload (proto3 JSON omits an empty
field); ``subscription``; and ``deliveryAttempt`` when the subscription has a
dead-letter policy. The Pub/Sub emulator sends ``"data": ""`` instead of no
``data``: both are accepted, and tests/fixtures/google/ keeps Google's shape.
"""

from __future__ import annotations

from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from shared.domain.timestamps import Instant


class WatchAttributes(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    event_type: str = Field(alias="eventType", min_length=1)
    form_id: str = Field(alias="formId", min_length=1)
    watch_id: str = Field(default="", alias="watchId")


class PushedMessage(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    attributes: WatchAttributes
    data: str | None = None  # base64; absent on Google Cloud for an attribute-only message, "" on the emulator
    message_id: str = Field(default="", validation_alias=AliasChoices("messageId", "message_id"))
    publish_time: str | None = Field(default=None, validation_alias=AliasChoices("publishTime", "publish_time"))


class PushEnvelope(BaseModel):
    """The JSON body of one push request; anything else is not ours to handle."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    message: PushedMessage
    subscription: str | None = None
    delivery_attempt: int | None = Field(default=None, alias="deliveryAttempt")


class FormsNotification(BaseModel):
    """What a handler needs of a watch message: which form, which event."""

    model_config = ConfigDict(frozen=True)

    message_id: str = ""
    event_type: str = Field(min_length=1)
    form_id: str = Field(min_length=1)
    watch_id: str = ""
    delivery_attempt: int | None = None
    published_at: Instant | None = None  # Pub/Sub's publishTime; None when absent or unreadable

    @classmethod
    def from_push(cls, body: Any) -> FormsNotification:
        """Raises pydantic.ValidationError when ``body`` is not a push envelope of a watch message."""
        envelope = PushEnvelope.model_validate(body)
        attributes = envelope.message.attributes
        return cls(message_id=envelope.message.message_id, event_type=attributes.event_type,
                   form_id=attributes.form_id, watch_id=attributes.watch_id,
                   delivery_attempt=envelope.delivery_attempt,
                   published_at=_instant(envelope.message.publish_time))


def _instant(rfc3339: str | None) -> Instant | None:
    """Unreadable is as absent: the notification is then listed for, never skipped."""
    try:
        return Instant.parse(rfc3339) if rfc3339 else None
    except ValueError:
        return None
