"""Wiring: adapters built from settings, once per instance and on first use.

Settings are read each time a function runs; the Firestore and Forms clients
are created on first use and kept while the settings stay the same, which keeps
cold starts cheap and warm invocations free of set-up.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.adapters.firestore_store import FirestoreStore, firestore_client
from shared.adapters.forms_api import FormsApiGateway
from shared.config import FirestoreSettings, IngestSettings
from shared.services.mapping import MappingProvider


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


def ingest_components() -> IngestComponents:
    settings = IngestSettings()  # filled from the environment
    key = settings.model_dump_json()
    if key not in _built:
        store = FirestoreStore(firestore_client(settings.google_cloud_project), settings.counter_shards)
        forms = FormsApiGateway(settings.form_id, endpoint=settings.forms_api_endpoint)
        mappings = MappingProvider(store, forms, ttl_seconds=settings.form_mapping_ttl_seconds)
        _built[key] = IngestComponents(settings, store, forms, mappings)
    return _built[key]

