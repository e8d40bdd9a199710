"""The Pub/Sub message a Forms watch publishes, as functions-framework hands it over."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class FormsNotification(BaseModel):
    """Attributes only (formId, watchId, eventType): a watch message carries no data."""

    model_config = ConfigDict(frozen=True)

    message_id: str = ""
    event_type: str = Field(min_length=1)
    form_id: str = Field(min_length=1)
    watch_id: str = ""

    @classmethod
    def from_cloud_event_data(cls, data: Any) -> FormsNotification:
        # Lenient on purpose: `data` may be missing or "", `subscription` present or not.
        message = (data or {}).get("message") or {}
        attributes = message.get("attributes") or {}
        return cls(
            message_id=str(message.get("messageId") or message.get("message_id") or ""),
            event_type=attributes.get("eventType", ""),
            form_id=attributes.get("formId", ""),
            watch_id=attributes.get("watchId", ""),
        )
