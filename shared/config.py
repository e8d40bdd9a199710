"""Configuration: environment variables, read when a function runs, not at import."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.domain.retention import DEFAULT_RETENTION_DAYS


class FirestoreSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    google_cloud_project: str = Field(default="demo-lao-reports", alias="GOOGLE_CLOUD_PROJECT")
    # Read by the Firestore client itself; named here so that `check-form` can show it.
    firestore_emulator_host: str | None = Field(default=None, alias="FIRESTORE_EMULATOR_HOST")
    # Expected peak ~2.7 responses/s spread over shards at <=0.5 writes/s each: see README.
    counter_shards: int = Field(default=8, ge=1, le=100, alias="COUNTER_SHARDS")
    # Optional: spares `doctor` a Resource Manager lookup (and names it for the local stack).
    google_cloud_project_number: str | None = Field(default=None, alias="GOOGLE_CLOUD_PROJECT_NUMBER")


class IngestSettings(FirestoreSettings):
    """Ingest and reconcile: both read the form and write responses."""

    form_id: str = Field(alias="FORM_ID", min_length=1)
    forms_api_endpoint: str | None = Field(default=None, alias="FORMS_API_ENDPOINT")
    form_mapping_ttl_seconds: int = Field(default=3600, ge=0, alias="FORM_MAPPING_TTL_SECONDS")
    # Longer than the ingest function's timeout, so only a crashed holder's lease expires.
    listing_lease_seconds: int = Field(default=600, ge=10, alias="LISTING_LEASE_SECONDS")
    mass_delete_ratio: float = Field(default=0.10, gt=0, le=1, alias="MASS_DELETE_RATIO")
    # PDPA retention: reporters' contacts are purged this long after a response's first submission.
    contact_retention_days: int = Field(default=DEFAULT_RETENTION_DAYS, ge=0, alias="CONTACT_RETENTION_DAYS")
    # Who reads the form: the forms-reader service account the form is shared with
    # (impersonated), or, as the fallback, a ministry user's OAuth refresh token.
    forms_reader_service_account: str | None = Field(default=None, alias="FORMS_READER_SERVICE_ACCOUNT")
    forms_oauth_client_id: str | None = Field(default=None, alias="FORMS_OAUTH_CLIENT_ID")
    forms_oauth_client_secret: SecretStr | None = Field(default=None, alias="FORMS_OAUTH_CLIENT_SECRET")
    forms_oauth_refresh_token: SecretStr | None = Field(default=None, alias="FORMS_OAUTH_REFRESH_TOKEN")


class DigestSettings(FirestoreSettings):
    """The digest function and `python -m shared digest`."""

    digest_sender: str = Field(default="digest@localhost", alias="DIGEST_SENDER")
    digest_recipients: str = Field(default="", alias="DIGEST_RECIPIENTS")  # comma-separated
    digest_include_contacts: bool = Field(default=False, alias="DIGEST_INCLUDE_CONTACTS")
    # The contact office: replies to the digest go there, and its footer names it.
    digest_reply_to: str | None = Field(default=None, alias="DIGEST_REPLY_TO")
    digest_contact: str = Field(default="สำนักงาน ก.ถ.", alias="DIGEST_CONTACT")
    # The form whose responses the digest links to (only its editors can open them).
    form_id: str | None = Field(default=None, alias="FORM_ID")
    gmail_api_endpoint: str | None = Field(default=None, alias="GMAIL_API_ENDPOINT")
    gmail_timeout_seconds: float = Field(default=60, gt=0, alias="GMAIL_TIMEOUT_SECONDS")
    # Only for our local Gmail server: the certificate it serves TLS with (devstack/tls.py).
    gmail_ca_certs: str | None = Field(default=None, alias="GMAIL_CA_CERTS")
    # Where OAuth tokens come from; another value only for our local token endpoint.
    oauth_token_uri: str = Field(default="https://oauth2.googleapis.com/token", alias="GOOGLE_OAUTH_TOKEN_URI")
    # "delegation": a Workspace mailbox through a service account with domain-wide
    # delegation, signed keylessly by the IAM Credentials API; "refresh_token": an
    # OAuth refresh token of the sending account, kept in Secret Manager.
    gmail_auth: Literal["delegation", "refresh_token"] = Field(default="delegation", alias="GMAIL_AUTH")
    gmail_delegation_service_account: str | None = Field(default=None, alias="GMAIL_DELEGATION_SERVICE_ACCOUNT")
    gmail_oauth_client_id: str | None = Field(default=None, alias="GMAIL_OAUTH_CLIENT_ID")
    gmail_oauth_client_secret: SecretStr | None = Field(default=None, alias="GMAIL_OAUTH_CLIENT_SECRET")
    gmail_oauth_refresh_token: SecretStr | None = Field(default=None, alias="GMAIL_OAUTH_REFRESH_TOKEN")

    @property
    def recipients(self) -> list[str]:
        return [r.strip() for r in self.digest_recipients.split(",") if r.strip()]


class WatchSettings(IngestSettings):
    """The watch renewal function and `python -m shared watch ensure`."""

    # Full name, e.g. projects/my-project/topics/forms-watch: the topic the Forms API publishes to.
    watch_topic: str = Field(alias="WATCH_TOPIC", pattern=r"^projects/[^/]+/topics/[^/]+$")
