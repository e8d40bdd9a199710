"""Configuration: environment variables, read when a function runs, not at import."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class FirestoreSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    google_cloud_project: str = Field(default="demo-lao-reports", alias="GOOGLE_CLOUD_PROJECT")
    # Read by the Firestore client itself; named here so that `check-form` can show it.
    firestore_emulator_host: str | None = Field(default=None, alias="FIRESTORE_EMULATOR_HOST")
    # Expected peak ~2.7 responses/s spread over shards at <=0.5 writes/s each: see README.
    counter_shards: int = Field(default=8, ge=1, le=100, alias="COUNTER_SHARDS")


class IngestSettings(FirestoreSettings):
    """Ingest and reconcile: both read the form and write responses."""

    form_id: str = Field(alias="FORM_ID", min_length=1)
    forms_api_endpoint: str | None = Field(default=None, alias="FORMS_API_ENDPOINT")
    form_mapping_ttl_seconds: int = Field(default=3600, ge=0, alias="FORM_MAPPING_TTL_SECONDS")
    # Longer than the ingest function's timeout, so only a crashed holder's lease expires.
    listing_lease_seconds: int = Field(default=600, ge=10, alias="LISTING_LEASE_SECONDS")
    mass_delete_ratio: float = Field(default=0.10, gt=0, le=1, alias="MASS_DELETE_RATIO")
