"""Wiring: adapters built from settings, once per instance and on first use.

Settings are read each time a function runs; the Firestore and Forms clients
are created on first use and kept while the settings stay the same, which keeps
cold starts cheap and warm invocations free of set-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import SecretStr

from shared.adapters.firestore_store import FirestoreStore, firestore_client
from shared.adapters.forms_api import FormsApiGateway, forms_credentials
from shared.config import FirestoreSettings, IngestSettings
from shared.services.mapping import MappingProvider

if TYPE_CHECKING:
    from shared.adapters.firestore_summaries import FirestoreSummaries


@dataclass(frozen=True)
class IngestComponents:
    settings: IngestSettings
    store: FirestoreStore
    forms: FormsApiGateway
    mappings: MappingProvider


_built: dict[str, IngestComponents] = {}
_stores: dict[str, FirestoreStore] = {}


def store_only() -> FirestoreStore:
    """For commands that read Firestore alone (stats, recount): no FORM_ID needed."""
    settings = FirestoreSettings()
    key = settings.model_dump_json()
    if key not in _stores:
        _stores[key] = FirestoreStore(firestore_client(settings.google_cloud_project), settings.counter_shards)
    return _stores[key]


def summaries_source() -> FirestoreSummaries:
    """The summaries read model's reader and writer (reconcile, roster load, the digest, the CLI)."""
    from shared.adapters.firestore_summaries import FirestoreSummaries

    return FirestoreSummaries(firestore_client(FirestoreSettings().google_cloud_project))


def ingest_components() -> IngestComponents:
    settings = IngestSettings()  # filled from the environment
    key = settings.model_dump_json()
    if key not in _built:
        store = FirestoreStore(firestore_client(settings.google_cloud_project), settings.counter_shards)
        credentials = forms_credentials(
            settings.forms_reader_service_account, settings.forms_oauth_client_id,
            _secret(settings.forms_oauth_client_secret), _secret(settings.forms_oauth_refresh_token))
        forms = FormsApiGateway(settings.form_id, endpoint=settings.forms_api_endpoint, credentials=credentials,
                                identity=forms_identity(settings))
        mappings = MappingProvider(store, forms, ttl_seconds=settings.form_mapping_ttl_seconds)
        _built[key] = IngestComponents(settings, store, forms, mappings)
    return _built[key]


def forms_identity(settings: IngestSettings) -> str:
    """Who the form must be shared with (as editor), in the words an operator acts on."""
    if settings.forms_oauth_refresh_token is not None:
        return "the Google account whose refresh token is FORMS_OAUTH_REFRESH_TOKEN"
    if settings.forms_reader_service_account:
        return settings.forms_reader_service_account
    return "the account of the Application Default Credentials"


def _secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value is not None else None
